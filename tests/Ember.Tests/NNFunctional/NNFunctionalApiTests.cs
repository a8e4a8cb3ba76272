using System;
using Ember.NN;
using NUnit.Framework;

namespace Ember.Tests.NNFunctional;

/// <summary>What the fixtures cannot express: dropout, argument checks, defaults.</summary>
[TestFixture]
public sealed class NNFunctionalApiTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    [Test]
    public void DropoutIdentityCasesReturnTheInput()
    {
        Tensor x = Tensor.Ones(3, 4);
        Assert.That(Functional.Dropout(x, 0.5, training: false), Is.SameAs(x));
        Assert.That(Functional.Dropout(x, 0.0), Is.SameAs(x));
        Assert.That(Functional.Dropout(x, 1.0).ToArray<float>(), Is.All.EqualTo(0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.Dropout(x, 1.5));
    }

    [Test]
    public void DropoutScalesKeptElementsAndFollowsTheGenerator()
    {
        Tensor x = Tensor.Ones(10000);
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        float[] a = Functional.Dropout(x, 0.2, generator: g1).ToArray<float>();
        float[] b = Functional.Dropout(x, 0.2, generator: g2).ToArray<float>();
        Assert.That(a, Is.EqualTo(b));
        int dropped = 0;
        foreach (float v in a)
        {
            if (v == 0)
            {
                dropped++;
            }
            else
            {
                Assert.That(v, Is.EqualTo(1.25f).Within(1e-6));
            }
        }

        Assert.That(dropped / 10000.0, Is.EqualTo(0.2).Within(0.02));
    }

    [Test]
    public void LossDefaultsAreMeanAndIgnoreIndexMinus100()
    {
        Tensor logits = Tensor.From(new[] { 1.0, 2.0, 0.5, -1.0, 0.0, 3.0 }, 2, 3);
        Tensor target = Tensor.From(new[] { 1L, -100L });
        Tensor none = Functional.CrossEntropy(logits, target, reduction: Reduction.None);
        Assert.That(none.ToArray<double>()[1], Is.EqualTo(0.0));
        Assert.That(Functional.CrossEntropy(logits, target).ToArray<double>()[0], Is.EqualTo(none.ToArray<double>()[0]).Within(1e-12));
    }

    [Test]
    public void LayerNormTrainsThroughBackward()
    {
        Tensor x = Tensor.From(new[] { 1.0f, 2.0f, 4.0f, -1.0f, 0.0f, 5.0f }, 2, 3).RequiresGrad_();
        Tensor w = Tensor.Ones(3).RequiresGrad_();
        Tensor y = Functional.LayerNorm(x, [3], w);
        Functional.MseLoss(y, Tensor.ZerosLike(y)).Backward();
        Assert.That(w.Grad, Is.Not.Null);
        Assert.That(x.Grad!.Shape.ToArray(), Is.EqualTo(new long[] { 2, 3 }));
    }

    [Test]
    public void ErrorsAreTyped()
    {
        Tensor x = Tensor.Ones(2, 3);
        Assert.Throws<EmberShapeException>(() => Functional.LayerNorm(x, [4]));
        Assert.Throws<EmberShapeException>(() => Functional.GroupNorm(Tensor.Ones(2, 6, 3), 4));
        Assert.Throws<EmberIndexException>(() => Functional.Embedding(Tensor.From(new[] { 5L }), Tensor.Ones(3, 2)));
        Assert.Throws<EmberArgumentException>(() => Functional.BatchNorm(x, null, null));
        Assert.Throws<ArgumentNullException>(() => Functional.MseLoss(null!, x));
        Assert.Throws<ArgumentOutOfRangeException>(() => Functional.MseLoss(x, x, (Reduction)9));
    }
}
