using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Ember.NN;
using NUnit.Framework;

namespace Ember.Tests.NN;

/// <summary>
/// Runs tests/fixtures/nn_modules.json (tests/fixtures/generate_nn_modules.py): each case builds
/// the Ember layer, loads PyTorch's state dict strictly (so the parameter names and order are
/// PyTorch's), runs it, and compares the outputs, the gradients of sum(output * w) with respect to
/// the inputs and every parameter, and the printed module tree.
/// </summary>
[TestFixture]
public sealed class NNFixtureTests
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
    {
        string copied = Path.Combine(AppContext.BaseDirectory, "fixtures", "nn_modules.json");
        var doc = JsonDocument.Parse(File.ReadAllText(copied));
        Assert.That(doc.RootElement.GetProperty("format").GetString(), Is.EqualTo("ember-nn-modules"));
        Assert.That(doc.RootElement.GetProperty("version").GetInt32(), Is.EqualTo(1));
        return doc;
    });

    /// <summary>The Ember counterpart of each case: the module, and how to run it on the case's inputs.</summary>
    private static readonly Dictionary<string, Func<(Module Module, Func<Tensor?[], Tensor[]> Run)>> Factories = new()
    {
        ["linear/basic"] = () => One(new Linear(4, 3, dtype: DType.Float64)),
        ["linear/no_bias"] = () => One(new Linear(4, 3, bias: false, dtype: DType.Float64)),
        ["linear/3d_float32"] = () => One(new Linear(4, 2)),
        ["bilinear/basic"] = () =>
        {
            var m = new Bilinear(3, 4, 2, dtype: DType.Float64);
            return (m, x => [m.Call(x[0]!, x[1]!)]);
        },
        ["identity"] = () => One(new Identity()),
        ["flatten/default"] = () => One(new Flatten()),
        ["unflatten"] = () => One(new Unflatten(1, 2, 3)),
        ["conv1d/stride_padding"] = () => One(new Conv1d(2, 3, 3, stride: 2, padding: 1, dtype: DType.Float64)),
        ["conv1d/same_even"] = () => One(new Conv1d(2, 2, 4, "same", dtype: DType.Float64)),
        ["conv1d/dilation_groups"] = () => One(new Conv1d(4, 2, 2, dilation: 2, groups: 2, dtype: DType.Float64)),
        ["conv2d/padding"] = () => One(new Conv2d(2, 4, 3, padding: 1, dtype: DType.Float64)),
        ["conv2d/stride_dilation"] = () => One(new Conv2d(2, 3, [3, 2], stride: [2, 1], padding: [1, 0], dilation: [1, 2], dtype: DType.Float64)),
        ["conv2d/groups"] = () => One(new Conv2d(4, 6, 3, groups: 2, dtype: DType.Float64)),
        ["conv2d/depthwise_no_bias"] = () => One(new Conv2d(3, 3, 3, groups: 3, bias: false, padding: 1, dtype: DType.Float64)),
        ["conv2d/same_even"] = () => One(new Conv2d(2, 3, [2, 4], "same", dilation: [2, 1], dtype: DType.Float64)),
        ["conv2d/valid"] = () => One(new Conv2d(2, 2, [3], "valid", dtype: DType.Float64)),
        ["conv2d/unbatched_float32"] = () => One(new Conv2d(2, 3, 3, padding: 1)),
        ["conv_transpose2d/output_padding"] = () => One(new ConvTranspose2d(2, 3, 3, stride: 2, padding: 1, outputPadding: 1, dtype: DType.Float64)),
        ["conv_transpose2d/groups_dilation"] = () => One(new ConvTranspose2d(4, 2, [2, 3], groups: 2, dilation: [2], bias: false, dtype: DType.Float64)),
        ["max_pool1d"] = () => One(new MaxPool1d(3, stride: 2, padding: 1)),
        ["max_pool2d/default"] = () => One(new MaxPool2d(2)),
        ["max_pool2d/ceil"] = () => One(new MaxPool2d(3, stride: 2, padding: 1, ceilMode: true)),
        ["avg_pool2d/no_pad_count"] = () => One(new AvgPool2d(3, stride: 2, padding: 1, countIncludePad: false)),
        ["adaptive_avg_pool2d"] = () => One(new AdaptiveAvgPool2d(2, 3)),
        ["conv_transpose1d/stride_groups"] = () => One(new ConvTranspose1d(4, 2, 3, stride: 2, padding: 1, outputPadding: 1, groups: 2, dtype: DType.Float64)),
        ["avg_pool1d/ceil"] = () => One(new AvgPool1d(3, stride: 2, padding: 1, ceilMode: true)),
        ["adaptive_max_pool2d"] = () => One(new AdaptiveMaxPool2d(2)),
        ["max_pool2d/return_indices"] = () => (new Identity(), x =>
        {
            var (output, indices) = Functional.MaxPool2dWithIndices(x[0]!, [2, 3], stride: [2, 1]);
            return [output, indices];
        }),
        ["relu"] = () => One(new ReLU()),
        ["leaky_relu"] = () => One(new LeakyReLU(0.2)),
        ["gelu/none"] = () => One(new GELU()),
        ["gelu/tanh"] = () => One(new GELU(GeluApproximation.Tanh)),
        ["silu"] = () => One(new SiLU()),
        ["tanh"] = () => One(new Tanh()),
        ["sigmoid"] = () => One(new Sigmoid()),
        ["softmax"] = () => One(new Softmax(1)),
        ["log_softmax"] = () => One(new LogSoftmax(0)),
        ["sequential/nested"] = () => One(new Sequential(
            new Conv2d(1, 2, 3, dtype: DType.Float64), new ReLU(), new Flatten(),
            new Sequential(new Linear(8, 4, dtype: DType.Float64), new Tanh(), new Linear(4, 2, dtype: DType.Float64)))),
        ["rnn/tanh_2layers"] = () => Pair(new RNN(3, 4, numLayers: 2, dtype: DType.Float64)),
        ["rnn/relu_bidirectional_batch_first_h0"] = () =>
            Pair(new RNN(3, 4, nonlinearity: RnnNonlinearity.Relu, bidirectional: true, batchFirst: true, dtype: DType.Float64)),
        ["lstm/2layers_bidirectional_h0_c0"] = () => Lstm(new LSTM(3, 4, numLayers: 2, bidirectional: true, dtype: DType.Float64)),
        ["lstm/batch_first_no_bias"] = () => Lstm(new LSTM(3, 5, bias: false, batchFirst: true, dtype: DType.Float64)),
        ["lstm/unbatched_float32"] = () => Lstm(new LSTM(2, 3)),
        ["gru/2layers_bidirectional_h0"] = () => Pair(new GRU(3, 4, numLayers: 2, bidirectional: true, dtype: DType.Float64)),
        ["gru/unbatched"] = () => Pair(new GRU(2, 3, dtype: DType.Float64)),
        ["batch_norm1d/train"] = () => One(new BatchNorm1d(3, dtype: DType.Float64)),
        ["batch_norm1d/train_3d_no_affine"] = () => One(new BatchNorm1d(2, affine: false, dtype: DType.Float64)),
        ["batch_norm2d/train"] = () => One(new BatchNorm2d(3, momentum: null, dtype: DType.Float64)),
        ["batch_norm2d/eval"] = () => One(Eval(new BatchNorm2d(3, dtype: DType.Float64))),
        ["batch_norm2d/train_float32"] = () => One(new BatchNorm2d(2)),
        ["layer_norm/last_dim"] = () => One(new LayerNorm(4, dtype: DType.Float64)),
        ["layer_norm/two_dims_no_bias"] = () => One(new LayerNorm([2, 3], eps: 1e-3, dtype: DType.Float64)),
        ["layer_norm/float32"] = () => One(new LayerNorm(5)),
        ["group_norm/basic"] = () => One(new GroupNorm(2, 4, dtype: DType.Float64)),
        ["group_norm/no_affine_4d"] = () => One(new GroupNorm(3, 6, affine: false, dtype: DType.Float64)),
        ["rms_norm/last_dim"] = () => One(new RMSNorm(4, eps: 1e-6, dtype: DType.Float64)),
        ["rms_norm/default_eps"] = () => One(new RMSNorm([2, 3], dtype: DType.Float64)),
        ["dropout/eval"] = () => One(Eval(new Dropout(0.3))),
        ["embedding/padding_idx"] = () => One(new Embedding(6, 3, paddingIdx: 1, dtype: DType.Float64)),
        ["embedding/negative_padding_idx"] = () => One(new Embedding(5, 2, paddingIdx: -1, dtype: DType.Float64)),
        ["mha/self_attention"] = () => Attention(new MultiheadAttention(4, 2, dtype: DType.Float64)),
        ["mha/batch_first_kdim_vdim"] = () => Attention(new MultiheadAttention(4, 2, kdim: 3, vdim: 5, batchFirst: true, dtype: DType.Float64)),
        ["mha/masks_unaveraged"] = () =>
        {
            var m = new MultiheadAttention(4, 2, dtype: DType.Float64);
            return (m, x =>
            {
                var (output, weights) = m.Call(x[0]!, x[1]!, x[2]!, keyPaddingMask: x[3], attnMask: x[4], averageAttnWeights: false);
                return [output, weights!];
            });
        },
        ["mha/unbatched_float_mask_no_bias"] = () =>
        {
            var m = new MultiheadAttention(6, 3, bias: false, dtype: DType.Float64);
            return (m, x =>
            {
                var (output, weights) = m.Call(x[0]!, x[1]!, x[2]!, attnMask: x[3]);
                return [output, weights!];
            });
        },
        ["transformer_encoder_layer/post_norm"] = () => One(Double(new TransformerEncoderLayer(4, 2, dimFeedforward: 8, dropout: 0.0))),
        ["transformer_encoder_layer/pre_norm_gelu_batch_first"] = () => One(Double(new TransformerEncoderLayer(
            4, 2, dimFeedforward: 6, dropout: 0.0, activation: TransformerActivation.Gelu, batchFirst: true, normFirst: true))),
        ["transformer_decoder_layer/post_norm"] = () => Two(Double(new TransformerDecoderLayer(4, 2, dimFeedforward: 8, dropout: 0.0))),
        ["transformer_encoder/two_layers_norm"] = () => One(Double(new TransformerEncoder(
            new TransformerEncoderLayer(4, 2, dimFeedforward: 8, dropout: 0.0), 2, new LayerNorm(4)))),
        ["transformer_decoder/two_layers"] = () => Two(Double(new TransformerDecoder(
            new TransformerDecoderLayer(4, 2, dimFeedforward: 8, dropout: 0.0), 2))),
    };

    private DisposeScope? scope;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope?.Dispose();

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (JsonElement c in Document.Value.RootElement.GetProperty("cases").EnumerateArray())
        {
            yield return new TestCaseData(c.GetProperty("name").GetString()!).SetName("NN.Fixture." + c.GetProperty("name").GetString());
        }
    }

    [Test]
    public void EveryCaseHasAFactory()
    {
        var names = Document.Value.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.That(names, Is.EquivalentTo(Factories.Keys));
    }

    [TestCaseSource(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        JsonElement c = Document.Value.RootElement.GetProperty("cases").EnumerateArray().First(e => e.GetProperty("name").GetString() == name);
        double tol = c.GetProperty("tolerance").GetDouble();
        var (module, run) = Factories[name]();
        using var owned = module;

        var state = new Dictionary<string, Tensor>();
        var expectedKeys = new List<string>();
        foreach (JsonElement kv in c.GetProperty("state_dict").EnumerateArray())
        {
            string key = kv[0].GetString()!;
            expectedKeys.Add(key);
            state[key] = Decode(kv[1]);
        }

        Assert.That(module.StateDict().Keys, Is.EqualTo(expectedKeys), "state dict keys and order");
        LoadStateDictResult result = module.LoadStateDict(state);
        Assert.That(result.MissingKeys, Is.Empty);
        Assert.That(result.UnexpectedKeys, Is.Empty);
        if (name != "max_pool2d/return_indices")
        {
            // That case runs Functional.MaxPool2dWithIndices, not a module.
            Assert.That(module.ToString(), Is.EqualTo(c.GetProperty("repr").GetString()), "repr");
        }

        Tensor?[] inputs = c.GetProperty("inputs").EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Null ? null : Decode(e)).ToArray();
        foreach (Tensor? x in inputs)
        {
            if (x is not null && x.DType.IsFloatingPoint())
            {
                x.RequiresGrad = true;
            }
        }

        Tensor[] outputs = run(inputs);
        JsonElement[] expected = c.GetProperty("outputs").EnumerateArray().ToArray();
        Assert.That(outputs.Length, Is.EqualTo(expected.Length));
        Tensor loss = Tensor.Zeros([], outputs[0].DType);
        JsonElement[] weights = c.GetProperty("loss_weights").EnumerateArray().ToArray();
        for (int i = 0; i < outputs.Length; i++)
        {
            AssertClose(outputs[i], expected[i], tol, $"output {i}");
            loss = loss + (outputs[i] * Decode(weights[i])).Sum();
        }

        loss.Backward();
        foreach (JsonProperty g in c.GetProperty("input_grads").EnumerateObject())
        {
            Tensor? grad = inputs[int.Parse(g.Name)]!.Grad;
            Assert.That(grad, Is.Not.Null, $"grad of input {g.Name}");
            AssertClose(grad!, g.Value, tol, $"grad of input {g.Name}");
        }

        var parameters = module.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        foreach (JsonProperty g in c.GetProperty("param_grads").EnumerateObject())
        {
            Tensor? grad = parameters[g.Name].Grad;
            Assert.That(grad, Is.Not.Null, $"grad of {g.Name}");
            AssertClose(grad!, g.Value, tol, $"grad of {g.Name}");
        }
    }

    internal static Tensor Decode(JsonElement e)
    {
        long[] shape = e.GetProperty("shape").EnumerateArray().Select(v => v.GetInt64()).ToArray();
        string dtype = e.GetProperty("dtype").GetString()!;
        double[] data = e.GetProperty("data").EnumerateArray()
            .Select(v => v.ValueKind switch
            {
                JsonValueKind.String => double.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                JsonValueKind.True => 1.0,
                JsonValueKind.False => 0.0,
                _ => v.GetDouble(),
            })
            .ToArray();
        // From takes an empty shape as "1-D of the data's length": 0-dim tensors are reshaped.
        using Tensor flat = Tensor.From<double>(data, shape.Length == 0 ? [1] : shape);
        using Tensor t = flat.Reshape(shape);
        return dtype switch
        {
            "float64" => t.Clone(),
            "float32" => t.To(DType.Float32),
            "int64" => t.To(DType.Int64),
            "bool" => t.To(DType.Bool),
            _ => throw new NotSupportedException(dtype),
        };
    }

    private static void AssertClose(Tensor actual, JsonElement expected, double tol, string what)
    {
        using Tensor e = Decode(expected);
        Assert.That(actual.DType, Is.EqualTo(e.DType), what + " dtype");
        Assert.That(actual.Shape.ToArray(), Is.EqualTo(e.Shape.ToArray()), what + " shape");
        double[] a = actual.Detach().To(DType.Float64).Contiguous().ToArray<double>();
        double[] x = e.To(DType.Float64).ToArray<double>();
        for (int i = 0; i < a.Length; i++)
        {
            Assert.That(a[i], Is.EqualTo(x[i]).Within(tol + tol * Math.Abs(x[i])), $"{what} [{i}]");
        }
    }

    private static (Module, Func<Tensor?[], Tensor[]>) One(Module<Tensor, Tensor> m) => (m, x => [m.Call(x[0]!)]);

    private static (Module, Func<Tensor?[], Tensor[]>) Two(Module<Tensor, Tensor, Tensor> m) => (m, x => [m.Call(x[0]!, x[1]!)]);

    private static (Module, Func<Tensor?[], Tensor[]>) Attention(MultiheadAttention m) =>
        (m, x =>
        {
            var (output, weights) = m.Call(x[0]!, x[1]!, x[2]!);
            return [output, weights!];
        });

    private static T Eval<T>(T m) where T : Module
    {
        m.Eval();
        return m;
    }

    private static T Double<T>(T m) where T : Module
    {
        m.To(DType.Float64);
        return m;
    }

    private static (Module, Func<Tensor?[], Tensor[]>) Pair(RecurrentBase<Tensor?, Tensor> m) =>
        (m, x =>
        {
            var (output, hn) = m.Call(x[0]!, x.Length > 1 ? x[1] : null);
            return [output, hn];
        });

    private static (Module, Func<Tensor?[], Tensor[]>) Lstm(LSTM m) =>
        (m, x =>
        {
            var (output, (hn, cn)) = x.Length > 1 ? m.Call(x[0]!, (x[1]!, x[2]!)) : m.Call(x[0]!);
            return [output, hn, cn];
        });
}
