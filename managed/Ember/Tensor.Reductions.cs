using System;
using Ember.Native;

namespace Ember;

// Reductions (ember_reduce and friends), softmax and cumulative ops. Dims are ints; negative dims
// count from the end; an empty list of dims reduces over all of them.
public sealed partial class Tensor
{
    /// <summary>The sum of all elements (<c>torch.sum</c>), as a zero-dimensional tensor.</summary>
    /// <param name="dtype">The accumulation and result dtype (default: this dtype; int64 for integers and bool).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Sum(DType? dtype = null) => Reduce(EmberReduceOp.Sum, default, false, dtype);

    /// <summary>The sum along <paramref name="dim"/> (<c>torch.sum(dim, keepdim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <param name="dtype">The accumulation and result dtype (default: this dtype; int64 for integers and bool).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Sum(int dim, bool keepDim = false, DType? dtype = null) => Reduce(EmberReduceOp.Sum, new ReadOnlySpan<int>(in dim), keepDim, dtype);

    /// <summary>The sum over several dims (<c>torch.sum(dims, keepdim)</c>).</summary>
    /// <param name="dims">The dims to reduce (empty: all).</param>
    /// <param name="keepDim">Whether to keep the reduced dims with size 1.</param>
    /// <param name="dtype">The accumulation and result dtype (default: this dtype; int64 for integers and bool).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Sum(ReadOnlySpan<int> dims, bool keepDim = false, DType? dtype = null) => Reduce(EmberReduceOp.Sum, dims, keepDim, dtype);

    /// <summary>The mean of all elements (<c>torch.mean</c>), as a zero-dimensional tensor.</summary>
    /// <param name="dtype">The accumulation and result dtype (default: this dtype, which must be floating).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberDTypeException">The dtype is not floating (and no floating dtype was given).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Mean(DType? dtype = null) => Reduce(EmberReduceOp.Mean, default, false, dtype);

    /// <summary>The mean along <paramref name="dim"/> (<c>torch.mean(dim, keepdim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <param name="dtype">The accumulation and result dtype (default: this dtype, which must be floating).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="EmberDTypeException">The dtype is not floating (and no floating dtype was given).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Mean(int dim, bool keepDim = false, DType? dtype = null) => Reduce(EmberReduceOp.Mean, new ReadOnlySpan<int>(in dim), keepDim, dtype);

    /// <summary>The mean over several dims (<c>torch.mean(dims, keepdim)</c>).</summary>
    /// <param name="dims">The dims to reduce (empty: all).</param>
    /// <param name="keepDim">Whether to keep the reduced dims with size 1.</param>
    /// <param name="dtype">The accumulation and result dtype (default: this dtype, which must be floating).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="EmberDTypeException">The dtype is not floating (and no floating dtype was given).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Mean(ReadOnlySpan<int> dims, bool keepDim = false, DType? dtype = null) => Reduce(EmberReduceOp.Mean, dims, keepDim, dtype);

    /// <summary>The product of all elements (<c>torch.prod</c>), as a zero-dimensional tensor.</summary>
    /// <param name="dtype">The accumulation and result dtype (default: this dtype; int64 for integers and bool).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Prod(DType? dtype = null) => Reduce(EmberReduceOp.Prod, default, false, dtype);

    /// <summary>The product along <paramref name="dim"/> (<c>torch.prod(dim, keepdim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <param name="dtype">The accumulation and result dtype (default: this dtype; int64 for integers and bool).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Prod(int dim, bool keepDim = false, DType? dtype = null) => Reduce(EmberReduceOp.Prod, new ReadOnlySpan<int>(in dim), keepDim, dtype);

    /// <summary>The product over several dims (<c>torch.prod(dims, keepdim)</c>).</summary>
    /// <param name="dims">The dims to reduce (empty: all).</param>
    /// <param name="keepDim">Whether to keep the reduced dims with size 1.</param>
    /// <param name="dtype">The accumulation and result dtype (default: this dtype; int64 for integers and bool).</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Prod(ReadOnlySpan<int> dims, bool keepDim = false, DType? dtype = null) => Reduce(EmberReduceOp.Prod, dims, keepDim, dtype);

    /// <summary>The maximum (NaN propagates) of all elements (<c>torch.amax</c>), as a zero-dimensional tensor.</summary>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">The tensor is empty (a maximum of nothing).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Amax() => Reduce(EmberReduceOp.Amax, default, false, null);

