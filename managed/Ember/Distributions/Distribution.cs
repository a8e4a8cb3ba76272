using System;

namespace Ember.Distributions;

/// <summary>
/// A probability distribution over tensors (<c>torch.distributions.Distribution</c>): a batch of
/// independent distributions of shape <see cref="BatchShape"/>, each over values of shape
/// <see cref="EventShape"/>.
/// </summary>
/// <remarks>
/// A distribution holds tensors derived from its parameters (broadcast or normalized); they are
/// created in the constructor, so the current <see cref="DisposeScope"/> owns them like any other
/// result, and <see cref="Dispose()"/> frees them at once. Tensors returned by the methods belong to
/// the caller, except the parameter properties, which belong to the distribution.
/// </remarks>
public abstract class Distribution : IDisposable
{
    /// <summary>Initializes the shapes.</summary>
    /// <param name="batchShape">The batch shape.</param>
    /// <param name="eventShape">The event shape.</param>
    /// <param name="validateArgs">Whether parameters and values are checked.</param>
    protected Distribution(TensorShape batchShape, TensorShape eventShape, bool validateArgs)
    {
        BatchShape = batchShape;
        EventShape = eventShape;
        ValidateArgs = validateArgs;
    }

    /// <summary>The shape of the batch of distributions.</summary>
    public TensorShape BatchShape { get; }

    /// <summary>The shape of one value (empty for scalar distributions).</summary>
    public TensorShape EventShape { get; }

    /// <summary>Whether parameters and values are checked (PyTorch's <c>validate_args</c>, on by default).</summary>
    public bool ValidateArgs { get; }

    /// <summary>Draws values of shape <c>sampleShape + BatchShape + EventShape</c>, without gradient.</summary>
    /// <param name="sampleShape">The sample shape (default: one value per distribution).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The values.</returns>
    public abstract Tensor Sample(ReadOnlySpan<long> sampleShape = default, Generator? generator = null);

    /// <summary>The log of the probability (density or mass) of <paramref name="value"/>.</summary>
    /// <param name="value">Values broadcastable to <c>BatchShape + EventShape</c>.</param>
    /// <returns>The log probabilities.</returns>
    public abstract Tensor LogProb(Tensor value);

    /// <summary>The entropy of each distribution of the batch (shape <see cref="BatchShape"/>).</summary>
    /// <returns>The entropies, in nats.</returns>
    public abstract Tensor Entropy();

    /// <summary>Frees the distribution's tensors.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the tensors the distribution holds.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);

    /// <summary><paramref name="sampleShape"/> followed by <see cref="BatchShape"/> and <see cref="EventShape"/>.</summary>
    /// <param name="sampleShape">The sample shape.</param>
    /// <returns>The full shape.</returns>
    protected long[] ExtendedShape(ReadOnlySpan<long> sampleShape)
    {
        foreach (long s in sampleShape)
        {
            if (s < 0)
            {
                throw new ArgumentException($"Sample shape sizes must be non-negative; got {s}.", nameof(sampleShape));
            }
        }

        var result = new long[sampleShape.Length + BatchShape.Rank + EventShape.Rank];
        sampleShape.CopyTo(result);
        BatchShape.ToArray().CopyTo(result, sampleShape.Length);
        EventShape.ToArray().CopyTo(result, sampleShape.Length + BatchShape.Rank);
        return result;
    }

    /// <summary>Throws unless <paramref name="value"/> broadcasts with <c>BatchShape + EventShape</c>.</summary>
    /// <param name="value">The value.</param>
    protected void CheckValueShape(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Multinomial.BroadcastShapes(value.Shape, ExtendedShape(default), $"{GetType().Name}: the value does not broadcast with the batch and event shape");
    }
}
