using System;
using Ember.Native;

namespace Ember;

// Sorting and top-k.
public sealed partial class Tensor
{
    /// <summary>Sorts along <paramref name="dim"/> (<c>torch.sort</c>); NaN sorts as the largest value.</summary>
    /// <param name="dim">The dim to sort (default -1, the last).</param>
    /// <param name="descending">Whether to sort from largest to smallest.</param>
    /// <param name="stable">Whether equal elements must keep their order.</param>
    /// <returns>The sorted values and, for each, its int64 index in this tensor.</returns>
    /// <exception cref="EmberIndexException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe (Tensor Values, Tensor Indices) Sort(int dim = -1, bool descending = false, bool stable = false)
    {
        EmberTensor values = default, indices = default;
        NativeStatus.Check(NativeMethods.ember_sort(Handle, dim, descending, stable, &values, &indices));
        GC.KeepAlive(this);
        return Pair(values, indices);
    }

    /// <summary>The indices that sort this tensor along <paramref name="dim"/>, stably (<c>torch.argsort</c>).</summary>
    /// <param name="dim">The dim to sort (default -1, the last).</param>
    /// <param name="descending">Whether to sort from largest to smallest.</param>
    /// <returns>A new int64 tensor of this shape.</returns>
    /// <exception cref="EmberIndexException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor ArgSort(int dim = -1, bool descending = false)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_argsort(Handle, dim, descending, &result));
        GC.KeepAlive(this);
        return FromResult(result);
    }

    /// <summary>The <paramref name="k"/> largest (or smallest) elements along <paramref name="dim"/> and their indices (<c>torch.topk</c>).</summary>
    /// <param name="k">How many elements (at most the dim's size).</param>
    /// <param name="dim">The dim (default -1, the last).</param>
    /// <param name="largest">Whether to take the largest (default) or the smallest.</param>
    /// <param name="sorted">Whether the results are in sorted order.</param>
    /// <returns>The values and their int64 indices.</returns>
    /// <exception cref="EmberIndexException"><paramref name="k"/> or <paramref name="dim"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe (Tensor Values, Tensor Indices) TopK(long k, int dim = -1, bool largest = true, bool sorted = true)
    {
        EmberTensor values = default, indices = default;
        NativeStatus.Check(NativeMethods.ember_topk(Handle, k, dim, largest, sorted, &values, &indices));
        GC.KeepAlive(this);
        return Pair(values, indices);
    }
}