    /// <summary>The maximum (NaN propagates) along <paramref name="dim"/> (<c>torch.amax(dim, keepdim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="EmberIndexException">The tensor is empty (a maximum of nothing).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Amax(int dim, bool keepDim = false) => Reduce(EmberReduceOp.Amax, new ReadOnlySpan<int>(in dim), keepDim, null);

    /// <summary>The maximum (NaN propagates) over several dims (<c>torch.amax(dims, keepdim)</c>).</summary>
    /// <param name="dims">The dims to reduce (empty: all).</param>
    /// <param name="keepDim">Whether to keep the reduced dims with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="EmberIndexException">The tensor is empty (a maximum of nothing).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Amax(ReadOnlySpan<int> dims, bool keepDim = false) => Reduce(EmberReduceOp.Amax, dims, keepDim, null);

    /// <summary>The minimum (NaN propagates) of all elements (<c>torch.amin</c>), as a zero-dimensional tensor.</summary>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">The tensor is empty (a minimum of nothing).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Amin() => Reduce(EmberReduceOp.Amin, default, false, null);

    /// <summary>The minimum (NaN propagates) along <paramref name="dim"/> (<c>torch.amin(dim, keepdim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="EmberIndexException">The tensor is empty (a minimum of nothing).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Amin(int dim, bool keepDim = false) => Reduce(EmberReduceOp.Amin, new ReadOnlySpan<int>(in dim), keepDim, null);

    /// <summary>The minimum (NaN propagates) over several dims (<c>torch.amin(dims, keepdim)</c>).</summary>
    /// <param name="dims">The dims to reduce (empty: all).</param>
    /// <param name="keepDim">Whether to keep the reduced dims with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="EmberIndexException">The tensor is empty (a minimum of nothing).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Amin(ReadOnlySpan<int> dims, bool keepDim = false) => Reduce(EmberReduceOp.Amin, dims, keepDim, null);

    /// <summary>Whether every element is nonzero of all elements (<c>torch.all</c>), as a zero-dimensional tensor.</summary>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor All() => Reduce(EmberReduceOp.All, default, false, null);

    /// <summary>Whether every element is nonzero along <paramref name="dim"/> (<c>torch.all(dim, keepdim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor All(int dim, bool keepDim = false) => Reduce(EmberReduceOp.All, new ReadOnlySpan<int>(in dim), keepDim, null);

    /// <summary>Whether every element is nonzero over several dims (<c>torch.all(dims, keepdim)</c>).</summary>
    /// <param name="dims">The dims to reduce (empty: all).</param>
    /// <param name="keepDim">Whether to keep the reduced dims with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor All(ReadOnlySpan<int> dims, bool keepDim = false) => Reduce(EmberReduceOp.All, dims, keepDim, null);

    /// <summary>Whether any element is nonzero of all elements (<c>torch.any</c>), as a zero-dimensional tensor.</summary>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Any() => Reduce(EmberReduceOp.Any, default, false, null);

    /// <summary>Whether any element is nonzero along <paramref name="dim"/> (<c>torch.any(dim, keepdim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Any(int dim, bool keepDim = false) => Reduce(EmberReduceOp.Any, new ReadOnlySpan<int>(in dim), keepDim, null);

    /// <summary>Whether any element is nonzero over several dims (<c>torch.any(dims, keepdim)</c>).</summary>
    /// <param name="dims">The dims to reduce (empty: all).</param>
    /// <param name="keepDim">Whether to keep the reduced dims with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Any(ReadOnlySpan<int> dims, bool keepDim = false) => Reduce(EmberReduceOp.Any, dims, keepDim, null);

    /// <summary>The number of nonzero elements of all elements (<c>torch.count_nonzero</c>), as a zero-dimensional tensor.</summary>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor CountNonzero() => Reduce(EmberReduceOp.CountNonzero, default, false, null);

    /// <summary>The number of nonzero elements along <paramref name="dim"/> (<c>torch.count_nonzero(dim, keepdim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor CountNonzero(int dim, bool keepDim = false) => Reduce(EmberReduceOp.CountNonzero, new ReadOnlySpan<int>(in dim), keepDim, null);

    /// <summary>The number of nonzero elements over several dims (<c>torch.count_nonzero(dims, keepdim)</c>).</summary>
    /// <param name="dims">The dims to reduce (empty: all).</param>
    /// <param name="keepDim">Whether to keep the reduced dims with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor CountNonzero(ReadOnlySpan<int> dims, bool keepDim = false) => Reduce(EmberReduceOp.CountNonzero, dims, keepDim, null);

