using System;
using System.Collections.Generic;

namespace Ember.NN;

/// <summary>
/// A module with one input (<c>nn.Module</c> whose <c>forward</c> takes one argument): subclasses
/// implement <see cref="Forward"/>; callers use <see cref="Call"/>, which also runs the forward hooks.
/// </summary>
/// <typeparam name="TIn">The input type (usually <see cref="Tensor"/>).</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class Module<TIn, TOut> : Module
{
    private readonly HookList<Func<Module<TIn, TOut>, TIn, TIn>> preHooks = new();
    private readonly HookList<Func<Module<TIn, TOut>, TIn, TOut, TOut>> hooks = new();

    /// <summary>The computation (<c>forward</c>). Call <see cref="Call"/> instead, so that hooks and checks run.</summary>
    /// <param name="input">The input.</param>
    /// <returns>The output.</returns>
    public abstract TOut Forward(TIn input);

    /// <summary>
    /// Runs the module (<c>module(input)</c>): the forward pre-hooks (each may replace the input),
    /// <see cref="Forward"/>, then the forward hooks (each may replace the output).
    /// </summary>
    /// <param name="input">The input.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ObjectDisposedException">The module was disposed.</exception>
    /// <exception cref="InvalidOperationException">A submodule was created but never registered (see docs/modules.md).</exception>
    public TOut Call(TIn input)
    {
        EnterCall();
        try
        {
            foreach (var hook in preHooks.Snapshot())
            {
                input = hook(this, input);
            }

            TOut output = Forward(input);
            foreach (var hook in hooks.Snapshot())
            {
                output = hook(this, input, output);
            }

            return output;
        }
        finally
        {
            ExitCall();
        }
    }

    /// <summary>Registers a hook run before <see cref="Forward"/> (<c>register_forward_pre_hook</c>); it returns the input to use (return the argument to keep it).</summary>
    /// <param name="hook">(module, input) → input.</param>
    /// <returns>A handle whose disposal removes the hook.</returns>
    public ModuleHookHandle RegisterForwardPreHook(Func<Module<TIn, TOut>, TIn, TIn> hook) => preHooks.Add(hook);

    /// <summary>Registers a hook run after <see cref="Forward"/> (<c>register_forward_hook</c>); it returns the output to use (return the argument to keep it).</summary>
    /// <param name="hook">(module, input, output) → output.</param>
    /// <returns>A handle whose disposal removes the hook.</returns>
    public ModuleHookHandle RegisterForwardHook(Func<Module<TIn, TOut>, TIn, TOut, TOut> hook) => hooks.Add(hook);

    /// <summary>Registers a hook run after <see cref="Forward"/> that only observes (returns nothing, as a PyTorch hook returning None).</summary>
    /// <param name="hook">(module, input, output).</param>
    /// <returns>A handle whose disposal removes the hook.</returns>
    public ModuleHookHandle RegisterForwardHook(Action<Module<TIn, TOut>, TIn, TOut> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return hooks.Add((m, i, o) =>
        {
            hook(m, i, o);
            return o;
        });
    }
}

