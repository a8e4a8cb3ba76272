using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ember.Native;

namespace Ember.Optim;

/// <summary>
/// The base of the optimizers (<c>torch.optim.Optimizer</c>): parameter groups, <see cref="Step()"/>,
/// <see cref="ZeroGrad"/> and the state dict. Each step is one native fused update per group over
/// every parameter that has a gradient (parameters without one are skipped, as in PyTorch);
/// the managed side only gathers handles.
/// </summary>
/// <remarks>
/// The optimizer owns its state tensors (momentum buffers, moment estimates...): dispose it to free
/// them at once, or let the finalizers do it.
/// </remarks>
public abstract class Optimizer : IDisposable
{
    private protected Optimizer(string[] stateNames) => StateNames = stateNames;

    /// <summary>The parameter groups.</summary>
    public abstract IReadOnlyList<ParamGroup> ParamGroups { get; }

    /// <summary>The names of the per-parameter state tensors (PyTorch's keys, such as <c>exp_avg</c>).</summary>
    internal string[] StateNames { get; }

    /// <summary>Updates every parameter that has a gradient (<c>optimizer.step()</c>).</summary>
    /// <exception cref="EmberException">A gradient or state does not match its parameter (shape, dtype, device).</exception>
    public abstract void Step();

    /// <summary>Re-evaluates the model with <paramref name="closure"/> (which computes the loss and calls backward), then steps.</summary>
    /// <param name="closure">Clears the gradients, computes the loss, runs backward and returns the loss.</param>
    /// <returns>The loss the closure returned.</returns>
    public Tensor Step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        Tensor loss;
        using (Autograd.EnableGrad()) loss = closure();
        Step();
        return loss;
    }

    /// <summary>Clears the gradients of every parameter (<c>optimizer.zero_grad(set_to_none)</c>).</summary>
    /// <param name="setToNone">True (PyTorch's default): drop the gradients; false: fill them with zeros.</param>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (ParamGroup g in ParamGroups)
        {
            foreach (Tensor p in g.Parameters) p.ClearGrad(setToNone);
        }
    }

    /// <summary>The optimizer's state: copies of the state tensors plus the options and step counts as JSON.</summary>
    /// <returns>A state the caller owns.</returns>
    public OptimizerStateDict StateDict()
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var doc = new OptimizerStateDocument { Optimizer = GetType().Name };
        int index = 0;
        foreach (ParamGroup g in ParamGroups)
        {
            var gd = new ParamGroupDocument { InitialLr = g.InitialLearningRate, Options = SerializeOptions(g.BaseOptions) };
            for (int i = 0; i < g.Parameters.Count; i++, index++)
            {
                gd.Params.Add(index);
                gd.Steps.Add(g.Steps[i]);
                for (int s = 0; s < StateNames.Length; s++)
                {
                    if (g.State[s][i] is Tensor t) tensors.Add(StateKey(index, StateNames[s]), t.Clone());
                }
            }

            doc.ParamGroups.Add(gd);
        }

        return new OptimizerStateDict(tensors, JsonSerializer.Serialize(doc, OptimJson.Default.OptimizerStateDocument));
    }

    /// <summary>
    /// Restores a state from <see cref="StateDict"/> (<c>optimizer.load_state_dict</c>): options,
    /// step counts and state tensors (copied, cast to each parameter's dtype). The state must come
    /// from the same kind of optimizer over parameters of the same groups and shapes.
    /// </summary>
    /// <param name="state">The state; it stays the caller's.</param>
    /// <exception cref="ArgumentException">The state is malformed or does not fit this optimizer; nothing is changed.</exception>
    public void LoadStateDict(OptimizerStateDict state)
    {
        ArgumentNullException.ThrowIfNull(state);
        OptimizerStateDocument doc;
        try
        {
            doc = JsonSerializer.Deserialize(state.Json, OptimJson.Default.OptimizerStateDocument)
                  ?? throw new ArgumentException("optimizer state JSON is null", nameof(state));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"malformed optimizer state JSON: {e.Message}", nameof(state), e);
        }

        var groups = ParamGroups;
        Check(doc.Optimizer == GetType().Name, $"the state is of a {doc.Optimizer} optimizer, not {GetType().Name}");
        Check(doc.ParamGroups.Count == groups.Count,
              $"the state has {doc.ParamGroups.Count} parameter groups, the optimizer {groups.Count}");
        var options = new OptimizerOptions[groups.Count];
        var owner = new List<(ParamGroup Group, int Local)>();
        for (int g = 0; g < groups.Count; g++)
        {
            ParamGroupDocument gd = doc.ParamGroups[g];
            Check(gd.Params.Count == groups[g].Parameters.Count && gd.Steps.Count == gd.Params.Count,
                  $"group {g} of the state has {gd.Params.Count} parameters, the optimizer's {groups[g].Parameters.Count}");
            Check(gd.Steps.All(s => s >= 0), $"group {g} of the state has a negative step count");
            try
            {
                options[g] = DeserializeOptions(gd.Options);
                options[g].Validate();
            }
            catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException or InvalidOperationException)
            {
                throw new ArgumentException($"group {g} of the state has bad options: {e.Message}", nameof(state), e);
            }

            for (int i = 0; i < gd.Params.Count; i++) owner.Add((groups[g], i));
        }

        // Parse and check every tensor before changing anything.
        var loaded = new List<(ParamGroup Group, int Slot, int Local, Tensor Source)>();
        foreach (var (key, tensor) in state.Tensors)
        {
            string[] parts = key.Split('.');
            int idx = -1;
            Check(parts.Length == 3 && parts[0] == "state" &&
                  int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out idx) && idx < owner.Count,
                  $"unexpected optimizer state tensor '{key}'");
            int slot = Array.IndexOf(StateNames, parts[2]);
            Check(slot >= 0, $"unexpected optimizer state tensor '{key}' ({GetType().Name} keeps {string.Join(", ", StateNames)})");
            var (group, local) = owner[idx];
            Tensor p = group.Parameters[local];
            Check(tensor.Shape.SequenceEqual(p.Shape),
                  $"optimizer state '{key}' has shape {tensor.Shape} but its parameter has shape {p.Shape}");
            loaded.Add((group, slot, local, tensor));
        }

        foreach (ParamGroup g in groups) g.DisposeState();
        for (int g = 0; g < groups.Count; g++)
        {
            groups[g].SetOptions(options[g]);
            groups[g].InitialLearningRate = doc.ParamGroups[g].InitialLr;
            doc.ParamGroups[g].Steps.CopyTo(groups[g].Steps);
        }

        foreach (var (group, slot, local, source) in loaded)
        {
            Tensor p = group.Parameters[local];
            using Tensor cast = source.To(p.DType);
            group.State[slot][local] = cast.Clone().DetachFromDisposeScope();
        }

        void Check(bool ok, string message)
        {
            if (!ok) throw new ArgumentException(message, nameof(state));
        }
    }

    /// <summary>Frees the state tensors.</summary>
    public void Dispose()
    {
        foreach (ParamGroup g in ParamGroups) g.DisposeState();
        GC.SuppressFinalize(this);
    }

    private protected abstract JsonElement SerializeOptions(OptimizerOptions options);

    private protected abstract OptimizerOptions DeserializeOptions(JsonElement options);

    private static string StateKey(int index, string name) => string.Create(CultureInfo.InvariantCulture, $"state.{index}.{name}");
}

