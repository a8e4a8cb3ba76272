using System;
using Ember.Native;

namespace Ember;

/// <summary>How <see cref="Tensor.Div(Tensor, RoundingMode, Tensor?)"/> rounds (PyTorch's <c>rounding_mode</c>).</summary>
public enum RoundingMode
{
    /// <summary>True division, no rounding (<c>rounding_mode=None</c>): integers promote to float32.</summary>
    None = 0,

    /// <summary>Rounds the quotient toward zero (<c>rounding_mode="trunc"</c>), like C's integer division.</summary>
    Trunc = 1,

    /// <summary>Rounds the quotient toward negative infinity (<c>rounding_mode="floor"</c>), like Python's <c>//</c>.</summary>
    Floor = 2,
}

// Add, Sub (with alpha), Div (with a rounding mode) and the scalar-first forms of Pow.
public sealed partial class Tensor
{
    /// <summary>The sum of this tensor and <paramref name="other"/>, with broadcasting and type promotion (<c>torch.add</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Add(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Add, other, destination);

    /// <summary>This tensor plus <paramref name="alpha"/> times <paramref name="other"/> (<c>torch.add(x, other, alpha=alpha)</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="alpha">The integer multiplier of <paramref name="other"/>.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Add(Tensor other, long alpha, Tensor? destination = null) => AddScaled(other, Scalars.Of(alpha), destination);

    /// <summary>This tensor plus <paramref name="alpha"/> times <paramref name="other"/> (<c>torch.add(x, other, alpha=alpha)</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="alpha">The floating multiplier of <paramref name="other"/> (integer tensors reject it, as in PyTorch).</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">A floating alpha with integer tensors, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Add(Tensor other, double alpha, Tensor? destination = null) => AddScaled(other, Scalars.Of(alpha), destination);

    /// <summary>
    /// This tensor plus <paramref name="alpha"/> times <paramref name="other"/> for bool tensors
    /// (<c>torch.add(x, other, alpha=True)</c>): with bools, plus is logical or and times is logical and.
    /// </summary>
    /// <param name="other">The other operand.</param>
    /// <param name="alpha">The bool multiplier of <paramref name="other"/> (only bool results accept it, as in PyTorch).</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The promoted dtype of the operands is not bool, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Add(Tensor other, bool alpha, Tensor? destination = null) => AddScaled(other, Scalars.Of(alpha), destination);

    /// <summary>This tensor plus an integer (a Python int: an integer tensor stays integer) (<c>torch.add</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Add(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Add, Scalars.Of(other), false, destination);

    /// <summary>This tensor plus a floating number (a Python float: an integer tensor gives float32) (<c>torch.add</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Add(double other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Add, Scalars.Of(other), false, destination);

    /// <summary>Adds <paramref name="other"/> to this tensor in place (<c>add_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="other"/> does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Add_(Tensor other) => Binary(EmberBinaryOp.Add, other, this);

    /// <summary>Adds <paramref name="alpha"/> times <paramref name="other"/> to this tensor in place (<c>add_(other, alpha=alpha)</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <param name="alpha">The integer multiplier.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="other"/> does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Add_(Tensor other, long alpha) => AddScaled(other, Scalars.Of(alpha), this);

    /// <summary>Adds <paramref name="alpha"/> times <paramref name="other"/> to this tensor in place (<c>add_(other, alpha=alpha)</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <param name="alpha">The floating multiplier.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="other"/> does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">A floating alpha with integer tensors, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Add_(Tensor other, double alpha) => AddScaled(other, Scalars.Of(alpha), this);

    /// <summary>Adds <paramref name="alpha"/> times <paramref name="other"/> to this bool tensor in place (<c>add_(other, alpha=True)</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <param name="alpha">The bool multiplier (only bool results accept it, as in PyTorch).</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="other"/> does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The promoted dtype of the operands is not bool, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Add_(Tensor other, bool alpha) => AddScaled(other, Scalars.Of(alpha), this);

