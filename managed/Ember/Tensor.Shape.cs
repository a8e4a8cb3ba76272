using System;
using Ember.Native;

namespace Ember;

// Views and reshaping. Views share storage with this tensor: writes through one are seen by the
// other, and each is disposed independently (the storage lives while either does).
public sealed partial class Tensor
{
    /// <summary>A view with a new shape (<c>x.view(*shape)</c>); one size may be -1 (inferred).</summary>
    /// <param name="shape">The new sizes.</param>
    /// <returns>A view of this tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="EmberShapeException">The element count differs, or the strides do not allow a view (use <see cref="Reshape(long[])"/>).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor View(params long[] shape) => View(ShapeArgument(shape));

    /// <summary>A view with a new shape (<c>x.view(shape)</c>); one size may be -1 (inferred).</summary>
    /// <param name="shape">The new sizes.</param>
    /// <returns>A view of this tensor.</returns>
    /// <exception cref="EmberShapeException">The element count differs, or the strides do not allow a view.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor View(ReadOnlySpan<long> shape)
    {
        EmberTensor result = default;
        fixed (long* s = shape)
        {
            NativeStatus.Check(NativeMethods.ember_view(Handle, s, (nuint)shape.Length, &result));
        }

        GC.KeepAlive(this);
        return FromView(result);
    }

    /// <summary>This tensor with a new shape (<c>x.reshape(*shape)</c>): a view when the strides allow, otherwise a copy.</summary>
    /// <param name="shape">The new sizes; one may be -1 (inferred).</param>
    /// <returns>A view or a copy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="EmberShapeException">The element count differs.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Reshape(params long[] shape) => Reshape(ShapeArgument(shape));

    /// <summary>This tensor with a new shape (<c>x.reshape(shape)</c>): a view when the strides allow, otherwise a copy.</summary>
    /// <param name="shape">The new sizes; one may be -1 (inferred).</param>
    /// <returns>A view or a copy.</returns>
    /// <exception cref="EmberShapeException">The element count differs.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Reshape(ReadOnlySpan<long> shape)
    {
        EmberTensor result = default;
        fixed (long* s = shape)
        {
            NativeStatus.Check(NativeMethods.ember_reshape(Handle, s, (nuint)shape.Length, &result));
        }

        GC.KeepAlive(this);
        return FromMaybeView(result, this);
    }

    /// <summary>A view with the dims reordered (<c>x.permute(*dims)</c>).</summary>
    /// <param name="dims">A permutation of 0..Dim-1 (negative values count from the end).</param>
    /// <returns>A view of this tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is null.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="dims"/> is not a permutation of the dims.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Permute(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        Span<long> native = dims.Length <= 16 ? stackalloc long[dims.Length] : new long[dims.Length];
        Widen(dims, native);
        EmberTensor result = default;
        fixed (long* d = native)
        {
            NativeStatus.Check(NativeMethods.ember_permute(Handle, d, (nuint)native.Length, &result));
        }

