using System;
using Ember.Native;

namespace Ember;

/// <summary>Which GELU formula <see cref="Tensor.Gelu"/> uses (PyTorch's <c>approximate</c>).</summary>
public enum GeluApproximation
{
    /// <summary>The exact x * Φ(x) with the error function (<c>approximate="none"</c>).</summary>
    None = 0,

    /// <summary>The tanh approximation (<c>approximate="tanh"</c>).</summary>
    Tanh = 1,
}

// Elementwise ops with extra operands or parameters: where, clamp, lerp, masked_fill, fill_,
// copy_, bitwise_not and the parameterised activations.
public sealed partial class Tensor
{
    /// <summary>
    /// Elements of <paramref name="input"/> where <paramref name="condition"/> is true and of
    /// <paramref name="other"/> elsewhere, broadcasting all three (<c>torch.where</c>). Numbers
    /// convert implicitly and act as Python scalars: <c>Tensor.Where(mask, x, 0.0)</c>.
    /// </summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="input">Values where the condition holds.</param>
    /// <param name="other">Values elsewhere.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException">A tensor argument is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="condition"/> is not bool.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public static unsafe Tensor Where(Tensor condition, Tensor input, Tensor other, Tensor? destination = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(other);
        var temporaries = new Temporaries();
        EmberTensor result = default;
        try
        {
            NativeStatus.Check(NativeMethods.ember_where(temporaries.Use(condition), temporaries.Use(input), temporaries.Use(other), OutHandle(destination), destination is null ? &result : null));
        }
        finally
        {
            temporaries.Dispose();
        }

