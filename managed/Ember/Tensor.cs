using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;
using Ember.Native;

namespace Ember;

/// <summary>
/// An n-dimensional array in native memory, as PyTorch's <c>torch.Tensor</c>.
/// </summary>
/// <remarks>
/// <para>
/// A <see cref="Tensor"/> owns exactly one reference to a native tensor. <see cref="Dispose"/>
/// releases it at once, and the memory is freed when the last reference (other tensors viewing
/// the same storage hold their own) goes. Dispose tensors deterministically, either one by one
/// (<c>using var t = ...</c>) or all at once with a <see cref="DisposeScope"/>. A finalizer releases
/// a forgotten tensor as a safety net and counts it in <see cref="FinalizedCount"/>, so leaks can
/// be found. Large tensors are reported to the garbage collector as memory pressure.
/// </para>
/// <para>
/// Every operation checks its arguments, makes one native call and wraps the result in a new
/// <see cref="Tensor"/> (which joins the current <see cref="DisposeScope"/>, if any). Methods named
/// with a trailing underscore (<c>Add_</c>, <c>Exp_</c>) write into this tensor and return it, as in
/// PyTorch; methods with a <c>destination</c> parameter write into that tensor (PyTorch's
/// <c>out=</c>) and return it. Failures throw an <see cref="EmberException"/> subclass carrying the
/// runtime's message; using a disposed tensor throws <see cref="ObjectDisposedException"/>.
/// </para>
/// <para>
/// Thread safety: operations only read their inputs, so one tensor may be used from several
/// threads at once; writing into a tensor while another thread reads it is a data race, as in
/// PyTorch. <see cref="Dispose"/> may be called from any thread and any number of times, but not
/// while another thread is still using the tensor.
/// </para>
/// </remarks>
public sealed partial class Tensor : IDisposable
{
    /// <summary>
    /// Tensors whose elements take at least this many bytes report them to the GC with
    /// <see cref="GC.AddMemoryPressure(long)"/>, so that a program that forgets to dispose still
    /// collects (and finalizes) in time. Smaller tensors skip the bookkeeping.
    /// </summary>
    public const long MemoryPressureThreshold = 64 * 1024;

    private static readonly object MaterializeGate = new();

    // The native handle; 0 once disposed, or while a deferred scalar is not materialized.
    private nint handle;
    private int released;
    private EmberTensorInfo info;
    private long[]? shape;
    private long[]? strides;

    // Releases the handle if this tensor is never disposed (a Tensor has no finalizer itself).
    private TensorOwner? owner;

    // A tensor made by an implicit conversion from a number (t[i] = 1.5, Where(c, x, 0.0)) holds
    // the number and no native tensor: operations use it as a scalar, and only code that needs a
    // real tensor materializes one (a zero-dimensional "wrapped number").
    private readonly bool isDeferredScalar;
    private readonly EmberScalar deferredValue;

    // The dispose scope that owns this tensor and the slot in its list.
    internal DisposeScope? OwnerScope;
    internal int OwnerSlot;

    private Tensor(EmberTensor result, bool isView)
    {
        handle = result.Handle;
        EmberStatus status;
        unsafe
        {
            fixed (EmberTensorInfo* p = &info)
            {
                status = NativeMethods.ember_tensor_get_info(result, p);
            }
        }

        if (status != EmberStatus.Ok)
        {
            NativeMethods.ember_tensor_release(result);
            handle = 0;
            released = 1;
            NativeStatus.Check(status);
        }

        owner = TensorOwner.Rent(handle);

        if (!isView)
        {
            AddPressure();
        }

        DisposeScope.Track(this);
    }

    private Tensor(EmberScalar value)
    {
        isDeferredScalar = true;
        deferredValue = value;
    }

    /// <summary>
    /// How many tensors were released by the finalizer because nobody disposed them: a leak
    /// counter. It never decreases.
    /// </summary>
    public static long FinalizedCount => TensorOwner.FinalizedCount;

    /// <summary>Whether <see cref="Dispose"/> has been called.</summary>
    public bool IsDisposed => Volatile.Read(ref released) != 0;

    /// <summary>
    /// Releases the native reference now. Idempotent and thread-safe; the tensor cannot be used
    /// afterwards (views and other tensors sharing the storage stay valid).
    /// </summary>
    public void Dispose()
    {
        if (Release())
        {
            DisposeScope.Forget(this);
        }
    }

    /// <summary>The native handle (for interop with code that uses the C ABI directly); it stays owned by this tensor.</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public EmberTensor NativeHandle => Handle;

