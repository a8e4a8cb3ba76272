using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Ember;

/// <summary>
/// What one application of a <see cref="Function"/> passes from its forward to its backward, as
/// PyTorch's <c>ctx</c>: tensors saved for backward, outputs marked non-differentiable, which
/// inputs need a gradient, and any other values.
/// </summary>
/// <remarks>
/// <para>
/// Tensors needed by the backward must go through <see cref="SaveForBackward"/>: the runtime keeps
/// them (so disposing them, or the scope that created them, is harmless) and checks that they were
/// not modified in place before backward runs. Values stored with <see cref="Set{T}"/> are kept as
/// they are; do not store tensors there (those created during the forward are disposed when
/// <see cref="Function.Apply"/> returns, and a tensor connected to the function's own outputs
/// would keep the graph alive forever).
/// </para>
/// <para>
/// A context belongs to one application: <see cref="Function.Apply"/> makes a new one each time.
/// </para>
/// </remarks>
public sealed class FunctionContext
{
    private readonly bool[] needsInputGrad;
    private Phase phase = Phase.Forward;
    private Tensor[] toSave = Array.Empty<Tensor>();
    private List<Tensor>? nonDifferentiable;
    private Tensor[]? saved;
    private Dictionary<string, object?>? values;

    internal FunctionContext(bool[] needsInputGrad)
    {
        this.needsInputGrad = needsInputGrad;
        NeedsInputGrad = Array.AsReadOnly(needsInputGrad);
    }

    private enum Phase
    {
        Forward,
        Recorded,
        Backward,
    }

    /// <summary>
    /// For each input of <see cref="Function.Apply"/>, whether a gradient will be asked for it
    /// (<c>ctx.needs_input_grad</c>): the input requires grad and grad mode was on. Backward may
    /// return null for the others.
    /// </summary>
    public IReadOnlyList<bool> NeedsInputGrad { get; }

    /// <summary>
    /// Whether gradients of outputs that received none are passed to backward as zeros (the
    /// default, as PyTorch's <c>ctx.set_materialize_grads(True)</c>) or as null.
    /// </summary>
    public bool MaterializeGrads { get; set; } = true;

    /// <summary>
    /// The tensors given to <see cref="SaveForBackward"/>, readable inside backward
    /// (<c>ctx.saved_tensors</c>). They are the runtime's saved tensors, checked against in-place
    /// changes, and valid until backward returns.
    /// </summary>
    /// <exception cref="InvalidOperationException">Read outside backward.</exception>
    /// <exception cref="EmberAutogradException">(From the backward pass) a saved tensor was modified in place, or the graph was freed.</exception>
    public IReadOnlyList<Tensor> SavedTensors =>
        phase == Phase.Backward && saved is not null
            ? saved
            : throw new InvalidOperationException("SavedTensors can only be read inside Backward; save tensors with SaveForBackward during Forward.");

    /// <summary>
    /// Saves tensors for backward (<c>ctx.save_for_backward</c>): inputs, outputs, or values
    /// computed in the forward. A later call replaces the earlier one.
    /// </summary>
    /// <param name="tensors">The tensors, in the order <see cref="SavedTensors"/> will return them.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or one of its elements is null.</exception>
    /// <exception cref="InvalidOperationException">Called outside the forward.</exception>
    public void SaveForBackward(params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        CheckForward(nameof(SaveForBackward));
        for (int i = 0; i < tensors.Length; i++)
        {
            if (tensors[i] is null)
            {
                throw new ArgumentNullException(nameof(tensors), $"tensors[{i}] is null.");
            }
        }

        toSave = (Tensor[])tensors.Clone();
    }

    /// <summary>
    /// Marks outputs that are not differentiable (<c>ctx.mark_non_differentiable</c>), such as
    /// indices: they do not require grad, and their gradient is zero (or null) in backward.
    /// </summary>
    /// <param name="outputs">Tensors that the forward returns.</param>
    /// <exception cref="ArgumentNullException"><paramref name="outputs"/> or one of its elements is null.</exception>
    /// <exception cref="InvalidOperationException">Called outside the forward.</exception>
    public void MarkNonDifferentiable(params Tensor[] outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        CheckForward(nameof(MarkNonDifferentiable));
        nonDifferentiable ??= new List<Tensor>();
        foreach (Tensor t in outputs)
        {
            nonDifferentiable.Add(t ?? throw new ArgumentNullException(nameof(outputs)));
        }
    }

    /// <summary>Stores a value for backward under <paramref name="key"/> (a non-tensor attribute of <c>ctx</c>).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="key">The name.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public void Set<T>(string key, T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (needsInputGrad)
        {
            (values ??= new Dictionary<string, object?>(StringComparer.Ordinal))[key] = value;
        }
    }

    /// <summary>The value stored under <paramref name="key"/> by <see cref="Set{T}"/>.</summary>
    /// <typeparam name="T">The type it was stored as (or a base type).</typeparam>
    /// <param name="key">The name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">Nothing is stored under <paramref name="key"/>.</exception>
    /// <exception cref="InvalidCastException">The value is not a <typeparamref name="T"/>.</exception>
    public T Get<T>(string key) =>
        TryGetValue(key, out object? value)
            ? (T)value!
            : throw new KeyNotFoundException($"Nothing was stored under \"{key}\" in this FunctionContext.");

    /// <summary>The value stored under <paramref name="key"/>, if there is one of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="key">The name.</param>
    /// <param name="value">The value, or default.</param>
    /// <returns>Whether a <typeparamref name="T"/> is stored under <paramref name="key"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool TryGet<T>(string key, out T value)
    {
        if (TryGetValue(key, out object? stored) && stored is T typed)
        {
            value = typed;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>The tensors saved by the forward (handed to the runtime by Apply).</summary>
    internal Tensor[] ToSave => toSave;

    /// <summary>Whether the forward marked <paramref name="output"/> non-differentiable.</summary>
    internal bool IsNonDifferentiable(Tensor output)
    {
        if (nonDifferentiable is null)
        {
            return false;
        }

        foreach (Tensor t in nonDifferentiable)
        {
            if (ReferenceEquals(t, output))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks every tensor marked non-differentiable is one of the outputs.</summary>
    internal void CheckMarkedAreOutputs(Tensor[] outputs)
    {
        if (nonDifferentiable is null)
        {
            return;
        }

        foreach (Tensor t in nonDifferentiable)
        {
            if (Array.IndexOf(outputs, t) < 0)
            {
                throw new InvalidOperationException("MarkNonDifferentiable was given a tensor that Forward does not return.");
            }
        }
    }

    /// <summary>After the forward: the context is handed to the runtime and only backward uses it.</summary>
    internal void EndForward()
    {
        phase = Phase.Recorded;
        toSave = Array.Empty<Tensor>();
        nonDifferentiable = null;
    }

    internal void BeginBackward(Tensor[] savedTensors)
    {
        saved = savedTensors;
        phase = Phase.Backward;
    }

    internal void EndBackward()
    {
        saved = null;
        phase = Phase.Recorded;
    }

    private bool TryGetValue(string key, out object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (needsInputGrad)
        {
            if (values is not null && values.TryGetValue(key, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    private void CheckForward(string what)
    {
        if (phase != Phase.Forward)
        {
            throw new InvalidOperationException($"{what} can only be called during Forward.");
        }
    }
}
