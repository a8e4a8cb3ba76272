using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;

namespace Ember.NN;

/// <summary>
/// The base of every neural-network layer (PyTorch's <c>torch.nn.Module</c>): a tree of named
/// parameters, buffers and submodules, with traversal, train/eval mode, dtype/device moves,
/// state dicts and forward hooks.
/// </summary>
/// <remarks>
/// <para>
/// Registration is explicit (no reflection, so trimming and AOT are safe): a subclass calls
/// <see cref="RegisterParameter"/>, <see cref="RegisterBuffer"/> and <see cref="RegisterModule{T}"/>
/// in its constructor. Mistakes are reported, not silently ignored: names are validated as in
/// PyTorch, a module has at most one parent, and a module created while its would-be parent was
/// being constructed but never registered is reported when the parent is first used (the exact
/// rule is in docs/modules.md).
/// </para>
/// <para>
/// A module owns its registered tensors and submodules: registered tensors leave any
/// <see cref="DisposeScope"/> (a module built inside a scope keeps its weights), and
/// <see cref="Dispose()"/> disposes them and the submodules.
/// </para>
/// </remarks>
public abstract partial class Module : IDisposable
{
    private readonly List<string> parameterNames = new();
    private readonly List<Tensor?> parameterValues = new();
    private readonly List<string> bufferNames = new();
    private readonly List<Tensor?> bufferValues = new();
    private readonly List<bool> bufferPersistent = new();
    private readonly List<string> moduleNames = new();
    private readonly List<Module> moduleValues = new();
    private readonly Dictionary<string, (MemberKind Kind, int Index)> members = new(StringComparer.Ordinal);
    private bool disposed;

    private enum MemberKind
    {
        Parameter,
        Buffer,
        Module,
    }

    /// <summary>Creates an empty module in training mode.</summary>
    protected Module()
    {
        Track();
    }

    /// <summary>Whether the module is in training mode (<c>module.training</c>); see <see cref="Train"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>The module this one is registered in, or null for a root (or unregistered) module.</summary>
    public Module? Parent { get; private set; }

    /// <summary>Whether <see cref="Dispose()"/> was called.</summary>
    public bool IsDisposed => disposed;

    /// <summary>
    /// Registers a parameter (<c>register_parameter</c>): the tensor is made a leaf that requires
    /// gradients, leaves any dispose scope (the module owns it) and is returned, for one-line field
    /// initialisation. A null value registers an absent parameter (PyTorch's <c>bias=None</c>):
    /// the name is taken but nothing is traversed or saved.
    /// </summary>
    /// <param name="name">The parameter's name: not empty, no '.', unique in this module.</param>
    /// <param name="value">A floating leaf tensor, or null.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentException">The name is invalid or taken, or the tensor is not a leaf (it has autograd history).</exception>
    /// <exception cref="EmberDTypeException">The tensor is not floating (only floating tensors can require gradients).</exception>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    protected Tensor? RegisterParameter(string name, Tensor? value) => AddParameterCore(name, value, fromConstruction: true);

    /// <summary>Registers a parameter; containers' public Add methods pass <paramref name="fromConstruction"/> = false.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    private protected Tensor? AddParameterCore(string name, Tensor? value, bool fromConstruction)
    {
        CheckNewName(name);
        if (value is not null)
        {
            AdoptParameter(name, value);
        }

        members.Add(name, (MemberKind.Parameter, parameterNames.Count));
        parameterNames.Add(name);
        parameterValues.Add(value);
        MarkRegistration(fromConstruction);
        return value;
    }

    /// <summary>
    /// Registers a buffer (<c>register_buffer</c>): state that is not trained, such as running
    /// statistics. Persistent buffers are part of <see cref="StateDict"/>; a null value registers
    /// an absent buffer. The tensor leaves any dispose scope (the module owns it).
    /// </summary>
    /// <param name="name">The buffer's name: not empty, no '.', unique in this module.</param>
    /// <param name="value">The tensor, or null.</param>
    /// <param name="persistent">Whether the buffer is saved in the state dict.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentException">The name is invalid or taken.</exception>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    protected Tensor? RegisterBuffer(string name, Tensor? value, bool persistent = true)
    {
        CheckNewName(name);
        value?.DetachFromDisposeScope();
        members.Add(name, (MemberKind.Buffer, bufferNames.Count));
        bufferNames.Add(name);
        bufferValues.Add(value);
        bufferPersistent.Add(persistent);
        MarkRegistration(true);
        return value;
    }

