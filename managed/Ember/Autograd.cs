using System;
using System.Collections.Generic;
using Ember.Native;

namespace Ember;

/// <summary>
/// Automatic differentiation, as PyTorch's <c>torch.autograd</c>: grad mode and inference mode
/// (per thread), <see cref="Backward"/> and <see cref="Grad"/> over several outputs. The engine is
/// native; the per-tensor side is on <see cref="Tensor"/> (<see cref="Tensor.RequiresGrad"/>,
/// <see cref="Tensor.Backward"/>, <see cref="Tensor.Grad"/>, hooks), user-defined derivatives are
/// <see cref="Function"/>s, and <see cref="GradCheck"/> checks derivatives numerically.
/// </summary>
/// <remarks>
/// Operations record the graph when grad mode is on and one of their inputs requires grad. The
/// graph holds its own references to every tensor it needs, so disposing tensors (one by one or
/// with a <see cref="DisposeScope"/>) never breaks a later backward pass; the graph is freed when
/// the last tensor that leads to it is disposed, or by a backward pass that does not retain it.
/// An exception thrown by user code during a pass (in a hook, in a <see cref="Function"/>'s
/// backward) aborts the pass and is rethrown, unchanged, by the call that started it.
/// </remarks>
public static class Autograd
{
    // The raw grad-mode flag while the thread is in inference mode, where the runtime only reports
    // "disabled" (inference implies no recording). Scopes need the raw flag to restore it.
    [ThreadStatic]
    private static bool rawGradDuringInference;

    /// <summary>Whether the calling thread records operations (false under <see cref="NoGrad"/> and in inference mode).</summary>
    public static bool IsGradEnabled => NativeMethods.ember_is_grad_enabled();

    /// <summary>Whether the calling thread is in inference mode (<see cref="InferenceMode"/>).</summary>
    public static bool IsInferenceModeEnabled => NativeMethods.ember_is_inference_mode_enabled();

    /// <summary>
    /// Stops recording on the calling thread until the scope is disposed (<c>torch.no_grad()</c>):
    /// <c>using (Autograd.NoGrad()) { ... }</c>. Results computed inside do not require grad.
    /// </summary>
    /// <returns>The scope that restores the previous mode.</returns>
    public static GradModeScope NoGrad() => new(false);

    /// <summary>Turns recording back on inside a <see cref="NoGrad"/> region (<c>torch.enable_grad()</c>).</summary>
    /// <returns>The scope that restores the previous mode.</returns>
    public static GradModeScope EnableGrad() => new(true);

    /// <summary>
    /// Sets grad mode on the calling thread (<c>torch.set_grad_enabled</c>). The setting stays after
    /// the call; dispose the returned scope to restore the previous one.
    /// </summary>
    /// <param name="enabled">Whether to record operations.</param>
    /// <returns>The scope that restores the previous mode.</returns>
    public static GradModeScope SetGradEnabled(bool enabled) => new(enabled);

    /// <summary>
    /// Enters inference mode on the calling thread until the scope is disposed
    /// (<c>torch.inference_mode()</c>): nothing is recorded, whatever the grad mode.
    /// </summary>
    /// <param name="enabled">false leaves inference mode for the scope instead.</param>
    /// <returns>The scope that restores the previous mode.</returns>
    public static InferenceModeScope InferenceMode(bool enabled = true) => new(enabled);

    /// <summary>
    /// Computes the gradients of <paramref name="tensors"/> and accumulates them into the
    /// <see cref="Tensor.Grad"/> of every leaf that requires grad (<c>torch.autograd.backward</c>).
    /// </summary>
    /// <param name="tensors">The outputs to differentiate.</param>
    /// <param name="gradTensors">
    /// One gradient per output (d(loss)/d(output), of its shape), or null; a null list or
    /// entry means 1 and is only allowed for a one-element output.
    /// </param>
    /// <param name="retainGraph">Keep the graph for another pass; defaults to <paramref name="createGraph"/>.</param>
    /// <param name="createGraph">Record the pass itself, so the gradients can be differentiated again.</param>
    /// <param name="inputs">When given, only these tensors accumulate gradients (leaves, or non-leaves whose .Grad is then set).</param>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">The list lengths disagree, or <paramref name="tensors"/> or <paramref name="inputs"/> is empty.</exception>
    /// <exception cref="EmberAutogradException">
    /// An output does not require grad, a non-scalar output has no gradient, the graph was already
    /// freed by an earlier pass, or a saved tensor was modified in place.
    /// </exception>
    /// <exception cref="EmberShapeException">A gradient's shape differs from its output's.</exception>
    /// <remarks>An exception thrown by a hook or a <see cref="Function"/>'s backward during the pass is rethrown as is.</remarks>
    public static unsafe void Backward(IReadOnlyList<Tensor> tensors, IReadOnlyList<Tensor?>? gradTensors = null,
        bool? retainGraph = null, bool createGraph = false, IReadOnlyList<Tensor>? inputs = null)
    {
        EmberTensor[] outputs = Handles(tensors, nameof(tensors));
        if (outputs.Length == 0)
        {
            throw new ArgumentException("Backward needs at least one tensor.", nameof(tensors));
        }

        EmberTensor[]? grads = OptionalHandles(gradTensors, outputs.Length, nameof(gradTensors));
        EmberTensor[]? only = inputs is null ? null : Handles(inputs, nameof(inputs));
        if (only is { Length: 0 })
        {
            throw new ArgumentException("The inputs of Backward cannot be empty (pass null for every leaf).", nameof(inputs));
        }

        AutogradInterop.BeginBackward();
        EmberStatus status;
        fixed (EmberTensor* o = outputs)
        fixed (EmberTensor* g = grads)
        fixed (EmberTensor* i = only)
        {
            status = NativeMethods.ember_backward(o, (nuint)outputs.Length, g, retainGraph ?? createGraph, createGraph,
                i, only is null ? 0 : (nuint)only.Length);
        }

        GC.KeepAlive(tensors);
        GC.KeepAlive(gradTensors);
        GC.KeepAlive(inputs);
        AutogradInterop.CheckBackward(status);
    }