    /// <summary>Adds an integer to this tensor in place (<c>add_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Add_(long other) => BinaryScalar(EmberBinaryOp.Add, Scalars.Of(other), false, this);

    /// <summary>Adds a floating number to this tensor in place (<c>add_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The tensor has an integer dtype (the float result cannot be stored in it).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Add_(double other) => BinaryScalar(EmberBinaryOp.Add, Scalars.Of(other), false, this);

    /// <summary>This tensor minus <paramref name="other"/>, with broadcasting and type promotion (<c>torch.sub</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">Both are bool (PyTorch forbids it), or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sub(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Sub, other, destination);

    /// <summary>This tensor minus <paramref name="alpha"/> times <paramref name="other"/> (<c>torch.sub(x, other, alpha=alpha)</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="alpha">The integer multiplier of <paramref name="other"/>.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sub(Tensor other, long alpha, Tensor? destination = null) => AddScaled(other, Scalars.Of(unchecked(-alpha)), destination);

    /// <summary>This tensor minus <paramref name="alpha"/> times <paramref name="other"/> (<c>torch.sub(x, other, alpha=alpha)</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="alpha">The floating multiplier of <paramref name="other"/> (integer tensors reject it, as in PyTorch).</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">A floating alpha with integer tensors, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sub(Tensor other, double alpha, Tensor? destination = null) => AddScaled(other, Scalars.Of(-alpha), destination);

    /// <summary>This tensor minus an integer (a Python int) (<c>torch.sub</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sub(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Sub, Scalars.Of(other), false, destination);

    /// <summary>This tensor minus a floating number (a Python float) (<c>torch.sub</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sub(double other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Sub, Scalars.Of(other), false, destination);

    /// <summary>Subtracts <paramref name="other"/> from this tensor in place (<c>sub_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="other"/> does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sub_(Tensor other) => Binary(EmberBinaryOp.Sub, other, this);

    /// <summary>Subtracts <paramref name="alpha"/> times <paramref name="other"/> from this tensor in place (<c>sub_(other, alpha=alpha)</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <param name="alpha">The integer multiplier.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="other"/> does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sub_(Tensor other, long alpha) => AddScaled(other, Scalars.Of(unchecked(-alpha)), this);

    /// <summary>Subtracts <paramref name="alpha"/> times <paramref name="other"/> from this tensor in place (<c>sub_(other, alpha=alpha)</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <param name="alpha">The floating multiplier.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="other"/> does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">A floating alpha with integer tensors, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sub_(Tensor other, double alpha) => AddScaled(other, Scalars.Of(-alpha), this);

    /// <summary>Subtracts an integer from this tensor in place (<c>sub_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Sub_(long other) => BinaryScalar(EmberBinaryOp.Sub, Scalars.Of(other), false, this);

    /// <summary>Subtracts a floating number from this tensor in place (<c>sub_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The tensor has an integer dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Sub_(double other) => BinaryScalar(EmberBinaryOp.Sub, Scalars.Of(other), false, this);

    /// <summary>
    /// This tensor divided by <paramref name="other"/> (<c>torch.div</c>): true division (integers give
    /// float32) unless <paramref name="roundingMode"/> asks for truncation or flooring.
    /// </summary>
    /// <param name="other">The divisor.</param>
    /// <param name="roundingMode">How to round the quotient (default: none).</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberArgumentException">Integer division by zero with a rounding mode.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Div(Tensor other, RoundingMode roundingMode = RoundingMode.None, Tensor? destination = null) =>
        Binary(DivOp(roundingMode), other, destination);

    /// <summary>This tensor divided by an integer (a Python int) (<c>torch.div</c>).</summary>
    /// <param name="other">The divisor.</param>
    /// <param name="roundingMode">How to round the quotient (default: none, so integers give float32).</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberArgumentException">Integer division by zero with a rounding mode.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Div(long other, RoundingMode roundingMode = RoundingMode.None, Tensor? destination = null) =>
        BinaryScalar(DivOp(roundingMode), Scalars.Of(other), false, destination);

