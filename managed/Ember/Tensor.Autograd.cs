using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Ember.Native;

namespace Ember;

// Autograd on one tensor: requires_grad, .grad, grad_fn, retain_grad, detach, version, backward,
// hooks. The engine is native (see Autograd); these are one call each.
public sealed partial class Tensor
{
    /// <summary>
    /// Whether gradients are computed for this tensor (<c>requires_grad</c>): true for a leaf
    /// marked so and for the result of an operation recorded from such a tensor. Setting it makes
    /// a leaf require (or stop requiring) gradients; only floating tensors can.
    /// </summary>
    /// <exception cref="EmberDTypeException">Set to true on a tensor whose dtype is not floating.</exception>
    /// <exception cref="EmberAutogradException">Set to false on a non-leaf (use <see cref="Detach"/>).</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe bool RequiresGrad
    {
        get => !IsPendingScalar && QueryFlag(&NativeMethods.ember_requires_grad);
        set => RequiresGrad_(value);
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor (<c>x.requires_grad_()</c>).</summary>
    /// <param name="requiresGrad">Whether the leaf requires gradients.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="EmberDTypeException"><paramref name="requiresGrad"/> is true and the dtype is not floating.</exception>
    /// <exception cref="EmberAutogradException"><paramref name="requiresGrad"/> is false and this is not a leaf.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor RequiresGrad_(bool requiresGrad = true)
    {
        NativeStatus.Check(NativeMethods.ember_set_requires_grad(Handle, requiresGrad));
        GC.KeepAlive(this);
        return this;
    }

    /// <summary>
    /// The gradient accumulated by backward passes (<c>x.grad</c>), or null when there is none.
    /// Each read returns a new <see cref="Tensor"/> for the same native gradient (dispose it, or let
    /// a scope do it; the gradient itself stays). Setting replaces it (null clears it, as
    /// <c>x.grad = None</c>); the tensor set must have this tensor's shape, dtype and device.
    /// </summary>
    /// <exception cref="EmberShapeException">The new gradient's shape differs.</exception>
    /// <exception cref="EmberDTypeException">The new gradient's dtype differs.</exception>
    /// <exception cref="EmberArgumentException">The new gradient is this tensor itself.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor? Grad
    {
        get
        {
            if (IsPendingScalar)
            {
                return null;
            }

            EmberTensor grad = GradHandle();
            return grad.Handle == 0 ? null : FromView(grad);
        }

        set
        {
            var temporaries = new Temporaries();
            try
            {
                NativeStatus.Check(NativeMethods.ember_set_grad(Handle, temporaries.UseOptional(value)));
            }
            finally
            {
                temporaries.Dispose();
            }

            GC.KeepAlive(this);
            GC.KeepAlive(value);
        }
    }

    /// <summary>
    /// A new native reference to the gradient (zero when there is none), for code that hands
    /// gradients to fused native calls without a managed wrapper each; release it with
    /// ember_tensor_release.
    /// </summary>
    internal unsafe EmberTensor GradHandle()
    {
        EmberTensor grad = default;
        NativeStatus.Check(NativeMethods.ember_get_grad(Handle, &grad));
        GC.KeepAlive(this);
        return grad;
    }

    /// <summary>
    /// Clears the gradient (<c>zero_grad</c> for one parameter): removes it, or with
    /// <paramref name="setToNone"/> false detaches it and fills it with zeros in place.
    /// </summary>
    internal void ClearGrad(bool setToNone)
    {
        if (setToNone)
        {
            Grad = null;
            return;
        }

        using Tensor? grad = Grad;
        if (grad is null) return;
        using var noGrad = Autograd.NoGrad();
        grad.Detach_();
        grad.Zero_();
    }

    /// <summary>Whether this tensor is a leaf of the graph: it was not produced by a recorded operation (<c>is_leaf</c>).</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe bool IsLeaf => IsPendingScalar || QueryFlag(&NativeMethods.ember_is_leaf);

    /// <summary>
    /// The name of the graph node that produced this tensor, as PyTorch's <c>grad_fn.name()</c>
    /// (<c>"MulBackward0"</c>, or the name of a <see cref="Function"/>), or null for a leaf.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe string? GradFn
    {
        get
        {
            if (IsPendingScalar)
            {
                return null;
            }

            byte* name = null;
            NativeStatus.Check(NativeMethods.ember_grad_fn_name(Handle, &name));
            string? result = name is null ? null : Marshal.PtrToStringUTF8((nint)name);
            GC.KeepAlive(this);
            return result;
        }
    }

    /// <summary>
    /// Asks this non-leaf tensor to keep its gradient in <see cref="Grad"/> during backward passes
    /// (<c>x.retain_grad()</c>); leaves keep theirs anyway.
    /// </summary>
    /// <exception cref="EmberAutogradException">The tensor does not require grad.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public void RetainGrad()
    {
        NativeStatus.Check(NativeMethods.ember_retain_grad(Handle));
        GC.KeepAlive(this);
    }

    /// <summary>Whether this non-leaf keeps its gradient (<see cref="RetainGrad"/> was called; <c>retains_grad</c>).</summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe bool RetainsGrad => !IsPendingScalar && QueryFlag(&NativeMethods.ember_retains_grad);

    /// <summary>
    /// A new tensor sharing this one's storage, cut from the graph: it never requires grad
    /// (<c>x.detach()</c>). In-place changes are seen by both.
    /// </summary>
    /// <returns>The detached tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Tensor Detach()
    {
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_detach(Handle, &result));
        GC.KeepAlive(this);
        return FromView(result);
    }

