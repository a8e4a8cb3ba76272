using System;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>GradCheck: finite-difference checks of built-in derivatives and of custom functions, and its failure reports.</summary>
[TestFixture]
public sealed class GradCheckTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    /// <summary>Uniform values in [offset - 1, offset + 1) that require grad.</summary>
    private static Tensor Input(long seed, double offset, params long[] shape)
    {
        using var generator = new Generator((ulong)seed);
        return Tensor.Rand(shape, DType.Float64, null, generator).Mul_(2.0).Add_(offset - 1.0).RequiresGrad_();
    }

    /// <summary>x^2 whose backward claims 3x: wrong.</summary>
    private sealed class WrongSquare : UnaryFunction
    {
        protected override Tensor Forward(FunctionContext ctx, Tensor x)
        {
            ctx.SaveForBackward(x);
            return x * x;
        }

        protected override Tensor? Backward(FunctionContext ctx, Tensor grad) => grad * 3.0 * ctx.SavedTensors[0];
    }

    /// <summary>x^3 whose backward is right but computed from a detached x: its own derivative is wrong.</summary>
    private sealed class FirstOrderOnlyCube : UnaryFunction
    {
        protected override Tensor Forward(FunctionContext ctx, Tensor x)
        {
            ctx.SaveForBackward(x);
            return x * x * x;
        }

        protected override Tensor? Backward(FunctionContext ctx, Tensor grad)
        {
            Tensor x = ctx.SavedTensors[0].Detach();
            return grad * 3.0 * x * x;
        }
    }

    [Test]
    public void UnaryOpsPassFirstAndSecondOrder()
    {
        Func<Tensor, Tensor>[] ops =
        {
            x => x.Exp(), x => x.Sin(), x => x.Tanh(), x => x.Sigmoid(), x => x * x * x,
        };
        foreach (Func<Tensor, Tensor> op in ops)
        {
            Tensor x = Input(1, 0, 2, 3);
            GradCheckResult first = GradCheck.Check(xs => op(xs[0]), new[] { x });
            Assert.That(first.Order, Is.EqualTo(1));
            Assert.That(first.EntriesChecked, Is.EqualTo(36), "6 outputs x 6 inputs");
            Assert.That(first.MaxAbsoluteError, Is.LessThan(1e-6));
            GradCheckResult second = GradCheck.CheckSecondOrder(xs => op(xs[0]), new[] { x });
            Assert.That(second.Order, Is.EqualTo(2));
        }
    }

    [Test]
    public void BinaryOpsWithBroadcastingPass()
    {
        Tensor a = Input(2, 0, 2, 3);
        Tensor b = Input(3, 3.0, 3);  // away from zero for the division
        GradCheck.Check(xs => xs[0] * xs[1] + xs[0] / xs[1], new[] { a, b });
        Tensor sameShape = Input(10, 3.0, 2, 3);
        GradCheck.CheckSecondOrder(xs => xs[0] * xs[1] + xs[0] / xs[1], new[] { a, sameShape });
        GradCheck.Check(xs => xs[0].Pow(xs[1]), new[] { Input(9, 1.6, 2, 3), b });
    }

    [Test]
    public void OnlyInputsThatRequireGradAreDifferentiated()
    {
        Tensor x = Input(4, 0, 3);
        Tensor constant = Tensor.From(new[] { 1.0, 2.0, 3.0 });
        GradCheckResult r = GradCheck.Check(xs => xs[0] * xs[1], new[] { x, constant });
        Assert.That(r.EntriesChecked, Is.EqualTo(9));
    }

    [Test]
    public void SeveralOutputsAreChecked()
    {
        Tensor x = Input(5, 0, 2);
        GradCheckResult r = GradCheck.Check(xs => new[] { xs[0].Exp(), xs[0] * 2.0 }, new[] { x });
        Assert.That(r.EntriesChecked, Is.EqualTo(8));
    }

    [Test]
    public void Float32InputsAreCheckedInFloat64AndNotModified()
    {
        Tensor x = Tensor.From(new float[] { 0.5f, -0.25f }).RequiresGrad_();
        DType seen = DType.Bool;
        GradCheck.Check(xs =>
        {
            seen = xs[0].DType;
            return xs[0].Tanh();
        }, new[] { x });
        Assert.That(seen, Is.EqualTo(DType.Float64));
        Assert.That(x.ToArray<float>(), Is.EqualTo(new float[] { 0.5f, -0.25f }));
        Assert.That(x.Grad, Is.Null, "the check touches no .Grad");
    }

    [Test]
    public void ACustomFunctionPasses()
    {
        Tensor x = Input(6, 0, 4);
        GradCheck.Check(xs => new CustomFunctionTests.Cube().Apply(xs[0]), new[] { x });
        GradCheck.CheckSecondOrder(xs => new CustomFunctionTests.Cube().Apply(xs[0]), new[] { x });
    }

    [Test]
    public void AWrongDerivativeIsReportedWithItsPlace()
    {
        Tensor x = Tensor.From(new[] { 0.5, -1.0, 2.0 }).RequiresGrad_();
        var error = Assert.Throws<GradCheckException>(() => GradCheck.Check(xs => new WrongSquare().Apply(xs[0]), new[] { x }))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Order, Is.EqualTo(1));
            Assert.That(error.InputIndex, Is.EqualTo(0));
            Assert.That(error.OutputIndex, Is.EqualTo(0));
            Assert.That(error.InputElement, Is.EqualTo(0));
            Assert.That(error.OutputElement, Is.EqualTo(0));
            Assert.That(error.Analytical, Is.EqualTo(1.5).Within(1e-9), "3x at 0.5");
            Assert.That(error.Numerical, Is.EqualTo(1.0).Within(1e-6), "2x at 0.5");
            Assert.That(error.Message, Does.Contain("input 0").And.Contain("1.5").And.Contain("numerically"));
        });
    }

    [Test]
    public void AWrongSecondDerivativeIsReported()
    {
        Tensor x = Tensor.From(new[] { 0.5, -1.0 }).RequiresGrad_();
        GradCheck.Check(xs => new FirstOrderOnlyCube().Apply(xs[0]), new[] { x });
        var error = Assert.Throws<GradCheckException>(() => GradCheck.CheckSecondOrder(
            xs => new FirstOrderOnlyCube().Apply(xs[0]), new[] { x }, new[] { Tensor.From(new[] { 1.0, 1.0 }) }))!;
        Assert.That(error.Order, Is.EqualTo(2));
        Assert.That(error.InputIndex, Is.EqualTo(0));
        Assert.That(error.Analytical, Is.EqualTo(0.0), "the detached backward has no derivative");
        Assert.That(error.Numerical, Is.EqualTo(3.0).Within(1e-5), "6x at 0.5");
    }

    [Test]
    public void ArgumentsAreChecked()
    {
        Tensor x = Input(7, 0, 2);
        Assert.Throws<ArgumentException>(() => GradCheck.Check(xs => xs[0].Exp(), new[] { Tensor.Ones(2) }), "nothing requires grad");
        Assert.Throws<ArgumentException>(() => GradCheck.Check(xs => xs[0].Exp(), new[] { x }, eps: 0));
        Assert.Throws<ArgumentException>(() => GradCheck.Check(xs => xs[0].Exp(), new[] { x }, atol: -1));
        Assert.Throws<ArgumentNullException>(() => GradCheck.Check((Func<Tensor[], Tensor>)null!, new[] { x }));
        Assert.Throws<ArgumentNullException>(() => GradCheck.Check(xs => xs[0], new Tensor[] { null! }));
    }

    [Test]
    public void TheCheckLeavesNoTensorBehind()
    {
        Tensor x = Input(8, 0, 3);
        AllocatorStats before = TestHelpers.SettledStats();
        GradCheck.Check(xs => xs[0].Exp() * xs[0], new[] { x });
        GradCheck.CheckSecondOrder(xs => xs[0].Exp() * xs[0], new[] { x });
        AllocatorStats after = EmberRuntime.GetAllocatorStats();
        Assert.That(after.LiveTensors, Is.EqualTo(before.LiveTensors));
        Assert.That(after.BytesInUse, Is.EqualTo(before.BytesInUse));
    }
}
