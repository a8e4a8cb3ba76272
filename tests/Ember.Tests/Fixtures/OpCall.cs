using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Ember.Tests.Fixtures;

/// <summary>
/// What an op mapping receives: the case's inputs as Ember tensors, the destination (the case's
/// out tensor, input 0 for in-place cases, or null), and typed access to the attributes.
/// </summary>
internal sealed class OpCall
{
    private readonly JsonElement attrs;
    private readonly string? variant;

    public OpCall(FixtureCase fixtureCase, IReadOnlyList<Tensor?> inputs, Tensor? destination)
        : this(fixtureCase.Attrs, fixtureCase.Variant, inputs, destination)
    {
    }

    /// <summary>A call with its own attributes and variant (a step of an autograd program).</summary>
    public OpCall(JsonElement attrs, string? variant, IReadOnlyList<Tensor?> inputs, Tensor? destination)
    {
        this.attrs = attrs;
        this.variant = variant;
        Inputs = inputs;
        Destination = destination;
    }

    public IReadOnlyList<Tensor?> Inputs { get; }

    /// <summary>Where the result goes (PyTorch's out=), or null for the functional form.</summary>
    public Tensor? Destination { get; }

    /// <summary>Whether input 0 is the destination (an in-place case).</summary>
    public bool InPlace => variant == "inplace";

    /// <summary>Input <paramref name="index"/>, which the op requires (not null).</summary>
    public Tensor this[int index] => Inputs[index] ?? throw new FormatException($"input {index} is null");

    /// <summary>Input <paramref name="index"/>, which may be absent (null).</summary>
    public Tensor? Optional(int index) => index < Inputs.Count ? Inputs[index] : null;

    /// <summary>The inputs from <paramref name="start"/> on (for variadic ops and index lists).</summary>
    public Tensor?[] From(int start) => Inputs.Skip(start).ToArray();

    public int Int(string name) => checked((int)FixtureValues.ToInt64(Attr(name)));

    public int? OptionalInt(string name) => IsNull(name) ? null : Int(name);

    public long Long(string name) => FixtureValues.ToInt64(Attr(name));

    public double Double(string name) => FixtureValues.ToDouble(Attr(name));

    public bool Bool(string name) => Attr(name).GetBoolean();

    public string String(string name) => Attr(name).GetString()!;

    public int[] Ints(string name) => FixtureValues.ToInt32Array(Attr(name));

    public long[] Longs(string name) => FixtureValues.ToInt64Array(Attr(name));

    /// <summary>A dtype attribute; null means EMBER_DTYPE_UNDEFINED (the op's PyTorch default).</summary>
    public DType? DType(string name) => IsNull(name) ? null : FixtureValues.ParseDType(String(name));

    public FixtureScalar Scalar(string name) => FixtureScalar.Parse(Attr(name));

    public FixtureScalar? OptionalScalar(string name) => IsNull(name) ? null : Scalar(name);

    public bool IsNull(string name) => !attrs.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null;

    private JsonElement Attr(string name) =>
        attrs.TryGetProperty(name, out JsonElement value)
            ? value
            : throw new FormatException($"the case has no attribute '{name}'");
}