    /// <summary>Cuts this tensor itself from the graph: it becomes a leaf that does not require grad (<c>x.detach_()</c>).</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public Tensor Detach_()
    {
        NativeStatus.Check(NativeMethods.ember_detach_(Handle));
        GC.KeepAlive(this);
        return this;
    }

    /// <summary>
    /// How many times this tensor's storage was written in place (<c>x._version</c>; shared by every
    /// view of the storage). Autograd uses it to detect a saved tensor changed before backward.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe long Version
    {
        get
        {
            uint version = 0;
            NativeStatus.Check(NativeMethods.ember_tensor_version(Handle, &version));
            GC.KeepAlive(this);
            return version;
        }
    }

    /// <summary>
    /// Computes the gradient of this tensor with respect to the graph's leaves and accumulates it
    /// into their <see cref="Grad"/> (<c>x.backward()</c>). See <see cref="Autograd.Backward"/>.
    /// </summary>
    /// <param name="gradient">d(loss)/d(this), of this shape; null means 1 and needs a one-element tensor.</param>
    /// <param name="retainGraph">Keep the graph for another pass; defaults to <paramref name="createGraph"/>.</param>
    /// <param name="createGraph">Record the pass, so the gradients can be differentiated again.</param>
    /// <param name="inputs">When given, only these tensors accumulate gradients.</param>
    /// <exception cref="EmberAutogradException">
    /// This tensor does not require grad, it has several elements and no <paramref name="gradient"/>
    /// was given, the graph was freed by an earlier pass, or a saved tensor was modified in place.
    /// </exception>
    /// <exception cref="EmberShapeException"><paramref name="gradient"/>'s shape differs from this tensor's.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    /// <remarks>An exception thrown by a hook or a <see cref="Function"/>'s backward during the pass is rethrown as is.</remarks>
    public void Backward(Tensor? gradient = null, bool? retainGraph = null, bool createGraph = false, IReadOnlyList<Tensor>? inputs = null) =>
        Autograd.Backward(new[] { this }, gradient is null ? null : new[] { gradient }, retainGraph, createGraph, inputs);

