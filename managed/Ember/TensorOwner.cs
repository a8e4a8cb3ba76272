using System;
using System.Threading;
using Ember.Native;

namespace Ember;

/// <summary>
/// The finalizable half of a <see cref="Tensor"/>: it releases the native reference of a tensor
/// nobody disposed. A Tensor itself has no finalizer, because allocating an object that has one
/// costs several times a plain allocation (the runtime registers each for finalization), and a
/// training step creates thousands of tensors. Instead a disposed tensor hands its owner back to a
/// small per-thread pool, and the next tensor reuses it, still registered: a pooled owner is
/// reachable, so it is never finalized, and one dropped from a full pool finalizes with nothing
/// left to release.
/// </summary>
internal sealed class TensorOwner
{
    private const int PoolCapacity = 256;

    [ThreadStatic]
    private static TensorOwner? poolHead;

    [ThreadStatic]
    private static int poolCount;

    private static long finalizedCount;

    // The native handle while a live tensor owns it; 0 when disposed or pooled.
    private nint handle;
    private TensorOwner? next;

    /// <summary>Bytes reported with <see cref="GC.AddMemoryPressure(long)"/> for this tensor.</summary>
    internal long Pressure;

    internal static long FinalizedCount => Interlocked.Read(ref finalizedCount);

    /// <summary>An owner for a new tensor's handle (pooled when one is free).</summary>
    internal static TensorOwner Rent(nint handle)
    {
        TensorOwner? owner = poolHead;
        if (owner is not null)
        {
            poolHead = owner.next;
            owner.next = null;
            poolCount--;
        }
        else
        {
            owner = new TensorOwner();
        }

        owner.Pressure = 0;
        Volatile.Write(ref owner.handle, handle);
        return owner;
    }

    /// <summary>
    /// Called by Dispose: takes the handle back (0 if the finalizer got it first, which cannot
    /// happen while the tensor is reachable: the disposing code holds this owner, so it is not
    /// finalized concurrently) and returns the owner to this thread's pool.
    /// </summary>
    internal nint Return()
    {
        nint h = handle;
        Volatile.Write(ref handle, 0);
        if (poolCount < PoolCapacity)
        {
            next = poolHead;
            poolHead = this;
            poolCount++;
        }

        return h;
    }

    ~TensorOwner()
    {
        nint h = Interlocked.Exchange(ref handle, 0);
        if (h == 0)
        {
            return;  // a pooled or dropped owner: its tensor was disposed
        }

        NativeMethods.ember_tensor_release(new EmberTensor(h));
        if (Pressure > 0)
        {
            GC.RemoveMemoryPressure(Pressure);
        }

        Interlocked.Increment(ref finalizedCount);
    }
}
