using System;
using Ember.Native;

namespace Ember;

// Unary elementwise ops (ember_unary). Each has a form that allocates its result, a form that
// writes into a destination (PyTorch's out=), and (where PyTorch has one) an in-place form.
public sealed partial class Tensor
{
    /// <summary>The negation, -x of each element (<c>torch.neg</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Neg(Tensor? destination = null) => Unary(EmberUnaryOp.Neg, destination);

    /// <summary>The negation, -x of each element, in place (<c>neg_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Neg_() => Unary(EmberUnaryOp.Neg, this);

    /// <summary>The absolute value |x| of each element (<c>torch.abs</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Abs(Tensor? destination = null) => Unary(EmberUnaryOp.Abs, destination);

    /// <summary>The absolute value |x| of each element, in place (<c>abs_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Abs_() => Unary(EmberUnaryOp.Abs, this);

    /// <summary>The sign: -1, 0 or 1 of each element (<c>torch.sign</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sign(Tensor? destination = null) => Unary(EmberUnaryOp.Sign, destination);

    /// <summary>The sign: -1, 0 or 1 of each element, in place (<c>sign_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Sign_() => Unary(EmberUnaryOp.Sign, this);

    /// <summary>The exponential e^x (integers promote to float32) of each element (<c>torch.exp</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Exp(Tensor? destination = null) => Unary(EmberUnaryOp.Exp, destination);

    /// <summary>The exponential e^x (integers promote to float32) of each element, in place (<c>exp_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Exp_() => Unary(EmberUnaryOp.Exp, this);

    /// <summary>e^x - 1, accurate near 0 of each element (<c>torch.expm1</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Expm1(Tensor? destination = null) => Unary(EmberUnaryOp.Expm1, destination);

    /// <summary>e^x - 1, accurate near 0 of each element, in place (<c>expm1_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Expm1_() => Unary(EmberUnaryOp.Expm1, this);

    /// <summary>2^x of each element (<c>torch.exp2</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Exp2(Tensor? destination = null) => Unary(EmberUnaryOp.Exp2, destination);

    /// <summary>2^x of each element, in place (<c>exp2_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Exp2_() => Unary(EmberUnaryOp.Exp2, this);

    /// <summary>The natural logarithm (negative values give NaN) of each element (<c>torch.log</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Log(Tensor? destination = null) => Unary(EmberUnaryOp.Log, destination);

    /// <summary>The natural logarithm (negative values give NaN) of each element, in place (<c>log_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Log_() => Unary(EmberUnaryOp.Log, this);

    /// <summary>log(1 + x), accurate near 0 of each element (<c>torch.log1p</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Log1p(Tensor? destination = null) => Unary(EmberUnaryOp.Log1p, destination);

    /// <summary>log(1 + x), accurate near 0 of each element, in place (<c>log1p_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Log1p_() => Unary(EmberUnaryOp.Log1p, this);

    /// <summary>The base-2 logarithm of each element (<c>torch.log2</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Log2(Tensor? destination = null) => Unary(EmberUnaryOp.Log2, destination);

    /// <summary>The base-2 logarithm of each element, in place (<c>log2_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Log2_() => Unary(EmberUnaryOp.Log2, this);

    /// <summary>The base-10 logarithm of each element (<c>torch.log10</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Log10(Tensor? destination = null) => Unary(EmberUnaryOp.Log10, destination);

    /// <summary>The base-10 logarithm of each element, in place (<c>log10_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Log10_() => Unary(EmberUnaryOp.Log10, this);

    /// <summary>The square root (negative values give NaN) of each element (<c>torch.sqrt</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sqrt(Tensor? destination = null) => Unary(EmberUnaryOp.Sqrt, destination);

    /// <summary>The square root (negative values give NaN) of each element, in place (<c>sqrt_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Sqrt_() => Unary(EmberUnaryOp.Sqrt, this);

    /// <summary>The reciprocal square root 1/sqrt(x) of each element (<c>torch.rsqrt</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Rsqrt(Tensor? destination = null) => Unary(EmberUnaryOp.Rsqrt, destination);

