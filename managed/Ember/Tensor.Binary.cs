using System;
using Ember.Native;

namespace Ember;

// Binary elementwise ops (ember_binary, ember_binary_scalar): broadcasting and PyTorch's type
// promotion. A long argument acts as a Python int, a double as a Python float, a bool as a Python bool.
public sealed partial class Tensor
{
    /// <summary>The product of this tensor and <paramref name="other"/>, with broadcasting (<c>torch.mul</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Mul(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Mul, other, destination);

    /// <summary>The product of this tensor and <paramref name="other"/>, an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.mul</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Mul(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Mul, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The product of this tensor and <paramref name="other"/>, a floating number (a Python float: an integer tensor gives float32) (<c>torch.mul</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Mul(double other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Mul, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The product of this tensor and <paramref name="other"/>, in place (<c>mul_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The other operand does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Mul_(Tensor other) => Binary(EmberBinaryOp.Mul, other, this);

    /// <summary>The product of this tensor and <paramref name="other"/>, in place (<c>mul_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Mul_(long other) => BinaryScalar(EmberBinaryOp.Mul, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>The product of this tensor and <paramref name="other"/>, in place (<c>mul_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Mul_(double other) => BinaryScalar(EmberBinaryOp.Mul, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>The Python-style remainder of this tensor divided by <paramref name="other"/> (the result has the divisor's sign), with broadcasting (<c>torch.remainder</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Remainder(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Remainder, other, destination);

    /// <summary>The Python-style remainder of this tensor divided by <paramref name="other"/> (the result has the divisor's sign), an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.remainder</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Remainder(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Remainder, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The Python-style remainder of this tensor divided by <paramref name="other"/> (the result has the divisor's sign), a floating number (a Python float: an integer tensor gives float32) (<c>torch.remainder</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Remainder(double other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Remainder, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The Python-style remainder of this tensor divided by <paramref name="other"/> (the result has the divisor's sign), in place (<c>remainder_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The other operand does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Remainder_(Tensor other) => Binary(EmberBinaryOp.Remainder, other, this);

    /// <summary>The Python-style remainder of this tensor divided by <paramref name="other"/> (the result has the divisor's sign), in place (<c>remainder_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Remainder_(long other) => BinaryScalar(EmberBinaryOp.Remainder, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>The Python-style remainder of this tensor divided by <paramref name="other"/> (the result has the divisor's sign), in place (<c>remainder_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Remainder_(double other) => BinaryScalar(EmberBinaryOp.Remainder, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>The C-style remainder of this tensor divided by <paramref name="other"/> (the result has the dividend's sign), with broadcasting (<c>torch.fmod</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Fmod(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Fmod, other, destination);

    /// <summary>The C-style remainder of this tensor divided by <paramref name="other"/> (the result has the dividend's sign), an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.fmod</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Fmod(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Fmod, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The C-style remainder of this tensor divided by <paramref name="other"/> (the result has the dividend's sign), a floating number (a Python float: an integer tensor gives float32) (<c>torch.fmod</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Fmod(double other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Fmod, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The C-style remainder of this tensor divided by <paramref name="other"/> (the result has the dividend's sign), in place (<c>fmod_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The other operand does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Fmod_(Tensor other) => Binary(EmberBinaryOp.Fmod, other, this);

    /// <summary>The C-style remainder of this tensor divided by <paramref name="other"/> (the result has the dividend's sign), in place (<c>fmod_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Fmod_(long other) => BinaryScalar(EmberBinaryOp.Fmod, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>The C-style remainder of this tensor divided by <paramref name="other"/> (the result has the dividend's sign), in place (<c>fmod_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Fmod_(double other) => BinaryScalar(EmberBinaryOp.Fmod, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>This tensor raised to the power <paramref name="other"/>, with broadcasting (<c>torch.pow</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Pow(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Pow, other, destination);

    /// <summary>This tensor raised to the power <paramref name="other"/>, an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.pow</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>The result: a new tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Pow(long other) => BinaryScalar(EmberBinaryOp.Pow, Scalars.Of(other), scalarFirst: false, null);

    /// <summary>This tensor raised to the power <paramref name="other"/>, a floating number (a Python float: an integer tensor gives float32) (<c>torch.pow</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>The result: a new tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Pow(double other) => BinaryScalar(EmberBinaryOp.Pow, Scalars.Of(other), scalarFirst: false, null);

    /// <summary>This tensor raised to the power <paramref name="other"/>, in place (<c>pow_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The other operand does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Pow_(Tensor other) => Binary(EmberBinaryOp.Pow, other, this);

    /// <summary>This tensor raised to the power <paramref name="other"/>, in place (<c>pow_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Pow_(long other) => BinaryScalar(EmberBinaryOp.Pow, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>This tensor raised to the power <paramref name="other"/>, in place (<c>pow_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Pow_(double other) => BinaryScalar(EmberBinaryOp.Pow, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>The elementwise maximum of this tensor and <paramref name="other"/> (NaN propagates), with broadcasting (<c>torch.maximum</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Maximum(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Maximum, other, destination);

