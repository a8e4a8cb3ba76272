using System;
using System.Linq;
using Ember.Distributions;
using NUnit.Framework;

namespace Ember.Tests.Data;

[TestFixture]
public sealed class DistributionTests
{
    [Test]
    public void CategoricalSampleShapeAndFrequencies()
    {
        using var scope = DisposeScope.Begin();
        using var d = Categorical.FromProbs(Tensor.From(new[] { 0.2f, 0.0f, 0.5f, 0.3f, 1f, 1f, 1f, 1f }, 2, 4));
        Assert.That(d.BatchShape.ToArray(), Is.EqualTo(new long[] { 2 }));
        Assert.That(d.NumEvents, Is.EqualTo(4));
        Tensor s = d.Sample([5000, 3], new Generator(11));
        Assert.That(s.Shape.ToArray(), Is.EqualTo(new long[] { 5000, 3, 2 }));
        Assert.That(s.DType, Is.EqualTo(DType.Int64));
        long[] first = s.Select(2, 0).Contiguous().ToArray<long>();
        Assert.That(first, Has.None.EqualTo(1L), "probability 0 is never drawn");
        Assert.That(first.Count(v => v == 2) / 15000.0, Is.EqualTo(0.5).Within(0.02));
        Assert.That(first.Count(v => v == 0) / 15000.0, Is.EqualTo(0.2).Within(0.015));
        long[] second = s.Select(2, 1).Contiguous().ToArray<long>();
        Assert.That(second.Count(v => v == 3) / 15000.0, Is.EqualTo(0.25).Within(0.015));
        Assert.That(d.Sample([5000, 3], new Generator(11)).ToArray<long>(), Is.EqualTo(s.ToArray<long>()), "reproducible");
        Assert.That(d.Sample().Shape.ToArray(), Is.EqualTo(new long[] { 2 }));
    }

    [Test]
    public void CategoricalValidation()
    {
        using var scope = DisposeScope.Begin();
        Assert.Throws<ArgumentException>(() => Categorical.FromProbs(Tensor.From(new[] { 0.5f, -0.1f })));
        Assert.Throws<ArgumentException>(() => Categorical.FromProbs(Tensor.From(new[] { 0f, 0f })));
        Assert.Throws<ArgumentException>(() => Categorical.FromProbs(Tensor.Scalar(1.0)));
        Assert.Throws<ArgumentException>(() => Categorical.FromLogits(Tensor.From(new[] { 0f, float.NaN })));
        Assert.Throws<ArgumentException>(() => Categorical.FromLogits(Tensor.From(new long[] { 1, 2 })));
        using var d = Categorical.FromLogits(Tensor.Zeros(2, 3));
        var e = Assert.Throws<ArgumentException>(() => d.LogProb(Tensor.From(new long[] { 0, 3 })));
        Assert.That(e!.Message, Does.Contain("support"));
        Assert.Throws<ArgumentException>(() => d.LogProb(Tensor.From(new[] { 0.5f, 1f })));
        Assert.Throws<ArgumentException>(() => d.LogProb(Tensor.From(new long[] { 0, 1, 2 })), "shape [3] does not broadcast with [2]");
        using var unchecked_ = Categorical.FromLogits(Tensor.Zeros(3), validateArgs: false);
        Assert.That(unchecked_.LogProb(Tensor.From(new long[] { 2 })).Item<float>(), Is.EqualTo(-(float)Math.Log(3)).Within(1e-6));
    }

    [Test]
    public void CategoricalLogitsGradient()
    {
        using var scope = DisposeScope.Begin();
        Tensor logits = Tensor.From(new[] { 0.1f, 0.7f, -0.4f });
        logits.RequiresGrad = true;
        using var d = Categorical.FromLogits(logits);
        d.LogProb(Tensor.From(new long[] { 1 })).Sum().Backward();
        float[] p = logits.Softmax(0).ToArray<float>();
        Assert.That(logits.Grad!.ToArray<float>(), Is.EqualTo(new[] { -p[0], 1 - p[1], -p[2] }).Within(1e-6), "d log softmax_1 / d logits");
    }

    [Test]
    public void NormalSampleAndReparameterizedGradient()
    {
        using var scope = DisposeScope.Begin();
        Tensor loc = Tensor.From(new[] { 1.0f, -2.0f });
        Tensor scale = Tensor.From(new[] { 0.5f, 3.0f });
        loc.RequiresGrad = true;
        scale.RequiresGrad = true;
        using var d = new Normal(loc, scale);
        Tensor s = d.Sample([20000], new Generator(3));
        Assert.That(s.Shape.ToArray(), Is.EqualTo(new long[] { 20000, 2 }));
        Assert.That(s.RequiresGrad, Is.False);
        float[] mean = s.Mean(0).ToArray<float>();
        float[] std = s.Std(0).ToArray<float>();
        Assert.That(mean[0], Is.EqualTo(1.0).Within(0.02));
        Assert.That(mean[1], Is.EqualTo(-2.0).Within(0.1));
        Assert.That(std[0], Is.EqualTo(0.5).Within(0.02));
        Assert.That(std[1], Is.EqualTo(3.0).Within(0.06));

        Tensor r = d.RSample([4], new Generator(3));
        Assert.That(r.RequiresGrad, Is.True);
        Assert.That(r.ToArray<float>(), Is.EqualTo(d.Sample([4], new Generator(3)).ToArray<float>()), "same draws as Sample");
        r.Sum().Backward();
        Assert.That(loc.Grad!.ToArray<float>(), Is.EqualTo(new[] { 4f, 4f }));

        // d(loc + eps * scale)/d scale = sum of eps = sum((r - loc) / scale).
        Tensor eps = (r.Detach() - loc.Detach()) / scale.Detach();
        Assert.That(scale.Grad!.ToArray<float>(), Is.EqualTo(eps.Sum(0).ToArray<float>()).Within(1e-5));
    }

    [Test]
    public void NormalValidation()
    {
        using var scope = DisposeScope.Begin();
        Assert.Throws<ArgumentException>(() => _ = new Normal(0.0, 0.0));
        Assert.Throws<ArgumentException>(() => _ = new Normal(0.0, -1.0));
        Assert.Throws<ArgumentException>(() => _ = new Normal(double.NaN, 1.0));
        Assert.Throws<ArgumentException>(() => _ = new Normal(Tensor.Zeros(3), Tensor.Ones(2)));
        Assert.Throws<ArgumentException>(() => _ = new Normal(Tensor.From(new long[] { 0 }), Tensor.Ones(1)));
        using var d = new Normal(0.0, 1.0);
        Assert.That(d.BatchShape.Rank, Is.Zero);
        Assert.Throws<ArgumentException>(() => d.LogProb(Tensor.From(new[] { float.NaN })));
        Assert.That(d.LogProb(Tensor.Scalar(0.0, DType.Float32)).Item<float>(), Is.EqualTo(-0.5 * Math.Log(2 * Math.PI)).Within(1e-6));
        Assert.Throws<ArgumentException>(() => d.Sample([-1]));
        using var unvalidated = new Normal(0.0, -1.0, validateArgs: false);
        Assert.That(unvalidated.Scale.Item<float>(), Is.EqualTo(-1f));
    }
}
