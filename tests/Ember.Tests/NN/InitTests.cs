using System;
using System.Linq;
using Ember.NN;
using NUnit.Framework;

namespace Ember.Tests.NN;

/// <summary>torch.nn.init: fans, gains, bounds and statistics, orthogonality, generators, default layer initialisation.</summary>
[TestFixture]
public sealed class InitTests
{
    private DisposeScope? scope;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope?.Dispose();

    [Test]
    public void FansAreComputedAsPyTorch()
    {
        Assert.That(Init.CalculateFanInAndFanOut(Tensor.Empty(8, 4, 3, 3)), Is.EqualTo((36L, 72L)));
        Assert.That(Init.CalculateFanInAndFanOut(Tensor.Empty(5, 7)), Is.EqualTo((7L, 5L)));
        Assert.Throws<ArgumentException>(() => Init.CalculateFanInAndFanOut(Tensor.Empty(5)));
    }

    [Test]
    public void GainsAreThoseOfCalculateGain()
    {
        Assert.That(Init.CalculateGain(Nonlinearity.Linear), Is.EqualTo(1.0));
        Assert.That(Init.CalculateGain(Nonlinearity.Conv2d), Is.EqualTo(1.0));
        Assert.That(Init.CalculateGain(Nonlinearity.Sigmoid), Is.EqualTo(1.0));
        Assert.That(Init.CalculateGain(Nonlinearity.Tanh), Is.EqualTo(5.0 / 3));
        Assert.That(Init.CalculateGain(Nonlinearity.Relu), Is.EqualTo(Math.Sqrt(2)));
        Assert.That(Init.CalculateGain(Nonlinearity.LeakyRelu), Is.EqualTo(Math.Sqrt(2 / (1 + 0.01 * 0.01))));
        Assert.That(Init.CalculateGain(Nonlinearity.LeakyRelu, Math.Sqrt(5)), Is.EqualTo(Math.Sqrt(1.0 / 3)).Within(1e-15));
        Assert.That(Init.CalculateGain(Nonlinearity.Selu), Is.EqualTo(0.75));
    }

    private static (double Std, double MaxAbs, double Mean) Stats(Tensor t) =>
        (t.Std().Item<float>(), t.Abs().Max().Item<float>(), t.Mean().Item<float>());

    [Test]
    public void KaimingUniformBoundAndStd()
    {
        Tensor w = Tensor.Empty(256, 512);
        Init.KaimingUniform_(w, generator: new Generator(1));
        double bound = Math.Sqrt(2) * Math.Sqrt(3.0 / 512);
        var (std, maxAbs, mean) = Stats(w);
        Assert.That(maxAbs, Is.LessThanOrEqualTo(bound * (1 + 1e-6)), "float32 rounding of the bound");
        Assert.That(maxAbs, Is.GreaterThan(0.99 * bound));
        Assert.That(std, Is.EqualTo(bound / Math.Sqrt(3)).Within(0.02 * bound));
        Assert.That(Math.Abs(mean), Is.LessThan(0.01 * bound));

        Init.KaimingUniform_(w, mode: FanMode.FanOut, nonlinearity: Nonlinearity.Relu);
        Assert.That(Stats(w).MaxAbs, Is.LessThanOrEqualTo(Math.Sqrt(2) * Math.Sqrt(3.0 / 256) * (1 + 1e-6)));
        Assert.That(Stats(w).MaxAbs, Is.GreaterThan(Math.Sqrt(2) * Math.Sqrt(3.0 / 512)));
    }

    [Test]
    public void KaimingNormalAndXavierStds()
    {
        Tensor w = Tensor.Empty(256, 512);
        Init.KaimingNormal_(w, nonlinearity: Nonlinearity.Relu);
        Assert.That(Stats(w).Std, Is.EqualTo(Math.Sqrt(2.0 / 512)).Within(0.02 * Math.Sqrt(2.0 / 512)));

        Init.XavierNormal_(w, gain: 2);
        double xavier = 2 * Math.Sqrt(2.0 / (256 + 512));
        Assert.That(Stats(w).Std, Is.EqualTo(xavier).Within(0.02 * xavier));

        Init.XavierUniform_(w);
        double a = Math.Sqrt(6.0 / (256 + 512));
        Assert.That(Stats(w).MaxAbs, Is.LessThanOrEqualTo(a * (1 + 1e-6)));
        Assert.That(Stats(w).Std, Is.EqualTo(a / Math.Sqrt(3)).Within(0.02 * a));
    }

