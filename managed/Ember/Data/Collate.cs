using System;
using System.Collections.Generic;

namespace Ember.Data;

/// <summary>
/// The default collate functions (<c>default_collate</c>): stack the samples' tensors along a new
/// dim 0, position by position for arrays and tuples of tensors.
/// </summary>
public static class Collate
{
    /// <summary>Stacks tensor samples.</summary>
    /// <param name="samples">Samples of equal shape and dtype (at least one).</param>
    /// <returns>A tensor with a new dim 0 of <c>samples.Count</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="samples"/> is empty.</exception>
    /// <exception cref="EmberShapeException">The samples' shapes differ.</exception>
    public static Tensor Stack(IReadOnlyList<Tensor> samples)
    {
        CheckNotEmpty(samples);
        return Tensor.Stack(samples);
    }

    /// <summary>Stacks samples that are arrays of tensors: element i of the batch stacks element i of every sample.</summary>
    /// <param name="samples">Samples with the same number of tensors (at least one sample).</param>
    /// <returns>One stacked tensor per element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> is null.</exception>
    /// <exception cref="ArgumentException">No samples, or samples with different numbers of tensors.</exception>
    /// <exception cref="EmberShapeException">The shapes at one position differ.</exception>
    public static Tensor[] Stack(IReadOnlyList<Tensor[]> samples)
    {
        CheckNotEmpty(samples);
        int width = samples[0].Length;
        var column = new Tensor[samples.Count];
        var result = new Tensor[width];
        for (int e = 0; e < width; e++)
        {
            for (int s = 0; s < samples.Count; s++)
            {
                if (samples[s].Length != width)
                {
                    throw new ArgumentException($"Each sample must have the same number of tensors: sample 0 has {width}, sample {s} has {samples[s].Length}.", nameof(samples));
                }

                column[s] = samples[s][e];
            }

            result[e] = Tensor.Stack(column);
        }

        return result;
    }

    /// <summary>Stacks (input, target) samples position by position.</summary>
    /// <param name="samples">The samples (at least one).</param>
    /// <returns>The stacked inputs and targets.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="samples"/> is empty.</exception>
    public static (Tensor, Tensor) Stack(IReadOnlyList<(Tensor, Tensor)> samples)
    {
        CheckNotEmpty(samples);
        var a = new Tensor[samples.Count];
        var b = new Tensor[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            (a[i], b[i]) = samples[i];
        }

        return (Tensor.Stack(a), Tensor.Stack(b));
    }

    /// <summary>Stacks (input, label) samples: the labels become an int64 tensor, as PyTorch collates Python ints.</summary>
    /// <param name="samples">The samples (at least one).</param>
    /// <returns>The stacked inputs and a 1-D int64 tensor of labels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="samples"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="samples"/> is empty.</exception>
    public static (Tensor, Tensor) Stack(IReadOnlyList<(Tensor, long)> samples)
    {
        CheckNotEmpty(samples);
        var a = new Tensor[samples.Count];
        var labels = new long[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            (a[i], labels[i]) = samples[i];
        }

        return (Tensor.Stack(a), Tensor.From(labels));
    }

    private static void CheckNotEmpty<T>(IReadOnlyList<T> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("Cannot collate an empty batch.", nameof(samples));
        }
    }
}
