namespace Ember.NN;

/// <summary>How a loss reduces its per-element values (PyTorch's <c>reduction</c> argument).</summary>
public enum Reduction
{
    /// <summary>No reduction: one loss value per element (or per sample).</summary>
    None = 0,

    /// <summary>The mean; weighted class losses divide by the sum of the weights used.</summary>
    Mean = 1,

    /// <summary>The sum.</summary>
    Sum = 2,
}