    /// <summary>The handle, for native calls. Callers keep the tensor alive (GC.KeepAlive) until the call returns.</summary>
    internal EmberTensor Handle
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            nint h = Volatile.Read(ref handle);
            return h != 0 ? new EmberTensor(h) : MaterializeOrThrow();
        }
    }

    /// <summary>The cached native facts (dtype, device, rank, element count, data address).</summary>
    internal ref readonly EmberTensorInfo Info
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (Volatile.Read(ref handle) == 0)
            {
                MaterializeOrThrow();
            }

            return ref info;
        }
    }

    /// <summary>Whether this is a number from an implicit conversion that has no native tensor yet.</summary>
    internal bool IsPendingScalar => isDeferredScalar && Volatile.Read(ref handle) == 0 && !IsDisposed;

    /// <summary>The number of a pending scalar (see <see cref="IsPendingScalar"/>).</summary>
    internal EmberScalar PendingScalar => deferredValue;

    /// <summary>Wraps a new reference returned by a native call that allocated new storage.</summary>
    internal static Tensor FromResult(EmberTensor result) => new(result, isView: false);

    /// <summary>Wraps a new reference returned by a native view op (shares storage: no memory pressure).</summary>
    internal static Tensor FromView(EmberTensor result) => new(result, isView: true);

    /// <summary>Wraps a result that may or may not share <paramref name="source"/>'s storage (reshape, contiguous...).</summary>
    internal static unsafe Tensor FromMaybeView(EmberTensor result, Tensor source)
    {
        var tensor = new Tensor(result, isView: true);
        if (tensor.ByteCount >= MemoryPressureThreshold)
        {
            bool shares;
            NativeStatus.Check(NativeMethods.ember_tensor_shares_storage(result, source.Handle, &shares));
            GC.KeepAlive(source);
            if (!shares)
            {
                tensor.AddPressure();
            }
        }

        return tensor;
    }

    /// <summary>A number that becomes a tensor only when one is needed (see the implicit conversions).</summary>
    internal static Tensor Pending(EmberScalar value) => new(value);

    /// <summary>
    /// Called after a native op wrote into this tensor as its <c>out</c>: an empty out tensor is
    /// resized to the result's shape (as in PyTorch), so the cached metadata is read again.
    /// </summary>
    internal void AfterWrite()
    {
        if (info.Numel == 0)
        {
            Refresh();
        }
    }

    private unsafe void Refresh()
    {
        EmberTensorInfo fresh;
        NativeStatus.Check(NativeMethods.ember_tensor_get_info(Handle, &fresh));
        GC.KeepAlive(this);
        info = fresh;
        shape = null;
        strides = null;
        AddPressure();
    }

    private long ByteCount => info.Numel * info.ElementSize;

    private void AddPressure()
    {
        long bytes = ByteCount;
        TensorOwner? o = owner;
        if (o is not null && bytes >= MemoryPressureThreshold && bytes > o.Pressure)
        {
            GC.AddMemoryPressure(bytes - o.Pressure);
            o.Pressure = bytes;
        }
    }

    private bool Release()
    {
        if (Interlocked.Exchange(ref released, 1) != 0)
        {
            return false;
        }

        // Only the caller that set released gets here, so plain writes suffice from now on.
        nint h = handle;
        Volatile.Write(ref handle, 0);
        TensorOwner? o = owner;
        if (h == 0 || o is null)
        {
            return false;
        }

        owner = null;
        long bytes = o.Pressure;
        if (o.Return() == 0)
        {
            return false;  // the owner's finalizer released it (only for an unreachable tensor)
        }

        NativeMethods.ember_tensor_release(new EmberTensor(h));
        if (bytes > 0)
        {
            GC.RemoveMemoryPressure(bytes);
        }

        return true;
    }

    private EmberTensor MaterializeOrThrow()
    {
        if (!isDeferredScalar || IsDisposed)
        {
            ThrowDisposed();
        }

        lock (MaterializeGate)
        {
            if (handle == 0)
            {
                if (IsDisposed)
                {
                    ThrowDisposed();
                }

                EmberTensor created = CreateScalarHandle(deferredValue);
                EmberTensorInfo fresh;
                EmberStatus status;
                unsafe
                {
                    status = NativeMethods.ember_tensor_get_info(created, &fresh);
                }

                if (status != EmberStatus.Ok)
                {
                    NativeMethods.ember_tensor_release(created);
                    NativeStatus.Check(status);
                }

                info = fresh;
                owner = TensorOwner.Rent(created.Handle);
                Volatile.Write(ref handle, created.Handle);
                DisposeScope.Track(this);
            }

            return new EmberTensor(handle);
        }
    }

    /// <summary>A zero-dimensional "wrapped number" tensor: it promotes like a Python scalar.</summary>
    internal static unsafe EmberTensor CreateScalarHandle(EmberScalar value)
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_scalar_tensor(value, EmberDtype.Undefined, default, &result));
        return result;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDisposed() =>
        throw new ObjectDisposedException(nameof(Tensor), "The tensor has been disposed (directly, or by the DisposeScope it belonged to).");
}
