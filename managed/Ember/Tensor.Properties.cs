using System;
using Ember.Native;

namespace Ember;

public sealed partial class Tensor
{
    /// <summary>The element type.</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public DType DType => DTypeExtensions.FromNative(Info.Dtype);

    /// <summary>The device holding the elements.</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Device Device => Device.FromNative(Info.Device);

    /// <summary>The number of dimensions (PyTorch's <c>dim()</c> / <c>ndim</c>).</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public int Dim => (int)Info.Ndim;

    /// <summary>The number of dimensions (same as <see cref="Dim"/>).</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public int Rank => (int)Info.Ndim;

    /// <summary>The number of elements (PyTorch's <c>numel()</c>).</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public long NumberOfElements => Info.Numel;

    /// <summary>The number of elements (PyTorch's name for <see cref="NumberOfElements"/>).</summary>
    /// <returns>The element count.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public long Numel() => Info.Numel;

    /// <summary>The size of one element in bytes.</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public int ElementSize => (int)Info.ElementSize;

    /// <summary>The elements' size in bytes (<see cref="NumberOfElements"/> times <see cref="ElementSize"/>).</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public long ByteSize => Info.Numel * Info.ElementSize;

    /// <summary>Whether the elements are laid out densely in row-major order (PyTorch's <c>is_contiguous()</c>).</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public bool IsContiguous => Info.IsContiguous;

    /// <summary>The offset of the first element in its storage, in elements.</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public long StorageOffset => Info.StorageOffset;

    /// <summary>
    /// The address of the first element (storage base plus offset). It stays valid while the
    /// tensor and its storage live; on a GPU it is a device address.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe nint DataPointer => (nint)Info.Data;

    /// <summary>The sizes of the dimensions (PyTorch's <c>shape</c> / <c>size()</c>).</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public TensorShape Shape
    {
        get
        {
            if (shape is null)
            {
                LoadShape();
            }

            return new TensorShape(shape!);
        }
    }

    /// <summary>The strides of the dimensions, in elements (PyTorch's <c>stride()</c>).</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public TensorShape Strides
    {
        get
        {
            if (strides is null)
            {
                LoadShape();
            }

            return new TensorShape(strides!);
        }
    }

    /// <summary>The size of one dimension (PyTorch's <c>size(dim)</c>); negative dims count from the end.</summary>
    /// <param name="dim">The dimension, in [-Dim, Dim).</param>
    /// <returns>Its size.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public long Size(int dim) => Shape[dim];

    /// <summary>The stride of one dimension in elements (PyTorch's <c>stride(dim)</c>); negative dims count from the end.</summary>
    /// <param name="dim">The dimension, in [-Dim, Dim).</param>
    /// <returns>Its stride.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public long Stride(int dim) => Strides[dim];

    /// <summary>Whether this tensor and <paramref name="other"/> share storage (one may be a view of the other).</summary>
    /// <param name="other">Another tensor.</param>
    /// <returns>True when they use the same memory.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">Either tensor was disposed.</exception>
    public unsafe bool SharesStorage(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        bool shares;
        NativeStatus.Check(NativeMethods.ember_tensor_shares_storage(Handle, other.Handle, &shares));
        GC.KeepAlive(this);
        GC.KeepAlive(other);
        return shares;
    }

    /// <summary>
    /// PyTorch's repr of the tensor, exactly as <c>print(t)</c> shows it:
    /// <c>tensor([[1., 2.],\n        [3., 4.]])</c>, with a <c>dtype=</c> suffix for dtypes PyTorch
    /// would not infer, 4 digits of precision and <c>...</c> elision above 1000 elements.
    /// A disposed tensor prints as <c>tensor(&lt;disposed&gt;)</c> (ToString never throws for that).
    /// </summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsDisposed ? "tensor(<disposed>)" : TensorFormatter.Format(this);

    private unsafe void LoadShape()
    {
        int n = (int)Info.Ndim;
        var sizes = new long[n];
        var steps = new long[n];
        fixed (long* ps = sizes, pt = steps)
        {
            NativeStatus.Check(NativeMethods.ember_tensor_get_shape(Handle, ps, pt, (nuint)n));
        }

        GC.KeepAlive(this);
        strides = steps;
        shape = sizes;
    }
}