    /// <summary>log(sum(exp(x))) along <paramref name="dim"/>, computed stably (<c>torch.logsumexp</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor LogSumExp(int dim, bool keepDim = false) => Reduce(EmberReduceOp.Logsumexp, new ReadOnlySpan<int>(in dim), keepDim, null);

    /// <summary>log(sum(exp(x))) over several dims, computed stably (<c>torch.logsumexp</c>).</summary>
    /// <param name="dims">The dims to reduce (empty: all).</param>
    /// <param name="keepDim">Whether to keep the reduced dims with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor LogSumExp(ReadOnlySpan<int> dims, bool keepDim = false) => Reduce(EmberReduceOp.Logsumexp, dims, keepDim, null);

    /// <summary>The maximum of all elements (<c>torch.max(x)</c>), as a zero-dimensional tensor.</summary>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">The tensor is empty.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Max() => Reduce(EmberReduceOp.Amax, default, false, null);

    /// <summary>The minimum of all elements (<c>torch.min(x)</c>), as a zero-dimensional tensor.</summary>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">The tensor is empty.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Min() => Reduce(EmberReduceOp.Amin, default, false, null);

    /// <summary>The maximum along <paramref name="dim"/> and the index of its first occurrence (<c>torch.max(x, dim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <returns>The values and their int64 indices.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range, or it is empty.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe (Tensor Values, Tensor Indices) Max(int dim, bool keepDim = false)
    {
        EmberTensor values = default, indices = default;
        NativeStatus.Check(NativeMethods.ember_max_dim(Handle, dim, keepDim, &values, &indices));
        GC.KeepAlive(this);
        return Pair(values, indices);
    }

    /// <summary>The minimum along <paramref name="dim"/> and the index of its first occurrence (<c>torch.min(x, dim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <returns>The values and their int64 indices.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range, or it is empty.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe (Tensor Values, Tensor Indices) Min(int dim, bool keepDim = false)
    {
        EmberTensor values = default, indices = default;
        NativeStatus.Check(NativeMethods.ember_min_dim(Handle, dim, keepDim, &values, &indices));
        GC.KeepAlive(this);
        return Pair(values, indices);
    }

    /// <summary>The elementwise maximum of this tensor and <paramref name="other"/> (<c>torch.max(x, other)</c>, same as <see cref="Maximum"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Max(Tensor other) => Maximum(other);

    /// <summary>The elementwise minimum of this tensor and <paramref name="other"/> (<c>torch.min(x, other)</c>, same as <see cref="Minimum"/>).</summary>
    /// <param name="other">The other operand.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not broadcast.</exception>
    /// <exception cref="ObjectDisposedException">A tensor was disposed.</exception>
    public Tensor Min(Tensor other) => Minimum(other);