    /// <summary>The reciprocal square root 1/sqrt(x) of each element, in place (<c>rsqrt_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Rsqrt_() => Unary(EmberUnaryOp.Rsqrt, this);

    /// <summary>The reciprocal 1/x of each element (<c>torch.reciprocal</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Reciprocal(Tensor? destination = null) => Unary(EmberUnaryOp.Reciprocal, destination);

    /// <summary>The reciprocal 1/x of each element, in place (<c>reciprocal_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Reciprocal_() => Unary(EmberUnaryOp.Reciprocal, this);

    /// <summary>The square x*x of each element (<c>torch.square</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Square(Tensor? destination = null) => Unary(EmberUnaryOp.Square, destination);

    /// <summary>The square x*x of each element, in place (<c>square_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Square_() => Unary(EmberUnaryOp.Square, this);

    /// <summary>The sine of each element (<c>torch.sin</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sin(Tensor? destination = null) => Unary(EmberUnaryOp.Sin, destination);

    /// <summary>The sine of each element, in place (<c>sin_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Sin_() => Unary(EmberUnaryOp.Sin, this);

    /// <summary>The cosine of each element (<c>torch.cos</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Cos(Tensor? destination = null) => Unary(EmberUnaryOp.Cos, destination);

    /// <summary>The cosine of each element, in place (<c>cos_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Cos_() => Unary(EmberUnaryOp.Cos, this);

    /// <summary>The tangent of each element (<c>torch.tan</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Tan(Tensor? destination = null) => Unary(EmberUnaryOp.Tan, destination);

    /// <summary>The tangent of each element, in place (<c>tan_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Tan_() => Unary(EmberUnaryOp.Tan, this);

    /// <summary>The arcsine of each element (<c>torch.asin</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Asin(Tensor? destination = null) => Unary(EmberUnaryOp.Asin, destination);

    /// <summary>The arcsine of each element, in place (<c>asin_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Asin_() => Unary(EmberUnaryOp.Asin, this);

    /// <summary>The arccosine of each element (<c>torch.acos</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Acos(Tensor? destination = null) => Unary(EmberUnaryOp.Acos, destination);

    /// <summary>The arccosine of each element, in place (<c>acos_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Acos_() => Unary(EmberUnaryOp.Acos, this);

    /// <summary>The arctangent of each element (<c>torch.atan</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Atan(Tensor? destination = null) => Unary(EmberUnaryOp.Atan, destination);

    /// <summary>The arctangent of each element, in place (<c>atan_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Atan_() => Unary(EmberUnaryOp.Atan, this);

    /// <summary>The hyperbolic sine of each element (<c>torch.sinh</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sinh(Tensor? destination = null) => Unary(EmberUnaryOp.Sinh, destination);

    /// <summary>The hyperbolic sine of each element, in place (<c>sinh_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Sinh_() => Unary(EmberUnaryOp.Sinh, this);

    /// <summary>The hyperbolic cosine of each element (<c>torch.cosh</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Cosh(Tensor? destination = null) => Unary(EmberUnaryOp.Cosh, destination);

    /// <summary>The hyperbolic cosine of each element, in place (<c>cosh_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Cosh_() => Unary(EmberUnaryOp.Cosh, this);

    /// <summary>The hyperbolic tangent of each element (<c>torch.tanh</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Tanh(Tensor? destination = null) => Unary(EmberUnaryOp.Tanh, destination);

    /// <summary>The hyperbolic tangent of each element, in place (<c>tanh_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Tanh_() => Unary(EmberUnaryOp.Tanh, this);

    /// <summary>The logistic sigmoid 1/(1+e^-x) of each element (<c>torch.sigmoid</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Sigmoid(Tensor? destination = null) => Unary(EmberUnaryOp.Sigmoid, destination);

    /// <summary>The logistic sigmoid 1/(1+e^-x) of each element, in place (<c>sigmoid_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Sigmoid_() => Unary(EmberUnaryOp.Sigmoid, this);

    /// <summary>The rectified linear unit max(x, 0) of each element (<c>torch.relu</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Relu(Tensor? destination = null) => Unary(EmberUnaryOp.Relu, destination);

