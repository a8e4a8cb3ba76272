using System;
using System.Runtime.CompilerServices;
using Ember.Native;

namespace Ember;

// The few call shapes every elementwise op shares: check arguments, make one native call, wrap the
// result (or hand back the destination). Keeping them here keeps each op a one-liner.
public sealed partial class Tensor
{
    private unsafe Tensor Unary(EmberUnaryOp op, Tensor? destination)
    {
        if (destination is null)
        {
            EmberTensor result = default;
            NativeStatus.Check(NativeMethods.ember_unary(op, Handle, default, &result));
            GC.KeepAlive(this);
            return FromResult(result);
        }

        NativeStatus.Check(NativeMethods.ember_unary(op, Handle, destination.Handle, null));
        GC.KeepAlive(this);
        return Written(destination);
    }

    private unsafe Tensor Binary(EmberBinaryOp op, Tensor other, Tensor? destination)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsPendingScalar)
        {
            return BinaryScalar(op, other.PendingScalar, scalarFirst: false, destination);
        }

        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_binary(op, Handle, other.Handle, OutHandle(destination), destination is null ? &result : null));
        GC.KeepAlive(this);
        GC.KeepAlive(other);
        return destination is null ? FromResult(result) : Written(destination);
    }

    private unsafe Tensor BinaryScalar(EmberBinaryOp op, EmberScalar scalar, bool scalarFirst, Tensor? destination)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_binary_scalar(op, Handle, scalar, scalarFirst, OutHandle(destination), destination is null ? &result : null));
        GC.KeepAlive(this);
        return destination is null ? FromResult(result) : Written(destination);
    }

    private unsafe Tensor AddScaled(Tensor other, EmberScalar alpha, Tensor? destination)
    {
        ArgumentNullException.ThrowIfNull(other);
        var temporaries = new Temporaries();
        EmberTensor result = default;
        try
        {
            NativeStatus.Check(NativeMethods.ember_add_scaled(Handle, temporaries.Use(other), alpha, OutHandle(destination), destination is null ? &result : null));
        }
        finally
        {
            temporaries.Dispose();
        }

        GC.KeepAlive(this);
        GC.KeepAlive(other);
        return destination is null ? FromResult(result) : Written(destination);
    }

    /// <summary>
    /// An operator's tensor-tensor form: when the left operand is a number from an implicit
    /// conversion, the scalar-first native form is used (2.0 - t), so no tensor is made for it.
    /// </summary>
    private static Tensor BinaryOperator(EmberBinaryOp op, Tensor left, Tensor right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return left.IsPendingScalar && !right.IsPendingScalar
            ? right.BinaryScalar(op, left.PendingScalar, scalarFirst: true, null)
            : left.Binary(op, right, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static EmberTensor OutHandle(Tensor? destination) => destination is null ? default : destination.Handle;

    private static Tensor Written(Tensor destination)
    {
        destination.AfterWrite();
        return destination;
    }

    /// <summary>
    /// Native handles for tensor arguments of one call. A number from an implicit conversion gets
    /// a temporary wrapped-number tensor that is released after the call, so it never leaks.
    /// A mutable struct: keep it in a plain local and dispose it in a finally block (a using
    /// variable is read-only, so Use would change a copy).
    /// </summary>
    internal struct Temporaries : IDisposable
    {
        private nint first;
        private nint second;
        private nint third;

        public EmberTensor Use(Tensor tensor)
        {
            if (!tensor.IsPendingScalar)
            {
                return tensor.Handle;
            }

            EmberTensor temporary = CreateScalarHandle(tensor.PendingScalar);
            if (first == 0)
            {
                first = temporary.Handle;
            }
            else if (second == 0)
            {
                second = temporary.Handle;
            }
            else if (third == 0)
            {
                third = temporary.Handle;
            }
            else
            {
                NativeMethods.ember_tensor_release(temporary);
                throw new InvalidOperationException("internal error: more than three temporary scalar tensors in one call");
            }

            return temporary;
        }

        public EmberTensor UseOptional(Tensor? tensor) => tensor is null ? default : Use(tensor);

        public void Dispose()
        {
            NativeMethods.ember_tensor_release(new EmberTensor(first));
            NativeMethods.ember_tensor_release(new EmberTensor(second));
            NativeMethods.ember_tensor_release(new EmberTensor(third));
            first = second = third = 0;
        }
    }
}