        GC.KeepAlive(condition);
        GC.KeepAlive(input);
        GC.KeepAlive(other);
        return destination is null ? FromResult(result) : Written(destination);
    }

    /// <summary>This tensor where <paramref name="condition"/> is true, <paramref name="other"/> elsewhere (<c>x.where(condition, other)</c>).</summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="other">Values where the condition is false (a number converts implicitly).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor argument is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="condition"/> is not bool.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Where(Tensor condition, Tensor other) => Where(condition, this, other);

    /// <summary>Clamps each element into [<paramref name="min"/>, <paramref name="max"/>] with integer bounds (<c>torch.clamp</c>).</summary>
    /// <param name="min">The lower bound, or null for none.</param>
    /// <param name="max">The upper bound, or null for none.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberArgumentException">Both bounds are null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Clamp(long? min = null, long? max = null, Tensor? destination = null) =>
        ClampScalar(min is long lo ? Scalars.Of(lo) : null, max is long hi ? Scalars.Of(hi) : null, destination);

    /// <summary>Clamps each element into [<paramref name="min"/>, <paramref name="max"/>] with floating bounds (<c>torch.clamp</c>).</summary>
    /// <param name="min">The lower bound, or null for none.</param>
    /// <param name="max">The upper bound, or null for none.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberArgumentException">Both bounds are null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Clamp(double? min = null, double? max = null, Tensor? destination = null) =>
        ClampScalar(min is double lo ? Scalars.Of(lo) : null, max is double hi ? Scalars.Of(hi) : null, destination);

    /// <summary>Clamps each element between tensors of bounds, broadcasting them (<c>torch.clamp</c>).</summary>
    /// <param name="min">The lower bounds, or null for none.</param>
    /// <param name="max">The upper bounds, or null for none.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberArgumentException">Both bounds are null.</exception>
    /// <exception cref="EmberShapeException">The bounds do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor Clamp(Tensor? min, Tensor? max, Tensor? destination = null)
    {
        var temporaries = new Temporaries();
        EmberTensor result = default;
        try
        {
            NativeStatus.Check(NativeMethods.ember_clamp(Handle, temporaries.UseOptional(min), temporaries.UseOptional(max), OutHandle(destination), destination is null ? &result : null));
        }
        finally
        {
            temporaries.Dispose();
        }

        GC.KeepAlive(this);
        GC.KeepAlive(min);
        GC.KeepAlive(max);
        return destination is null ? FromResult(result) : Written(destination);
    }

    /// <summary>Clamps each element into [<paramref name="min"/>, <paramref name="max"/>] in place (<c>clamp_</c>).</summary>
    /// <param name="min">The lower bound, or null for none.</param>
    /// <param name="max">The upper bound, or null for none.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberArgumentException">Both bounds are null.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Clamp_(long? min = null, long? max = null) => Clamp(min, max, this);

    /// <summary>Clamps each element into [<paramref name="min"/>, <paramref name="max"/>] in place (<c>clamp_</c>).</summary>
    /// <param name="min">The lower bound, or null for none.</param>
    /// <param name="max">The upper bound, or null for none.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberArgumentException">Both bounds are null.</exception>
    /// <exception cref="EmberDTypeException">Floating bounds on an integer tensor.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Clamp_(double? min = null, double? max = null) => Clamp(min, max, this);

    /// <summary>Clamps each element between tensors of bounds in place (<c>clamp_</c>).</summary>
    /// <param name="min">The lower bounds, or null for none.</param>
    /// <param name="max">The upper bounds, or null for none.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberArgumentException">Both bounds are null.</exception>
    /// <exception cref="EmberShapeException">The bounds do not broadcast to this tensor's shape.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Clamp_(Tensor? min, Tensor? max) => Clamp(min, max, this);

    /// <summary>Clamps from below: max(x, <paramref name="min"/>) (<c>torch.clamp_min</c>).</summary>
    /// <param name="min">The lower bound.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor ClampMin(double min) => Clamp(min, null);

    /// <summary>Clamps from below with an integer bound (<c>torch.clamp_min</c>).</summary>
    /// <param name="min">The lower bound.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor ClampMin(long min) => Clamp(min, null);

    /// <summary>Clamps from above: min(x, <paramref name="max"/>) (<c>torch.clamp_max</c>).</summary>
    /// <param name="max">The upper bound.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor ClampMax(double max) => Clamp(null, max);

    /// <summary>Clamps from above with an integer bound (<c>torch.clamp_max</c>).</summary>
    /// <param name="max">The upper bound.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor ClampMax(long max) => Clamp(null, max);

    /// <summary>Linear interpolation x + weight * (end - x), broadcasting all three (<c>torch.lerp</c>).</summary>
    /// <param name="end">The end points.</param>
    /// <param name="weight">The weights (a number converts implicitly).</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="end"/> or <paramref name="weight"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not floating or differ.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor Lerp(Tensor end, Tensor weight, Tensor? destination = null)
    {
        ArgumentNullException.ThrowIfNull(end);
        ArgumentNullException.ThrowIfNull(weight);
        var temporaries = new Temporaries();
        EmberTensor result = default;
        try
        {
            NativeStatus.Check(NativeMethods.ember_lerp(Handle, temporaries.Use(end), temporaries.Use(weight), OutHandle(destination), destination is null ? &result : null));
        }
        finally
        {
            temporaries.Dispose();
        }

        GC.KeepAlive(this);
        GC.KeepAlive(end);
        GC.KeepAlive(weight);
        return destination is null ? FromResult(result) : Written(destination);
    }

    /// <summary>Linear interpolation toward <paramref name="end"/>, in place (<c>lerp_</c>).</summary>
    /// <param name="end">The end points.</param>
    /// <param name="weight">The weights (a number converts implicitly).</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="end"/> or <paramref name="weight"/> is null.</exception>
    /// <exception cref="EmberShapeException">The operands do not broadcast to this tensor's shape.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Lerp_(Tensor end, Tensor weight) => Lerp(end, weight, this);

    /// <summary>This tensor with <paramref name="value"/> where <paramref name="mask"/> is true (<c>torch.masked_fill</c>).</summary>
    /// <param name="mask">A bool tensor that broadcasts to this tensor's shape.</param>
    /// <param name="value">The integer fill value.</param>
    /// <param name="destination">Where to write the result; null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="mask"/> does not broadcast.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="mask"/> is not bool.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor MaskedFill(Tensor mask, long value, Tensor? destination = null) => MaskedFill(mask, Scalars.Of(value), destination);

    /// <summary>This tensor with <paramref name="value"/> where <paramref name="mask"/> is true (<c>torch.masked_fill</c>).</summary>
    /// <param name="mask">A bool tensor that broadcasts to this tensor's shape.</param>
    /// <param name="value">The floating fill value.</param>
    /// <param name="destination">Where to write the result; null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="mask"/> does not broadcast.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="mask"/> is not bool.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor MaskedFill(Tensor mask, double value, Tensor? destination = null) => MaskedFill(mask, Scalars.Of(value), destination);

    /// <summary>This tensor with <paramref name="value"/> where <paramref name="mask"/> is true (<c>torch.masked_fill</c>).</summary>
    /// <param name="mask">A bool tensor that broadcasts to this tensor's shape.</param>
    /// <param name="value">The bool fill value.</param>
    /// <param name="destination">Where to write the result; null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="mask"/> does not broadcast.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="mask"/> is not bool.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor MaskedFill(Tensor mask, bool value, Tensor? destination = null) => MaskedFill(mask, Scalars.Of(value), destination);

    /// <summary>Writes <paramref name="value"/> where <paramref name="mask"/> is true, in place (<c>masked_fill_</c>).</summary>
    /// <param name="mask">A bool tensor that broadcasts to this tensor's shape.</param>
    /// <param name="value">The integer fill value.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="mask"/> does not broadcast.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="mask"/> is not bool.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor MaskedFill_(Tensor mask, long value) => MaskedFill(mask, Scalars.Of(value), this);

    /// <summary>Writes <paramref name="value"/> where <paramref name="mask"/> is true, in place (<c>masked_fill_</c>).</summary>
    /// <param name="mask">A bool tensor that broadcasts to this tensor's shape.</param>
    /// <param name="value">The floating fill value.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="mask"/> does not broadcast.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="mask"/> is not bool.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor MaskedFill_(Tensor mask, double value) => MaskedFill(mask, Scalars.Of(value), this);

    /// <summary>Writes <paramref name="value"/> where <paramref name="mask"/> is true, in place (<c>masked_fill_</c>).</summary>
    /// <param name="mask">A bool tensor that broadcasts to this tensor's shape.</param>
    /// <param name="value">The bool fill value.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="mask"/> does not broadcast.</exception>
    /// <exception cref="EmberDTypeException"><paramref name="mask"/> is not bool.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor MaskedFill_(Tensor mask, bool value) => MaskedFill(mask, Scalars.Of(value), this);

    /// <summary>Fills this tensor with an integer (<c>fill_</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Fill_(long value) => Fill(Scalars.Of(value));

    /// <summary>Fills this tensor with a floating number (<c>fill_</c>); integer tensors get it converted.</summary>
    /// <param name="value">The value.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Fill_(double value) => Fill(Scalars.Of(value));

    /// <summary>Fills this tensor with a bool (<c>fill_</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Fill_(bool value) => Fill(Scalars.Of(value));

    /// <summary>Fills this tensor with zeros (<c>zero_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Zero_() => Fill(Scalars.Of(0L));

    /// <summary>
    /// Copies <paramref name="source"/>'s elements into this tensor, broadcasting it to this shape
    /// and converting the dtype (<c>copy_</c>). A number (implicit conversion) fills the tensor.
    /// </summary>
    /// <param name="source">The values to copy.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="source"/> does not broadcast to this tensor's shape.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Copy_(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.IsPendingScalar)
        {
            return Fill(source.PendingScalar);
        }

        NativeStatus.Check(NativeMethods.ember_copy_(Handle, source.Handle));
        GC.KeepAlive(source);
        return this;
    }

    /// <summary>
    /// The bitwise NOT of each element (<c>torch.bitwise_not</c>, the <c>~</c> operator): logical
    /// negation for bool tensors, two's-complement NOT for integers.
    /// </summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The tensor is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseNot(Tensor? destination = null)
    {
        DType dtype = DType;
        if (dtype == DType.Bool)
        {
            return Unary(EmberUnaryOp.LogicalNot, destination);
        }

        if (dtype.IsFloatingPoint())
        {
            throw new EmberDTypeException($"\"bitwise_not_cpu\" not implemented for '{TorchScalarTypeName(dtype)}'");
        }

        // ~x == x ^ -1 for two's-complement integers of every width; the Python-int scalar keeps the dtype.
        return BinaryScalar(EmberBinaryOp.BitwiseXor, Scalars.Of(-1L), false, destination);
    }

    /// <summary>The bitwise NOT of each element, in place (<c>bitwise_not_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The tensor is floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor BitwiseNot_() => BitwiseNot(this);

    /// <summary>The Gaussian error linear unit (<c>torch.nn.functional.gelu</c>).</summary>
    /// <param name="approximate">The exact formula (default) or the tanh approximation.</param>
    /// <param name="destination">Where to write the result; null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Gelu(GeluApproximation approximate = GeluApproximation.None, Tensor? destination = null) =>
        Unary(approximate == GeluApproximation.Tanh ? EmberUnaryOp.GeluTanh : EmberUnaryOp.Gelu, destination);

    /// <summary>The Gaussian error linear unit, in place.</summary>
    /// <param name="approximate">The exact formula (default) or the tanh approximation.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Gelu_(GeluApproximation approximate = GeluApproximation.None) => Gelu(approximate, this);

    /// <summary>
    /// log(1 + exp(beta * x)) / beta, or x where beta * x exceeds <paramref name="threshold"/>
    /// (<c>torch.nn.functional.softplus</c>).
    /// </summary>
    /// <param name="beta">The sharpness (default 1).</param>
    /// <param name="threshold">Above this, the function is linear (default 20).</param>
    /// <param name="destination">Where to write the result; null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor Softplus(double beta = 1, double threshold = 20, Tensor? destination = null)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_softplus(Handle, beta, threshold, OutHandle(destination), destination is null ? &result : null));
        GC.KeepAlive(this);
        return destination is null ? FromResult(result) : Written(destination);
    }

    /// <summary>x where x &gt; 0, <paramref name="negativeSlope"/> * x elsewhere (<c>torch.nn.functional.leaky_relu</c>).</summary>
    /// <param name="negativeSlope">The slope for negative inputs (default 0.01).</param>
    /// <param name="destination">Where to write the result; null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor LeakyRelu(double negativeSlope = 0.01, Tensor? destination = null)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_leaky_relu(Handle, negativeSlope, OutHandle(destination), destination is null ? &result : null));
        GC.KeepAlive(this);
        return destination is null ? FromResult(result) : Written(destination);
    }

    /// <summary>The leaky ReLU, in place (<c>leaky_relu_</c>).</summary>
    /// <param name="negativeSlope">The slope for negative inputs (default 0.01).</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor LeakyRelu_(double negativeSlope = 0.01) => LeakyRelu(negativeSlope, this);

    private unsafe Tensor ClampScalar(EmberScalar? min, EmberScalar? max, Tensor? destination)
    {
        EmberScalar lo = min.GetValueOrDefault(), hi = max.GetValueOrDefault();
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_clamp_scalar(Handle, min.HasValue ? &lo : null, max.HasValue ? &hi : null, OutHandle(destination), destination is null ? &result : null));
        GC.KeepAlive(this);
        return destination is null ? FromResult(result) : Written(destination);
    }

    private unsafe Tensor MaskedFill(Tensor mask, EmberScalar value, Tensor? destination)
    {
        ArgumentNullException.ThrowIfNull(mask);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_masked_fill(Handle, mask.Handle, value, OutHandle(destination), destination is null ? &result : null));
        GC.KeepAlive(this);
        GC.KeepAlive(mask);
        return destination is null ? FromResult(result) : Written(destination);
    }

    private Tensor Fill(EmberScalar value)
    {
        NativeStatus.Check(NativeMethods.ember_fill_(Handle, value));
        return this;
    }

    /// <summary>PyTorch's C++ scalar-type name, as its "not implemented for" errors spell it ('Float', 'Long'...).</summary>
    internal static string TorchScalarTypeName(DType dtype) => dtype switch
    {
        DType.Float32 => "Float",
        DType.Float64 => "Double",
        DType.Float16 => "Half",
        DType.BFloat16 => "BFloat16",
        DType.Int8 => "Char",
        DType.UInt8 => "Byte",
        DType.Int16 => "Short",
        DType.Int32 => "Int",
        DType.Int64 => "Long",
        _ => "Bool",
    };
}
