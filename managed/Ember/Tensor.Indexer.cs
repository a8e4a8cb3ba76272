using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Ember;

// PyTorch's x[...] for reading and writing. The indexers are named "Elements" in metadata because
// "Item" is PyTorch's item() method (Item<T>()).
public sealed partial class Tensor
{
    /// <summary>
    /// PyTorch's indexing, <c>x[index]</c>: an integer removes the first dim (<c>t[0]</c>, <c>t[^1]</c>),
    /// a range slices it (<c>t[1..3]</c>), a tensor indexes it (<c>t[mask]</c>, a copy). Reading
    /// gives a view except with tensor indices. Writing copies the value into the selected
    /// elements, broadcasting it (<c>t[0] = 5</c> fills, <c>t[mask] = 0.0</c> uses index_put).
    /// </summary>
    /// <param name="index">The index.</param>
    /// <returns>The selected elements: a view, or a copy for tensor indices.</returns>
    /// <exception cref="ArgumentNullException">The assigned value is null.</exception>
    /// <exception cref="EmberIndexException">The index is out of range.</exception>
    /// <exception cref="EmberShapeException">The assigned value does not broadcast to the selection.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    [IndexerName("Elements")]
    public Tensor this[TensorIndex index]
    {
        get => GetItem(new ReadOnlySpan<TensorIndex>(in index));
        set => SetItem(new ReadOnlySpan<TensorIndex>(in index), value);
    }

    /// <summary>
    /// PyTorch's indexing with several entries, <c>x[i, j, ...]</c>: integers, ranges, tensors,
    /// <see cref="TensorIndex.Ellipsis"/>, <see cref="TensorIndex.NewAxis"/> and
    /// <see cref="TensorIndex.Slice"/> (<c>t[.., 0]</c>, <c>t[TensorIndex.Ellipsis, 1..]</c>).
    /// See <see cref="this[TensorIndex]"/> for reading and writing.
    /// </summary>
    /// <param name="indices">The entries, one per dim (or fewer).</param>
    /// <returns>The selected elements: a view, or a copy when an entry is a tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> or the assigned value is null.</exception>
    /// <exception cref="EmberIndexException">An index is out of range, there are more entries than dims, or two ellipses.</exception>
    /// <exception cref="EmberShapeException">The assigned value does not broadcast to the selection.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    [IndexerName("Elements")]
    public Tensor this[params TensorIndex[] indices]
    {
        get => GetItem(IndicesArgument(indices));
        set => SetItem(IndicesArgument(indices), value);
    }

    /// <summary>
    /// PyTorch's indexing written as Python text: <c>t["..., 1:3, ::2"]</c>, <c>t[":, None, -1"]</c>
    /// (see <see cref="TensorIndex.Parse"/>). See <see cref="this[TensorIndex]"/> for reading and writing.
    /// </summary>
    /// <param name="indices">The index expression.</param>
    /// <returns>The selected elements, a view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> or the assigned value is null.</exception>
    /// <exception cref="FormatException"><paramref name="indices"/> is not an index expression.</exception>
    /// <exception cref="EmberIndexException">An index is out of range, or there are more entries than dims.</exception>
    /// <exception cref="EmberShapeException">The assigned value does not broadcast to the selection.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    [IndexerName("Elements")]
    public Tensor this[string indices]
    {
        get => GetItem(TensorIndex.Parse(indices));
        set => SetItem(TensorIndex.Parse(indices), value);
    }