    /// <summary>
    /// Registers a submodule (<c>add_module</c>); its parameters appear under
    /// <c>name.</c> in the traversals and the state dict.
    /// </summary>
    /// <typeparam name="T">The submodule's type.</typeparam>
    /// <param name="name">The submodule's name: not empty, no '.', unique in this module.</param>
    /// <param name="module">The submodule: not registered anywhere yet.</param>
    /// <returns><paramref name="module"/>, for one-line field initialisation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is null.</exception>
    /// <exception cref="ArgumentException">The name is invalid or taken.</exception>
    /// <exception cref="InvalidOperationException">The module already has a parent, is this module, or is one of its ancestors (a cycle).</exception>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        AddModuleCore(name, module, fromConstruction: true);
        return module;
    }

    /// <summary>Registers a submodule; containers' public Add methods pass <paramref name="fromConstruction"/> = false.</summary>
    private protected void AddModuleCore(string name, Module module, bool fromConstruction)
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckNewName(name);
        ObjectDisposedException.ThrowIf(module.disposed, module);
        if (module.Parent is not null)
        {
            throw new InvalidOperationException(
                $"Cannot register {module.TypeName} as '{name}' in {TypeName}: it is already registered as '{module.NameInParent()}' in {module.Parent.TypeName}. A module has one parent; create another instance.");
        }

        for (Module? m = this; m is not null; m = m.Parent)
        {
            if (ReferenceEquals(m, module))
            {
                throw new InvalidOperationException(
                    $"Cannot register {module.TypeName} as '{name}' in {TypeName}: it is this module or one of its ancestors (the module tree would have a cycle).");
            }
        }

        members.Add(name, (MemberKind.Module, moduleNames.Count));
        moduleNames.Add(name);
        moduleValues.Add(module);
        module.Parent = this;
        MarkRegistration(fromConstruction);
    }

    /// <summary>The number of direct submodules.</summary>
    private protected int ChildCount => moduleValues.Count;

    /// <summary>The direct submodule registered <paramref name="index"/>-th.</summary>
    private protected Module ChildAt(int index) => moduleValues[index];

    /// <summary>The number of this module's own parameter slots (absent ones included).</summary>
    private protected int ParameterCount => parameterValues.Count;

    /// <summary>This module's own parameter registered <paramref name="index"/>-th.</summary>
    private protected Tensor? ParameterAt(int index) => parameterValues[index];

    /// <summary>Whether this module has a direct member (parameter, buffer or submodule) of this name.</summary>
    private protected bool HasMember(string name) => members.ContainsKey(name);

    /// <summary>A registered parameter of this module by name (null when absent).</summary>
    /// <param name="name">The parameter's name (not dotted).</param>
    /// <returns>The tensor, or null for a parameter registered as null.</returns>
    /// <exception cref="KeyNotFoundException">No parameter has this name.</exception>
    protected Tensor? GetParameter(string name) =>
        members.TryGetValue(name, out var m) && m.Kind == MemberKind.Parameter
            ? parameterValues[m.Index]
            : throw new KeyNotFoundException($"{TypeName} has no parameter '{name}'.");

    /// <summary>A registered buffer of this module by name (null when absent).</summary>
    /// <param name="name">The buffer's name (not dotted).</param>
    /// <returns>The tensor, or null.</returns>
    /// <exception cref="KeyNotFoundException">No buffer has this name.</exception>
    protected Tensor? GetBuffer(string name) =>
        members.TryGetValue(name, out var m) && m.Kind == MemberKind.Buffer
            ? bufferValues[m.Index]
            : throw new KeyNotFoundException($"{TypeName} has no buffer '{name}'.");

    /// <summary>
    /// Replaces the value of a registered buffer (<c>self.name = tensor</c> in PyTorch), disposing
    /// the previous one unless it is the same tensor.
    /// </summary>
    /// <param name="name">The buffer's name.</param>
    /// <param name="value">The new tensor, or null.</param>
    /// <exception cref="KeyNotFoundException">No buffer has this name.</exception>
    protected void SetBuffer(string name, Tensor? value)
    {
        if (!members.TryGetValue(name, out var m) || m.Kind != MemberKind.Buffer)
        {
            throw new KeyNotFoundException($"{TypeName} has no buffer '{name}'.");
        }

        Tensor? old = bufferValues[m.Index];
        value?.DetachFromDisposeScope();
        bufferValues[m.Index] = value;
        if (old is not null && !ReferenceEquals(old, value))
        {
            old.Dispose();
        }
    }

    /// <summary>
    /// Replaces the value of a registered parameter, disposing the previous one unless it is the
    /// same tensor. The new tensor is made a leaf requiring gradients.
    /// </summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">The new tensor, or null.</param>
    /// <exception cref="KeyNotFoundException">No parameter has this name.</exception>
    /// <exception cref="ArgumentException">The tensor is not a leaf.</exception>
    protected void SetParameter(string name, Tensor? value)
    {
        if (!members.TryGetValue(name, out var m) || m.Kind != MemberKind.Parameter)
        {
            throw new KeyNotFoundException($"{TypeName} has no parameter '{name}'.");
        }

        if (value is not null)
        {
            AdoptParameter(name, value);
        }

        Tensor? old = parameterValues[m.Index];
        parameterValues[m.Index] = value;
        if (old is not null && !ReferenceEquals(old, value))
        {
            old.Dispose();
        }
    }

    /// <summary>A registered submodule of this module by name.</summary>
    /// <param name="name">The submodule's name (not dotted).</param>
    /// <returns>The submodule.</returns>
    /// <exception cref="KeyNotFoundException">No submodule has this name.</exception>
    public Module GetSubmodule(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Module current = this;
        foreach (string part in name.Split('.'))
        {
            if (!current.members.TryGetValue(part, out var m) || m.Kind != MemberKind.Module)
            {
                throw new KeyNotFoundException($"{current.TypeName} has no submodule '{part}' (looking up '{name}').");
            }

            current = current.moduleValues[m.Index];
        }

        return current;
    }

    /// <summary>The parameters of this module and (with <paramref name="recurse"/>) of every submodule, in registration order, each once.</summary>
    /// <param name="recurse">Whether to include submodules' parameters.</param>
    /// <returns>The tensors themselves (owned by the module: do not dispose them).</returns>
    public IEnumerable<Tensor> Parameters(bool recurse = true)
    {
        foreach (var (_, p) in NamedParameters(recurse: recurse))
        {
            yield return p;
        }
    }

    /// <summary>The parameters with their dotted names (<c>features.0.weight</c>), in registration order.</summary>
    /// <param name="prefix">Prepended to every name (with a '.').</param>
    /// <param name="recurse">Whether to include submodules' parameters.</param>
    /// <returns>(name, tensor) pairs; a tensor shared by two names is listed once, under the first.</returns>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters(string prefix = "", bool recurse = true)
    {
        EnsureUsable();
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (modulePrefix, module) in recurse ? NamedModules(prefix) : Self(prefix))
        {
            for (int i = 0; i < module.parameterNames.Count; i++)
            {
                Tensor? p = module.parameterValues[i];
                if (p is not null && seen.Add(p))
                {
                    yield return (Join(modulePrefix, module.parameterNames[i]), p);
                }
            }
        }
    }

    /// <summary>The buffers of this module and (with <paramref name="recurse"/>) of every submodule, in registration order.</summary>
    /// <param name="recurse">Whether to include submodules' buffers.</param>
    /// <returns>The tensors themselves (owned by the module).</returns>
    public IEnumerable<Tensor> Buffers(bool recurse = true)
    {
        foreach (var (_, b) in NamedBuffers(recurse: recurse))
        {
            yield return b;
        }
    }

    /// <summary>The buffers with their dotted names, in registration order (persistent or not).</summary>
    /// <param name="prefix">Prepended to every name (with a '.').</param>
    /// <param name="recurse">Whether to include submodules' buffers.</param>
    /// <returns>(name, tensor) pairs.</returns>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers(string prefix = "", bool recurse = true)
    {
        EnsureUsable();
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (modulePrefix, module) in recurse ? NamedModules(prefix) : Self(prefix))
        {
            for (int i = 0; i < module.bufferNames.Count; i++)
            {
                Tensor? b = module.bufferValues[i];
                if (b is not null && seen.Add(b))
                {
                    yield return (Join(modulePrefix, module.bufferNames[i]), b);
                }
            }
        }
    }

    /// <summary>The direct submodules, in registration order.</summary>
    /// <returns>The submodules.</returns>
    public IEnumerable<Module> Children()
    {
        foreach (var (_, m) in NamedChildren())
        {
            yield return m;
        }
    }

    /// <summary>The direct submodules with their names, in registration order.</summary>
    /// <returns>(name, module) pairs.</returns>
    public IEnumerable<(string Name, Module Module)> NamedChildren()
    {
        EnsureUsable();
        for (int i = 0; i < moduleNames.Count; i++)
        {
            yield return (moduleNames[i], moduleValues[i]);
        }
    }

    /// <summary>This module and every module below it, depth first in registration order (<c>modules()</c>).</summary>
    /// <returns>The modules, this one first.</returns>
    public IEnumerable<Module> Modules()
    {
        foreach (var (_, m) in NamedModules())
        {
            yield return m;
        }
    }

    /// <summary>
    /// This module (named <paramref name="prefix"/>, "" by default) and every module below it
    /// with dotted names, depth first in registration order (<c>named_modules()</c>).
    /// </summary>
    /// <param name="prefix">The name given to this module and prepended to the others.</param>
    /// <returns>(name, module) pairs.</returns>
    public IEnumerable<(string Name, Module Module)> NamedModules(string prefix = "")
    {
        EnsureUsable();
        var stack = new Stack<(string, Module)>();
        stack.Push((prefix, this));
        while (stack.Count > 0)
        {
            var (name, module) = stack.Pop();
            yield return (name, module);
            for (int i = module.moduleNames.Count - 1; i >= 0; i--)
            {
                stack.Push((Join(name, module.moduleNames[i]), module.moduleValues[i]));
            }
        }
    }

    /// <summary>Sets training mode on this module and every submodule (<c>train(mode)</c>).</summary>
    /// <param name="mode">true: training; false: evaluation.</param>
    /// <returns>This module.</returns>
    public Module Train(bool mode = true)
    {
        foreach (Module m in Modules())
        {
            m.Training = mode;
        }

        return this;
    }

    /// <summary>Sets evaluation mode (<c>eval()</c>, same as <c>Train(false)</c>).</summary>
    /// <returns>This module.</returns>
    public Module Eval() => Train(false);

    /// <summary>
    /// Clears the gradients of every parameter (<c>zero_grad</c>): with <paramref name="setToNone"/>
    /// (the default, as PyTorch 2) they are removed, otherwise zeroed in place.
    /// </summary>
    /// <param name="setToNone">Remove the gradients instead of zeroing them.</param>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (Tensor p in Parameters()) p.ClearGrad(setToNone);
    }

    /// <summary>Calls <paramref name="action"/> on every submodule (children first) and then on this module (<c>apply</c>).</summary>
    /// <param name="action">What to do with each module.</param>
    /// <returns>This module.</returns>
    public Module Apply(Action<Module> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        EnsureUsable();
        foreach (Module child in moduleValues)
        {
            child.Apply(action);
        }

        action(this);
        return this;
    }

    /// <summary>
    /// Converts every floating parameter and buffer to <paramref name="dtype"/> (<c>module.to(dtype)</c>);
    /// integer and bool tensors keep their dtype. The registered tensors are replaced by new ones
    /// (the old are disposed; read parameters again, and build optimizers after moving), which keep
    /// <see cref="Tensor.RequiresGrad"/>.
    /// </summary>
    /// <param name="dtype">A floating dtype.</param>
    /// <returns>This module.</returns>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not floating.</exception>
    public Module To(DType dtype)
    {
        if (!dtype.IsFloatingPoint())
        {
            throw new ArgumentException($"Module.To only accepts floating point dtypes, but got desired dtype={dtype.ToTorchString()}.", nameof(dtype));
        }

        return Transform(t => t.DType.IsFloatingPoint() && t.DType != dtype ? t.To(dtype) : null);
    }

    /// <summary>
    /// Moves every parameter and buffer to <paramref name="device"/> (<c>module.to(device)</c>);
    /// the registered tensors are replaced as for <see cref="To(DType)"/>.
    /// </summary>
    /// <param name="device">The target device.</param>
    /// <returns>This module.</returns>
    public Module To(Device device) => Transform(t => t.Device != device ? t.To(device) : null);

    private Module Transform(Func<Tensor, Tensor?> convert)
    {
        // A tensor registered in several places (tied weights) is converted once and every slot
        // gets the same new tensor; the old tensors are disposed at the end.
        var converted = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance);
        Tensor? Convert(Tensor? t, bool parameter)
        {
            if (t is null)
            {
                return null;
            }

            if (converted.TryGetValue(t, out Tensor? done))
            {
                return done;
            }

            Tensor? result = convert(t);
            if (result is null)
            {
                return t;
            }

            result.DetachFromDisposeScope();
            if (parameter)
            {
                result.RequiresGrad = t.RequiresGrad;
            }

            converted.Add(t, result);
            return result;
        }

        using (Autograd.NoGrad())
        {
            foreach (Module m in Modules())
            {
                for (int i = 0; i < m.parameterValues.Count; i++)
                {
                    m.parameterValues[i] = Convert(m.parameterValues[i], parameter: true);
                }

                for (int i = 0; i < m.bufferValues.Count; i++)
                {
                    m.bufferValues[i] = Convert(m.bufferValues[i], parameter: false);
                }
            }
        }

        foreach (Tensor old in converted.Keys)
        {
            old.Dispose();
        }

        return this;
    }

    /// <summary>
    /// The module's state (<c>state_dict()</c>): for this module and then each submodule
    /// recursively, its parameters and then its persistent buffers, under dotted names, in
    /// registration order (PyTorch's order and names).
    /// </summary>
    /// <remarks>
    /// The values are new tensors that share storage with the module's tensors and do not
    /// require gradients (<c>Detach()</c>, as PyTorch's detached state dict entries): they see
    /// later updates of the weights, and the caller owns them (dispose them, or let a dispose
    /// scope do it); disposing them does not affect the module.
    /// </remarks>
    /// <returns>An insertion-ordered dictionary from names to tensors.</returns>
    public Dictionary<string, Tensor> StateDict()
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in StateEntries())
        {
            result.Add(name, tensor.Detach());
        }

        return result;
    }

    /// <summary>The state dict's names and the module's own tensors (not detached).</summary>
    private List<(string Name, Tensor Tensor)> StateEntries()
    {
        var entries = new List<(string, Tensor)>();
        foreach (var (prefix, m) in NamedModules())
        {
            for (int i = 0; i < m.parameterNames.Count; i++)
            {
                if (m.parameterValues[i] is Tensor p)
                {
                    entries.Add((Join(prefix, m.parameterNames[i]), p));
                }
            }

            for (int i = 0; i < m.bufferNames.Count; i++)
            {
                if (m.bufferPersistent[i] && m.bufferValues[i] is Tensor b)
                {
                    entries.Add((Join(prefix, m.bufferNames[i]), b));
                }
            }
        }

        return entries;
    }

    /// <summary>
    /// Copies values from <paramref name="stateDict"/> into the module's parameters and persistent
    /// buffers, in place and without recording gradients (<c>load_state_dict</c>). Values are
    /// converted to each tensor's dtype and device.
    /// </summary>
    /// <param name="stateDict">Names as <see cref="StateDict"/> gives them, and tensors of the same shapes.</param>
    /// <param name="strict">Whether missing or unexpected keys are an error.</param>
    /// <returns>The missing and unexpected keys (both empty when strict loading succeeds).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stateDict"/> or a value in it is null.</exception>
    /// <exception cref="ArgumentException">A shape differs (whatever <paramref name="strict"/> is), or with
    /// <paramref name="strict"/> a key is missing or unexpected; the message lists every problem, and nothing is copied.</exception>
    public LoadStateDictResult LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        List<(string Name, Tensor Tensor)> entries = StateEntries();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        var mismatches = new List<string>();
        foreach (var (name, target) in entries)
        {
            expected.Add(name);
            if (!stateDict.TryGetValue(name, out Tensor? source))
            {
                missing.Add(name);
                continue;
            }

            ArgumentNullException.ThrowIfNull(source, $"stateDict[\"{name}\"]");
            if (!source.Shape.Equals(target.Shape))
            {
                mismatches.Add(
                    $"size mismatch for {name}: copying a param with shape {TorchSize(source.Shape)} from checkpoint, the shape in current model is {TorchSize(target.Shape)}.");
            }
        }

        var unexpected = new List<string>();
        foreach (string key in stateDict.Keys)
        {
            if (!expected.Contains(key))
            {
                unexpected.Add(key);
            }
        }

        if (mismatches.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
        {
            var message = new StringBuilder($"Error(s) in loading state_dict for {TypeName}:");
            if (strict && unexpected.Count > 0)
            {
                message.Append("\n\tUnexpected key(s) in state_dict: ").Append(QuotedList(unexpected)).Append('.');
            }

            if (strict && missing.Count > 0)
            {
                message.Append("\n\tMissing key(s) in state_dict: ").Append(QuotedList(missing)).Append('.');
            }

            foreach (string mismatch in mismatches)
            {
                message.Append("\n\t").Append(mismatch);
            }

            throw new ArgumentException(message.ToString(), nameof(stateDict));
        }

        using (Autograd.NoGrad())
        {
            foreach (var (name, target) in entries)
            {
                if (stateDict.TryGetValue(name, out Tensor? source))
                {
                    target.Copy_(source);
                }
            }
        }

        return new LoadStateDictResult(missing, unexpected);
    }

    /// <summary>
    /// The module's own settings for <see cref="ToString"/> (<c>extra_repr</c>), such as
    /// <c>in_features=4, out_features=2, bias=True</c>; empty by default.
    /// </summary>
    /// <returns>One or more lines.</returns>
    protected virtual string ExtraRepr() => string.Empty;

    /// <summary>The name printed by <see cref="ToString"/>: the class name by default.</summary>
    protected virtual string TypeName => GetType().Name;

    /// <summary>The module tree as PyTorch prints it (<c>repr(module)</c>).</summary>
    /// <returns>For example <c>Linear(in_features=4, out_features=2, bias=True)</c>, or a multi-line tree.</returns>
    public override string ToString()
    {
        string extra = ExtraRepr();
        var lines = new List<string>();
        if (extra.Length > 0)
        {
            lines.AddRange(extra.Split('\n'));
        }

        int extraLines = lines.Count;
        for (int i = 0; i < moduleNames.Count; i++)
        {
            string child = moduleValues[i].ToString().Replace("\n", "\n  ", StringComparison.Ordinal);
            lines.Add($"({moduleNames[i]}): {child}");
        }

        var text = new StringBuilder(TypeName).Append('(');
        if (lines.Count > 0)
        {
            if (extraLines == 1 && lines.Count == 1)
            {
                text.Append(lines[0]);
            }
            else
            {
                text.Append("\n  ").Append(string.Join("\n  ", lines)).Append('\n');
            }
        }

        return text.Append(')').ToString();
    }

    /// <summary>Disposes the parameters, buffers and submodules (a module owns what it registered).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the module owns; subclasses with other resources override it and call the base.</summary>
    /// <param name="disposing">true from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing)
        {
            return;
        }

        disposed = true;
        foreach (Tensor? p in parameterValues)
        {
            p?.Dispose();
        }

        foreach (Tensor? b in bufferValues)
        {
            b?.Dispose();
        }

        foreach (Module m in moduleValues)
        {
            m.Dispose();
        }
    }

    /// <summary>Formats a Python bool as PyTorch prints it in <c>extra_repr</c>.</summary>
    private protected static string PyBool(bool value) => value ? "True" : "False";

    /// <summary>Formats a size tuple as PyTorch prints it: <c>(3, 3)</c> or <c>(3,)</c>.</summary>
    private protected static string PyTuple(IReadOnlyList<long> values) =>
        values.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"({values[0]},)")
            : "(" + string.Join(", ", values) + ")";

    private void AdoptParameter(string name, Tensor value)
    {
        if (!value.IsLeaf)
        {
            throw new ArgumentException(
                $"Cannot assign a non-leaf tensor to parameter '{name}' of {TypeName}: it has autograd history. Use Detach() (or create it under Autograd.NoGrad()).",
                nameof(value));
        }

        value.RequiresGrad = true;
        value.DetachFromDisposeScope();
    }

    private void CheckNewName(string name)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new ArgumentException($"{TypeName}: a parameter, buffer or module name can't be empty.", nameof(name));
        }

        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{TypeName}: name can't contain \".\", got: {name}.", nameof(name));
        }

        if (members.TryGetValue(name, out var existing))
        {
            string kind = existing.Kind switch
            {
                MemberKind.Parameter => "a parameter",
                MemberKind.Buffer => "a buffer",
                _ => "a submodule",
            };
            throw new ArgumentException($"{TypeName}: attribute '{name}' already exists (as {kind}).", nameof(name));
        }
    }

    private string NameInParent()
    {
        if (Parent is not null)
        {
            int i = Parent.moduleValues.IndexOf(this);
            if (i >= 0)
            {
                return Parent.moduleNames[i];
            }
        }

        return string.Empty;
    }

    private IEnumerable<(string, Module)> Self(string prefix)
    {
        yield return (prefix, this);
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static string QuotedList(List<string> names) => string.Join(", ", names.ConvertAll(n => "\"" + n + "\""));

    private static string TorchSize(TensorShape shape) => "torch.Size([" + string.Join(", ", shape.ToArray()) + "])";
}