    /// <summary>
    /// The index of the maximum in the flattened tensor (<c>torch.argmax(x, keepdim=keepdim)</c>), the first
    /// one on ties.
    /// </summary>
    /// <param name="keepDim">
    /// Whether the result keeps this tensor's rank with every dim of size 1 (PyTorch's <c>keepdim=True</c>
    /// without a dim); the index still counts into the flattened tensor.
    /// </param>
    /// <returns>A zero-dimensional int64 tensor, or one with every dim of size 1 when <paramref name="keepDim"/> is true.</returns>
    /// <exception cref="EmberIndexException">The tensor is empty.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor ArgMax(bool keepDim = false)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_argmax(Handle, null, keepDim, &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>The index of the maximum along <paramref name="dim"/> (<c>torch.argmax(x, dim, keepdim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <returns>A new int64 tensor.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range, or it is empty.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor ArgMax(int dim, bool keepDim = false)
    {
        long d = dim;
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_argmax(Handle, &d, keepDim, &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>
    /// The index of the minimum in the flattened tensor (<c>torch.argmin(x, keepdim=keepdim)</c>), the first
    /// one on ties.
    /// </summary>
    /// <param name="keepDim">
    /// Whether the result keeps this tensor's rank with every dim of size 1 (PyTorch's <c>keepdim=True</c>
    /// without a dim); the index still counts into the flattened tensor.
    /// </param>
    /// <returns>A zero-dimensional int64 tensor, or one with every dim of size 1 when <paramref name="keepDim"/> is true.</returns>
    /// <exception cref="EmberIndexException">The tensor is empty.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor ArgMin(bool keepDim = false)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_argmin(Handle, null, keepDim, &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>The index of the minimum along <paramref name="dim"/> (<c>torch.argmin(x, dim, keepdim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <returns>A new int64 tensor.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range, or it is empty.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor ArgMin(int dim, bool keepDim = false)
    {
        long d = dim;
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_argmin(Handle, &d, keepDim, &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>The variance of all elements (<c>torch.var(x, correction=correction)</c>).</summary>
    /// <param name="correction">Subtracted from the element count in the divisor: 1 (default) is unbiased, 0 the population value.</param>
    /// <returns>A zero-dimensional tensor.</returns>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Var(double correction = 1) => Moment(ReadOnlySpan<int>.Empty, correction, false, false);

    /// <summary>The variance along <paramref name="dim"/> (<c>torch.var(x, dim, correction=correction, keepdim=keepDim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <param name="correction">Subtracted from the element count in the divisor: 1 (default) is unbiased, 0 the population value.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range.</exception>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Var(int dim, bool keepDim = false, double correction = 1) => Moment(new ReadOnlySpan<int>(in dim), correction, keepDim, false);

    /// <summary>The variance over several dims (<c>torch.var(x, dims, correction=correction, keepdim=keepDim)</c>).</summary>
    /// <param name="dims">The dims to reduce (empty: all).</param>
    /// <param name="keepDim">Whether to keep the reduced dims with size 1.</param>
    /// <param name="correction">Subtracted from the element count in the divisor: 1 (default) is unbiased, 0 the population value.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Var(ReadOnlySpan<int> dims, bool keepDim = false, double correction = 1) => Moment(dims, correction, keepDim, false);

    /// <summary>The standard deviation of all elements (<c>torch.std(x, correction=correction)</c>).</summary>
    /// <param name="correction">Subtracted from the element count in the divisor: 1 (default) is unbiased, 0 the population value.</param>
    /// <returns>A zero-dimensional tensor.</returns>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Std(double correction = 1) => Moment(ReadOnlySpan<int>.Empty, correction, false, true);

    /// <summary>The standard deviation along <paramref name="dim"/> (<c>torch.std(x, dim, correction=correction, keepdim=keepDim)</c>).</summary>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <param name="correction">Subtracted from the element count in the divisor: 1 (default) is unbiased, 0 the population value.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range.</exception>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Std(int dim, bool keepDim = false, double correction = 1) => Moment(new ReadOnlySpan<int>(in dim), correction, keepDim, true);

    /// <summary>The standard deviation over several dims (<c>torch.std(x, dims, correction=correction, keepdim=keepDim)</c>).</summary>
    /// <param name="dims">The dims to reduce (empty: all).</param>
    /// <param name="keepDim">Whether to keep the reduced dims with size 1.</param>
    /// <param name="correction">Subtracted from the element count in the divisor: 1 (default) is unbiased, 0 the population value.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Std(ReadOnlySpan<int> dims, bool keepDim = false, double correction = 1) => Moment(dims, correction, keepDim, true);

    /// <summary>The vector <paramref name="p"/>-norm of all elements (<c>torch.norm(x, p)</c>; default: Euclidean).</summary>
    /// <param name="p">The order: any positive value, 0 (count of nonzeros), or ±infinity (max/min of |x|).</param>
    /// <returns>A zero-dimensional tensor.</returns>
    /// <exception cref="EmberArgumentException"><paramref name="p"/> is negative (and not -infinity).</exception>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Norm(double p = 2) => Norm(p, ReadOnlySpan<int>.Empty, false);

    /// <summary>The vector <paramref name="p"/>-norm along <paramref name="dim"/> (<c>torch.norm(x, p, dim, keepdim)</c>).</summary>
    /// <param name="p">The order: any positive value, 0, or ±infinity.</param>
    /// <param name="dim">The dim to reduce.</param>
    /// <param name="keepDim">Whether to keep the reduced dim with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="p"/> is negative (and not -infinity).</exception>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Norm(double p, int dim, bool keepDim = false) => Norm(p, new ReadOnlySpan<int>(in dim), keepDim);

    /// <summary>The vector <paramref name="p"/>-norm over several dims (<c>torch.norm(x, p, dims, keepdim)</c>).</summary>
    /// <param name="p">The order: any positive value, 0, or ±infinity.</param>
    /// <param name="dims">The dims to reduce (empty: all).</param>
    /// <param name="keepDim">Whether to keep the reduced dims with size 1.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="EmberIndexException">A dim is out of range.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="p"/> is negative (and not -infinity).</exception>
    /// <exception cref="EmberDTypeException">The tensor is not floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Norm(double p, ReadOnlySpan<int> dims, bool keepDim = false)
    {
        Span<long> native = dims.Length <= 16 ? stackalloc long[dims.Length] : new long[dims.Length];
        Widen(dims, native);
        EmberTensor result = default;
        fixed (long* d = native)
        {
            NativeStatus.Check(NativeMethods.ember_norm(Handle, p, d, (nuint)native.Length, keepDim, &result));
        }

        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>The softmax exp(x) / sum(exp(x)) along <paramref name="dim"/> (<c>torch.softmax(x, dim, dtype)</c>).</summary>
    /// <param name="dim">The dim.</param>
    /// <param name="dtype">The dtype to compute in and return (default: this dtype, which must be floating).</param>
    /// <returns>A new tensor of this shape.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range.</exception>
    /// <exception cref="EmberDTypeException">The dtype is not floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Softmax(int dim, DType? dtype = null)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_softmax(Handle, dim, dtype.ToNative(), &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>The log-softmax x - logsumexp(x) along <paramref name="dim"/> (<c>torch.log_softmax(x, dim, dtype)</c>).</summary>
    /// <param name="dim">The dim.</param>
    /// <param name="dtype">The dtype to compute in and return (default: this dtype, which must be floating).</param>
    /// <returns>A new tensor of this shape.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range.</exception>
    /// <exception cref="EmberDTypeException">The dtype is not floating.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor LogSoftmax(int dim, DType? dtype = null)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_log_softmax(Handle, dim, dtype.ToNative(), &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>The cumulative sum along <paramref name="dim"/> (<c>torch.cumsum(x, dim, dtype)</c>).</summary>
    /// <param name="dim">The dim.</param>
    /// <param name="dtype">The result dtype (default: this dtype; int64 for integers and bool).</param>
    /// <returns>A new tensor of this shape.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor CumSum(int dim, DType? dtype = null)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_cumsum(Handle, dim, dtype.ToNative(), &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>The cumulative product along <paramref name="dim"/> (<c>torch.cumprod(x, dim, dtype)</c>).</summary>
    /// <param name="dim">The dim.</param>
    /// <param name="dtype">The result dtype (default: this dtype; int64 for integers and bool).</param>
    /// <returns>A new tensor of this shape.</returns>
    /// <exception cref="EmberIndexException">The dim is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor CumProd(int dim, DType? dtype = null)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_cumprod(Handle, dim, dtype.ToNative(), &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    private unsafe Tensor Reduce(EmberReduceOp op, ReadOnlySpan<int> dims, bool keepDim, DType? dtype)
    {
        Span<long> native = dims.Length <= 16 ? stackalloc long[dims.Length] : new long[dims.Length];
        Widen(dims, native);
        EmberTensor result = default;
        fixed (long* d = native)
        {
            NativeStatus.Check(NativeMethods.ember_reduce(op, Handle, d, (nuint)native.Length, keepDim, dtype.ToNative(), &result));
        }

        GC.KeepAlive(this);
        return FromResult(result);
    }

    private unsafe Tensor Moment(ReadOnlySpan<int> dims, double correction, bool keepDim, bool std)
    {
        Span<long> native = dims.Length <= 16 ? stackalloc long[dims.Length] : new long[dims.Length];
        Widen(dims, native);
        EmberTensor result = default;
        fixed (long* d = native)
        {
            NativeStatus.Check(std
                ? NativeMethods.ember_std(Handle, d, (nuint)native.Length, correction, keepDim, &result)
                : NativeMethods.ember_var(Handle, d, (nuint)native.Length, correction, keepDim, &result));
        }

        GC.KeepAlive(this);
        return FromResult(result);
    }

    private static (Tensor Values, Tensor Indices) Pair(EmberTensor values, EmberTensor indices)
    {
        Tensor first;
        try
        {
            first = FromResult(values);
        }
        catch
        {
            NativeMethods.ember_tensor_release(indices);
            throw;
        }

        return (first, FromResult(indices));
    }

    internal static void Widen(ReadOnlySpan<int> source, Span<long> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }
}