    private static ReadOnlySpan<TensorIndex> IndicesArgument(TensorIndex[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return indices;
    }

    private Tensor GetItem(ReadOnlySpan<TensorIndex> indices)
    {
        Tensor view = BasicIndex(indices, out List<Tensor?>? advanced);
        if (advanced is null)
        {
            return ReferenceEquals(view, this) ? Alias() : view;
        }

        try
        {
            return view.Index(advanced.ToArray());
        }
        finally
        {
            if (!ReferenceEquals(view, this))
            {
                view.Dispose();
            }
        }
    }

    private void SetItem(ReadOnlySpan<TensorIndex> indices, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Tensor view = BasicIndex(indices, out List<Tensor?>? advanced);
        Tensor? temporary = null;
        try
        {
            if (advanced is not null)
            {
                // As in PyTorch, a number is converted to the destination's dtype first (index_put
                // itself requires matching dtypes).
                if (value.IsPendingScalar)
                {
                    temporary = ScalarTensor(value.PendingScalar, view.DType, view.Device);
                    value = temporary;
                }

                view.IndexPut(advanced.ToArray().AsSpan(), value, accumulate: false, view);
                return;
            }

            // PyTorch drops leading size-1 dims of the value, so t[0] = ones(1, 3) works for t of shape [2, 3].
            Tensor source = value;
            if (!value.IsPendingScalar && value.Dim > view.Dim)
            {
                temporary = StripLeadingOnes(value);
                source = temporary;
            }

            view.Copy_(source);
        }
        finally
        {
            temporary?.Dispose();
            if (!ReferenceEquals(view, this))
            {
                view.Dispose();
            }
        }
    }

    /// <summary>
    /// The views of PyTorch's applySlicing: integers select, slices slice, None unsqueezes, the
    /// ellipsis skips dims; tensor entries are collected (by the dim they apply to) for
    /// advanced indexing. Returns this tensor itself when no view was needed.
    /// </summary>
    private Tensor BasicIndex(ReadOnlySpan<TensorIndex> indices, out List<Tensor?>? advanced)
    {
        int rank = Dim;
        int specified = 0;
        bool sawEllipsis = false;
        foreach (TensorIndex index in indices)
        {
            switch (index.Kind)
            {
                case TensorIndexKind.Single:
                case TensorIndexKind.Slice:
                    specified++;
                    break;
                case TensorIndexKind.Tensor:
                    Tensor t = index.Tensor!;
                    specified += t.DType is DType.Bool or DType.UInt8 ? t.Dim : 1;
                    break;
                case TensorIndexKind.Ellipsis:
                    if (sawEllipsis)
                    {
                        throw new EmberIndexException("an index can only have a single ellipsis ('...')");
                    }

                    sawEllipsis = true;
                    break;
            }
        }

        if (specified > rank)
        {
            throw new EmberIndexException($"too many indices for tensor of dimension {rank}");
        }

        advanced = null;
        Tensor current = this;
        int dim = 0;
        try
        {
            foreach (TensorIndex index in indices)
            {
                Tensor? next = null;
                switch (index.Kind)
                {
                    case TensorIndexKind.Single:
                        next = SelectForIndexing(current, dim, index.Index);
                        break;
                    case TensorIndexKind.Slice:
                        if (!index.IsFullSlice)
                        {
                            next = current.Slice(dim, index.SliceStart, index.Stop, index.Step);
                        }

                        dim++;
                        break;
                    case TensorIndexKind.NewAxis:
                        next = current.Unsqueeze(dim);
                        dim++;
                        break;
                    case TensorIndexKind.Ellipsis:
                        dim += rank - specified;
                        break;
                    case TensorIndexKind.Tensor:
                        advanced ??= new List<Tensor?>();
                        while (advanced.Count < dim)
                        {
                            advanced.Add(null);
                        }

                        advanced.Add(index.Tensor);
                        dim++;
                        break;
                }

                if (next is not null)
                {
                    if (!ReferenceEquals(current, this))
                    {
                        current.Dispose();
                    }

                    current = next;
                }
            }

            return current;
        }
        catch
        {
            if (!ReferenceEquals(current, this))
            {
                current.Dispose();
            }

            throw;
        }
    }

    /// <summary>select() with the message PyTorch's indexing gives for an index out of range.</summary>
    private static Tensor SelectForIndexing(Tensor tensor, int dim, long index)
    {
        try
        {
            return tensor.Select(dim, index);
        }
        catch (EmberIndexException)
        {
            long size = tensor.Size(dim);
            if (index < -size || index >= size)
            {
                throw new EmberIndexException($"index {index} is out of bounds for dimension {dim} with size {size}");
            }

            throw;
        }
    }

    private static Tensor StripLeadingOnes(Tensor value)
    {
        TensorShape shape = value.Shape;
        int skip = 0;
        while (skip < shape.Count && shape[skip] == 1)
        {
            skip++;
        }

        return value.View(shape.AsSpan()[skip..]);
    }
}
