using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Ember.NN;
using NUnit.Framework;

namespace Ember.Tests.NNFunctional;

/// <summary>
/// Every case of tests/fixtures/nn_functional.json (PyTorch references, written by
/// tests/fixtures/generate_nn_functional.py) through the managed <see cref="Functional"/> API:
/// outputs, gradients of sum(output * grad_output), updated running statistics, error classes.
/// </summary>
[TestFixture]
[Category("Fixtures")]
public sealed class NNFunctionalFixtureTests
{
    private static readonly Lazy<JsonElement[]> Cases = new(Load);

    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    public static IEnumerable<TestCaseData> CaseNames() =>
        Cases.Value.Select(c => new TestCaseData(c.GetProperty("name").GetString()!).SetName("NNFunctional(" + c.GetProperty("name").GetString() + ")"));

    [TestCaseSource(nameof(CaseNames))]
    public void Case(string name)
    {
        JsonElement c = Cases.Value.Single(x => x.GetProperty("name").GetString() == name);
        string op = c.GetProperty("op").GetString()!;
        JsonElement attrs = c.GetProperty("attrs");
        Tensor?[] inputs = c.GetProperty("inputs").EnumerateArray().Select(Decode).ToArray();
        var gradInputs = new List<(int Index, JsonElement Want)>();
        if (c.TryGetProperty("grads", out JsonElement grads))
        {
            foreach (JsonProperty p in grads.EnumerateObject())
            {
                int i = int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture);
                inputs[i]!.RequiresGrad = true;
                gradInputs.Add((i, p.Value));
            }
        }

        if (c.TryGetProperty("error", out JsonElement error))
        {
            Type expected = error.GetProperty("class").GetString() switch
            {
                "SHAPE" => typeof(EmberShapeException),
                "INDEX" => typeof(EmberIndexException),
                "DTYPE" => typeof(EmberDTypeException),
                _ => typeof(EmberArgumentException),
            };
            Exception? thrown = Assert.Catch(() => Call(op, attrs, inputs));
            Assert.That(thrown, Is.InstanceOf(expected), error.GetProperty("torch").GetString());
            return;
        }

        Tensor output = Call(op, attrs, inputs);
        JsonElement[] expectedOutputs = c.GetProperty("expected").EnumerateArray().ToArray();
        AssertMatches(output, expectedOutputs[0], "output");
        for (int k = 1; k < expectedOutputs.Length; k++)
        {
            AssertMatches(inputs[k]!, expectedOutputs[k], "output " + k);  // batch_norm's running statistics
        }

        if (gradInputs.Count == 0)
        {
            return;
        }

