using System;
using System.Collections.Generic;

namespace Ember.Data;

/// <summary>
/// Samples are slices along dim 0 of several tensors of equal first size
/// (<c>torch.utils.data.TensorDataset</c>): sample i is <c>{ t0[i], t1[i], ... }</c>.
/// </summary>
/// <remarks>
/// The data set holds its own reference to each tensor (sharing their memory), so the caller may
/// dispose the tensors it passed; dispose the data set to release its references. Samples are views
/// into the tensors: do not modify them in place unless you mean to change the data set.
/// <see cref="GetBatch"/> copies the rows of a batch with one <c>index_select</c> per tensor.
/// </remarks>
public class TensorDataset : Dataset<Tensor[]>, IBatchDataset<Tensor[]>, IDisposable
{
    private readonly Tensor[] tensors;

    /// <summary>Creates the data set.</summary>
    /// <param name="tensors">At least one tensor; all have at least one dim and the same size of dim 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">No tensors, a 0-dim tensor, or sizes of dim 0 that differ.</exception>
    public TensorDataset(params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0)
        {
            throw new ArgumentException("TensorDataset needs at least one tensor.", nameof(tensors));
        }

        long count = -1;
        foreach (Tensor t in tensors)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(tensors));
            if (t.Dim == 0)
            {
                throw new ArgumentException("TensorDataset tensors need at least one dim (the sample dim).", nameof(tensors));
            }

            if (count >= 0 && t.Size(0) != count)
            {
                throw new ArgumentException($"Size mismatch between tensors: dim 0 is {count} and {t.Size(0)}.", nameof(tensors));
            }

            count = t.Size(0);
        }

        this.tensors = new Tensor[tensors.Length];
        for (int i = 0; i < tensors.Length; i++)
        {
            // An alias of our own, outside every dispose scope: the data set lives as long as it is used.
            this.tensors[i] = tensors[i].Alias().DetachFromDisposeScope();
        }

        Count = count;
    }

    /// <summary>The tensors (the data set's own references; do not dispose them).</summary>
    public IReadOnlyList<Tensor> Tensors => tensors;

    /// <inheritdoc/>
    public override long Count { get; }

    /// <summary>Sample <paramref name="index"/>: a view of row <paramref name="index"/> of each tensor.</summary>
    /// <param name="index">An index in [0, <see cref="Count"/>).</param>
    /// <returns>New tensors (views) that the caller disposes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The data set was disposed.</exception>
    public override Tensor[] GetItem(long index)
    {
        CheckIndex(index, Count);
        var result = new Tensor[tensors.Length];
        for (int i = 0; i < tensors.Length; i++)
        {
            result[i] = tensors[i].Select(0, index);
        }

        return result;
    }

    /// <summary>The rows at <paramref name="indices"/> of each tensor: one <c>index_select</c> along dim 0 per tensor.</summary>
    /// <param name="indices">Indices in [0, <see cref="Count"/>).</param>
    /// <returns>New tensors (copies) whose dim 0 has <c>indices.Length</c> entries; the caller disposes them.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The data set was disposed.</exception>
    public Tensor[] GetBatch(ReadOnlySpan<long> indices)
    {
        foreach (long i in indices)
        {
            CheckIndex(i, Count);
        }

        using Tensor index = Tensor.From(indices);
        var result = new Tensor[tensors.Length];
        for (int i = 0; i < tensors.Length; i++)
        {
            result[i] = tensors[i].IndexSelect(0, index);
        }

        return result;
    }

    /// <summary>Releases the data set's references to its tensors.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the tensors (derived classes add their own resources).</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (Tensor t in tensors)
            {
                t.Dispose();
            }
        }
    }
}
