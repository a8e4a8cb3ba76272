using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace Ember.NN;

/// <summary>
/// Runs modules one after another (<c>nn.Sequential</c>); they are registered as "0", "1", ...
/// so the state dict names are PyTorch's (<c>0.weight</c>, <c>features.3.bias</c>).
/// </summary>
/// <remarks>Intermediate results are not disposed by the container (hooks may keep them): use a dispose scope.</remarks>
public sealed class Sequential : Module<Tensor, Tensor>, IEnumerable<Module<Tensor, Tensor>>
{
    /// <summary>Creates a sequence of the given modules, in order.</summary>
    /// <param name="modules">The modules; none may be registered elsewhere.</param>
    /// <exception cref="ArgumentNullException">A module is null.</exception>
    /// <exception cref="InvalidOperationException">A module already has a parent, or appears twice.</exception>
    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules)
        {
            AddModuleCore(Name(ChildCount), module, fromConstruction: true);
        }
    }

    /// <summary>The number of modules.</summary>
    public int Count => ChildCount;

    /// <summary>The module at <paramref name="index"/> (negative indices count from the end, as in Python).</summary>
    /// <param name="index">The position.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public Module<Tensor, Tensor> this[int index] => (Module<Tensor, Tensor>)ChildAt(Position(index, ChildCount));

    /// <summary>Appends a module under the next index name (<c>append</c>).</summary>
    /// <param name="module">The module.</param>
    /// <returns>This container.</returns>
    /// <exception cref="InvalidOperationException">The module already has a parent.</exception>
    public Sequential Add(Module<Tensor, Tensor> module)
    {
        AddModuleCore(Name(ChildCount), module, fromConstruction: false);
        return this;
    }

    /// <summary>Feeds the input through every module in order.</summary>
    /// <param name="input">The first module's input.</param>
    /// <returns>The last module's output (the input itself when the sequence is empty).</returns>
    public override Tensor Forward(Tensor input)
    {
        Tensor x = input;
        for (int i = 0; i < ChildCount; i++)
        {
            x = ((Module<Tensor, Tensor>)ChildAt(i)).Call(x);
        }

        return x;
    }

    /// <summary>Enumerates the modules in order.</summary>
    /// <returns>An enumerator.</returns>
    public IEnumerator<Module<Tensor, Tensor>> GetEnumerator()
    {
        for (int i = 0; i < ChildCount; i++)
        {
            yield return (Module<Tensor, Tensor>)ChildAt(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static string Name(int index) => index.ToString(CultureInfo.InvariantCulture);

    internal static int Position(int index, int count)
    {
        int i = index < 0 ? index + count : index;
        if (i < 0 || i >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is out of range for a container of {count} elements.");
        }

        return i;
    }
}

/// <summary>A list of registered submodules (<c>nn.ModuleList</c>), named "0", "1", ...; it has no forward.</summary>
public sealed class ModuleList : Module, IEnumerable<Module>
{
    /// <summary>Creates a list of the given modules.</summary>
    /// <param name="modules">The modules.</param>
    /// <exception cref="InvalidOperationException">A module already has a parent.</exception>
    public ModuleList(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (Module module in modules)
        {
            AddModuleCore(Sequential.Name(ChildCount), module, fromConstruction: true);
        }
    }

    /// <summary>The number of modules.</summary>
    public int Count => ChildCount;

    /// <summary>The module at <paramref name="index"/> (negative indices count from the end).</summary>
    /// <param name="index">The position.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public Module this[int index] => ChildAt(Sequential.Position(index, ChildCount));

    /// <summary>Appends a module (<c>append</c>).</summary>
    /// <param name="module">The module.</param>
    /// <returns>This list.</returns>
    /// <exception cref="InvalidOperationException">The module already has a parent.</exception>
    public ModuleList Add(Module module)
    {
        AddModuleCore(Sequential.Name(ChildCount), module, fromConstruction: false);
        return this;
    }

    /// <summary>Enumerates the modules in order.</summary>
    /// <returns>An enumerator.</returns>
    public IEnumerator<Module> GetEnumerator()
    {
        for (int i = 0; i < ChildCount; i++)
        {
            yield return ChildAt(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Registered submodules by name, in insertion order (<c>nn.ModuleDict</c>).</summary>
public sealed class ModuleDict : Module, IEnumerable<KeyValuePair<string, Module>>
{
    private readonly List<string> keys = new();

    /// <summary>Creates an empty dictionary.</summary>
    public ModuleDict()
    {
    }

    /// <summary>The number of modules.</summary>
    public int Count => keys.Count;

    /// <summary>The names, in insertion order.</summary>
    public IReadOnlyList<string> Keys => keys;

    /// <summary>The module registered as <paramref name="key"/>.</summary>
    /// <param name="key">The name.</param>
    /// <exception cref="KeyNotFoundException">No module has this name.</exception>
    public Module this[string key] => GetSubmodule(key);

    /// <summary>Whether a module is registered as <paramref name="key"/>.</summary>
    /// <param name="key">The name.</param>
    /// <returns>true when present.</returns>
    public bool ContainsKey(string key) => keys.Contains(key);

    /// <summary>Registers a module under <paramref name="key"/>.</summary>
    /// <param name="key">The name (validated as every module name).</param>
    /// <param name="module">The module.</param>
    /// <returns>This dictionary.</returns>
    /// <exception cref="ArgumentException">The name is invalid or taken.</exception>
    /// <exception cref="InvalidOperationException">The module already has a parent.</exception>
    public ModuleDict Add(string key, Module module)
    {
        AddModuleCore(key, module, fromConstruction: false);
        keys.Add(key);
        return this;
    }

    /// <summary>Enumerates (name, module) pairs in insertion order.</summary>
    /// <returns>An enumerator.</returns>
    public IEnumerator<KeyValuePair<string, Module>> GetEnumerator()
    {
        for (int i = 0; i < ChildCount; i++)
        {
            yield return new KeyValuePair<string, Module>(keys[i], ChildAt(i));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A list of registered parameters (<c>nn.ParameterList</c>), named "0", "1", ...</summary>
public sealed class ParameterList : Module, IEnumerable<Tensor>
{
    /// <summary>Creates a list of the given parameters (each made to require gradients).</summary>
    /// <param name="parameters">Floating leaf tensors.</param>
    public ParameterList(params Tensor[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (Tensor p in parameters)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(parameters));
            AddParameterCore(Sequential.Name(ParameterCount), p, fromConstruction: true);
        }
    }

    /// <summary>The number of parameters.</summary>
    public int Count => ParameterCount;

    /// <summary>The parameter at <paramref name="index"/> (negative indices count from the end).</summary>
    /// <param name="index">The position.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public Tensor this[int index] => ParameterAt(Sequential.Position(index, ParameterCount))!;

    /// <summary>Appends a parameter (made to require gradients; the list owns it).</summary>
    /// <param name="parameter">A floating leaf tensor.</param>
    /// <returns>This list.</returns>
    public ParameterList Add(Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        AddParameterCore(Sequential.Name(ParameterCount), parameter, fromConstruction: false);
        return this;
    }

    /// <summary>Enumerates the parameters in order.</summary>
    /// <returns>An enumerator.</returns>
    public IEnumerator<Tensor> GetEnumerator()
    {
        for (int i = 0; i < ParameterCount; i++)
        {
            yield return ParameterAt(i)!;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Registered parameters by name, in insertion order (<c>nn.ParameterDict</c>).</summary>
public sealed class ParameterDict : Module, IEnumerable<KeyValuePair<string, Tensor>>
{
    private readonly List<string> keys = new();

    /// <summary>Creates an empty dictionary.</summary>
    public ParameterDict()
    {
    }

    /// <summary>The number of parameters.</summary>
    public int Count => keys.Count;

    /// <summary>The names, in insertion order.</summary>
    public IReadOnlyList<string> Keys => keys;

    /// <summary>The parameter registered as <paramref name="key"/>.</summary>
    /// <param name="key">The name.</param>
    /// <exception cref="KeyNotFoundException">No parameter has this name.</exception>
    public Tensor this[string key] => GetParameter(key)!;

    /// <summary>Whether a parameter is registered as <paramref name="key"/>.</summary>
    /// <param name="key">The name.</param>
    /// <returns>true when present.</returns>
    public bool ContainsKey(string key) => keys.Contains(key);

    /// <summary>Registers a parameter under <paramref name="key"/> (made to require gradients; the dictionary owns it).</summary>
    /// <param name="key">The name.</param>
    /// <param name="parameter">A floating leaf tensor.</param>
    /// <returns>This dictionary.</returns>
    /// <exception cref="ArgumentException">The name is invalid or taken.</exception>
    public ParameterDict Add(string key, Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        AddParameterCore(key, parameter, fromConstruction: false);
        keys.Add(key);
        return this;
    }

    /// <summary>Enumerates (name, parameter) pairs in insertion order.</summary>
    /// <returns>An enumerator.</returns>
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
    {
        for (int i = 0; i < ParameterCount; i++)
        {
            yield return new KeyValuePair<string, Tensor>(keys[i], ParameterAt(i)!);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