    /// <summary>The elementwise minimum of this tensor and <paramref name="other"/> (NaN propagates), with broadcasting (<c>torch.minimum</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Minimum(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Minimum, other, destination);

    /// <summary>The arctangent of this tensor divided by <paramref name="other"/>, in the right quadrant, with broadcasting (<c>torch.atan2</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Atan2(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Atan2, other, destination);

    /// <summary>The arctangent of this tensor divided by <paramref name="other"/>, in the right quadrant, in place (<c>atan2_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The other operand does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Atan2_(Tensor other) => Binary(EmberBinaryOp.Atan2, other, this);

    /// <summary>Whether each element equals <paramref name="other"/> (a bool tensor), with broadcasting (<c>torch.eq</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Eq(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Eq, other, destination);

    /// <summary>Whether each element equals <paramref name="other"/> (a bool tensor), an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.eq</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Eq(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Eq, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element equals <paramref name="other"/> (a bool tensor), a floating number (a Python float: an integer tensor gives float32) (<c>torch.eq</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Eq(double other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Eq, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element equals <paramref name="other"/> (a bool tensor), a bool (a Python bool) (<c>torch.eq</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Eq(bool other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Eq, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element differs from <paramref name="other"/> (a bool tensor), with broadcasting (<c>torch.ne</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Ne(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Ne, other, destination);

    /// <summary>Whether each element differs from <paramref name="other"/> (a bool tensor), an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.ne</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Ne(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Ne, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element differs from <paramref name="other"/> (a bool tensor), a floating number (a Python float: an integer tensor gives float32) (<c>torch.ne</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Ne(double other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Ne, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element differs from <paramref name="other"/> (a bool tensor), a bool (a Python bool) (<c>torch.ne</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Ne(bool other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Ne, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element is less than <paramref name="other"/> (a bool tensor), with broadcasting (<c>torch.lt</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Lt(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Lt, other, destination);

    /// <summary>Whether each element is less than <paramref name="other"/> (a bool tensor), an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.lt</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Lt(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Lt, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element is less than <paramref name="other"/> (a bool tensor), a floating number (a Python float: an integer tensor gives float32) (<c>torch.lt</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Lt(double other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Lt, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element is less than or equal to <paramref name="other"/> (a bool tensor), with broadcasting (<c>torch.le</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Le(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Le, other, destination);

    /// <summary>Whether each element is less than or equal to <paramref name="other"/> (a bool tensor), an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.le</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Le(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Le, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element is less than or equal to <paramref name="other"/> (a bool tensor), a floating number (a Python float: an integer tensor gives float32) (<c>torch.le</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Le(double other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Le, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element is greater than <paramref name="other"/> (a bool tensor), with broadcasting (<c>torch.gt</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Gt(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Gt, other, destination);

    /// <summary>Whether each element is greater than <paramref name="other"/> (a bool tensor), an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.gt</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Gt(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Gt, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element is greater than <paramref name="other"/> (a bool tensor), a floating number (a Python float: an integer tensor gives float32) (<c>torch.gt</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Gt(double other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Gt, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element is greater than or equal to <paramref name="other"/> (a bool tensor), with broadcasting (<c>torch.ge</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Ge(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.Ge, other, destination);

    /// <summary>Whether each element is greater than or equal to <paramref name="other"/> (a bool tensor), an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.ge</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Ge(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Ge, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>Whether each element is greater than or equal to <paramref name="other"/> (a bool tensor), a floating number (a Python float: an integer tensor gives float32) (<c>torch.ge</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Ge(double other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.Ge, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The logical AND of this tensor and <paramref name="other"/>: nonzero is true (a bool tensor), with broadcasting (<c>torch.logical_and</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor LogicalAnd(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.LogicalAnd, other, destination);

    /// <summary>The logical AND of this tensor and <paramref name="other"/>: nonzero is true (a bool tensor), in place (<c>logical_and_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The other operand does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor LogicalAnd_(Tensor other) => Binary(EmberBinaryOp.LogicalAnd, other, this);

    /// <summary>The logical OR of this tensor and <paramref name="other"/>: nonzero is true (a bool tensor), with broadcasting (<c>torch.logical_or</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor LogicalOr(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.LogicalOr, other, destination);

    /// <summary>The logical OR of this tensor and <paramref name="other"/>: nonzero is true (a bool tensor), in place (<c>logical_or_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The other operand does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor LogicalOr_(Tensor other) => Binary(EmberBinaryOp.LogicalOr, other, this);

    /// <summary>The logical XOR of this tensor and <paramref name="other"/>: nonzero is true (a bool tensor), with broadcasting (<c>torch.logical_xor</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor LogicalXor(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.LogicalXor, other, destination);

