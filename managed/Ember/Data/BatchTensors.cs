using System.Collections;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Ember.Data;

/// <summary>
/// Finds the tensors inside a batch or sample: a <see cref="Tensor"/>, tuples (any
/// <see cref="ITuple"/>) and collections (<see cref="IEnumerable"/>) of them, nested. Used by the
/// loader to hand a batch's tensors to the consumer, and by consumers to dispose a batch.
/// </summary>
public static class BatchTensors
{
    /// <summary>The tensors inside <paramref name="batch"/>, depth first.</summary>
    /// <param name="batch">A tensor, a tuple or collection of tensors (nested), or null.</param>
    /// <returns>The tensors (empty for null or a value holding none).</returns>
    public static List<Tensor> Of(object? batch)
    {
        var result = new List<Tensor>();
        Collect(batch, result);
        return result;
    }

    /// <summary>Disposes every tensor inside <paramref name="batch"/> (see <see cref="Of"/>).</summary>
    /// <param name="batch">The batch.</param>
    public static void Dispose(object? batch)
    {
        foreach (Tensor t in Of(batch))
        {
            t.Dispose();
        }
    }

    private static void Collect(object? value, List<Tensor> into)
    {
        switch (value)
        {
            case null:
            case string:
                return;
            case Tensor t:
                into.Add(t);
                return;
            case ITuple tuple:
                for (int i = 0; i < tuple.Length; i++)
                {
                    Collect(tuple[i], into);
                }

                return;
            case IEnumerable items:
                foreach (object? item in items)
                {
                    Collect(item, into);
                }

                return;
        }
    }
}