    /// <summary>This tensor divided by a floating number (a Python float) (<c>torch.div</c>).</summary>
    /// <param name="other">The divisor.</param>
    /// <param name="roundingMode">How to round the quotient (default: none).</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Div(double other, RoundingMode roundingMode = RoundingMode.None, Tensor? destination = null) =>
        BinaryScalar(DivOp(roundingMode), Scalars.Of(other), false, destination);

    /// <summary>Divides this tensor by <paramref name="other"/> in place (<c>div_</c>).</summary>
    /// <param name="other">The divisor; it broadcasts to this tensor's shape.</param>
    /// <param name="roundingMode">How to round the quotient (default: none).</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException"><paramref name="other"/> does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The result cannot be stored in this tensor's dtype (true division of integers).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Div_(Tensor other, RoundingMode roundingMode = RoundingMode.None) => Binary(DivOp(roundingMode), other, this);

    /// <summary>Divides this tensor by an integer in place (<c>div_</c>).</summary>
    /// <param name="other">The divisor.</param>
    /// <param name="roundingMode">How to round the quotient (default: none).</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The result cannot be stored in this tensor's dtype (true division of integers).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Div_(long other, RoundingMode roundingMode = RoundingMode.None) => BinaryScalar(DivOp(roundingMode), Scalars.Of(other), false, this);

    /// <summary>Divides this tensor by a floating number in place (<c>div_</c>).</summary>
    /// <param name="other">The divisor.</param>
    /// <param name="roundingMode">How to round the quotient (default: none).</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The tensor has an integer dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Div_(double other, RoundingMode roundingMode = RoundingMode.None) => BinaryScalar(DivOp(roundingMode), Scalars.Of(other), false, this);

    /// <summary>A number raised to the powers in <paramref name="exponent"/> (<c>torch.pow(self, exponent)</c> with a Python int base).</summary>
    /// <param name="self">The base.</param>
    /// <param name="exponent">The exponents.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exponent"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="exponent"/> was disposed.</exception>
    public static Tensor Pow(long self, Tensor exponent)
    {
        ArgumentNullException.ThrowIfNull(exponent);
        return exponent.BinaryScalar(EmberBinaryOp.Pow, Scalars.Of(self), scalarFirst: true, null);
    }

    /// <summary>A number raised to the powers in <paramref name="exponent"/> (<c>torch.pow(self, exponent)</c> with a Python float base).</summary>
    /// <param name="self">The base.</param>
    /// <param name="exponent">The exponents.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exponent"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="exponent"/> was disposed.</exception>
    public static Tensor Pow(double self, Tensor exponent)
    {
        ArgumentNullException.ThrowIfNull(exponent);
        return exponent.BinaryScalar(EmberBinaryOp.Pow, Scalars.Of(self), scalarFirst: true, null);
    }

    /// <summary>
    /// <paramref name="self"/> raised to an integer power (<c>torch.pow(self, exponent)</c>): the
    /// static form, which is also F#'s <c>**</c> operator.
    /// </summary>
    /// <param name="self">The base tensor.</param>
    /// <param name="exponent">The exponent (a Python int: an integer tensor stays integer).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="self"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="self"/> was disposed.</exception>
    public static Tensor Pow(Tensor self, long exponent) => NotNull(self).Pow(exponent);

    /// <summary>
    /// <paramref name="self"/> raised to a floating power (<c>torch.pow(self, exponent)</c>): the
    /// static form, which is also F#'s <c>**</c> operator.
    /// </summary>
    /// <param name="self">The base tensor.</param>
    /// <param name="exponent">The exponent (a Python float: an integer tensor gives float32).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="self"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="self"/> was disposed.</exception>
    public static Tensor Pow(Tensor self, double exponent) => NotNull(self).Pow(exponent);

    private static EmberBinaryOp DivOp(RoundingMode mode) => mode switch
    {
        RoundingMode.None => EmberBinaryOp.Div,
        RoundingMode.Trunc => EmberBinaryOp.DivTrunc,
        RoundingMode.Floor => EmberBinaryOp.DivFloor,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a rounding mode"),
    };
}
