using System;
using Ember.Native;

namespace Ember;

// C# operators with PyTorch's meaning. A long operand is a Python int (an int tensor + 1 stays
// int), a double a Python float (an int tensor + 1.5 is float32), a bool a Python bool; integer
// literals bind to the long overloads. == and != are not overloaded (they keep reference
// equality); use Eq and Ne for elementwise comparison.
public sealed partial class Tensor
{
    /// <summary>The sum, with broadcasting (<c>torch.add</c>).</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator +(Tensor left, Tensor right) => BinaryOperator(EmberBinaryOp.Add, left, right);

    /// <summary>The sum of a tensor and an integer (a Python int) (<c>torch.add</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator +(Tensor left, long right) => NotNull(left).BinaryScalar(EmberBinaryOp.Add, Scalars.Of(right), false, null);

    /// <summary>The sum of an integer (a Python int) and a tensor (<c>torch.add</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator +(long left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Add, Scalars.Of(left), true, null);

    /// <summary>The sum of a tensor and a floating number (a Python float) (<c>torch.add</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator +(Tensor left, double right) => NotNull(left).BinaryScalar(EmberBinaryOp.Add, Scalars.Of(right), false, null);

    /// <summary>The sum of a floating number (a Python float) and a tensor (<c>torch.add</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator +(double left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Add, Scalars.Of(left), true, null);

    /// <summary>The difference, with broadcasting (<c>torch.sub</c>).</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator -(Tensor left, Tensor right) => BinaryOperator(EmberBinaryOp.Sub, left, right);

    /// <summary>The difference of a tensor and an integer (a Python int) (<c>torch.sub</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator -(Tensor left, long right) => NotNull(left).BinaryScalar(EmberBinaryOp.Sub, Scalars.Of(right), false, null);

    /// <summary>The difference of an integer (a Python int) and a tensor (<c>torch.sub</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator -(long left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Sub, Scalars.Of(left), true, null);

    /// <summary>The difference of a tensor and a floating number (a Python float) (<c>torch.sub</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator -(Tensor left, double right) => NotNull(left).BinaryScalar(EmberBinaryOp.Sub, Scalars.Of(right), false, null);

    /// <summary>The difference of a floating number (a Python float) and a tensor (<c>torch.sub</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator -(double left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Sub, Scalars.Of(left), true, null);

    /// <summary>The product, with broadcasting (<c>torch.mul</c>).</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator *(Tensor left, Tensor right) => BinaryOperator(EmberBinaryOp.Mul, left, right);

    /// <summary>The product of a tensor and an integer (a Python int) (<c>torch.mul</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator *(Tensor left, long right) => NotNull(left).BinaryScalar(EmberBinaryOp.Mul, Scalars.Of(right), false, null);

    /// <summary>The product of an integer (a Python int) and a tensor (<c>torch.mul</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator *(long left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Mul, Scalars.Of(left), true, null);

    /// <summary>The product of a tensor and a floating number (a Python float) (<c>torch.mul</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator *(Tensor left, double right) => NotNull(left).BinaryScalar(EmberBinaryOp.Mul, Scalars.Of(right), false, null);

    /// <summary>The product of a floating number (a Python float) and a tensor (<c>torch.mul</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator *(double left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Mul, Scalars.Of(left), true, null);

    /// <summary>The true quotient (integers give float32), with broadcasting (<c>torch.div</c>).</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator /(Tensor left, Tensor right) => BinaryOperator(EmberBinaryOp.Div, left, right);

    /// <summary>The true quotient (integers give float32) of a tensor and an integer (a Python int) (<c>torch.div</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator /(Tensor left, long right) => NotNull(left).BinaryScalar(EmberBinaryOp.Div, Scalars.Of(right), false, null);

    /// <summary>The true quotient (integers give float32) of an integer (a Python int) and a tensor (<c>torch.div</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator /(long left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Div, Scalars.Of(left), true, null);

    /// <summary>The true quotient (integers give float32) of a tensor and a floating number (a Python float) (<c>torch.div</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator /(Tensor left, double right) => NotNull(left).BinaryScalar(EmberBinaryOp.Div, Scalars.Of(right), false, null);

    /// <summary>The true quotient (integers give float32) of a floating number (a Python float) and a tensor (<c>torch.div</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator /(double left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Div, Scalars.Of(left), true, null);

    /// <summary>The Python-style remainder (the divisor's sign), with broadcasting (<c>torch.remainder</c>).</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator %(Tensor left, Tensor right) => BinaryOperator(EmberBinaryOp.Remainder, left, right);

    /// <summary>The Python-style remainder (the divisor's sign) of a tensor and an integer (a Python int) (<c>torch.remainder</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator %(Tensor left, long right) => NotNull(left).BinaryScalar(EmberBinaryOp.Remainder, Scalars.Of(right), false, null);

