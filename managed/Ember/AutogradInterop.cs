using System;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Ember.Native;

namespace Ember;

/// <summary>
/// The managed side of the runtime's autograd callbacks (gradient hooks, post-accumulate hooks,
/// custom functions' backward).
/// </summary>
/// <remarks>
/// <para>
/// Callbacks are <see cref="UnmanagedCallersOnlyAttribute"/> static methods (no delegates, nothing for the
/// trimmer or AOT to miss); their user data is a <see cref="GCHandle"/> to the managed state,
/// freed by <see cref="OnDestroy"/> when the runtime lets go of it.
/// </para>
/// <para>
/// An exception must never unwind through native frames. A callback catches it, parks it in
/// <see cref="pending"/> and returns an error status, which aborts the backward pass; the managed
/// call that started the pass (<see cref="CheckBackward"/>) then rethrows the original exception
/// with its stack trace. The engine runs a pass on the calling thread, so a thread-static slot is
/// enough, and nested passes (a custom backward that calls <see cref="Autograd.Grad"/>) take
/// their own exception before returning to the outer callback, which parks it again.
/// </para>
/// <para>
/// Tensors a callback creates (the wrappers of the borrowed handles it receives included) belong
/// to a <see cref="DisposeScope"/> that ends when the callback returns, so a backward pass leaks
/// nothing whatever scope the caller uses. Tensors handed back to the runtime get their own
/// reference first.
/// </para>
/// </remarks>
internal static unsafe class AutogradInterop
{
    [ThreadStatic]
    private static ExceptionDispatchInfo? pending;

    /// <summary>The gradient hook entry point (<c>ember_grad_hook_fn</c>).</summary>
    internal static delegate* unmanaged[Cdecl]<EmberTensor, void*, EmberTensor*, EmberStatus> GradHookCallback => &OnGradHook;

    /// <summary>The post-accumulate hook entry point (<c>ember_post_accumulate_hook_fn</c>).</summary>
    internal static delegate* unmanaged[Cdecl]<EmberTensor, void*, EmberStatus> PostAccumulateHookCallback => &OnPostAccumulateHook;

    /// <summary>The custom function backward entry point (<c>ember_custom_backward_fn</c>).</summary>
    internal static delegate* unmanaged[Cdecl]<void*, EmberTensor*, nuint, EmberTensor*, nuint, EmberTensor*, nuint, EmberStatus> CustomBackwardCallback => &OnCustomBackward;

    /// <summary>Frees the GCHandle in a callback's user data (<c>ember_destroy_fn</c>).</summary>
    internal static delegate* unmanaged[Cdecl]<void*, void> DestroyCallback => &OnDestroy;

    /// <summary>A strong GCHandle to <paramref name="state"/>, as callback user data.</summary>
    internal static void* NewUserData(object state) => (void*)GCHandle.ToIntPtr(GCHandle.Alloc(state));

    /// <summary>Frees user data made by <see cref="NewUserData"/> that was never handed to the runtime.</summary>
    internal static void FreeUserData(void* userData) => GCHandle.FromIntPtr((nint)userData).Free();

    /// <summary>Forgets an exception left over from a pass that did not report it (called before a pass starts).</summary>
    internal static void BeginBackward() => pending = null;

