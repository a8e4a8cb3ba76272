using System;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>
/// Autograd through the managed API: backward and grad, accumulation, leaves and grad_fn,
/// retain_grad, detach, versions, and the errors PyTorch raises (values checked against PyTorch 1.13).
/// </summary>
[TestFixture]
public sealed class AutogradTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope()
    {
        scope.Dispose();
        Assert.That(Autograd.IsGradEnabled, Is.True, "a test left grad mode off");
    }

    internal static Tensor Leaf(params double[] values) => Tensor.From(values).RequiresGrad_();

    internal static double[] Values(Tensor? t)
    {
        Assert.That(t, Is.Not.Null, "no gradient");
        return t!.To(DType.Float64).ToArray<double>();
    }

    [Test]
    public void BackwardOfAScalarFillsTheLeafGradient()
    {
        Tensor x = Tensor.Scalar(3.0, DType.Float64).RequiresGrad_();
        Tensor y = x * x + 2.0 * x;
        y.Backward();
        Assert.That(x.Grad!.Item<double>(), Is.EqualTo(8.0), "2x + 2 at 3");
        Assert.That(x.Grad!.DType, Is.EqualTo(DType.Float64));
    }

    [Test]
    public void BackwardWithAGradientIsAVectorJacobianProduct()
    {
        Tensor x = Leaf(1, 2, 3);
        Tensor y = x * x * x;
        y.Backward(Tensor.From(new[] { 1.0, 0.5, -1.0 }));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 3.0, 6.0, -27.0 }).Within(1e-12));
    }

    [Test]
    public void GradientsAccumulateOverPassesUntilCleared()
    {
        Tensor x = Leaf(1, 2);
        Tensor ones = Tensor.OnesLike(x);
        (x * 3.0).Backward(ones);
        (x * x).Backward(ones);
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 5.0, 7.0 }), "3 + 2x");
        x.Grad = null;
        Assert.That(x.Grad, Is.Null);
        (x * 3.0).Backward(ones);
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 3.0, 3.0 }));
    }

    [Test]
    public void ATensorUsedTwiceGetsTheSumOfBothPaths()
    {
        Tensor x = Leaf(2);
        Tensor y = x.Exp() * x.Sin();
        y.Backward(Tensor.Ones([1], DType.Float64));
        double v = 2;
        Assert.That(Values(x.Grad)[0], Is.EqualTo(Math.Exp(v) * Math.Sin(v) + Math.Exp(v) * Math.Cos(v)).Within(1e-12));
    }

    [Test]
    public void FloatAndMixedDTypesFollowTheInputs()
    {
        Tensor x = Tensor.From(new float[] { 1, 2 }).RequiresGrad_();
        Tensor w = Tensor.From(new[] { 0.5, 0.25 }).RequiresGrad_();
        Tensor y = x * w;  // promotes to float64
        Assert.That(y.DType, Is.EqualTo(DType.Float64));
        y.Backward(Tensor.Ones([2], DType.Float64));
        Assert.That(x.Grad!.DType, Is.EqualTo(DType.Float32), "the gradient has the leaf's dtype");
        Assert.That(x.Grad!.ToArray<float>(), Is.EqualTo(new float[] { 0.5f, 0.25f }));
        Assert.That(Values(w.Grad), Is.EqualTo(new[] { 1.0, 2.0 }));
    }

    [Test]
    public void BroadcastInputsGetGradientsOfTheirOwnShape()
    {
        Tensor x = Tensor.From(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, 2, 3).RequiresGrad_();
        Tensor b = Leaf(10, 20, 30);
        Tensor y = x * b;
        y.Backward(Tensor.OnesLike(y));
        Assert.That(b.Grad!.Shape.ToArray(), Is.EqualTo(new long[] { 3 }));
        Assert.That(Values(b.Grad), Is.EqualTo(new[] { 5.0, 7.0, 9.0 }));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 10.0, 20.0, 30.0, 10.0, 20.0, 30.0 }));
    }

    [Test]
    public void RequiresGradLeafAndGradFnFollowPyTorch()
    {
        Tensor plain = Tensor.Ones(2);
        Assert.Multiple(() =>
        {
            Assert.That(plain.RequiresGrad, Is.False);
            Assert.That(plain.IsLeaf, Is.True);
            Assert.That(plain.GradFn, Is.Null);
            Assert.That(plain.Grad, Is.Null);
        });

        Tensor x = Tensor.Ones(2);
        Assert.That(x.RequiresGrad_(), Is.SameAs(x));
        Tensor y = x * 2.0;
        Tensor z = y.Exp();
        Tensor plainResult = plain * 2.0;
        Assert.Multiple(() =>
        {
            Assert.That(x.RequiresGrad, Is.True);
            Assert.That(x.IsLeaf, Is.True);
            Assert.That(x.GradFn, Is.Null);
            Assert.That(y.RequiresGrad, Is.True);
            Assert.That(y.IsLeaf, Is.False);
            Assert.That(y.GradFn, Is.EqualTo("MulBackward0"));
            Assert.That(z.GradFn, Is.EqualTo("ExpBackward0"));
            Assert.That(plainResult.RequiresGrad, Is.False);
            Assert.That(plainResult.IsLeaf, Is.True);
        });

        x.RequiresGrad = false;
        Assert.That(x.RequiresGrad, Is.False);
        Assert.That((x * 2.0).RequiresGrad, Is.False);
    }

    [Test]
    public void OnlyFloatingLeavesCanRequireGrad()
    {
        var error = Assert.Throws<EmberDTypeException>(() => Tensor.Arange(3).RequiresGrad_())!;
        Assert.That(error.Message, Does.Contain("only Tensors of floating point dtype can require gradients"));
    }

    [Test]
    public void RequiresGradCannotBeTurnedOffOnANonLeaf()
    {
        Tensor y = Leaf(1) * 2.0;
        var error = Assert.Throws<EmberAutogradException>(() => y.RequiresGrad = false)!;
        Assert.That(error.Message, Does.Contain("you can only change requires_grad flags of leaf variables"));
    }

    [Test]
    public void GradCanBeSetAndIsChecked()
    {
        Tensor x = Leaf(1, 2);
        x.Grad = Tensor.From(new[] { 5.0, 6.0 });
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 5.0, 6.0 }));
        (x * 2.0).Backward(Tensor.OnesLike(x));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 7.0, 8.0 }), "backward accumulates into the set gradient");

        Assert.Throws<EmberShapeException>(() => x.Grad = Tensor.Zeros([3], DType.Float64));
        Assert.Throws<EmberDTypeException>(() => x.Grad = Tensor.Zeros(2));
        Assert.Throws<EmberArgumentException>(() => x.Grad = x);
    }

    [Test]
    public void EachReadOfGradIsItsOwnTensorOverTheSameGradient()
    {
        Tensor x = Leaf(1, 2);
        (x * 2.0).Backward(Tensor.OnesLike(x));
        Tensor first = x.Grad!;
        Tensor second = x.Grad!;
        Assert.That(first, Is.Not.SameAs(second));
        Assert.That(first.SharesStorage(second), Is.True);
        first.Dispose();
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 2.0, 2.0 }), "disposing a read leaves the gradient");
    }

    [Test]
    public void RetainGradKeepsANonLeafGradient()
    {
        Tensor x = Leaf(1, 2);
        Tensor y = x * 3.0;
        Tensor unretained = x * 4.0;
        Assert.That(y.RetainsGrad, Is.False);
        y.RetainGrad();
        Assert.That(y.RetainsGrad, Is.True);
        x.RetainGrad();
        Assert.That(x.RetainsGrad, Is.False, "a no-op on leaves, as in PyTorch");
        (y * y + unretained).Backward(Tensor.OnesLike(x));
        Assert.That(Values(y.Grad), Is.EqualTo(new[] { 6.0, 12.0 }), "2y");
        Assert.That(unretained.Grad, Is.Null, "non-leaves keep no gradient unless asked");
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 22.0, 40.0 }), "18x + 4");
    }

    [Test]
    public void RetainGradOnATensorWithoutGradIsAnError()
    {
        var error = Assert.Throws<EmberAutogradException>(() => Tensor.Ones(2).RetainGrad())!;
        Assert.That(error.Message, Does.Contain("can't retain_grad on Tensor that has requires_grad=False"));
    }

    [Test]
    public void BackwardTwiceWithoutRetainGraphIsAnAutogradError()
    {
        Tensor x = Leaf(1, 2);
        Tensor y = x * x;
        Tensor ones = Tensor.OnesLike(y);
        y.Backward(ones);
        var error = Assert.Throws<EmberAutogradException>(() => y.Backward(ones))!;
        Assert.That(error.Message, Does.Contain("backward through the graph a second time"));
        Assert.That(error, Is.InstanceOf<EmberException>());
    }

    [Test]
    public void RetainGraphAllowsASecondPass()
    {
        Tensor x = Leaf(1, 2);
        Tensor y = x * x;
        Tensor ones = Tensor.OnesLike(y);
        y.Backward(ones, retainGraph: true);
        y.Backward(ones);
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 4.0, 8.0 }));
    }

    [Test]
    public void ANonScalarOutputNeedsAGradient()
    {
        Tensor y = Leaf(1, 2) * 2.0;
        var error = Assert.Throws<EmberAutogradException>(() => y.Backward())!;
        Assert.That(error.Message, Does.Contain("grad can be implicitly created only for scalar outputs"));
    }

    [Test]
    public void AGradientOfTheWrongShapeIsRejected()
    {
        Tensor y = Leaf(1, 2) * 2.0;
        var shape = Assert.Throws<EmberShapeException>(() => y.Backward(Tensor.Ones([3], DType.Float64), retainGraph: true))!;
        Assert.That(shape.Message, Does.Contain("Mismatch in shape"));
        Assert.Throws<EmberShapeException>(() => Autograd.Grad(new[] { y }, new[] { y }, new Tensor?[] { Tensor.Ones([1, 2], DType.Float64) }));
    }

    [Test]
    public void BackwardOnATensorThatDoesNotRequireGradIsAnError()
    {
        var error = Assert.Throws<EmberAutogradException>(() => Tensor.Ones(1).Backward())!;
        Assert.That(error.Message, Does.Contain("does not require grad and does not have a grad_fn"));
    }

    [Test]
    public void ChangingASavedTensorInPlaceIsDetected()
    {
        Tensor x = Leaf(1, 2);
        Tensor a = x * 2.0;
        Tensor b = a * a;  // saves a
        long before = a.Version;
        a.Add_(1.0);
        Assert.That(a.Version, Is.EqualTo(before + 1));
        var error = Assert.Throws<EmberAutogradException>(() => b.Backward(Tensor.OnesLike(b)))!;
        Assert.That(error.Message, Does.Contain("modified by an inplace operation"));
    }

    [Test]
    public void InPlaceOpsOnALeafThatRequiresGradAreRefused()
    {
        Tensor x = Leaf(1, 2);
        Assert.Throws<EmberAutogradException>(() => x.Add_(1.0));
        using (Autograd.NoGrad())
        {
            x.Add_(1.0);  // allowed without recording, as in PyTorch
        }

        Assert.That(x.ToArray<double>(), Is.EqualTo(new[] { 2.0, 3.0 }));
    }

    [Test]
    public void VersionCountsInPlaceWritesSharedByViews()
    {
        Tensor t = Tensor.Zeros(4);
        Tensor view = t[1..3];
        long start = t.Version;  // (PyTorch starts at 0; Ember's factories count their own fill)
        Assert.That(view.Version, Is.EqualTo(start));
        t.Add_(1.0);
        view.Mul_(2.0);
        Assert.That(t.Version, Is.EqualTo(start + 2));
        Assert.That(view.Version, Is.EqualTo(start + 2));
        Assert.That(Tensor.From(new[] { 1.0 }).Version, Is.EqualTo(0));
    }

    [Test]
    public void DetachSharesStorageAndCutsTheGraph()
    {
        Tensor x = Leaf(1, 2);
        Tensor y = x * 2.0;
        Tensor d = y.Detach();
        Assert.Multiple(() =>
        {
            Assert.That(d.RequiresGrad, Is.False);
            Assert.That(d.IsLeaf, Is.True);
            Assert.That(d.GradFn, Is.Null);
            Assert.That(d.SharesStorage(y), Is.True);
            Assert.That(y.RequiresGrad, Is.True, "the original keeps its history");
        });

        d.Fill_(7.0);
        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 7.0, 7.0 }), "writes through the detached tensor are seen");
        Assert.That((d * x).GradFn, Is.EqualTo("MulBackward0"));
    }

    [Test]
    public void DetachInPlaceMakesALeaf()
    {
        Tensor y = Leaf(1, 2) * 2.0;
        Assert.That(y.Detach_(), Is.SameAs(y));
        Assert.Multiple(() =>
        {
            Assert.That(y.IsLeaf, Is.True);
            Assert.That(y.RequiresGrad, Is.False);
            Assert.That(y.GradFn, Is.Null);
        });
    }

    [Test]
    public void GradReturnsGradientsWithoutTouchingDotGrad()
    {
        Tensor x = Leaf(1, 2);
        Tensor w = Leaf(3, 4);
        Tensor y = x * w + x.Exp();
        Tensor?[] grads = Autograd.Grad(new[] { y }, new[] { x, w }, new Tensor?[] { Tensor.OnesLike(y) });
        Assert.That(grads, Has.Length.EqualTo(2));
        Assert.That(Values(grads[0]), Is.EqualTo(new[] { 3 + Math.Exp(1), 4 + Math.Exp(2) }).Within(1e-12));
        Assert.That(Values(grads[1]), Is.EqualTo(new[] { 1.0, 2.0 }));
        Assert.That(x.Grad, Is.Null);
        Assert.That(w.Grad, Is.Null);
        Assert.That(grads[0]!.RequiresGrad, Is.False, "no create_graph: plain tensors");
    }

    [Test]
    public void GradOfAnUnusedInputIsAnErrorUnlessAllowed()
    {
        Tensor x = Leaf(1);
        Tensor unused = Leaf(2);
        Tensor y = x * 2.0;
        var error = Assert.Throws<EmberAutogradException>(() => Autograd.Grad(new[] { y }, new[] { x, unused }, retainGraph: true))!;
        Assert.That(error.Message, Does.Contain("appears to not have been used in the graph"));
        Tensor?[] grads = Autograd.Grad(new[] { y }, new[] { x, unused }, allowUnused: true);
        Assert.That(Values(grads[0]), Is.EqualTo(new[] { 2.0 }));
        Assert.That(grads[1], Is.Null);
    }

    [Test]
    public void GradWithRespectToATensorThatDoesNotRequireGradIsAnError()
    {
        Tensor x = Leaf(1);
        Tensor plain = Tensor.Ones([1], DType.Float64);
        Tensor y = x * plain;
        var error = Assert.Throws<EmberAutogradException>(() => Autograd.Grad(new[] { y }, new[] { plain }))!;
        Assert.That(error.Message, Does.Contain("does not require grad"));
    }

    [Test]
    public void GradOfSeveralOutputsSumsTheirContributions()
    {
        Tensor x = Leaf(1, 2);
        Tensor a = x * x;
        Tensor b = x * 3.0;
        Tensor?[] grads = Autograd.Grad(new[] { a, b }, new[] { x }, new Tensor?[] { Tensor.OnesLike(a), Tensor.OnesLike(b) });
        Assert.That(Values(grads[0]), Is.EqualTo(new[] { 5.0, 7.0 }));
    }

    [Test]
    public void BackwardOverSeveralTensorsAccumulatesAll()
    {
        Tensor x = Leaf(1, 2);
        Tensor a = x * x;
        Tensor b = x.Exp();
        Autograd.Backward(new[] { a, b }, new Tensor?[] { Tensor.OnesLike(a), Tensor.OnesLike(b) });
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 2 + Math.Exp(1), 4 + Math.Exp(2) }).Within(1e-12));
    }

    [Test]
    public void BackwardWithInputsOnlyFillsThoseTensors()
    {
        Tensor x = Leaf(1, 2);
        Tensor w = Leaf(3, 4);
        Tensor mid = x * w;
        Tensor y = mid * 2.0;
        y.Backward(Tensor.OnesLike(y), retainGraph: true, inputs: new[] { w });
        Assert.That(x.Grad, Is.Null);
        Assert.That(Values(w.Grad), Is.EqualTo(new[] { 2.0, 4.0 }));
        y.Backward(Tensor.OnesLike(y), inputs: new[] { mid });
        Assert.That(Values(mid.Grad), Is.EqualTo(new[] { 2.0, 2.0 }), "a non-leaf listed in inputs gets its .Grad");
    }

    [Test]
    public void ArgumentErrorsAreCheckedBeforeTheRuntime()
    {
        Tensor y = Leaf(1) * 2.0;
        Assert.Throws<ArgumentNullException>(() => Autograd.Backward(null!));
        Assert.Throws<ArgumentNullException>(() => Autograd.Backward(new Tensor[] { null! }));
        Assert.Throws<ArgumentException>(() => Autograd.Backward(Array.Empty<Tensor>()));
        Assert.Throws<ArgumentException>(() => Autograd.Backward(new[] { y }, new Tensor?[] { null, null }));
        Assert.Throws<ArgumentException>(() => y.Backward(inputs: Array.Empty<Tensor>()));
        Assert.Throws<ArgumentException>(() => Autograd.Grad(new[] { y }, Array.Empty<Tensor>()));
    }

    [Test]
    public void CreateGraphGivesSecondDerivatives()
    {
        Tensor x = Leaf(1, 2, 3);
        Tensor y = x * x * x;
        Tensor dy = Autograd.Grad(new[] { y }, new[] { x }, new Tensor?[] { Tensor.OnesLike(y) }, createGraph: true)[0]!;
        Assert.That(dy.RequiresGrad, Is.True);
        Assert.That(Values(dy), Is.EqualTo(new[] { 3.0, 12.0, 27.0 }));
        Tensor d2y = Autograd.Grad(new[] { dy }, new[] { x }, new Tensor?[] { Tensor.OnesLike(dy) })[0]!;
        Assert.That(Values(d2y), Is.EqualTo(new[] { 6.0, 12.0, 18.0 }));
    }

    [Test]
    public void BackwardWithCreateGraphLeavesADifferentiableGradient()
    {
        Tensor x = Leaf(2);
        Tensor y = x * x * x;
        y.Backward(Tensor.OnesLike(y), createGraph: true);
        Tensor g = x.Grad!;
        Assert.That(g.RequiresGrad, Is.True);
        Assert.That(Values(g), Is.EqualTo(new[] { 12.0 }));
        x.Grad = null;
        g.Backward(Tensor.OnesLike(g));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 12.0 }), "6x");
    }

    [Test]
    public void TheGraphSurvivesDisposalOfTheTensorsThatBuiltIt()
    {
        Tensor x = Leaf(1, 2);
        Tensor loss;
        using (DisposeScope inner = DisposeScope.Begin())
        {
            Tensor a = x.Exp();
            Tensor b = a * x;
            loss = inner.Keep(b * 2.0);
        }

        loss.Backward(Tensor.OnesLike(loss));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 2 * (Math.Exp(1) + Math.Exp(1)), 2 * (Math.Exp(2) + 2 * Math.Exp(2)) }).Within(1e-12));
    }
}