/// <summary>An optimizer whose options are the record <typeparamref name="TOptions"/>.</summary>
/// <typeparam name="TOptions">The options record.</typeparam>
public abstract class Optimizer<TOptions> : Optimizer where TOptions : OptimizerOptions
{
    private readonly List<ParamGroup<TOptions>> groups = [];
    private readonly JsonTypeInfo<TOptions> optionsJson;

    /// <summary>An optimizer over one group of parameters.</summary>
    private protected Optimizer(IEnumerable<Tensor> parameters, TOptions defaults, string[] stateNames, JsonTypeInfo<TOptions> optionsJson)
        : this(stateNames, defaults, optionsJson)
    {
        AddParamGroup(parameters);
    }

    /// <summary>An optimizer over several groups, each with its own options.</summary>
    private protected Optimizer(IEnumerable<(IEnumerable<Tensor> Parameters, TOptions Options)> groups, TOptions defaults,
                                string[] stateNames, JsonTypeInfo<TOptions> optionsJson)
        : this(stateNames, defaults, optionsJson)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var (parameters, options) in groups) AddParamGroup(parameters, options);
        if (this.groups.Count == 0) throw new ArgumentException("optimizer got an empty parameter list", nameof(groups));
    }

    private Optimizer(string[] stateNames, TOptions defaults, JsonTypeInfo<TOptions> optionsJson) : base(stateNames)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        defaults.Validate();
        Defaults = defaults;
        this.optionsJson = optionsJson;
    }

    /// <summary>The options a new group gets unless it brings its own (<c>optimizer.defaults</c>).</summary>
    public TOptions Defaults { get; }

    /// <summary>The parameter groups, typed.</summary>
    public IReadOnlyList<ParamGroup<TOptions>> Groups => groups;

    /// <inheritdoc/>
    public override IReadOnlyList<ParamGroup> ParamGroups => groups;

    /// <summary>Adds a group of parameters (<c>optimizer.add_param_group</c>), for example when unfreezing layers.</summary>
    /// <param name="parameters">The parameters: floating-point leaves, none already in a group.</param>
    /// <param name="options">The group's options, or null for <see cref="Defaults"/>.</param>
    /// <returns>The new group.</returns>
    /// <exception cref="ArgumentException">A parameter is not a leaf, not floating, or already in a group; or the list is empty.</exception>
    public ParamGroup<TOptions> AddParamGroup(IEnumerable<Tensor> parameters, TOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Tensor[] list = parameters.ToArray();
        if (list.Length == 0) throw new ArgumentException("optimizer got an empty parameter list", nameof(parameters));
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (ParamGroup<TOptions> g in groups) seen.UnionWith(g.ParameterArray);
        for (int i = 0; i < list.Length; i++)
        {
            Tensor p = list[i] ?? throw new ArgumentException($"parameter {i} is null", nameof(parameters));
            if (!p.IsLeaf) throw new ArgumentException($"can't optimize a non-leaf Tensor (parameter {i}, grad_fn {p.GradFn})", nameof(parameters));
            if (!p.DType.IsFloatingPoint()) throw new ArgumentException($"parameter {i} has dtype {p.DType}; optimizers update floating-point tensors", nameof(parameters));
            if (!seen.Add(p)) throw new ArgumentException($"some parameters appear in more than one parameter group (parameter {i})", nameof(parameters));
        }

        var group = new ParamGroup<TOptions>(list, options ?? Defaults, StateNames.Length);
        groups.Add(group);
        return group;
    }

    /// <inheritdoc/>
    public override void Step()
    {
        foreach (ParamGroup<TOptions> g in groups) StepGroup(g);
    }

    /// <summary>The native fused update of one group's parameters that have gradients.</summary>
    private protected unsafe delegate EmberStatus FusedUpdate(EmberTensor* parameters, EmberTensor* grads, EmberTensor** state,
                                                              long* steps, nuint count, TOptions options);

    /// <summary>Runs <paramref name="update"/> over the group's parameters that have gradients, keeping the state it creates.</summary>
    private protected unsafe void RunFused(ParamGroup<TOptions> group, FusedUpdate update)
    {
        Tensor[] ps = group.ParameterArray;
        int slots = StateNames.Length;
        var handles = new EmberTensor[ps.Length * (2 + slots)];
        var steps = new long[ps.Length];
        var which = new int[ps.Length];
        int n = 0;
        try
        {
            for (int i = 0; i < ps.Length; i++)
            {
                EmberTensor grad = ps[i].GradHandle();
                if (grad.Handle == 0) continue;
                handles[n] = ps[i].Handle;
                handles[ps.Length + n] = grad;
                for (int s = 0; s < slots; s++) handles[(2 + s) * ps.Length + n] = group.State[s][i]?.Handle ?? default;
                steps[n] = group.Steps[i];
                which[n++] = i;
            }

            if (n == 0) return;
            fixed (EmberTensor* h = handles)
            fixed (long* st = steps)
            {
                EmberTensor** state = stackalloc EmberTensor*[Math.Max(slots, 1)];
                for (int s = 0; s < slots; s++) state[s] = h + (2 + s) * ps.Length;
                NativeStatus.Check(update(h, h + ps.Length, state, st, (nuint)n, group.Options));
            }

            for (int k = 0; k < n; k++)
            {
                int i = which[k];
                group.Steps[i] = steps[k];
                for (int s = 0; s < slots; s++)
                {
                    EmberTensor created = handles[(2 + s) * ps.Length + k];
                    // The optimizer owns its state, not the dispose scope the step ran in.
                    if (group.State[s][i] is null && created.Handle != 0) group.State[s][i] = Tensor.FromResult(created).DetachFromDisposeScope();
                }
            }
        }
        finally
        {
            for (int k = 0; k < n; k++) NativeMethods.ember_tensor_release(handles[ps.Length + k]);
            GC.KeepAlive(group);
        }
    }

    /// <summary>Updates one group.</summary>
    private protected abstract void StepGroup(ParamGroup<TOptions> group);

    private protected override JsonElement SerializeOptions(OptimizerOptions options) =>
        JsonSerializer.SerializeToElement((TOptions)options, optionsJson);

    private protected override OptimizerOptions DeserializeOptions(JsonElement options) =>
        options.Deserialize(optionsJson) ?? throw new JsonException("options are null");
}
