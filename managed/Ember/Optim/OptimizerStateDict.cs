using System;
using System.Collections.Generic;

namespace Ember.Optim;

/// <summary>
/// An optimizer's state (<c>optimizer.state_dict()</c>): the per-parameter state tensors, named
/// <c>state.{index}.{name}</c> with parameters numbered in group order as PyTorch numbers them
/// (e.g. <c>state.0.exp_avg</c>), and a JSON document with the optimizer's name, each group's
/// options, parameter indices, step counts and initial learning rate. Both halves go into a
/// safetensors file as they are (tensors and metadata), which is what <c>Ember.IO.Checkpoint</c> does.
/// </summary>
/// <remarks>The tensors are the caller's (copies of the optimizer's state): dispose them, or dispose this.</remarks>
public sealed class OptimizerStateDict : IDisposable
{
    /// <summary>Wraps the two halves of a state (for example, read back from a file).</summary>
    /// <param name="tensors">The state tensors by name.</param>
    /// <param name="json">The JSON document.</param>
    public OptimizerStateDict(IReadOnlyDictionary<string, Tensor> tensors, string json)
    {
        Tensors = tensors ?? throw new ArgumentNullException(nameof(tensors));
        Json = json ?? throw new ArgumentNullException(nameof(json));
    }

    /// <summary>The state tensors by name (<c>state.{index}.{name}</c>).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>The optimizer name, groups, options and step counts, as JSON.</summary>
    public string Json { get; }

    /// <summary>Disposes the tensors.</summary>
    public void Dispose()
    {
        foreach (Tensor t in Tensors.Values) t.Dispose();
    }
}
