using System;
using Ember.Native;

namespace Ember;

/// <summary>
/// How <see cref="Tensor.Scatter(int, Tensor, Tensor, ScatterReduction)"/> and
/// <see cref="Tensor.Scatter_(int, Tensor, Tensor, ScatterReduction)"/> combine values that land on the same element.
/// </summary>
public enum ScatterReduction
{
    /// <summary>Adds the scattered values to the existing ones (<c>reduce="add"</c>).</summary>
    Add = 1,

    /// <summary>Multiplies the existing values by the scattered ones (<c>reduce="multiply"</c>).</summary>
    Multiply = 2,
}

// Gathering, scattering and advanced indexing; repeat, flip, roll, triangles.
public sealed partial class Tensor
{
    /// <summary>The entries at <paramref name="index"/> along <paramref name="dim"/> (<c>torch.index_select</c>).</summary>
    /// <param name="dim">The dim to index.</param>
    /// <param name="index">A 1-D int64 or int32 tensor of indices.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="index"/> is null.</exception>
    /// <exception cref="EmberIndexException">An index or the dim is out of range.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="index"/> is not an integer tensor.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor IndexSelect(int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_index_select(Handle, dim, index.Handle, &result));
        GC.KeepAlive(this);
        GC.KeepAlive(index);
        return FromResult(result);
    }

    /// <summary>out[i][j] = x[index[i][j]][j] for dim 0, and so on (<c>torch.gather</c>).</summary>
    /// <param name="dim">The dim to index.</param>
    /// <param name="index">An int64 tensor with this tensor's rank.</param>
    /// <returns>A new tensor of <paramref name="index"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="index"/> is null.</exception>
    /// <exception cref="EmberIndexException">An index or the dim is out of range.</exception>
    /// <exception cref="EmberShapeException">The ranks differ or <paramref name="index"/> is too large.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor Gather(int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_gather(Handle, dim, index.Handle, &result));
        GC.KeepAlive(this);
        GC.KeepAlive(index);
        return FromResult(result);
    }

    /// <summary>A copy of this tensor with <paramref name="source"/>'s values written at <paramref name="index"/> along <paramref name="dim"/> (<c>torch.scatter</c>).</summary>
    /// <param name="dim">The dim to index.</param>
    /// <param name="index">An int64 tensor with this tensor's rank.</param>
    /// <param name="source">The values, at least as large as <paramref name="index"/>.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor argument is null.</exception>
    /// <exception cref="EmberIndexException">An index or the dim is out of range.</exception>
    /// <exception cref="EmberShapeException">The shapes do not fit.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Scatter(int dim, Tensor index, Tensor source) => Scatter(dim, index, source, EmberScatterReduce.Assign, null);

    /// <summary>A copy of this tensor with <paramref name="source"/>'s values combined at <paramref name="index"/> (<c>torch.scatter(..., reduce=)</c>).</summary>
    /// <param name="dim">The dim to index.</param>
    /// <param name="index">An int64 tensor with this tensor's rank.</param>
    /// <param name="source">The values, at least as large as <paramref name="index"/>.</param>
    /// <param name="reduce">How values are combined with the existing ones.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor argument is null.</exception>
    /// <exception cref="EmberIndexException">An index or the dim is out of range.</exception>
    /// <exception cref="EmberShapeException">The shapes do not fit.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Scatter(int dim, Tensor index, Tensor source, ScatterReduction reduce) => Scatter(dim, index, source, (EmberScatterReduce)(int)reduce, null);

    /// <summary>Writes <paramref name="source"/>'s values into this tensor at <paramref name="index"/> along <paramref name="dim"/> (<c>scatter_</c>).</summary>
    /// <param name="dim">The dim to index.</param>
    /// <param name="index">An int64 tensor with this tensor's rank.</param>
    /// <param name="source">The values, at least as large as <paramref name="index"/>.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor argument is null.</exception>
    /// <exception cref="EmberIndexException">An index or the dim is out of range.</exception>
    /// <exception cref="EmberShapeException">The shapes do not fit.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Scatter_(int dim, Tensor index, Tensor source) => Scatter(dim, index, source, EmberScatterReduce.Assign, this);

    /// <summary>
    /// Combines <paramref name="source"/>'s values into this tensor at <paramref name="index"/> along
    /// <paramref name="dim"/>, in place (<c>scatter_(dim, index, src, reduce=)</c>).
    /// </summary>
    /// <param name="dim">The dim to index.</param>
    /// <param name="index">An int64 tensor with this tensor's rank.</param>
    /// <param name="source">The values, at least as large as <paramref name="index"/>.</param>
    /// <param name="reduce">How values are combined with the existing ones.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor argument is null.</exception>
    /// <exception cref="EmberIndexException">An index or the dim is out of range.</exception>
    /// <exception cref="EmberShapeException">The shapes do not fit.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="source"/>'s dtype differs from this tensor's.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="reduce"/> is not a <see cref="ScatterReduction"/> value.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Scatter_(int dim, Tensor index, Tensor source, ScatterReduction reduce) => Scatter(dim, index, source, (EmberScatterReduce)(int)reduce, this);

    /// <summary>A copy of this tensor with <paramref name="source"/>'s values added at <paramref name="index"/> along <paramref name="dim"/> (<c>torch.scatter_add</c>).</summary>
    /// <param name="dim">The dim to index.</param>
    /// <param name="index">An int64 tensor with this tensor's rank.</param>
    /// <param name="source">The values, at least as large as <paramref name="index"/>.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor argument is null.</exception>
    /// <exception cref="EmberIndexException">An index or the dim is out of range.</exception>
    /// <exception cref="EmberShapeException">The shapes do not fit.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor ScatterAdd(int dim, Tensor index, Tensor source) => Scatter(dim, index, source, EmberScatterReduce.Add, null);

    /// <summary>Adds <paramref name="source"/>'s values into this tensor at <paramref name="index"/> along <paramref name="dim"/> (<c>scatter_add_</c>).</summary>
    /// <param name="dim">The dim to index.</param>
    /// <param name="index">An int64 tensor with this tensor's rank.</param>
    /// <param name="source">The values, at least as large as <paramref name="index"/>.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor argument is null.</exception>
    /// <exception cref="EmberIndexException">An index or the dim is out of range.</exception>
    /// <exception cref="EmberShapeException">The shapes do not fit.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor ScatterAdd_(int dim, Tensor index, Tensor source) => Scatter(dim, index, source, EmberScatterReduce.Add, this);

    /// <summary>
    /// Advanced indexing <c>x[i0, i1, ...]</c> with index tensors (<c>torch.Tensor.__getitem__</c> with
    /// tensors; ATen's <c>index</c>): one entry per leading dim, an integer or bool tensor, or null
    /// for a full slice. The indexed dims land where PyTorch puts them. Always a copy.
    /// </summary>
    /// <param name="indices">The index tensors (null entries: the whole dim).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> is null.</exception>
    /// <exception cref="EmberIndexException">An index is out of range, or there are more indices than dims.</exception>
    /// <exception cref="EmberShapeException">The index tensors do not broadcast together.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor Index(params Tensor?[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        Span<EmberTensor> handles = indices.Length <= 16 ? stackalloc EmberTensor[indices.Length] : new EmberTensor[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            handles[i] = indices[i] is Tensor t ? t.Handle : default;
        }

        EmberTensor result = default;
        fixed (EmberTensor* h = handles)
        {
            NativeStatus.Check(NativeMethods.ember_index(Handle, h, (nuint)handles.Length, &result));
        }

        GC.KeepAlive(this);
        GC.KeepAlive(indices);
        return FromResult(result);
    }

    /// <summary>A copy of this tensor with <c>x[indices] = values</c> (or <c>+=</c> with <paramref name="accumulate"/>) (<c>torch.index_put</c>).</summary>
    /// <param name="indices">The index tensors, as for <see cref="Index"/>.</param>
    /// <param name="values">The values; they broadcast to the indexed shape (a number converts implicitly).</param>
    /// <param name="accumulate">Whether to add to the existing values (duplicates add up) instead of assigning.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> or <paramref name="values"/> is null.</exception>
    /// <exception cref="EmberIndexException">An index is out of range.</exception>
    /// <exception cref="EmberShapeException">The values do not broadcast to the indexed shape.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor IndexPut(Tensor?[] indices, Tensor values, bool accumulate = false) => IndexPut(indices, values, accumulate, null);

    /// <summary>In place: <c>x[indices] = values</c> (or <c>+=</c> with <paramref name="accumulate"/>) (<c>index_put_</c>).</summary>
    /// <param name="indices">The index tensors, as for <see cref="Index"/>.</param>
    /// <param name="values">The values; they broadcast to the indexed shape (a number converts implicitly).</param>
    /// <param name="accumulate">Whether to add to the existing values (duplicates add up) instead of assigning.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> or <paramref name="values"/> is null.</exception>
    /// <exception cref="EmberIndexException">An index is out of range.</exception>
    /// <exception cref="EmberShapeException">The values do not broadcast to the indexed shape.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor IndexPut_(Tensor?[] indices, Tensor values, bool accumulate = false) => IndexPut(indices, values, accumulate, this);

    /// <summary>The elements where the (broadcast) bool <paramref name="mask"/> is true, as a 1-D tensor (<c>torch.masked_select</c>).</summary>
    /// <param name="mask">A bool tensor that broadcasts with this tensor.</param>
    /// <returns>A new 1-D tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="mask"/> is not bool.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor MaskedSelect(Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_masked_select(Handle, mask.Handle, &result));
        GC.KeepAlive(this);
        GC.KeepAlive(mask);
        return FromResult(result);
    }

    /// <summary>The indices of the nonzero elements (<c>torch.nonzero</c>), one row per element.</summary>
    /// <returns>A new int64 tensor of shape [count, Dim].</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Nonzero()
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_nonzero(Handle, &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>The elements of the flattened tensor at <paramref name="index"/>, in the index's shape (<c>torch.take</c>).</summary>
    /// <param name="index">An int64 tensor of flat indices (negative counts from the end).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="index"/> is null.</exception>
    /// <exception cref="EmberIndexException">An index is out of range.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor Take(Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_take(Handle, index.Handle, &result));
        GC.KeepAlive(this);
        GC.KeepAlive(index);
        return FromResult(result);
    }

    /// <summary>This tensor repeated along each dim (<c>x.repeat(*repeats)</c>); more repeats than dims add leading dims.</summary>
    /// <param name="repeats">How often to repeat along each dim (at least as many as <see cref="Dim"/>).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="repeats"/> is null.</exception>
    /// <exception cref="EmberArgumentException">Fewer repeats than dims, or a negative repeat.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Repeat(params long[] repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        EmberTensor result = default;
        fixed (long* r = repeats)
        {
            NativeStatus.Check(NativeMethods.ember_repeat(Handle, r, (nuint)repeats.Length, &result));
        }

        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>As <see cref="Repeat"/>, but fewer repeats than dims are padded with leading ones (<c>torch.tile</c>).</summary>
    /// <param name="dims">How often to repeat along each (trailing) dim.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is null.</exception>
    /// <exception cref="EmberArgumentException">A repeat is negative.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Tile(params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        EmberTensor result = default;
        fixed (long* r = dims)
        {
            NativeStatus.Check(NativeMethods.ember_tile(Handle, r, (nuint)dims.Length, &result));
        }

        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>This tensor with the order of elements reversed along each of <paramref name="dims"/> (<c>torch.flip</c>).</summary>
    /// <param name="dims">The dims to reverse.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is null.</exception>
    /// <exception cref="EmberIndexException">A dim is out of range or repeated.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Flip(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        Span<long> native = dims.Length <= 16 ? stackalloc long[dims.Length] : new long[dims.Length];
        Widen(dims, native);
        EmberTensor result = default;
        fixed (long* d = native)
        {
            NativeStatus.Check(NativeMethods.ember_flip(Handle, d, (nuint)native.Length, &result));
        }

        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>The flattened elements rolled by <paramref name="shifts"/>, in this shape (<c>torch.roll(x, shifts)</c>).</summary>
    /// <param name="shifts">How far to shift (negative: backwards).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Roll(long shifts) => Roll(new ReadOnlySpan<long>(in shifts), ReadOnlySpan<int>.Empty);

    /// <summary>The elements rolled by <paramref name="shifts"/> along <paramref name="dim"/> (<c>torch.roll(x, shifts, dim)</c>).</summary>
    /// <param name="shifts">How far to shift (negative: backwards).</param>
    /// <param name="dim">The dim to roll.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Roll(long shifts, int dim) => Roll(new ReadOnlySpan<long>(in shifts), new ReadOnlySpan<int>(in dim));

    /// <summary>The elements rolled along several dims (<c>torch.roll(x, shifts, dims)</c>).</summary>
    /// <param name="shifts">One shift per dim.</param>
    /// <param name="dims">The dims to roll (empty: the flattened tensor, with one shift).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberArgumentException">The counts of shifts and dims differ.</exception>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Roll(ReadOnlySpan<long> shifts, ReadOnlySpan<int> dims)
    {
        Span<long> native = dims.Length <= 16 ? stackalloc long[dims.Length] : new long[dims.Length];
        Widen(dims, native);
        EmberTensor result = default;
        fixed (long* s = shifts)
        fixed (long* d = native)
        {
            NativeStatus.Check(NativeMethods.ember_roll(Handle, s, (nuint)shifts.Length, d, (nuint)native.Length, &result));
        }

        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>The lower triangle of the last two dims: elements above diagonal <paramref name="diagonal"/> become zero (<c>torch.tril</c>).</summary>
    /// <param name="diagonal">0: the main diagonal; positive: above it; negative: below it.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberShapeException">The tensor has fewer than 2 dims.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Tril(long diagonal = 0)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_tril(Handle, diagonal, &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>The upper triangle of the last two dims: elements below diagonal <paramref name="diagonal"/> become zero (<c>torch.triu</c>).</summary>
    /// <param name="diagonal">0: the main diagonal; positive: above it; negative: below it.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberShapeException">The tensor has fewer than 2 dims.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Triu(long diagonal = 0)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_triu(Handle, diagonal, &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    private unsafe Tensor Scatter(int dim, Tensor index, Tensor source, EmberScatterReduce reduce, Tensor? destination)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(source);
        var temporaries = new Temporaries();
        EmberTensor result = default;
        try
        {
            NativeStatus.Check(NativeMethods.ember_scatter(Handle, dim, index.Handle, temporaries.Use(source), reduce, OutHandle(destination), destination is null ? &result : null));
        }
        finally
        {
            temporaries.Dispose();
        }

        GC.KeepAlive(this);
        GC.KeepAlive(index);
        GC.KeepAlive(source);
        return destination is null ? FromResult(result) : Written(destination);
    }

    internal unsafe Tensor IndexPut(ReadOnlySpan<Tensor?> indices, Tensor values, bool accumulate, Tensor? destination)
    {
        ArgumentNullException.ThrowIfNull(values);
        Span<EmberTensor> handles = indices.Length <= 16 ? stackalloc EmberTensor[indices.Length] : new EmberTensor[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            handles[i] = indices[i] is Tensor t ? t.Handle : default;
        }

        var temporaries = new Temporaries();
        EmberTensor result = default;
        try
        {
            fixed (EmberTensor* h = handles)
            {
                NativeStatus.Check(NativeMethods.ember_index_put(Handle, h, (nuint)handles.Length, temporaries.Use(values), accumulate, OutHandle(destination), destination is null ? &result : null));
            }
        }
        finally
        {
            temporaries.Dispose();
        }

        GC.KeepAlive(this);
        GC.KeepAlive(values);
        for (int i = 0; i < indices.Length; i++)
        {
            GC.KeepAlive(indices[i]);
        }

        return destination is null ? FromResult(result) : Written(destination);
    }

    private Tensor IndexPut(Tensor?[] indices, Tensor values, bool accumulate, Tensor? destination)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return IndexPut(new ReadOnlySpan<Tensor?>(indices), values, accumulate, destination);
    }
}
