using System.Collections.Generic;
using System.Text.Json;

namespace Ember.Tests.Fixtures;

/// <summary>One reference case of a fixture file (see tests/fixtures/README.md, "A case").</summary>
public sealed class FixtureCase
{
    internal FixtureCase(string family, JsonElement element)
    {
        Family = family;
        Element = element;
        Name = element.GetProperty("name").GetString()!;
        Op = element.GetProperty("op").GetString()!;
        Variant = element.TryGetProperty("variant", out JsonElement variant) ? variant.GetString() : null;
        Attrs = element.TryGetProperty("attrs", out JsonElement attrs) ? attrs : default;
        Inputs = element.TryGetProperty("inputs", out JsonElement inputs) ? inputs : default;
        Out = element.TryGetProperty("out", out JsonElement output) ? output : null;
        Expected = element.TryGetProperty("expected", out JsonElement expected) ? expected : null;
        if (element.TryGetProperty("error", out JsonElement error))
        {
            ErrorClass = error.GetProperty("class").GetString();
            JsonElement torch = error.GetProperty("torch");
            TorchError = torch.ValueKind == JsonValueKind.String ? torch.GetString() : null;
        }

        if (element.TryGetProperty("tolerance", out JsonElement tolerance))
        {
            Tolerance = (tolerance.GetProperty("rtol").GetDouble(), tolerance.GetProperty("atol").GetDouble());
        }

        SignedZeros = element.TryGetProperty("signed_zeros", out JsonElement signedZeros) && signedZeros.GetBoolean();
        Reference = element.TryGetProperty("reference", out JsonElement reference) ? reference.GetString() : null;
        Note = element.TryGetProperty("note", out JsonElement note) ? note.GetString() : null;
    }

    public string Family { get; }

    public JsonElement Element { get; }

    public string Name { get; }

    /// <summary>The Ember op: the C function without <c>ember_</c>, plus <c>.enum_suffix</c> for op-enum functions.</summary>
    public string Op { get; }

    /// <summary>null (functional), "out" (the case's out tensor is the destination) or "inplace" (input 0 is).</summary>
    public string? Variant { get; }

    public JsonElement Attrs { get; }

    public JsonElement Inputs { get; }

    public JsonElement? Out { get; }

    public JsonElement? Expected { get; }

    /// <summary>shape, dtype, index or invalid_argument when the case expects an error.</summary>
    public string? ErrorClass { get; }

    public string? TorchError { get; }

    public (double Rtol, double Atol)? Tolerance { get; }

    public bool SignedZeros { get; }

    public string? Reference { get; }

    public string? Note { get; }

    public IEnumerable<JsonElement> ExpectedTensors => Expected is JsonElement e ? e.EnumerateArray() : [];

    public override string ToString() => Name;
}
