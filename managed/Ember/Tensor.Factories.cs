using System;
using Ember.Native;

namespace Ember;

public sealed partial class Tensor
{
    /// <summary>An uninitialised float32 CPU tensor (<c>torch.empty</c>).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    public static Tensor Empty(params long[] shape) => Empty(ShapeArgument(shape), null, null);

    /// <summary>An uninitialised tensor (<c>torch.empty</c>).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    /// <exception cref="EmberDeviceException">The device is not available.</exception>
    /// <exception cref="EmberOutOfMemoryException">The memory could not be allocated.</exception>
    public static unsafe Tensor Empty(ReadOnlySpan<long> shape, DType? dtype = null, Device? device = null)
    {
        EmberTensor result = default;
        fixed (long* sizes = shape)
        {
            NativeStatus.Check(NativeMethods.ember_empty(sizes, (nuint)shape.Length, dtype.ToNative(), Device.ToNative(device), &result));
        }

        return FromResult(result);
    }

    /// <summary>A float32 CPU tensor of zeros (<c>torch.zeros</c>).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    public static Tensor Zeros(params long[] shape) => Zeros(ShapeArgument(shape), null, null);

    /// <summary>A tensor of zeros (<c>torch.zeros</c>).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    /// <exception cref="EmberDeviceException">The device is not available.</exception>
    /// <exception cref="EmberOutOfMemoryException">The memory could not be allocated.</exception>
    public static unsafe Tensor Zeros(ReadOnlySpan<long> shape, DType? dtype = null, Device? device = null)
    {
        EmberTensor result = default;
        fixed (long* sizes = shape)
        {
            NativeStatus.Check(NativeMethods.ember_zeros(sizes, (nuint)shape.Length, dtype.ToNative(), Device.ToNative(device), &result));
        }

        return FromResult(result);
    }

    /// <summary>A float32 CPU tensor of ones (<c>torch.ones</c>).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    public static Tensor Ones(params long[] shape) => Ones(ShapeArgument(shape), null, null);

    /// <summary>A tensor of ones (<c>torch.ones</c>).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    /// <exception cref="EmberDeviceException">The device is not available.</exception>
    /// <exception cref="EmberOutOfMemoryException">The memory could not be allocated.</exception>
    public static unsafe Tensor Ones(ReadOnlySpan<long> shape, DType? dtype = null, Device? device = null)
    {
        EmberTensor result = default;
        fixed (long* sizes = shape)
        {
            NativeStatus.Check(NativeMethods.ember_ones(sizes, (nuint)shape.Length, dtype.ToNative(), Device.ToNative(device), &result));
        }

        return FromResult(result);
    }

    /// <summary>A tensor filled with an integer (<c>torch.full</c>); the default dtype is int64, as PyTorch infers.</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="value">The fill value.</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    /// <exception cref="EmberDTypeException">The value cannot be stored in <paramref name="dtype"/>.</exception>
    public static Tensor Full(ReadOnlySpan<long> shape, long value, DType? dtype = null, Device? device = null) =>
        Full(shape, Scalars.Of(value), dtype, device);

    /// <summary>A tensor filled with a number (<c>torch.full</c>); the default dtype is float32.</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="value">The fill value.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    /// <exception cref="EmberDTypeException">The value cannot be stored in <paramref name="dtype"/>.</exception>
    public static Tensor Full(ReadOnlySpan<long> shape, double value, DType? dtype = null, Device? device = null) =>
        Full(shape, Scalars.Of(value), dtype, device);

    /// <summary>A tensor filled with a bool (<c>torch.full</c>); the default dtype is bool.</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="value">The fill value.</param>
    /// <param name="dtype">The element type (default bool).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    public static Tensor Full(ReadOnlySpan<long> shape, bool value, DType? dtype = null, Device? device = null) =>
        Full(shape, Scalars.Of(value), dtype, device);

    /// <summary>Integers from 0 to <paramref name="end"/> (exclusive), as int64 (<c>torch.arange(end)</c>).</summary>
    /// <param name="end">The end (exclusive).</param>
    /// <returns>A 1-D tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="end"/> is negative.</exception>
    public static Tensor Arange(long end) => Arange(0, end, 1);