    /// <summary>The rectified linear unit max(x, 0) of each element, in place (<c>relu_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Relu_() => Unary(EmberUnaryOp.Relu, this);

    /// <summary>The SiLU (swish) x*sigmoid(x) of each element (<c>nn.functional.silu</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Silu(Tensor? destination = null) => Unary(EmberUnaryOp.Silu, destination);

    /// <summary>The SiLU (swish) x*sigmoid(x) of each element, in place (<c>silu_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Silu_() => Unary(EmberUnaryOp.Silu, this);

    /// <summary>The error function of each element (<c>torch.erf</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Erf(Tensor? destination = null) => Unary(EmberUnaryOp.Erf, destination);

    /// <summary>The error function of each element, in place (<c>erf_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Erf_() => Unary(EmberUnaryOp.Erf, this);

    /// <summary>The complementary error function 1 - erf(x) of each element (<c>torch.erfc</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Erfc(Tensor? destination = null) => Unary(EmberUnaryOp.Erfc, destination);

    /// <summary>The complementary error function 1 - erf(x) of each element, in place (<c>erfc_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Erfc_() => Unary(EmberUnaryOp.Erfc, this);

    /// <summary>Rounds down to an integer value of each element (<c>torch.floor</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Floor(Tensor? destination = null) => Unary(EmberUnaryOp.Floor, destination);

    /// <summary>Rounds down to an integer value of each element, in place (<c>floor_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Floor_() => Unary(EmberUnaryOp.Floor, this);

    /// <summary>Rounds up to an integer value of each element (<c>torch.ceil</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Ceil(Tensor? destination = null) => Unary(EmberUnaryOp.Ceil, destination);

    /// <summary>Rounds up to an integer value of each element, in place (<c>ceil_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Ceil_() => Unary(EmberUnaryOp.Ceil, this);

    /// <summary>Rounds to the nearest integer value, halves to even of each element (<c>torch.round</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Round(Tensor? destination = null) => Unary(EmberUnaryOp.Round, destination);

    /// <summary>Rounds to the nearest integer value, halves to even of each element, in place (<c>round_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Round_() => Unary(EmberUnaryOp.Round, this);

    /// <summary>Rounds toward zero to an integer value of each element (<c>torch.trunc</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Trunc(Tensor? destination = null) => Unary(EmberUnaryOp.Trunc, destination);

    /// <summary>Rounds toward zero to an integer value of each element, in place (<c>trunc_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Trunc_() => Unary(EmberUnaryOp.Trunc, this);

    /// <summary>The logical negation: true where x is zero (a bool tensor) of each element (<c>torch.logical_not</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor LogicalNot(Tensor? destination = null) => Unary(EmberUnaryOp.LogicalNot, destination);

    /// <summary>The logical negation: true where x is zero (a bool tensor) of each element, in place (<c>logical_not_</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be stored in this tensor's dtype.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor LogicalNot_() => Unary(EmberUnaryOp.LogicalNot, this);

    /// <summary>Whether each element is NaN (a bool tensor) of each element (<c>torch.isnan</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor IsNan(Tensor? destination = null) => Unary(EmberUnaryOp.Isnan, destination);

    /// <summary>Whether each element is positive or negative infinity (a bool tensor) of each element (<c>torch.isinf</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor IsInf(Tensor? destination = null) => Unary(EmberUnaryOp.Isinf, destination);

    /// <summary>Whether each element is finite: not NaN and not infinite (a bool tensor) of each element (<c>torch.isfinite</c>).</summary>
    /// <param name="destination">Where to write the result (PyTorch's <c>out=</c>); null allocates a new tensor.</param>
    /// <returns>The result: a new tensor, or <paramref name="destination"/>.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not supported, or the result cannot be cast to <paramref name="destination"/>'s dtype.</exception>
    /// <exception cref="EmberShapeException"><paramref name="destination"/> has another shape (and is not empty).</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor IsFinite(Tensor? destination = null) => Unary(EmberUnaryOp.Isfinite, destination);
}