    /// <summary>
    /// The result of a native call that may have run callbacks: rethrows the exception a callback
    /// parked (the original one, with its stack trace), or throws for the status.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CheckBackward(EmberStatus status)
    {
        if (status != EmberStatus.Ok || pending is not null)
        {
            ThrowFailure(status);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFailure(EmberStatus status)
    {
        ExceptionDispatchInfo? parked = pending;
        pending = null;
        if (status == EmberStatus.Ok)
        {
            // A callback failed but the pass did not (cannot happen with this runtime): nothing to report.
            return;
        }

        parked?.Throw();
        throw NativeStatus.Create(status);
    }

    /// <summary>Parks an exception thrown by user code in a callback; returns the status that aborts the pass.</summary>
    private static EmberStatus Fail(Exception error)
    {
        // The first failure wins: later ones (a second hook while unwinding) are consequences.
        pending ??= ExceptionDispatchInfo.Capture(error);
        return error switch
        {
            EmberArgumentException => EmberStatus.ErrInvalidArgument,
            EmberShapeException => EmberStatus.ErrShape,
            EmberDTypeException => EmberStatus.ErrDtype,
            EmberDeviceException => EmberStatus.ErrDevice,
            EmberIndexException => EmberStatus.ErrIndex,
            EmberOutOfMemoryException => EmberStatus.ErrOutOfMemory,
            EmberUnsupportedException => EmberStatus.ErrUnsupported,
            _ => EmberStatus.ErrAutograd,
        };
    }

    /// <summary>A new reference to <paramref name="tensor"/>'s native tensor, to hand over to the runtime.</summary>
    internal static EmberTensor NewReference(Tensor tensor)
    {
        EmberTensor h = tensor.Handle;
        NativeStatus.Check(NativeMethods.ember_tensor_retain(h));
        GC.KeepAlive(tensor);
        return h;
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static EmberStatus OnGradHook(EmberTensor grad, void* userData, EmberTensor* replacement)
    {
        try
        {
            Func<Tensor, Tensor?>? hook = ((GradHookState)GCHandle.FromIntPtr((nint)userData).Target!).Hook;
            if (hook is null)
            {
                return EmberStatus.Ok;  // removed
            }

            using DisposeScope scope = DisposeScope.Begin();
            Tensor gradient = Tensor.FromBorrowed(grad);
            Tensor? result = hook(gradient);
            if (result is not null && result.Handle.Handle != grad.Handle)
            {
                *replacement = NewReference(result);
            }

            return EmberStatus.Ok;
        }
        catch (Exception error)
        {
            return Fail(error);
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static EmberStatus OnPostAccumulateHook(EmberTensor tensor, void* userData)
    {
        try
        {
            Action<Tensor>? hook = ((PostAccumulateHookState)GCHandle.FromIntPtr((nint)userData).Target!).Hook;
            if (hook is null)
            {
                return EmberStatus.Ok;  // removed
            }

            using DisposeScope scope = DisposeScope.Begin();
            hook(Tensor.FromBorrowed(tensor));
            return EmberStatus.Ok;
        }
        catch (Exception error)
        {
            return Fail(error);
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static EmberStatus OnCustomBackward(void* userData, EmberTensor* saved, nuint nsaved, EmberTensor* gradOutputs,
        nuint noutputs, EmberTensor* gradInputs, nuint ninputs)
    {
        try
        {
            var node = (Function.NodeState)GCHandle.FromIntPtr((nint)userData).Target!;
            EmberTensor[] grads = node.RunBackward(
                new ReadOnlySpan<EmberTensor>(saved, checked((int)nsaved)),
                new ReadOnlySpan<EmberTensor>(gradOutputs, checked((int)noutputs)),
                checked((int)ninputs));
            for (int i = 0; i < grads.Length; i++)
            {
                gradInputs[i] = grads[i];
            }

            return EmberStatus.Ok;
        }
        catch (Exception error)
        {
            return Fail(error);
        }
    }

    // May run on any thread (whichever releases the last reference to a graph, a finalizer's
    // included), possibly inside another native call: it only frees the handle.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnDestroy(void* userData)
    {
        try
        {
            GCHandle handle = GCHandle.FromIntPtr((nint)userData);
            (handle.Target as HookState)?.Release();
            handle.Free();
        }
        catch (Exception error)
        {
            EmberRuntime.ReportCallbackError("an autograd destroy callback", error);
        }
    }
}

/// <summary>
/// What a hook's user data points at. Removing the hook (or the runtime freeing it) drops the
/// delegate at once, so it is silenced even where the runtime cannot be told (its tensor was
/// disposed) and whatever it captured can be collected while a <see cref="HookHandle"/> lives on.
/// </summary>
internal abstract class HookState
{
    public abstract void Release();
}

/// <summary>The state of a hook registered with <see cref="Tensor.RegisterHook"/>.</summary>
internal sealed class GradHookState : HookState
{
    private volatile Func<Tensor, Tensor?>? hook;

    public GradHookState(Func<Tensor, Tensor?> hook) => this.hook = hook;

    /// <summary>The hook, or null once removed.</summary>
    public Func<Tensor, Tensor?>? Hook => hook;

    public override void Release() => hook = null;
}

/// <summary>The state of a hook registered with <see cref="Tensor.RegisterPostAccumulateGradHook"/>.</summary>
internal sealed class PostAccumulateHookState : HookState
{
    private volatile Action<Tensor>? hook;

    public PostAccumulateHookState(Action<Tensor> hook) => this.hook = hook;

    /// <summary>The hook, or null once removed.</summary>
    public Action<Tensor>? Hook => hook;

    public override void Release() => hook = null;
}