    /// <summary>The logical XOR of this tensor and <paramref name="other"/>: nonzero is true (a bool tensor), in place (<c>logical_xor_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The other operand does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor LogicalXor_(Tensor other) => Binary(EmberBinaryOp.LogicalXor, other, this);

    /// <summary>The bitwise AND of this tensor and <paramref name="other"/> (integer and bool dtypes), with broadcasting (<c>torch.bitwise_and</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseAnd(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.BitwiseAnd, other, destination);

    /// <summary>The bitwise AND of this tensor and <paramref name="other"/> (integer and bool dtypes), an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.bitwise_and</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseAnd(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.BitwiseAnd, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The bitwise AND of this tensor and <paramref name="other"/> (integer and bool dtypes), a bool (a Python bool) (<c>torch.bitwise_and</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseAnd(bool other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.BitwiseAnd, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The bitwise AND of this tensor and <paramref name="other"/> (integer and bool dtypes), in place (<c>bitwise_and_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The other operand does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseAnd_(Tensor other) => Binary(EmberBinaryOp.BitwiseAnd, other, this);

    /// <summary>The bitwise AND of this tensor and <paramref name="other"/> (integer and bool dtypes), in place (<c>bitwise_and_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor BitwiseAnd_(long other) => BinaryScalar(EmberBinaryOp.BitwiseAnd, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>The bitwise AND of this tensor and <paramref name="other"/> (integer and bool dtypes), in place (<c>bitwise_and_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor BitwiseAnd_(bool other) => BinaryScalar(EmberBinaryOp.BitwiseAnd, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>The bitwise OR of this tensor and <paramref name="other"/> (integer and bool dtypes), with broadcasting (<c>torch.bitwise_or</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseOr(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.BitwiseOr, other, destination);

    /// <summary>The bitwise OR of this tensor and <paramref name="other"/> (integer and bool dtypes), an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.bitwise_or</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseOr(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.BitwiseOr, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The bitwise OR of this tensor and <paramref name="other"/> (integer and bool dtypes), a bool (a Python bool) (<c>torch.bitwise_or</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseOr(bool other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.BitwiseOr, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The bitwise OR of this tensor and <paramref name="other"/> (integer and bool dtypes), in place (<c>bitwise_or_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The other operand does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseOr_(Tensor other) => Binary(EmberBinaryOp.BitwiseOr, other, this);

    /// <summary>The bitwise OR of this tensor and <paramref name="other"/> (integer and bool dtypes), in place (<c>bitwise_or_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor BitwiseOr_(long other) => BinaryScalar(EmberBinaryOp.BitwiseOr, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>The bitwise OR of this tensor and <paramref name="other"/> (integer and bool dtypes), in place (<c>bitwise_or_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor BitwiseOr_(bool other) => BinaryScalar(EmberBinaryOp.BitwiseOr, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>The bitwise XOR of this tensor and <paramref name="other"/> (integer and bool dtypes), with broadcasting (<c>torch.bitwise_xor</c>).</summary>
    /// <param name="other">The other operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast, or <paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseXor(Tensor other, Tensor? destination = null) => Binary(EmberBinaryOp.BitwiseXor, other, destination);

    /// <summary>The bitwise XOR of this tensor and <paramref name="other"/> (integer and bool dtypes), an integer (a Python int: it does not promote an integer tensor to floating) (<c>torch.bitwise_xor</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseXor(long other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.BitwiseXor, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The bitwise XOR of this tensor and <paramref name="other"/> (integer and bool dtypes), a bool (a Python bool) (<c>torch.bitwise_xor</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseXor(bool other, Tensor? destination = null) => BinaryScalar(EmberBinaryOp.BitwiseXor, Scalars.Of(other), scalarFirst: false, destination);

    /// <summary>The bitwise XOR of this tensor and <paramref name="other"/> (integer and bool dtypes), in place (<c>bitwise_xor_</c>).</summary>
    /// <param name="other">The other operand; it broadcasts to this tensor's shape.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The other operand does not broadcast to this tensor's shape.</exception>
    /// <exception cref="EmberDTypeException">The dtypes are not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor BitwiseXor_(Tensor other) => Binary(EmberBinaryOp.BitwiseXor, other, this);

    /// <summary>The bitwise XOR of this tensor and <paramref name="other"/> (integer and bool dtypes), in place (<c>bitwise_xor_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor BitwiseXor_(long other) => BinaryScalar(EmberBinaryOp.BitwiseXor, Scalars.Of(other), scalarFirst: false, this);

    /// <summary>The bitwise XOR of this tensor and <paramref name="other"/> (integer and bool dtypes), in place (<c>bitwise_xor_</c>).</summary>
    /// <param name="other">The scalar operand.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor BitwiseXor_(bool other) => BinaryScalar(EmberBinaryOp.BitwiseXor, Scalars.Of(other), scalarFirst: false, this);
}