    /// <summary>The Python-style remainder (the divisor's sign) of an integer (a Python int) and a tensor (<c>torch.remainder</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator %(long left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Remainder, Scalars.Of(left), true, null);

    /// <summary>The Python-style remainder (the divisor's sign) of a tensor and a floating number (a Python float) (<c>torch.remainder</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator %(Tensor left, double right) => NotNull(left).BinaryScalar(EmberBinaryOp.Remainder, Scalars.Of(right), false, null);

    /// <summary>The Python-style remainder (the divisor's sign) of a floating number (a Python float) and a tensor (<c>torch.remainder</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator %(double left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Remainder, Scalars.Of(left), true, null);

    /// <summary>The negation (<c>torch.neg</c>).</summary>
    /// <param name="value">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator -(Tensor value) => NotNull(value).Neg();

    /// <summary>The bitwise NOT (<c>torch.bitwise_not</c>): logical negation for bool tensors.</summary>
    /// <param name="value">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">The tensor is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator ~(Tensor value) =>
        NotNull(value).DType.IsFloatingPoint()
            ? throw new EmberDTypeException("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
            : value.BitwiseNot();

    /// <summary>The bitwise AND (logical AND for bool tensors), with broadcasting (<c>torch.bitwise_and</c>).</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator &(Tensor left, Tensor right) => BinaryOperator(EmberBinaryOp.BitwiseAnd, left, right);

    /// <summary>The bitwise AND (logical AND for bool tensors) of a tensor and an integer (<c>torch.bitwise_and</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The scalar.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator &(Tensor left, long right) => NotNull(left).BinaryScalar(EmberBinaryOp.BitwiseAnd, Scalars.Of(right), false, null);

    /// <summary>The bitwise AND (logical AND for bool tensors) of an integer and a tensor (<c>torch.bitwise_and</c>).</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator &(long left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.BitwiseAnd, Scalars.Of(left), true, null);

    /// <summary>The bitwise AND (logical AND for bool tensors) of a tensor and a bool (<c>torch.bitwise_and</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The scalar.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator &(Tensor left, bool right) => NotNull(left).BinaryScalar(EmberBinaryOp.BitwiseAnd, Scalars.Of(right), false, null);

    /// <summary>The bitwise AND (logical AND for bool tensors) of a bool and a tensor (<c>torch.bitwise_and</c>).</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator &(bool left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.BitwiseAnd, Scalars.Of(left), true, null);

    /// <summary>The bitwise OR (logical OR for bool tensors), with broadcasting (<c>torch.bitwise_or</c>).</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator |(Tensor left, Tensor right) => BinaryOperator(EmberBinaryOp.BitwiseOr, left, right);

    /// <summary>The bitwise OR (logical OR for bool tensors) of a tensor and an integer (<c>torch.bitwise_or</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The scalar.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator |(Tensor left, long right) => NotNull(left).BinaryScalar(EmberBinaryOp.BitwiseOr, Scalars.Of(right), false, null);

    /// <summary>The bitwise OR (logical OR for bool tensors) of an integer and a tensor (<c>torch.bitwise_or</c>).</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator |(long left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.BitwiseOr, Scalars.Of(left), true, null);

    /// <summary>The bitwise OR (logical OR for bool tensors) of a tensor and a bool (<c>torch.bitwise_or</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The scalar.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator |(Tensor left, bool right) => NotNull(left).BinaryScalar(EmberBinaryOp.BitwiseOr, Scalars.Of(right), false, null);

    /// <summary>The bitwise OR (logical OR for bool tensors) of a bool and a tensor (<c>torch.bitwise_or</c>).</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator |(bool left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.BitwiseOr, Scalars.Of(left), true, null);

    /// <summary>The bitwise XOR (logical XOR for bool tensors), with broadcasting (<c>torch.bitwise_xor</c>).</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator ^(Tensor left, Tensor right) => BinaryOperator(EmberBinaryOp.BitwiseXor, left, right);

    /// <summary>The bitwise XOR (logical XOR for bool tensors) of a tensor and an integer (<c>torch.bitwise_xor</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The scalar.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator ^(Tensor left, long right) => NotNull(left).BinaryScalar(EmberBinaryOp.BitwiseXor, Scalars.Of(right), false, null);

    /// <summary>The bitwise XOR (logical XOR for bool tensors) of an integer and a tensor (<c>torch.bitwise_xor</c>).</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator ^(long left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.BitwiseXor, Scalars.Of(left), true, null);

    /// <summary>The bitwise XOR (logical XOR for bool tensors) of a tensor and a bool (<c>torch.bitwise_xor</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The scalar.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator ^(Tensor left, bool right) => NotNull(left).BinaryScalar(EmberBinaryOp.BitwiseXor, Scalars.Of(right), false, null);

    /// <summary>The bitwise XOR (logical XOR for bool tensors) of a bool and a tensor (<c>torch.bitwise_xor</c>).</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberDTypeException">An operand is floating.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator ^(bool left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.BitwiseXor, Scalars.Of(left), true, null);

    /// <summary>Whether the left operand is less than the right, elementwise with broadcasting (<c>torch.lt</c>).</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator <(Tensor left, Tensor right) => BinaryOperator(EmberBinaryOp.Lt, left, right);

    /// <summary>Whether the left operand is less than the right, elementwise (<c>torch.lt</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator <(Tensor left, long right) => NotNull(left).BinaryScalar(EmberBinaryOp.Lt, Scalars.Of(right), false, null);

    /// <summary>Whether the left operand is less than the right, elementwise (<c>torch.lt</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator <(long left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Lt, Scalars.Of(left), true, null);

    /// <summary>Whether the left operand is less than the right, elementwise (<c>torch.lt</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator <(Tensor left, double right) => NotNull(left).BinaryScalar(EmberBinaryOp.Lt, Scalars.Of(right), false, null);

    /// <summary>Whether the left operand is less than the right, elementwise (<c>torch.lt</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator <(double left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Lt, Scalars.Of(left), true, null);

    /// <summary>Whether the left operand is greater than the right, elementwise with broadcasting (<c>torch.gt</c>).</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator >(Tensor left, Tensor right) => BinaryOperator(EmberBinaryOp.Gt, left, right);

    /// <summary>Whether the left operand is greater than the right, elementwise (<c>torch.gt</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator >(Tensor left, long right) => NotNull(left).BinaryScalar(EmberBinaryOp.Gt, Scalars.Of(right), false, null);

    /// <summary>Whether the left operand is greater than the right, elementwise (<c>torch.gt</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator >(long left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Gt, Scalars.Of(left), true, null);

    /// <summary>Whether the left operand is greater than the right, elementwise (<c>torch.gt</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator >(Tensor left, double right) => NotNull(left).BinaryScalar(EmberBinaryOp.Gt, Scalars.Of(right), false, null);

    /// <summary>Whether the left operand is greater than the right, elementwise (<c>torch.gt</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator >(double left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Gt, Scalars.Of(left), true, null);

    /// <summary>Whether the left operand is less than or equal to the right, elementwise with broadcasting (<c>torch.le</c>).</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator <=(Tensor left, Tensor right) => BinaryOperator(EmberBinaryOp.Le, left, right);

    /// <summary>Whether the left operand is less than or equal to the right, elementwise (<c>torch.le</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator <=(Tensor left, long right) => NotNull(left).BinaryScalar(EmberBinaryOp.Le, Scalars.Of(right), false, null);

    /// <summary>Whether the left operand is less than or equal to the right, elementwise (<c>torch.le</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator <=(long left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Le, Scalars.Of(left), true, null);

    /// <summary>Whether the left operand is less than or equal to the right, elementwise (<c>torch.le</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator <=(Tensor left, double right) => NotNull(left).BinaryScalar(EmberBinaryOp.Le, Scalars.Of(right), false, null);

    /// <summary>Whether the left operand is less than or equal to the right, elementwise (<c>torch.le</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator <=(double left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Le, Scalars.Of(left), true, null);

    /// <summary>Whether the left operand is greater than or equal to the right, elementwise with broadcasting (<c>torch.ge</c>).</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator >=(Tensor left, Tensor right) => BinaryOperator(EmberBinaryOp.Ge, left, right);

    /// <summary>Whether the left operand is greater than or equal to the right, elementwise (<c>torch.ge</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator >=(Tensor left, long right) => NotNull(left).BinaryScalar(EmberBinaryOp.Ge, Scalars.Of(right), false, null);

    /// <summary>Whether the left operand is greater than or equal to the right, elementwise (<c>torch.ge</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator >=(long left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Ge, Scalars.Of(left), true, null);

    /// <summary>Whether the left operand is greater than or equal to the right, elementwise (<c>torch.ge</c>).</summary>
    /// <param name="left">The tensor.</param>
    /// <param name="right">The number.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator >=(Tensor left, double right) => NotNull(left).BinaryScalar(EmberBinaryOp.Ge, Scalars.Of(right), false, null);

    /// <summary>Whether the left operand is greater than or equal to the right, elementwise (<c>torch.ge</c>).</summary>
    /// <param name="left">The number.</param>
    /// <param name="right">The tensor.</param>
    /// <returns>A new bool tensor.</returns>
    /// <exception cref="ArgumentNullException">A tensor operand is null.</exception>
    /// <exception cref="ObjectDisposedException">A tensor operand was disposed.</exception>
    public static Tensor operator >=(double left, Tensor right) => NotNull(right).BinaryScalar(EmberBinaryOp.Ge, Scalars.Of(left), true, null);

    private static Tensor NotNull(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor;
    }
}
