using System;
using System.Linq;
using Ember.NN;
using NUnit.Framework;

namespace Ember.Tests.NN;

/// <summary>
/// Behaviour of the normalisation, dropout, embedding, loss, attention and transformer modules
/// that the PyTorch fixtures (NNFixtureTests) do not show: running statistics, modes, options,
/// argument errors.
/// </summary>
[TestFixture]
public sealed class LayerBehaviourTests
{
    private DisposeScope? scope;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope?.Dispose();

    private static double[] Values(Tensor t) => t.Detach().To(DType.Float64).Contiguous().ToArray<double>();

    [Test]
    public void BatchNormUpdatesRunningStatisticsWithUnbiasedVariance()
    {
        using var bn = new BatchNorm1d(2, dtype: DType.Float64);
        var x = Tensor.From(new double[] { 1, 10, 2, 20, 6, 30 }, [3, 2]);
        bn.Call(x);
        // Batch means (3, 20), unbiased variances (7, 100); momentum 0.1 from (0, 1).
        Assert.That(Values(bn.RunningMean!), Is.EqualTo(new[] { 0.3, 2.0 }).Within(1e-12));
        Assert.That(Values(bn.RunningVar!), Is.EqualTo(new[] { 0.9 + 0.7, 0.9 + 10.0 }).Within(1e-12));
        Assert.That(bn.NumBatchesTracked!.Item<long>(), Is.EqualTo(1));

        bn.Eval();
        var y = bn.Call(x);
        double expected = (1 - 0.3) / Math.Sqrt(1.6 + 1e-5);
        Assert.That(Values(y)[0], Is.EqualTo(expected).Within(1e-12), "evaluation uses the running statistics");
        Assert.That(bn.NumBatchesTracked!.Item<long>(), Is.EqualTo(1), "evaluation does not count batches");
    }

    [Test]
    public void BatchNormWithoutMomentumKeepsACumulativeAverage()
    {
        using var bn = new BatchNorm1d(1, momentum: null, dtype: DType.Float64);
        bn.Call(Tensor.From(new double[] { 2, 4 }, [2, 1]));
        bn.Call(Tensor.From(new double[] { 6, 8 }, [2, 1]));
        Assert.That(Values(bn.RunningMean!)[0], Is.EqualTo((3.0 + 7.0) / 2).Within(1e-12));
    }

    [Test]
    public void BatchNormChecksTheInputRank()
    {
        using var bn = new BatchNorm2d(3);
        Assert.Throws<EmberShapeException>(() => bn.Call(Tensor.Zeros(2, 3)));
        using var bn1 = new BatchNorm1d(3);
        Assert.Throws<EmberShapeException>(() => bn1.Call(Tensor.Zeros(2, 3, 4, 5)));
    }