        GC.KeepAlive(this);
        return FromView(result);
    }

    /// <summary>A view with two dims swapped (<c>x.transpose(dim0, dim1)</c>).</summary>
    /// <param name="dim0">A dim.</param>
    /// <param name="dim1">Another dim.</param>
    /// <returns>A view of this tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Transpose(int dim0, int dim1)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_transpose(Handle, dim0, dim1, &result));
        GC.KeepAlive(this);
        return FromView(result);
    }

    /// <summary>
    /// The transpose (<c>x.T</c>): dims 0 and 1 swapped for a matrix, the tensor itself (a new
    /// reference) below 2 dims, and all dims reversed above (as PyTorch, which deprecates that case).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor T
    {
        get
        {
            int rank = Dim;
            if (rank < 2)
            {
                return Alias();
            }

            if (rank == 2)
            {
                return Transpose(0, 1);
            }

            var reversed = new int[rank];
            for (int i = 0; i < rank; i++)
            {
                reversed[i] = rank - 1 - i;
            }

            return Permute(reversed);
        }
    }

    /// <summary>
    /// A view of <c>x[..., start:end:step, ...]</c> along <paramref name="dim"/> with Python's
    /// clamping of the bounds (<c>torch.slice</c>); null bounds mean the start and the end.
    /// </summary>
    /// <param name="dim">The dim to slice.</param>
    /// <param name="start">The first index (negative counts from the end), or null for 0.</param>
    /// <param name="end">The end index, exclusive (negative counts from the end), or null for the dim's size.</param>
    /// <param name="step">The step, at least 1.</param>
    /// <returns>A view of this tensor.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="step"/> is not positive.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Slice(int dim, long? start = null, long? end = null, long step = 1)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_slice(Handle, dim, start ?? 0, end ?? long.MaxValue, step, &result));
        GC.KeepAlive(this);
        return FromView(result);
    }

    /// <summary>A view of <paramref name="length"/> elements along <paramref name="dim"/> from <paramref name="start"/> (<c>x.narrow</c>).</summary>
    /// <param name="dim">The dim.</param>
    /// <param name="start">The first index (negative counts from the end).</param>
    /// <param name="length">The number of elements.</param>
    /// <returns>A view of this tensor.</returns>
    /// <exception cref="EmberIndexException">The dim or the range is out of bounds.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Narrow(int dim, long start, long length)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_narrow(Handle, dim, start, length, &result));
        GC.KeepAlive(this);
        return FromView(result);
    }

    /// <summary>A view with <paramref name="dim"/> removed by taking one index along it (<c>x.select(dim, index)</c>).</summary>
    /// <param name="dim">The dim.</param>
    /// <param name="index">The index (negative counts from the end).</param>
    /// <returns>A view of this tensor with one dim fewer.</returns>
    /// <exception cref="EmberIndexException">The dim or the index is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Select(int dim, long index)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_select(Handle, dim, index, &result));
        GC.KeepAlive(this);
        return FromView(result);
    }

    /// <summary>A view broadcasting size-1 dims to <paramref name="sizes"/> (<c>x.expand(*sizes)</c>); -1 keeps a dim, new leading dims may be added.</summary>
    /// <param name="sizes">The target sizes.</param>
    /// <returns>A view of this tensor (expanded dims have stride 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sizes"/> is null.</exception>
    /// <exception cref="EmberShapeException">A non-1 size differs from the target.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Expand(params long[] sizes) => Expand(ShapeArgument(sizes));

    /// <summary>A view broadcasting size-1 dims to <paramref name="sizes"/> (<c>x.expand(sizes)</c>).</summary>
    /// <param name="sizes">The target sizes.</param>
    /// <returns>A view of this tensor.</returns>
    /// <exception cref="EmberShapeException">A non-1 size differs from the target.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Expand(ReadOnlySpan<long> sizes)
    {
        EmberTensor result = default;
        fixed (long* s = sizes)
        {
            NativeStatus.Check(NativeMethods.ember_expand(Handle, s, (nuint)sizes.Length, &result));
        }

        GC.KeepAlive(this);
        return FromView(result);
    }

    /// <summary>A view broadcast to <paramref name="other"/>'s shape (<c>x.expand_as(other)</c>).</summary>
    /// <param name="other">The tensor whose shape to take.</param>
    /// <returns>A view of this tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes are not compatible.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor ExpandAs(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Expand(other.Shape);
    }

    /// <summary>A view without the given size-1 dims (<c>x.squeeze(dims)</c>); none given removes every size-1 dim.</summary>
    /// <param name="dims">The dims to remove; dims whose size is not 1 stay.</param>
    /// <returns>A view of this tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is null.</exception>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Squeeze(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        Span<long> native = dims.Length <= 16 ? stackalloc long[dims.Length] : new long[dims.Length];
        Widen(dims, native);
        EmberTensor result = default;
        fixed (long* d = native)
        {
            NativeStatus.Check(NativeMethods.ember_squeeze(Handle, d, (nuint)native.Length, &result));
        }

        GC.KeepAlive(this);
        return FromView(result);
    }

    /// <summary>A view with a size-1 dim inserted at <paramref name="dim"/> (<c>x.unsqueeze(dim)</c>).</summary>
    /// <param name="dim">The position, in [-Dim-1, Dim].</param>
    /// <returns>A view of this tensor with one more dim.</returns>
    /// <exception cref="EmberIndexException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Unsqueeze(int dim)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_unsqueeze(Handle, dim, &result));
        GC.KeepAlive(this);
        return FromView(result);
    }

    /// <summary>Merges dims <paramref name="startDim"/>..<paramref name="endDim"/> into one (<c>x.flatten</c>): a view when possible, otherwise a copy.</summary>
    /// <param name="startDim">The first dim to merge (default 0).</param>
    /// <param name="endDim">The last dim to merge (default -1, the last).</param>
    /// <returns>A view or a copy.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range, or start is after end.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_flatten(Handle, startDim, endDim, &result));
        GC.KeepAlive(this);
        return FromMaybeView(result, this);
    }

    /// <summary>Splits <paramref name="dim"/> into <paramref name="sizes"/> (<c>x.unflatten(dim, sizes)</c>); one size may be -1.</summary>
    /// <param name="dim">The dim to split.</param>
    /// <param name="sizes">The new sizes; their product must be the dim's size.</param>
    /// <returns>A view of this tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sizes"/> is null.</exception>
    /// <exception cref="EmberShapeException">The sizes do not multiply to the dim's size.</exception>
    /// <exception cref="EmberIndexException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Unflatten(int dim, params long[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        EmberTensor result = default;
        fixed (long* s = sizes)
        {
            NativeStatus.Check(NativeMethods.ember_unflatten(Handle, dim, s, (nuint)sizes.Length, &result));
        }

        GC.KeepAlive(this);
        return FromView(result);
    }

    /// <summary>A view with explicit sizes, strides and storage offset (<c>x.as_strided</c>); bounds are checked against the storage.</summary>
    /// <param name="size">The sizes.</param>
    /// <param name="stride">The strides in elements, one per size.</param>
    /// <param name="storageOffset">The offset of the first element in the storage (default: this tensor's).</param>
    /// <returns>A view of this tensor's storage.</returns>
    /// <exception cref="ArgumentException"><paramref name="size"/> and <paramref name="stride"/> differ in length.</exception>
    /// <exception cref="EmberShapeException">The view would reach outside the storage.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor AsStrided(ReadOnlySpan<long> size, ReadOnlySpan<long> stride, long? storageOffset = null)
    {
        if (size.Length != stride.Length)
        {
            throw new ArgumentException($"mismatch in length of strides and shape ({stride.Length} strides for {size.Length} sizes)", nameof(stride));
        }

        long offset = storageOffset ?? StorageOffset;
        EmberTensor result = default;
        fixed (long* s = size)
        fixed (long* t = stride)
        {
            NativeStatus.Check(NativeMethods.ember_as_strided(Handle, s, t, (nuint)size.Length, offset, &result));
        }

        GC.KeepAlive(this);
        return FromView(result);
    }
}
