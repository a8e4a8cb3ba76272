using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;

namespace Ember.Tests.Data;

/// <summary>Reads tests/fixtures/data.json (written by tests/fixtures/generate_data.py from PyTorch).</summary>
internal static class DataFixtures
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(Load);

    public static IEnumerable<string> Names(string kind) =>
        Cases.Value.Where(c => c.Value.GetProperty("kind").GetString() == kind).Select(c => c.Key).OrderBy(n => n, StringComparer.Ordinal);

    public static JsonElement Case(string name) => Cases.Value[name];

    public static Tensor Input(JsonElement c, int i) => MakeTensor(c.GetProperty("inputs")[i]);

    public static JsonElement Expected(JsonElement c, int i) => c.GetProperty("expected")[i];

    public static Tensor MakeTensor(JsonElement t)
    {
        long[] shape = t.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        JsonElement data = t.GetProperty("data");
        string dtype = t.GetProperty("dtype").GetString()!;
        return dtype switch
        {
            "float32" => Tensor.From(data.EnumerateArray().Select(e => (float)Number(e)).ToArray(), shape),
            "float64" => Tensor.From(data.EnumerateArray().Select(Number).ToArray(), shape),
            "uint8" => Tensor.From(data.EnumerateArray().Select(e => (byte)e.GetInt64()).ToArray(), shape),
            "int64" => Tensor.From(data.EnumerateArray().Select(e => e.GetInt64()).ToArray(), shape),
            _ => throw new NotSupportedException(dtype),
        };
    }

    /// <summary>Checks dtype, shape and values (floats within rtol/atol; NaN and infinities must match).</summary>
    public static void AssertMatches(Tensor actual, JsonElement expected, string what, double rtol = 1e-5, double atol = 1e-6)
    {
        string dtype = expected.GetProperty("dtype").GetString()!;
        long[] shape = expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.That(actual.DType.ToTorchString(), Is.EqualTo("torch." + dtype), $"{what}: dtype");
        Assert.That(actual.Shape.ToArray(), Is.EqualTo(shape), $"{what}: shape");
        double[] want = expected.GetProperty("data").EnumerateArray().Select(Number).ToArray();
        using Tensor asDouble = actual.To(DType.Float64);
        double[] got = asDouble.ToArray<double>();
        for (int i = 0; i < want.Length; i++)
        {
            bool ok = double.IsNaN(want[i]) ? double.IsNaN(got[i])
                : double.IsInfinity(want[i]) ? got[i] == want[i]
                : Math.Abs(got[i] - want[i]) <= atol + rtol * Math.Abs(want[i]);
            Assert.That(ok, Is.True, $"{what}: element {i}: got {got[i]:R}, expected {want[i]:R}");
        }
    }

    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => throw new FormatException(s),
        }
        : e.GetDouble();

    private static Dictionary<string, JsonElement> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fixtures", "data.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = doc.RootElement.Clone();
        Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("ember-data-fixtures"));
        Assert.That(root.GetProperty("version").GetInt32(), Is.EqualTo(1));
        return root.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
    }
}