    /// <summary>
    /// The gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>
    /// (<c>torch.autograd.grad</c>), without touching any <see cref="Tensor.Grad"/>.
    /// </summary>
    /// <param name="outputs">The outputs to differentiate.</param>
    /// <param name="inputs">The tensors to differentiate with respect to (they must require grad).</param>
    /// <param name="gradOutputs">One gradient per output, or null (1, for one-element outputs only).</param>
    /// <param name="retainGraph">Keep the graph for another pass; defaults to <paramref name="createGraph"/>.</param>
    /// <param name="createGraph">Record the pass, so the results can be differentiated again (higher-order derivatives).</param>
    /// <param name="allowUnused">Return null for an input the outputs do not depend on, instead of throwing.</param>
    /// <returns>One new tensor per input (null for an unused input when <paramref name="allowUnused"/>).</returns>
    /// <exception cref="ArgumentNullException">A list or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">The list lengths disagree, or a list is empty.</exception>
    /// <exception cref="EmberAutogradException">
    /// An input or output does not require grad, an input is unused (without <paramref name="allowUnused"/>),
    /// the graph was freed, or a saved tensor was modified in place.
    /// </exception>
    /// <exception cref="EmberShapeException">A gradient's shape differs from its output's.</exception>
    /// <remarks>An exception thrown by a hook or a <see cref="Function"/>'s backward during the pass is rethrown as is.</remarks>
    public static unsafe Tensor?[] Grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs,
        IReadOnlyList<Tensor?>? gradOutputs = null, bool? retainGraph = null, bool createGraph = false, bool allowUnused = false)
    {
        EmberTensor[] outs = Handles(outputs, nameof(outputs));
        EmberTensor[] ins = Handles(inputs, nameof(inputs));
        if (outs.Length == 0)
        {
            throw new ArgumentException("Grad needs at least one output.", nameof(outputs));
        }

        if (ins.Length == 0)
        {
            throw new ArgumentException("Grad needs at least one input.", nameof(inputs));
        }

        EmberTensor[]? gouts = OptionalHandles(gradOutputs, outs.Length, nameof(gradOutputs));
        var results = new EmberTensor[ins.Length];
        AutogradInterop.BeginBackward();
        EmberStatus status;
        fixed (EmberTensor* o = outs)
        fixed (EmberTensor* g = gouts)
        fixed (EmberTensor* i = ins)
        fixed (EmberTensor* r = results)
        {
            status = NativeMethods.ember_grad(o, (nuint)outs.Length, g, i, (nuint)ins.Length, retainGraph ?? createGraph,
                createGraph, allowUnused, r);
        }

        GC.KeepAlive(outputs);
        GC.KeepAlive(inputs);
        GC.KeepAlive(gradOutputs);
        AutogradInterop.CheckBackward(status);
        return Tensor.WrapResults(results);
    }

    /// <summary>The raw grad-mode flag of the calling thread (what a scope must restore).</summary>
    internal static bool RawGradMode =>
        NativeMethods.ember_is_inference_mode_enabled() ? rawGradDuringInference : NativeMethods.ember_is_grad_enabled();

    internal static void SetRawGradMode(bool enabled)
    {
        if (NativeMethods.ember_is_inference_mode_enabled())
        {
            rawGradDuringInference = enabled;
        }

        NativeMethods.ember_set_grad_enabled(enabled);
    }

    internal static void SetInferenceMode(bool enabled)
    {
        if (enabled && !NativeMethods.ember_is_inference_mode_enabled())
        {
            rawGradDuringInference = NativeMethods.ember_is_grad_enabled();
        }

        NativeMethods.ember_set_inference_mode(enabled);
    }

    private static EmberTensor[] Handles(IReadOnlyList<Tensor> tensors, string name)
    {
        ArgumentNullException.ThrowIfNull(tensors, name);
        var handles = new EmberTensor[tensors.Count];
        for (int i = 0; i < handles.Length; i++)
        {
            Tensor? t = tensors[i];
            if (t is null)
            {
                throw new ArgumentNullException(name, $"{name}[{i}] is null.");
            }

            handles[i] = t.Handle;
        }

        return handles;
    }

    private static EmberTensor[]? OptionalHandles(IReadOnlyList<Tensor?>? tensors, int count, string name)
    {
        if (tensors is null)
        {
            return null;
        }

        if (tensors.Count != count)
        {
            throw new ArgumentException($"Got {tensors.Count} gradients for {count} outputs.", name);
        }

        var handles = new EmberTensor[count];
        for (int i = 0; i < count; i++)
        {
            Tensor? t = tensors[i];
            handles[i] = t is null ? default : t.Handle;
        }

        return handles;
    }
}