    [Test]
    public void OrthogonalRowsOrColumns()
    {
        foreach (long[] shape in new[] { new long[] { 5, 8 }, new long[] { 8, 5 }, new long[] { 6, 6 }, new long[] { 4, 3, 2, 2 } })
        {
            Tensor w = Tensor.Empty(shape);
            Init.Orthogonal_(w, gain: 1.5);
            Tensor m = w.Reshape(shape[0], -1);
            Tensor gram = m.Size(0) <= m.Size(1) ? m.MatMul(m.T) : m.T.MatMul(m);
            long n = gram.Size(0);
            Tensor expected = Tensor.Eye(n) * 2.25;
            Assert.That((gram - expected).Abs().Max().Item<float>(), Is.LessThan(1e-5), string.Join("x", shape));
            Assert.That(w.RequiresGrad, Is.False);
        }

        Assert.Throws<ArgumentException>(() => Init.Orthogonal_(Tensor.Empty(3)));
    }

    [Test]
    public void GeneratorsMakeInitialisationReproducibleAndNoGradIsUsed()
    {
        Tensor a = Tensor.Empty(3, 4).RequiresGrad_();
        Tensor b = Tensor.Empty(3, 4);
        Init.XavierUniform_(a, generator: new Generator(7));
        Init.XavierUniform_(b, generator: new Generator(7));
        Assert.That(a.Detach().ToArray<float>(), Is.EqualTo(b.ToArray<float>()));
        Assert.That(a.IsLeaf, Is.True, "filled without recording");
        Init.Orthogonal_(a, generator: new Generator(3));
        Init.Orthogonal_(b, generator: new Generator(3));
        Assert.That(a.Detach().ToArray<float>(), Is.EqualTo(b.ToArray<float>()));
        Init.Constant_(a, 0.25);
        Assert.That(a.Detach().ToArray<float>(), Is.All.EqualTo(0.25f));
        Init.Ones_(b);
        Assert.That(b.ToArray<float>(), Is.All.EqualTo(1f));
        Init.Eye_(b);
        Assert.That(b.Sum().Item<float>(), Is.EqualTo(3f));
        Init.Normal_(b, 5, 0);
        Assert.That(b.ToArray<float>(), Is.All.EqualTo(5f));
        Init.Uniform_(b, 2, 3);
        Assert.That(b.ToArray<float>().All(v => v >= 2 && v <= 3), Is.True);
    }

    [Test]
    public void LayersStartWithPyTorchsBounds()
    {
        using var linear = new Linear(50, 200);
        double bound = 1 / Math.Sqrt(50);
        Assert.That(linear.Weight.Abs().Max().Item<float>(), Is.LessThanOrEqualTo(bound * (1 + 1e-6)).And.GreaterThan(0.95 * bound));
        Assert.That(linear.Bias!.Abs().Max().Item<float>(), Is.LessThanOrEqualTo(bound));
        Assert.That(linear.Weight.Std().Item<float>(), Is.EqualTo(bound / Math.Sqrt(3)).Within(0.05 * bound));

        using var conv = new Conv2d(4, 64, 3);
        double convBound = 1 / Math.Sqrt(4 * 9);
        Assert.That(conv.Weight.Abs().Max().Item<float>(), Is.LessThanOrEqualTo(convBound * (1 + 1e-6)).And.GreaterThan(0.9 * convBound));
        Assert.That(conv.Bias!.Abs().Max().Item<float>(), Is.LessThanOrEqualTo(convBound));

        using var transposed = new ConvTranspose2d(4, 6, 3, groups: 2);
        Assert.That(transposed.Weight.Shape.ToArray(), Is.EqualTo(new long[] { 4, 3, 3, 3 }));
        Assert.That(transposed.Bias!.Abs().Max().Item<float>(), Is.LessThanOrEqualTo(1 / Math.Sqrt(27)));
    }
}