/// <summary>A module with two inputs (such as <see cref="Bilinear"/>); see <see cref="Module{TIn, TOut}"/>.</summary>
/// <typeparam name="T1">The first input's type.</typeparam>
/// <typeparam name="T2">The second input's type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class Module<T1, T2, TOut> : Module
{
    private readonly HookList<Func<Module<T1, T2, TOut>, T1, T2, (T1, T2)>> preHooks = new();
    private readonly HookList<Func<Module<T1, T2, TOut>, T1, T2, TOut, TOut>> hooks = new();

    /// <summary>The computation (<c>forward</c>). Call <see cref="Call"/> instead.</summary>
    /// <param name="input1">The first input.</param>
    /// <param name="input2">The second input.</param>
    /// <returns>The output.</returns>
    public abstract TOut Forward(T1 input1, T2 input2);

    /// <summary>Runs the pre-hooks, <see cref="Forward"/> and the hooks (<c>module(a, b)</c>).</summary>
    /// <param name="input1">The first input.</param>
    /// <param name="input2">The second input.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ObjectDisposedException">The module was disposed.</exception>
    /// <exception cref="InvalidOperationException">A submodule was created but never registered.</exception>
    public TOut Call(T1 input1, T2 input2)
    {
        EnterCall();
        try
        {
            foreach (var hook in preHooks.Snapshot())
            {
                (input1, input2) = hook(this, input1, input2);
            }

            TOut output = Forward(input1, input2);
            foreach (var hook in hooks.Snapshot())
            {
                output = hook(this, input1, input2, output);
            }

            return output;
        }
        finally
        {
            ExitCall();
        }
    }

    /// <summary>Registers a hook run before <see cref="Forward"/>; it returns the inputs to use.</summary>
    /// <param name="hook">(module, input1, input2) → (input1, input2).</param>
    /// <returns>A handle whose disposal removes the hook.</returns>
    public ModuleHookHandle RegisterForwardPreHook(Func<Module<T1, T2, TOut>, T1, T2, (T1, T2)> hook) => preHooks.Add(hook);

    /// <summary>Registers a hook run after <see cref="Forward"/>; it returns the output to use.</summary>
    /// <param name="hook">(module, input1, input2, output) → output.</param>
    /// <returns>A handle whose disposal removes the hook.</returns>
    public ModuleHookHandle RegisterForwardHook(Func<Module<T1, T2, TOut>, T1, T2, TOut, TOut> hook) => hooks.Add(hook);
}

/// <summary>Removes a module hook when disposed (PyTorch's <c>RemovableHandle</c>).</summary>
public sealed class ModuleHookHandle : IDisposable
{
    private Action? remove;

    internal ModuleHookHandle(Action remove) => this.remove = remove;

    /// <summary>Whether the hook was removed.</summary>
    public bool IsRemoved => remove is null;

    /// <summary>Removes the hook; calling it again does nothing.</summary>
    public void Remove()
    {
        Action? action = remove;
        remove = null;
        action?.Invoke();
    }

    /// <summary>Same as <see cref="Remove"/>.</summary>
    public void Dispose() => Remove();
}

/// <summary>An ordered list of hooks; removal during a call does not disturb the running loop.</summary>
internal sealed class HookList<THook>
    where THook : class
{
    private readonly List<(long Id, THook Hook)> items = new();
    private long nextId;
    private THook[]? snapshot;

    public ModuleHookHandle Add(THook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        long id = ++nextId;
        items.Add((id, hook));
        snapshot = null;
        return new ModuleHookHandle(() =>
        {
            items.RemoveAll(e => e.Id == id);
            snapshot = null;
        });
    }

    public THook[] Snapshot() => snapshot ??= items.ConvertAll(e => e.Hook).ToArray();
}

/// <summary>What <see cref="Module.LoadStateDict"/> did not match (PyTorch's <c>_IncompatibleKeys</c>).</summary>
public sealed class LoadStateDictResult
{
    internal LoadStateDictResult(IReadOnlyList<string> missingKeys, IReadOnlyList<string> unexpectedKeys)
    {
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
    }

    /// <summary>The module's keys that the state dict lacked (their tensors were left as they were).</summary>
    public IReadOnlyList<string> MissingKeys { get; }

    /// <summary>The state dict's keys that the module does not have (ignored).</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; }

    /// <summary>PyTorch's form: <c>&lt;All keys matched successfully&gt;</c> or the two lists.</summary>
    /// <returns>A description.</returns>
    public override string ToString() =>
        MissingKeys.Count == 0 && UnexpectedKeys.Count == 0
            ? "<All keys matched successfully>"
            : $"_IncompatibleKeys(missing_keys=[{string.Join(", ", Quote(MissingKeys))}], unexpected_keys=[{string.Join(", ", Quote(UnexpectedKeys))}])";

    private static IEnumerable<string> Quote(IReadOnlyList<string> keys)
    {
        foreach (string key in keys)
        {
            yield return "'" + key + "'";
        }
    }
}