    /// <summary>
    /// Values from <paramref name="start"/> to <paramref name="end"/> (exclusive) by <paramref name="step"/>
    /// (<c>torch.arange</c>); integer arguments give int64 unless <paramref name="dtype"/> says otherwise.
    /// </summary>
    /// <param name="start">The first value.</param>
    /// <param name="end">The end (exclusive).</param>
    /// <param name="step">The distance between values (not 0).</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>A 1-D tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="step"/> is 0 or has the wrong sign.</exception>
    public static unsafe Tensor Arange(long start, long end, long step = 1, DType? dtype = null, Device? device = null)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_arange(Scalars.Of(start), Scalars.Of(end), Scalars.Of(step), dtype.ToNative(), Device.ToNative(device), &result));
        return FromResult(result);
    }

    /// <summary>Values from 0 to <paramref name="end"/> (exclusive) by 1, as float32 (<c>torch.arange(end)</c> with a float).</summary>
    /// <param name="end">The end (exclusive).</param>
    /// <returns>A 1-D tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="end"/> is negative or not finite.</exception>
    public static Tensor Arange(double end) => Arange(0.0, end, 1.0);

    /// <summary>
    /// Values from <paramref name="start"/> to <paramref name="end"/> (exclusive) by <paramref name="step"/>
    /// (<c>torch.arange</c> with floats); the default dtype is float32.
    /// </summary>
    /// <param name="start">The first value.</param>
    /// <param name="end">The end (exclusive).</param>
    /// <param name="step">The distance between values (not 0).</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>A 1-D tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="step"/> is 0 or has the wrong sign, or a bound is not finite.</exception>
    public static unsafe Tensor Arange(double start, double end, double step = 1.0, DType? dtype = null, Device? device = null)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_arange(Scalars.Of(start), Scalars.Of(end), Scalars.Of(step), dtype.ToNative(), Device.ToNative(device), &result));
        return FromResult(result);
    }

    /// <summary><paramref name="steps"/> evenly spaced values from <paramref name="start"/> to <paramref name="end"/> inclusive (<c>torch.linspace</c>).</summary>
    /// <param name="start">The first value.</param>
    /// <param name="end">The last value.</param>
    /// <param name="steps">The number of values (at least 0).</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>A 1-D tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="steps"/> is negative.</exception>
    public static unsafe Tensor Linspace(double start, double end, long steps, DType? dtype = null, Device? device = null)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_linspace(start, end, steps, dtype.ToNative(), Device.ToNative(device), &result));
        return FromResult(result);
    }

    /// <summary>An <paramref name="n"/> x <paramref name="m"/> matrix with ones on the diagonal (<c>torch.eye</c>).</summary>
    /// <param name="n">The number of rows.</param>
    /// <param name="m">The number of columns; negative means <paramref name="n"/>.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>A 2-D tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="n"/> is negative.</exception>
    public static unsafe Tensor Eye(long n, long m = -1, DType? dtype = null, Device? device = null)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_eye(n, m, dtype.ToNative(), Device.ToNative(device), &result));
        return FromResult(result);
    }

    /// <summary>A zero-dimensional int64 tensor holding <paramref name="value"/> (<c>torch.tensor(value)</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>A tensor of shape [].</returns>
    /// <exception cref="EmberDTypeException">The value cannot be stored in <paramref name="dtype"/>.</exception>
    public static Tensor Scalar(long value, DType? dtype = null, Device? device = null) =>
        ScalarTensor(Scalars.Of(value), dtype ?? DType.Int64, device);

    /// <summary>A zero-dimensional float32 tensor holding <paramref name="value"/> (<c>torch.tensor(value)</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="dtype">The element type (default float32).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>A tensor of shape [].</returns>
    /// <exception cref="EmberDTypeException">The value cannot be stored in <paramref name="dtype"/>.</exception>
    public static Tensor Scalar(double value, DType? dtype = null, Device? device = null) =>
        ScalarTensor(Scalars.Of(value), dtype ?? DType.Float32, device);

    /// <summary>A zero-dimensional bool tensor holding <paramref name="value"/> (<c>torch.tensor(value)</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="dtype">The element type (default bool).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>A tensor of shape [].</returns>
    public static Tensor Scalar(bool value, DType? dtype = null, Device? device = null) =>
        ScalarTensor(Scalars.Of(value), dtype ?? DType.Bool, device);

    /// <summary>An uninitialised tensor with <paramref name="other"/>'s shape and device (<c>torch.empty_like</c>).</summary>
    /// <param name="other">The tensor whose shape and device to use.</param>
    /// <param name="dtype">The element type (default: <paramref name="other"/>'s).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="other"/> was disposed.</exception>
    public static unsafe Tensor EmptyLike(Tensor other, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_empty_like(other.Handle, dtype.ToNative(), &result));
        GC.KeepAlive(other);
        return FromResult(result);
    }

    /// <summary>Zeros with <paramref name="other"/>'s shape and device (<c>torch.zeros_like</c>).</summary>
    /// <param name="other">The tensor whose shape and device to use.</param>
    /// <param name="dtype">The element type (default: <paramref name="other"/>'s).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="other"/> was disposed.</exception>
    public static Tensor ZerosLike(Tensor other, DType? dtype = null) => FullLike(other, Scalars.Of(0L), dtype);

    /// <summary>Ones with <paramref name="other"/>'s shape and device (<c>torch.ones_like</c>).</summary>
    /// <param name="other">The tensor whose shape and device to use.</param>
    /// <param name="dtype">The element type (default: <paramref name="other"/>'s).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="other"/> was disposed.</exception>
    public static Tensor OnesLike(Tensor other, DType? dtype = null) => FullLike(other, Scalars.Of(1L), dtype);

    /// <summary>An integer fill with <paramref name="other"/>'s shape and device (<c>torch.full_like</c>).</summary>
    /// <param name="other">The tensor whose shape and device to use.</param>
    /// <param name="value">The fill value.</param>
    /// <param name="dtype">The element type (default: <paramref name="other"/>'s).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="other"/> was disposed.</exception>
    /// <exception cref="EmberDTypeException">The value cannot be stored in the dtype.</exception>
    public static Tensor FullLike(Tensor other, long value, DType? dtype = null) => FullLike(other, Scalars.Of(value), dtype);

    /// <summary>A floating fill with <paramref name="other"/>'s shape and device (<c>torch.full_like</c>).</summary>
    /// <param name="other">The tensor whose shape and device to use.</param>
    /// <param name="value">The fill value.</param>
    /// <param name="dtype">The element type (default: <paramref name="other"/>'s).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="other"/> was disposed.</exception>
    /// <exception cref="EmberDTypeException">The value cannot be stored in the dtype.</exception>
    public static Tensor FullLike(Tensor other, double value, DType? dtype = null) => FullLike(other, Scalars.Of(value), dtype);

    /// <summary>A bool fill with <paramref name="other"/>'s shape and device (<c>torch.full_like</c>).</summary>
    /// <param name="other">The tensor whose shape and device to use.</param>
    /// <param name="value">The fill value.</param>
    /// <param name="dtype">The element type (default: <paramref name="other"/>'s).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="other"/> was disposed.</exception>
    public static Tensor FullLike(Tensor other, bool value, DType? dtype = null) => FullLike(other, Scalars.Of(value), dtype);

    private static unsafe Tensor Full(ReadOnlySpan<long> shape, EmberScalar value, DType? dtype, Device? device)
    {
        EmberTensor result = default;
        fixed (long* sizes = shape)
        {
            NativeStatus.Check(NativeMethods.ember_full(sizes, (nuint)shape.Length, value, dtype.ToNative(), Device.ToNative(device), &result));
        }

        return FromResult(result);
    }

    private static unsafe Tensor FullLike(Tensor other, EmberScalar value, DType? dtype)
    {
        ArgumentNullException.ThrowIfNull(other);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_full_like(other.Handle, value, dtype.ToNative(), &result));
        GC.KeepAlive(other);
        return FromResult(result);
    }

    private static unsafe Tensor ScalarTensor(EmberScalar value, DType dtype, Device? device)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_scalar_tensor(value, dtype.ToNative(), Device.ToNative(device), &result));
        return FromResult(result);
    }

    internal static ReadOnlySpan<long> ShapeArgument(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape;
    }
}