        Tensor cot = Decode(c.GetProperty("grad_output"))!;
        Tensor?[] got = Autograd.Grad([output], gradInputs.Select(g => inputs[g.Index]!).ToArray(), [cot], allowUnused: true);
        for (int j = 0; j < gradInputs.Count; j++)
        {
            Tensor g = got[j] ?? Tensor.ZerosLike(inputs[gradInputs[j].Index]!);
            AssertMatches(g, gradInputs[j].Want, "gradient of input " + gradInputs[j].Index);
        }
    }

    private static Reduction ReductionOf(JsonElement attrs) => attrs.GetProperty("reduction").GetString() switch
    {
        "none" => Reduction.None,
        "sum" => Reduction.Sum,
        _ => Reduction.Mean,
    };

    private static double? OptionalDouble(JsonElement attrs, string key) =>
        attrs.TryGetProperty(key, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v.GetDouble() : null;

    private static long[] Longs(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt64()).ToArray();

    private static Tensor Call(string op, JsonElement a, Tensor?[] t)
    {
        Tensor? At(int i) => i < t.Length ? t[i] : null;
        return op switch
        {
            "batch_norm" => Functional.BatchNorm(t[0]!, At(1), At(2), At(3), At(4), a.GetProperty("training").GetBoolean(),
                a.GetProperty("momentum").GetDouble(), a.GetProperty("eps").GetDouble()),
            "layer_norm" => Functional.LayerNorm(t[0]!, Longs(a.GetProperty("normalized_shape")), At(1), At(2),
                a.GetProperty("eps").GetDouble()),
            "rms_norm" => Functional.RmsNorm(t[0]!, Longs(a.GetProperty("normalized_shape")), At(1), OptionalDouble(a, "eps")),
            "group_norm" => Functional.GroupNorm(t[0]!, a.GetProperty("num_groups").GetInt64(), At(1), At(2),
                a.GetProperty("eps").GetDouble()),
            "linear" => Functional.Linear(t[0]!, t[1]!, At(2)),
            "embedding" => Functional.Embedding(t[1]!, t[0]!,
                a.GetProperty("padding_idx").ValueKind == JsonValueKind.Null ? null : a.GetProperty("padding_idx").GetInt64()),
            "cross_entropy" => Functional.CrossEntropy(t[0]!, t[1]!, At(2), a.GetProperty("ignore_index").GetInt64(),
                ReductionOf(a), a.GetProperty("label_smoothing").GetDouble()),
            "nll_loss" => Functional.NllLoss(t[0]!, t[1]!, At(2), a.GetProperty("ignore_index").GetInt64(), ReductionOf(a)),
            "mse_loss" => Functional.MseLoss(t[0]!, t[1]!, ReductionOf(a)),
            "l1_loss" => Functional.L1Loss(t[0]!, t[1]!, ReductionOf(a)),
            "smooth_l1_loss" => Functional.SmoothL1Loss(t[0]!, t[1]!, ReductionOf(a), a.GetProperty("beta").GetDouble()),
            "huber_loss" => Functional.HuberLoss(t[0]!, t[1]!, ReductionOf(a), a.GetProperty("delta").GetDouble()),
            "binary_cross_entropy" => Functional.BinaryCrossEntropy(t[0]!, t[1]!, At(2), ReductionOf(a)),
            "binary_cross_entropy_with_logits" =>
                Functional.BinaryCrossEntropyWithLogits(t[0]!, t[1]!, At(2), ReductionOf(a), At(3)),
            "kl_div" => Functional.KlDiv(t[0]!, t[1]!, ReductionOf(a), a.GetProperty("log_target").GetBoolean()),
            "cosine_embedding_loss" => Functional.CosineEmbeddingLoss(t[0]!, t[1]!, t[2]!, a.GetProperty("margin").GetDouble(),
                ReductionOf(a)),
            "scaled_dot_product_attention" => Functional.ScaledDotProductAttention(t[0]!, t[1]!, t[2]!, At(3),
                a.GetProperty("dropout_p").GetDouble(), a.GetProperty("is_causal").GetBoolean(), OptionalDouble(a, "scale")),
            _ => throw new InvalidOperationException("unknown op " + op),
        };
    }

    private static double Number(JsonElement v) => v.ValueKind == JsonValueKind.String
        ? v.GetString() switch { "nan" => double.NaN, "-inf" => double.NegativeInfinity, _ => double.PositiveInfinity }
        : v.GetDouble();

    private static Tensor? Decode(JsonElement spec)
    {
        if (spec.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        long[] shape = Longs(spec.GetProperty("shape"));
        JsonElement data = spec.GetProperty("data");
        if (shape.Length == 0)
        {
            // Tensor.From with no sizes makes a 1-D tensor; a 0-dim target needs Tensor.Scalar.
            JsonElement v = data[0];
            return spec.GetProperty("dtype").GetString() switch
            {
                "int64" => Tensor.Scalar(v.GetInt64(), DType.Int64),
                "int32" => Tensor.Scalar(v.GetInt64(), DType.Int32),
                _ => Tensor.Scalar(Number(v), DType.Float64),
            };
        }

        return spec.GetProperty("dtype").GetString() switch
        {
            "int64" => Tensor.From(data.EnumerateArray().Select(v => v.GetInt64()).ToArray(), shape),
            "int32" => Tensor.From(data.EnumerateArray().Select(v => v.GetInt32()).ToArray(), shape),
            "bool" => Tensor.From(data.EnumerateArray().Select(v => v.GetInt32() != 0).ToArray(), shape),
            _ => Tensor.From(data.EnumerateArray().Select(Number).ToArray(), shape),
        };
    }

    private static void AssertMatches(Tensor actual, JsonElement want, string what)
    {
        Assert.That(actual.Shape.ToArray(), Is.EqualTo(Longs(want.GetProperty("shape"))), what + ": shape");
        double[] got = actual.ToArray<double>();
        double[] expected = want.GetProperty("data").EnumerateArray().Select(Number).ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], g = got[i];
            bool ok = double.IsNaN(e) ? double.IsNaN(g) : double.IsInfinity(e) ? g == e : Math.Abs(g - e) <= 1e-10 + 1e-9 * Math.Abs(e);
            Assert.That(ok, Is.True, $"{what}: element {i}: got {g}, want {e}");
        }
    }

    private static JsonElement[] Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fixtures", "nn_functional.json");
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); !File.Exists(path) && d is not null; d = d.Parent)
        {
            path = Path.Combine(d.FullName, "tests", "fixtures", "nn_functional.json");
        }

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.That(doc.RootElement.GetProperty("format").GetString(), Is.EqualTo("ember-fixtures"));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
