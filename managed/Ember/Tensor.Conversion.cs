using System;
using Ember.Native;

namespace Ember;

// Numbers as tensors, dtype and device conversion, copies.
public sealed partial class Tensor
{
    /// <summary>
    /// A number used where a tensor is expected (<c>t[0] = 5</c>, <c>Tensor.Where(mask, x, 0)</c>):
    /// it acts as a Python int in PyTorch (a zero-dimensional "wrapped number" that does not
    /// promote an integer tensor). Operations use the number directly; a native tensor is made
    /// only if the result is used as a tensor on its own.
    /// </summary>
    /// <param name="value">The number.</param>
    public static implicit operator Tensor(long value) => Pending(Scalars.Of(value));

    /// <summary>A number used where a tensor is expected; it acts as a Python float in PyTorch (see the long conversion).</summary>
    /// <param name="value">The number.</param>
    public static implicit operator Tensor(double value) => Pending(Scalars.Of(value));

    /// <summary>A bool used where a tensor is expected; it acts as a Python bool in PyTorch (see the long conversion).</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Tensor(bool value) => Pending(Scalars.Of(value));

    /// <summary>
    /// This tensor's values converted to <paramref name="dtype"/> (<c>x.to(dtype)</c>). When the
    /// dtype is already right and <paramref name="copy"/> is false, the result is a new reference to
    /// the same data (PyTorch returns the tensor itself); dispose it independently.
    /// </summary>
    /// <param name="dtype">The target dtype.</param>
    /// <param name="copy">Whether to copy even when no conversion is needed.</param>
    /// <returns>A tensor of <paramref name="dtype"/>.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor To(DType dtype, bool copy = false)
    {
        if (!copy && dtype == DType)
        {
            return Alias();
        }

        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_cast(Handle, dtype.ToNative(), &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>
    /// This tensor on <paramref name="device"/> (<c>x.to(device)</c>): a copy when the device
    /// differs, otherwise a new reference to the same data (unless <paramref name="copy"/>).
    /// </summary>
    /// <param name="device">The target device.</param>
    /// <param name="copy">Whether to copy even when no transfer is needed.</param>
    /// <returns>A tensor on <paramref name="device"/>.</returns>
    /// <exception cref="EmberDeviceException">The device is not available.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor To(Device device, bool copy = false)
    {
        if (device == Device)
        {
            return copy ? Clone() : Alias();
        }

        Tensor target = Empty(Shape, DType, device);
        try
        {
            return target.Copy_(this);
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>This tensor as float32 (<c>x.float()</c>; see <see cref="To(DType, bool)"/>).</summary>
    /// <returns>A float32 tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Float() => To(DType.Float32);

    /// <summary>This tensor as float64 (<c>x.double()</c>).</summary>
    /// <returns>A float64 tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Double() => To(DType.Float64);

    /// <summary>This tensor as float16 (<c>x.half()</c>).</summary>
    /// <returns>A float16 tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Half() => To(DType.Float16);

    /// <summary>This tensor as bfloat16 (<c>x.bfloat16()</c>).</summary>
    /// <returns>A bfloat16 tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor BFloat16() => To(DType.BFloat16);

    /// <summary>This tensor as int64 (<c>x.long()</c>).</summary>
    /// <returns>An int64 tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Long() => To(DType.Int64);

    /// <summary>This tensor as int32 (<c>x.int()</c>).</summary>
    /// <returns>An int32 tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Int() => To(DType.Int32);

    /// <summary>This tensor as bool (<c>x.bool()</c>): nonzero is true.</summary>
    /// <returns>A bool tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Bool() => To(DType.Bool);

    /// <summary>This tensor copied to host memory (<c>x.cpu()</c>); a new reference when it is already there.</summary>
    /// <returns>A CPU tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Cpu() => To(Device.Cpu);

    /// <summary>A new contiguous copy with its own storage (<c>x.clone()</c>).</summary>
    /// <returns>The copy.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Clone()
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_clone(Handle, &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>
    /// A contiguous tensor with the same values (<c>x.contiguous()</c>): a new reference to the same
    /// data when already contiguous, otherwise a copy.
    /// </summary>
    /// <returns>A contiguous tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Contiguous()
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_contiguous(Handle, &result));
        GC.KeepAlive(this);
        return FromMaybeView(result, this);
    }

    /// <summary>
    /// A second <see cref="Tensor"/> for the same native tensor (its own reference, disposed
    /// independently): what PyTorch expresses by returning the same object.
    /// </summary>
    /// <returns>The new reference.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Alias()
    {
        EmberTensor h = Handle;
        NativeStatus.Check(NativeMethods.ember_tensor_retain(h));
        GC.KeepAlive(this);
        return FromView(h);
    }
}
