using System;
using Ember.Native;

namespace Ember;

public sealed partial class Tensor
{
    /// <summary>Seeds the default generator (<c>torch.manual_seed</c>).</summary>
    /// <param name="seed">The seed.</param>
    public static void ManualSeed(ulong seed) => Generator.Default.ManualSeed(seed);

    /// <summary>A float32 CPU tensor of values uniform on [0, 1) (<c>torch.rand</c>).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    public static Tensor Rand(params long[] shape) => Rand(ShapeArgument(shape), null, null, null);

    /// <summary>A tensor of values uniform on [0, 1) (<c>torch.rand</c>).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="dtype">A floating element type (default float32).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="dtype"/> is not floating.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="generator"/> was disposed.</exception>
    public static unsafe Tensor Rand(ReadOnlySpan<long> shape, DType? dtype = null, Device? device = null, Generator? generator = null)
    {
        EmberTensor result = default;
        fixed (long* sizes = shape)
        {
            NativeStatus.Check(NativeMethods.ember_rand(sizes, (nuint)shape.Length, dtype.ToNative(), Device.ToNative(device), Generator.HandleOf(generator), &result));
        }

        GC.KeepAlive(generator);
        return FromResult(result);
    }

    /// <summary>A float32 CPU tensor of standard normal values (<c>torch.randn</c>).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    public static Tensor Randn(params long[] shape) => Randn(ShapeArgument(shape), null, null, null);

    /// <summary>A tensor of standard normal values (<c>torch.randn</c>).</summary>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="dtype">A floating element type (default float32).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="dtype"/> is not floating.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="generator"/> was disposed.</exception>
    public static unsafe Tensor Randn(ReadOnlySpan<long> shape, DType? dtype = null, Device? device = null, Generator? generator = null)
    {
        EmberTensor result = default;
        fixed (long* sizes = shape)
        {
            NativeStatus.Check(NativeMethods.ember_randn(sizes, (nuint)shape.Length, dtype.ToNative(), Device.ToNative(device), Generator.HandleOf(generator), &result));
        }

        GC.KeepAlive(generator);
        return FromResult(result);
    }

    /// <summary>Integers uniform on [0, <paramref name="high"/>) (<c>torch.randint(high, size)</c>).</summary>
    /// <param name="high">The end (exclusive).</param>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="high"/> is not above 0.</exception>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    public static Tensor RandInt(long high, ReadOnlySpan<long> shape, DType? dtype = null, Device? device = null, Generator? generator = null) =>
        RandInt(0, high, shape, dtype, device, generator);

    /// <summary>Integers uniform on [<paramref name="low"/>, <paramref name="high"/>) (<c>torch.randint</c>).</summary>
    /// <param name="low">The lowest value.</param>
    /// <param name="high">The end (exclusive).</param>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="dtype">The element type (default int64).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="high"/> is not above <paramref name="low"/>.</exception>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="generator"/> was disposed.</exception>
    public static unsafe Tensor RandInt(long low, long high, ReadOnlySpan<long> shape, DType? dtype = null, Device? device = null, Generator? generator = null)
    {
        EmberTensor result = default;
        fixed (long* sizes = shape)
        {
            NativeStatus.Check(NativeMethods.ember_randint(low, high, sizes, (nuint)shape.Length, dtype.ToNative(), Device.ToNative(device), Generator.HandleOf(generator), &result));
        }

        GC.KeepAlive(generator);
        return FromResult(result);
    }

    /// <summary>Normal values with the given mean and standard deviation (<c>torch.normal(mean, std, size)</c>).</summary>
    /// <param name="mean">The mean.</param>
    /// <param name="std">The standard deviation (at least 0).</param>
    /// <param name="shape">The sizes of the dimensions.</param>
    /// <param name="dtype">A floating element type (default float32).</param>
    /// <param name="device">The device (default CPU).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="std"/> is negative.</exception>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="generator"/> was disposed.</exception>
    public static unsafe Tensor Normal(double mean, double std, ReadOnlySpan<long> shape, DType? dtype = null, Device? device = null, Generator? generator = null)
    {
        EmberTensor result = default;
        fixed (long* sizes = shape)
        {
            NativeStatus.Check(NativeMethods.ember_normal(mean, std, sizes, (nuint)shape.Length, dtype.ToNative(), Device.ToNative(device), Generator.HandleOf(generator), &result));
        }

        GC.KeepAlive(generator);
        return FromResult(result);
    }

    /// <summary>Draws 0 or 1 for each element, with this tensor's values as probabilities (<c>torch.bernoulli(p)</c>).</summary>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>A tensor of this shape and dtype.</returns>
    /// <exception cref="EmberArgumentException">A probability is outside [0, 1].</exception>
    /// <exception cref="ObjectDisposedException">This tensor or <paramref name="generator"/> was disposed.</exception>
    public unsafe Tensor Bernoulli(Generator? generator = null)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_bernoulli(Handle, Generator.HandleOf(generator), &result));
        GC.KeepAlive(this);
        GC.KeepAlive(generator);
        return FromResult(result);
    }

    /// <summary>Fills this tensor with values uniform on [<paramref name="from"/>, <paramref name="to"/>) (<c>uniform_</c>).</summary>
    /// <param name="from">The lower bound.</param>
    /// <param name="to">The upper bound (exclusive).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="from"/> is above <paramref name="to"/>.</exception>
    /// <exception cref="ObjectDisposedException">This tensor or <paramref name="generator"/> was disposed.</exception>
    public Tensor Uniform_(double from = 0, double to = 1, Generator? generator = null)
    {
        NativeStatus.Check(NativeMethods.ember_uniform_(Handle, from, to, Generator.HandleOf(generator)));
        GC.KeepAlive(generator);
        return this;
    }

    /// <summary>Fills this tensor with normal values (<c>normal_</c>).</summary>
    /// <param name="mean">The mean.</param>
    /// <param name="std">The standard deviation (at least 0).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="std"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">This tensor or <paramref name="generator"/> was disposed.</exception>
    public Tensor Normal_(double mean = 0, double std = 1, Generator? generator = null)
    {
        NativeStatus.Check(NativeMethods.ember_normal_(Handle, mean, std, Generator.HandleOf(generator)));
        GC.KeepAlive(generator);
        return this;
    }

    /// <summary>Fills this tensor with integers uniform on [<paramref name="from"/>, <paramref name="to"/>) (<c>random_</c>).</summary>
    /// <param name="from">The lowest value.</param>
    /// <param name="to">The end (exclusive).</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="to"/> is not above <paramref name="from"/>.</exception>
    /// <exception cref="ObjectDisposedException">This tensor or <paramref name="generator"/> was disposed.</exception>
    public Tensor Random_(long from, long to, Generator? generator = null)
    {
        NativeStatus.Check(NativeMethods.ember_random_(Handle, from, to, Generator.HandleOf(generator)));
        GC.KeepAlive(generator);
        return this;
    }

    /// <summary>Fills this tensor with 1 with probability <paramref name="p"/> and 0 otherwise (<c>bernoulli_</c>).</summary>
    /// <param name="p">The probability of a 1, in [0, 1].</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="p"/> is outside [0, 1].</exception>
    /// <exception cref="ObjectDisposedException">This tensor or <paramref name="generator"/> was disposed.</exception>
    public Tensor Bernoulli_(double p = 0.5, Generator? generator = null)
    {
        NativeStatus.Check(NativeMethods.ember_bernoulli_(Handle, p, Generator.HandleOf(generator)));
        GC.KeepAlive(generator);
        return this;
    }
}