    /// <summary>
    /// Registers a hook that sees this tensor's gradient each time a backward pass computes it,
    /// before it is used (<c>x.register_hook</c>). The hook may return a tensor of the same shape
    /// to replace the gradient, or null to keep it.
    /// </summary>
    /// <remarks>
    /// The hook runs on the thread of the backward pass. The gradient it receives, and every tensor
    /// it creates, are disposed when it returns (a <see cref="DisposeScope"/> around the call);
    /// move a tensor out with <see cref="MoveToOuterScope"/> or <see cref="DetachFromDisposeScope"/>
    /// to keep it. An exception thrown by the hook aborts the pass and is rethrown by
    /// <see cref="Backward"/>. The hook stays registered until the handle is disposed or the
    /// tensor's graph goes.
    /// </remarks>
    /// <param name="hook">Receives the gradient; returns its replacement or null.</param>
    /// <returns>A handle that removes the hook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    /// <exception cref="EmberAutogradException">This tensor does not require grad.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe HookHandle RegisterHook(Func<Tensor, Tensor?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var state = new GradHookState(hook);
        void* userData = AutogradInterop.NewUserData(state);
        long id = 0;
        EmberStatus status = NativeMethods.ember_register_hook(Handle, AutogradInterop.GradHookCallback, userData,
            AutogradInterop.DestroyCallback, &id);
        GC.KeepAlive(this);
        if (status != EmberStatus.Ok)
        {
            // Not registered: the runtime never took the user data.
            AutogradInterop.FreeUserData(userData);
            NativeStatus.Check(status);
        }

        return new HookHandle(this, id, state);
    }

    /// <summary>
    /// Registers a hook that runs after a backward pass has accumulated this leaf's gradient into
    /// <see cref="Grad"/> (<c>x.register_post_accumulate_grad_hook</c>); it receives the leaf
    /// (another <see cref="Tensor"/> for the same native tensor). Same rules as <see cref="RegisterHook"/>.
    /// </summary>
    /// <param name="hook">Receives the leaf.</param>
    /// <returns>A handle that removes the hook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hook"/> is null.</exception>
    /// <exception cref="EmberAutogradException">This tensor is not a leaf that requires grad.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe HookHandle RegisterPostAccumulateGradHook(Action<Tensor> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var state = new PostAccumulateHookState(hook);
        void* userData = AutogradInterop.NewUserData(state);
        long id = 0;
        EmberStatus status = NativeMethods.ember_register_post_accumulate_grad_hook(Handle,
            AutogradInterop.PostAccumulateHookCallback, userData, AutogradInterop.DestroyCallback, &id);
        GC.KeepAlive(this);
        if (status != EmberStatus.Ok)
        {
            AutogradInterop.FreeUserData(userData);
            NativeStatus.Check(status);
        }

        return new HookHandle(this, id, state);
    }

    /// <summary>A new <see cref="Tensor"/> holding its own reference to a handle the runtime lends to a callback.</summary>
    internal static Tensor FromBorrowed(EmberTensor borrowed)
    {
        NativeStatus.Check(NativeMethods.ember_tensor_retain(borrowed));
        return FromView(borrowed);
    }

    /// <summary>Wraps new references returned by a native call (null stays null); releases them all if wrapping fails.</summary>
    internal static Tensor?[] WrapResults(EmberTensor[] handles)
    {
        var tensors = new Tensor?[handles.Length];
        int i = 0;
        try
        {
            for (; i < handles.Length; i++)
            {
                tensors[i] = handles[i].Handle == 0 ? null : FromResult(handles[i]);
            }
        }
        catch
        {
            // FromResult released the handle that failed; release the rest.
            for (int j = i + 1; j < handles.Length; j++)
            {
                NativeMethods.ember_tensor_release(handles[j]);
            }

            throw;
        }

        return tensors;
    }

    private unsafe bool QueryFlag(delegate*<EmberTensor, bool*, EmberStatus> query)
    {
        bool value = false;
        NativeStatus.Check(query(Handle, &value));
        GC.KeepAlive(this);
        return value;
    }
}