    [Test]
    public void DropoutIsTheIdentityInEvaluationAndScalesInTraining()
    {
        using var dropout = new Dropout(0.5);
        var x = Tensor.Ones(10000);
        double[] trained = Values(dropout.Call(x));
        Assert.That(trained.All(v => v == 0 || v == 2), Is.True, "survivors are scaled by 1 / (1 - p)");
        Assert.That(trained.Count(v => v == 0) / 10000.0, Is.EqualTo(0.5).Within(0.03));
        dropout.Eval();
        Assert.That(Values(dropout.Call(x)).All(v => v == 1), Is.True);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.5));
    }

    [Test]
    public void EmbeddingPaddingRowStartsAtZeroAndGetsNoGradient()
    {
        using var embedding = new Embedding(4, 3, paddingIdx: -2);
        Assert.That(embedding.PaddingIdx, Is.EqualTo(2));
        Assert.That(Values(embedding.Weight.Select(0, 2)), Is.All.EqualTo(0.0));
        var ids = Tensor.From(new long[] { 2, 1, 2 });
        embedding.Call(ids).Sum().Backward();
        Assert.That(Values(embedding.Weight.Grad!.Select(0, 2)), Is.All.EqualTo(0.0));
        Assert.That(Values(embedding.Weight.Grad!.Select(0, 1)), Is.All.EqualTo(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(4, 3, paddingIdx: 4));
    }

    [Test]
    public void FrozenPretrainedEmbeddingCopiesAndDoesNotTrain()
    {
        var table = Tensor.Arange(6.0).Reshape(3, 2);
        using var embedding = Embedding.FromPretrained(table);
        Assert.That(embedding.Weight.RequiresGrad, Is.False);
        Assert.That(embedding.Weight.SharesStorage(table), Is.False);
        Assert.That(Values(embedding.Call(Tensor.From(new long[] { 2 }))), Is.EqualTo(new[] { 4.0, 5.0 }));
    }

    [Test]
    public void LossModulesMatchTheirFunctionalForm()
    {
        var logits = Tensor.Randn(4, 3);
        var target = Tensor.From(new long[] { 0, 2, 1, 2 });
        var weight = Tensor.From(new float[] { 1, 2, 0.5f });
        using var ce = new CrossEntropyLoss(weight, labelSmoothing: 0.1);
        Assert.That(ce.Call(logits, target).Item<float>(),
            Is.EqualTo(Functional.CrossEntropy(logits, target, weight, labelSmoothing: 0.1).Item<float>()));
        Assert.That(ce.NamedBuffers().Select(b => b.Name), Is.EqualTo(new[] { "weight" }));

        var a = Tensor.Randn(5);
        var b = Tensor.Randn(5);
        using var mse = new MSELoss(Reduction.Sum);
        Assert.That(mse.Call(a, b).Item<float>(), Is.EqualTo(Functional.MseLoss(a, b, Reduction.Sum).Item<float>()));
    }

    [Test]
    public void KLDivBatchMeanDividesTheSumByTheBatchSize()
    {
        var input = Tensor.Randn(4, 3).LogSoftmax(1);
        var target = Tensor.Randn(4, 3).Softmax(1);
        using var kl = new KLDivLoss(batchMean: true);
        double sum = Functional.KlDiv(input, target, Reduction.Sum).Item<float>();
        Assert.That(kl.Call(input, target).Item<float>(), Is.EqualTo(sum / 4).Within(1e-6));
    }

    [Test]
    public void MultiheadAttentionValidatesItsArguments()
    {
        Assert.Throws<ArgumentException>(() => new MultiheadAttention(6, 4));
        using var mha = new MultiheadAttention(4, 2);
        var x = Tensor.Randn(3, 2, 4);
        Assert.Throws<ArgumentException>(() => mha.Call(x, x, x, isCausal: true), "is_causal needs the mask");
        Assert.Throws<EmberShapeException>(() => mha.Call(x, x, x, attnMask: Tensor.Zeros(2, 2)));
        Assert.Throws<EmberShapeException>(() => mha.Call(x, x, x, keyPaddingMask: Tensor.Zeros([3, 3], DType.Bool)));
        Assert.Throws<EmberShapeException>(() => mha.Call(Tensor.Randn(3, 2, 5), x, x));
        var (output, weights) = mha.Call(x, x, x, needWeights: false);
        Assert.That(output.Shape.ToArray(), Is.EqualTo(new long[] { 3, 2, 4 }));
        Assert.That(weights, Is.Null);
    }

    [Test]
    public void CausalMaskHidesTheFuture()
    {
        var mask = TransformerStacks.GenerateSquareSubsequentMask(3);
        Assert.That(Values(mask), Is.EqualTo(new[] { 0, double.NegativeInfinity, double.NegativeInfinity, 0, 0, double.NegativeInfinity, 0, 0, 0 }));

        // With the mask, changing a later position leaves earlier outputs unchanged.
        using var layer = new TransformerEncoderLayer(4, 2, dimFeedforward: 8, dropout: 0.0, batchFirst: true);
        var x = Tensor.Randn(1, 3, 4);
        var y = x.Clone();
        y[0, 2] = Tensor.Randn(4);
        var a = layer.Forward(x, mask);
        var b = layer.Forward(y, mask);
        Assert.That(Values(a[0, ..2]), Is.EqualTo(Values(b[0, ..2])).Within(1e-6));
    }

    [Test]
    public void TransformerStacksStartFromCopiesOfTheirLayer()
    {
        using var encoder = new TransformerEncoder(new TransformerEncoderLayer(4, 2, dimFeedforward: 8), 3);
        var state = encoder.StateDict();
        Assert.That(state.Keys.Count(k => k.StartsWith("layers.", StringComparison.Ordinal)), Is.EqualTo(3 * state.Keys.Count(k => k.StartsWith("layers.0.", StringComparison.Ordinal))));
        Assert.That(Values(state["layers.2.self_attn.in_proj_weight"]), Is.EqualTo(Values(state["layers.0.self_attn.in_proj_weight"])));
        Assert.That(state["layers.2.self_attn.in_proj_weight"].SharesStorage(state["layers.0.self_attn.in_proj_weight"]), Is.False,
            "copies, not shared weights");
        foreach (var t in state.Values) t.Dispose();
    }

    [Test]
    public void ReprLooksLikePyTorch()
    {
        using var bn = new BatchNorm2d(8, momentum: null);
        Assert.That(bn.ToString(), Is.EqualTo("BatchNorm2d(8, eps=1e-05, momentum=None, affine=True, track_running_stats=True)"));
        using var ln = new LayerNorm([2, 3]);
        Assert.That(ln.ToString(), Is.EqualTo("LayerNorm((2, 3), eps=1e-05, elementwise_affine=True)"));
        using var gn = new GroupNorm(2, 4);
        Assert.That(gn.ToString(), Is.EqualTo("GroupNorm(2, 4, eps=1e-05, affine=True)"));
        using var emb = new Embedding(10, 3, paddingIdx: 0);
        Assert.That(emb.ToString(), Is.EqualTo("Embedding(10, 3, padding_idx=0)"));
    }
}
