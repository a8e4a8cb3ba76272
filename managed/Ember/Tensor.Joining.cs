using System;
using System.Collections.Generic;
using Ember.Native;

namespace Ember;

// Concatenation, stacking and splitting.
public sealed partial class Tensor
{
    /// <summary>
    /// Concatenates tensors along <paramref name="dim"/> (<c>torch.cat</c>), promoting dtypes;
    /// 1-D empty tensors are skipped, as in PyTorch.
    /// </summary>
    /// <param name="tensors">The tensors; all sizes except along <paramref name="dim"/> must match.</param>
    /// <param name="dim">The dim to join along (default 0).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or one of them is null.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="tensors"/> is empty.</exception>
    /// <exception cref="EmberShapeException">The shapes do not match.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public static unsafe Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0) => Join(tensors, dim, &NativeMethods.ember_cat);

    /// <summary>Stacks equally shaped tensors along a new dim (<c>torch.stack</c>).</summary>
    /// <param name="tensors">The tensors, all of one shape.</param>
    /// <param name="dim">The position of the new dim (default 0).</param>
    /// <returns>A new tensor with one more dim.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or one of them is null.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="tensors"/> is empty.</exception>
    /// <exception cref="EmberShapeException">The shapes differ.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public static unsafe Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0) => Join(tensors, dim, &NativeMethods.ember_stack);

    /// <summary>Splits this tensor along <paramref name="dim"/> into views of <paramref name="splitSize"/> elements; the last may be smaller (<c>torch.split</c>).</summary>
    /// <param name="splitSize">The size of each piece (at least 1).</param>
    /// <param name="dim">The dim to split (default 0).</param>
    /// <returns>The pieces, views of this tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="splitSize"/> is not positive.</exception>
    /// <exception cref="EmberIndexException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor[] Split(long splitSize, int dim = 0)
    {
        nuint count = 0;
        NativeStatus.Check(NativeMethods.ember_split(Handle, splitSize, dim, null, 0, &count));
        var handles = new EmberTensor[(int)count];
        fixed (EmberTensor* outs = handles)
        {
            NativeStatus.Check(NativeMethods.ember_split(Handle, splitSize, dim, outs, count, &count));
        }

        GC.KeepAlive(this);
        return WrapViews(handles, (int)count);
    }

    /// <summary>Splits this tensor along <paramref name="dim"/> into views of the given sizes (<c>torch.split(x, sizes)</c>).</summary>
    /// <param name="sizes">The size of each piece; they must add up to the dim's size.</param>
    /// <param name="dim">The dim to split (default 0).</param>
    /// <returns>The pieces, views of this tensor.</returns>
    /// <exception cref="EmberShapeException">The sizes do not add up to the dim's size.</exception>
    /// <exception cref="EmberIndexException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor[] Split(ReadOnlySpan<long> sizes, int dim = 0)
    {
        var handles = new EmberTensor[sizes.Length];
        fixed (long* s = sizes)
        fixed (EmberTensor* outs = handles)
        {
            NativeStatus.Check(NativeMethods.ember_split_with_sizes(Handle, s, (nuint)sizes.Length, dim, outs));
        }

        GC.KeepAlive(this);
        return WrapViews(handles, handles.Length);
    }

    /// <summary>Splits this tensor into at most <paramref name="chunks"/> views along <paramref name="dim"/> (<c>torch.chunk</c>).</summary>
    /// <param name="chunks">The number of pieces wanted (at least 1); fewer come back when the dim is too small.</param>
    /// <param name="dim">The dim to split (default 0).</param>
    /// <returns>The pieces, views of this tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="chunks"/> is not positive.</exception>
    /// <exception cref="EmberIndexException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor[] Chunk(long chunks, int dim = 0)
    {
        nuint count = 0;
        NativeStatus.Check(NativeMethods.ember_chunk(Handle, chunks, dim, null, 0, &count));
        var handles = new EmberTensor[(int)count];
        fixed (EmberTensor* outs = handles)
        {
            NativeStatus.Check(NativeMethods.ember_chunk(Handle, chunks, dim, outs, count, &count));
        }

        GC.KeepAlive(this);
        return WrapViews(handles, (int)count);
    }

    /// <summary>The slices along <paramref name="dim"/>, each without that dim (<c>torch.unbind</c>).</summary>
    /// <param name="dim">The dim to remove (default 0).</param>
    /// <returns>Views of this tensor, one per index along <paramref name="dim"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor[] Unbind(int dim = 0)
    {
        long size = Size(dim);
        var pieces = new Tensor[size];
        for (long i = 0; i < size; i++)
        {
            pieces[i] = Select(dim, i);
        }

        return pieces;
    }

    private static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, int dim, delegate*<EmberTensor*, nuint, long, EmberTensor*, EmberStatus> join)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        int count = tensors.Count;
        Span<EmberTensor> handles = count <= 32 ? stackalloc EmberTensor[count] : new EmberTensor[count];
        for (int i = 0; i < count; i++)
        {
            Tensor tensor = tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"tensors[{i}] is null");
            handles[i] = tensor.Handle;
        }

        EmberTensor result = default;
        fixed (EmberTensor* h = handles)
        {
            NativeStatus.Check(join(h, (nuint)count, dim, &result));
        }

        GC.KeepAlive(tensors);
        return FromResult(result);
    }

    private static Tensor[] WrapViews(EmberTensor[] handles, int count)
    {
        var pieces = new Tensor[count];
        for (int i = 0; i < count; i++)
        {
            try
            {
                pieces[i] = FromView(handles[i]);
            }
            catch
            {
                for (int j = i + 1; j < count; j++)
                {
                    NativeMethods.ember_tensor_release(handles[j]);
                }

                throw;
            }
        }

        return pieces;
    }
}
