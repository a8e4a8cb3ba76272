using System;
using Ember.Native;

namespace Ember;

// Matrix products.
public sealed partial class Tensor
{
    /// <summary>
    /// The matrix product with PyTorch's rules (<c>torch.matmul</c>): dot product for two vectors,
    /// matrix-vector, matrix-matrix, and broadcast batched products for higher ranks.
    /// </summary>
    /// <param name="other">The right operand.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The inner sizes differ, or the batch dims do not broadcast.</exception>
    /// <exception cref="EmberDTypeException">The dtypes differ or are not supported.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor MatMul(Tensor other) => Product(other, &NativeMethods.ember_matmul);

    /// <summary>The product of two matrices (<c>torch.mm</c>).</summary>
    /// <param name="other">A 2-D tensor whose rows match this tensor's columns.</param>
    /// <returns>A new 2-D tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">An operand is not 2-D, or the inner sizes differ.</exception>
    /// <exception cref="EmberDTypeException">The dtypes differ or are not supported.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor Mm(Tensor other) => Product(other, &NativeMethods.ember_mm);

    /// <summary>The batched product of two 3-D tensors with equal batch sizes (<c>torch.bmm</c>).</summary>
    /// <param name="other">A 3-D tensor [b, k, m] for this [b, n, k].</param>
    /// <returns>A new 3-D tensor [b, n, m].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">An operand is not 3-D, or the sizes do not match.</exception>
    /// <exception cref="EmberDTypeException">The dtypes differ or are not supported.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor Bmm(Tensor other) => Product(other, &NativeMethods.ember_bmm);

    /// <summary>The outer product of two vectors (<c>torch.outer</c>).</summary>
    /// <param name="other">A 1-D tensor.</param>
    /// <returns>A new 2-D tensor [n, m].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">An operand is not 1-D.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor Outer(Tensor other) => Product(other, &NativeMethods.ember_outer);

    /// <summary>The inner product of two vectors of equal length (<c>torch.dot</c>).</summary>
    /// <param name="other">A 1-D tensor.</param>
    /// <returns>A zero-dimensional tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">An operand is not 1-D, or the lengths differ.</exception>
    /// <exception cref="EmberDTypeException">The dtypes differ.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public unsafe Tensor Dot(Tensor other) => Product(other, &NativeMethods.ember_dot);

    /// <summary>This tensor (broadcast) plus the product of two matrices (<c>torch.addmm(input, mat1, mat2)</c>).</summary>
    /// <param name="mat1">The left matrix.</param>
    /// <param name="mat2">The right matrix.</param>
    /// <returns>A new 2-D tensor.</returns>
    /// <exception cref="ArgumentNullException">A matrix is null.</exception>
    /// <exception cref="EmberShapeException">The sizes do not match, or this tensor does not broadcast to the product.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor AddMm(Tensor mat1, Tensor mat2) => AddMm(mat1, mat2, Scalars.Of(1L), Scalars.Of(1L));

    /// <summary><paramref name="beta"/> times this tensor plus <paramref name="alpha"/> times mat1 @ mat2 (<c>torch.addmm(input, mat1, mat2, beta=, alpha=)</c>).</summary>
    /// <param name="mat1">The left matrix.</param>
    /// <param name="mat2">The right matrix.</param>
    /// <param name="beta">The integer multiplier of this tensor.</param>
    /// <param name="alpha">The integer multiplier of the product.</param>
    /// <returns>A new 2-D tensor.</returns>
    /// <exception cref="ArgumentNullException">A matrix is null.</exception>
    /// <exception cref="EmberShapeException">The sizes do not match, or this tensor does not broadcast to the product.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor AddMm(Tensor mat1, Tensor mat2, long beta, long alpha) => AddMm(mat1, mat2, Scalars.Of(beta), Scalars.Of(alpha));

    /// <summary><paramref name="beta"/> times this tensor plus <paramref name="alpha"/> times mat1 @ mat2 (<c>torch.addmm(input, mat1, mat2, beta=, alpha=)</c>).</summary>
    /// <param name="mat1">The left matrix.</param>
    /// <param name="mat2">The right matrix.</param>
    /// <param name="beta">The floating multiplier of this tensor.</param>
    /// <param name="alpha">The floating multiplier of the product.</param>
    /// <returns>A new 2-D tensor.</returns>
    /// <exception cref="ArgumentNullException">A matrix is null.</exception>
    /// <exception cref="EmberShapeException">The sizes do not match, or this tensor does not broadcast to the product.</exception>
    /// <exception cref="EmberDTypeException">Floating multipliers with integer tensors.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor AddMm(Tensor mat1, Tensor mat2, double beta, double alpha) => AddMm(mat1, mat2, Scalars.Of(beta), Scalars.Of(alpha));

    private unsafe Tensor AddMm(Tensor mat1, Tensor mat2, EmberScalar beta, EmberScalar alpha)
    {
        ArgumentNullException.ThrowIfNull(mat1);
        ArgumentNullException.ThrowIfNull(mat2);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_addmm(Handle, mat1.Handle, mat2.Handle, beta, alpha, &result));
        GC.KeepAlive(this);
        GC.KeepAlive(mat1);
        GC.KeepAlive(mat2);
        return FromResult(result);
    }

    private unsafe Tensor Product(Tensor other, delegate*<EmberTensor, EmberTensor, EmberTensor*, EmberStatus> op)
    {
        ArgumentNullException.ThrowIfNull(other);
        EmberTensor result = default;
        NativeStatus.Check(op(Handle, other.Handle, &result));
        GC.KeepAlive(this);
        GC.KeepAlive(other);
        return FromResult(result);
    }
}
