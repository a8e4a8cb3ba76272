using System;
using System.Runtime.CompilerServices;
using NUnit.Framework;
using static Ember.Tests.Api.AutogradTests;

namespace Ember.Tests.Api;

/// <summary>User-defined functions (torch.autograd.Function): forward/backward, context, second order, errors, lifetimes.</summary>
[TestFixture]
public sealed class CustomFunctionTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope()
    {
        scope.Dispose();
        Assert.That(Autograd.IsGradEnabled, Is.True);
    }

    /// <summary>x^3 with its derivative 3x^2, written with recording ops (so it differentiates twice).</summary>
    internal sealed class Cube : UnaryFunction
    {
        public bool GradModeInForward { get; private set; } = true;

        protected override Tensor Forward(FunctionContext ctx, Tensor x)
        {
            GradModeInForward = Autograd.IsGradEnabled;
            ctx.SaveForBackward(x);
            return x * x * x;
        }

        protected override Tensor? Backward(FunctionContext ctx, Tensor grad)
        {
            Tensor x = ctx.SavedTensors[0];
            return grad * 3.0 * x * x;
        }
    }

    /// <summary>(a * b, a + b): two inputs, two outputs.</summary>
    private sealed class MulAdd : Function
    {
        public bool[]? Needs { get; private set; }

        public Tensor?[]? GradsSeen { get; private set; }

        protected override Tensor[] Forward(FunctionContext ctx, Tensor[] inputs)
        {
            Needs = new[] { ctx.NeedsInputGrad[0], ctx.NeedsInputGrad[1] };
            ctx.SaveForBackward(inputs[0], inputs[1]);
            return new[] { inputs[0] * inputs[1], inputs[0] + inputs[1] };
        }

        protected override Tensor?[] Backward(FunctionContext ctx, Tensor?[] g)
        {
            GradsSeen = g;
            Tensor a = ctx.SavedTensors[0], b = ctx.SavedTensors[1];
            Tensor? ga = ctx.NeedsInputGrad[0] ? g[0]! * b + g[1]! : null;
            Tensor? gb = ctx.NeedsInputGrad[1] ? g[0]! * a + g[1]! : null;
            return new[] { ga, gb };
        }
    }

    /// <summary>Sorts nothing, but returns (values * 2, an int64 "index" output marked non-differentiable).</summary>
    private sealed class WithIndices : Function
    {
        protected override Tensor[] Forward(FunctionContext ctx, Tensor[] inputs)
        {
            Tensor doubled = inputs[0] * 2.0;
            Tensor scaled = inputs[0] * 5.0;
            Tensor indices = Tensor.Arange(inputs[0].NumberOfElements);
            ctx.MarkNonDifferentiable(scaled, indices);
            return new[] { doubled, scaled, indices };
        }

        protected override Tensor?[] Backward(FunctionContext ctx, Tensor?[] g) => new[] { g[0]! * 2.0 };
    }

    private sealed class Lambda : Function
    {
        private readonly Func<FunctionContext, Tensor[], Tensor[]> forward;
        private readonly Func<FunctionContext, Tensor?[], Tensor?[]> backward;

        public Lambda(Func<FunctionContext, Tensor[], Tensor[]> forward, Func<FunctionContext, Tensor?[], Tensor?[]> backward)
        {
            this.forward = forward;
            this.backward = backward;
        }

        protected override string Name => "LambdaBackward";

        protected override Tensor[] Forward(FunctionContext ctx, Tensor[] inputs) => forward(ctx, inputs);

        protected override Tensor?[] Backward(FunctionContext ctx, Tensor?[] gradOutputs) => backward(ctx, gradOutputs);
    }

    private sealed class BackwardFailure : Exception
    {
        public BackwardFailure() : base("backward failed on purpose")
        {
        }
    }

    [Test]
    public void AUnaryFunctionComputesAndDifferentiates()
    {
        Tensor x = Leaf(1, 2, 3);
        var cube = new Cube();
        Tensor y = cube.Apply(x);
        Assert.That(cube.GradModeInForward, Is.False, "forward runs with grad mode off");
        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 1.0, 8.0, 27.0 }));
        Assert.That(y.GradFn, Is.EqualTo("CubeBackward"));
        Assert.That(y.RequiresGrad, Is.True);
        Assert.That(y.IsLeaf, Is.False);
        (y * 2.0).Backward(Tensor.OnesLike(y));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 6.0, 24.0, 54.0 }));
    }

    [Test]
    public void AFunctionIsSecondOrderDifferentiableWithCreateGraph()
    {
        Tensor x = Leaf(1, 2, 3);
        Tensor y = new Cube().Apply(x);
        Tensor dy = Autograd.Grad(new[] { y }, new[] { x }, new Tensor?[] { Tensor.OnesLike(y) }, createGraph: true)[0]!;
        Assert.That(Values(dy), Is.EqualTo(new[] { 3.0, 12.0, 27.0 }));
        Assert.That(dy.RequiresGrad, Is.True);
        Tensor d2y = Autograd.Grad(new[] { dy }, new[] { x }, new Tensor?[] { Tensor.OnesLike(dy) })[0]!;
        Assert.That(Values(d2y), Is.EqualTo(new[] { 6.0, 12.0, 18.0 }));
    }

    [Test]
    public void SeveralInputsAndOutputs()
    {
        Tensor a = Leaf(1, 2);
        Tensor b = Leaf(3, 4);
        var f = new MulAdd();
        Tensor[] r = f.Apply(a, b);
        Assert.That(r, Has.Length.EqualTo(2));
        Assert.That(r[0].ToArray<double>(), Is.EqualTo(new[] { 3.0, 8.0 }));
        Assert.That(r[1].ToArray<double>(), Is.EqualTo(new[] { 4.0, 6.0 }));
        Assert.That(r[0].GradFn, Is.EqualTo("MulAddBackward"));
        Assert.That(f.Needs, Is.EqualTo(new[] { true, true }));
        Autograd.Backward(r, new Tensor?[] { Tensor.OnesLike(r[0]), Tensor.OnesLike(r[1]) * 10.0 });
        Assert.That(Values(a.Grad), Is.EqualTo(new[] { 13.0, 14.0 }), "b + 10");
        Assert.That(Values(b.Grad), Is.EqualTo(new[] { 11.0, 12.0 }), "a + 10");
    }

    [Test]
    public void NeedsInputGradFollowsTheInputs()
    {
        Tensor a = Leaf(1, 2);
        Tensor b = Tensor.From(new[] { 3.0, 4.0 });
        var f = new MulAdd();
        Tensor[] r = f.Apply(a, b);
        Assert.That(f.Needs, Is.EqualTo(new[] { true, false }));
        r[0].Backward(Tensor.OnesLike(r[0]));
        Assert.That(Values(a.Grad), Is.EqualTo(new[] { 3.0, 4.0 }), "b + the zeros materialized for the unused output");
        Assert.That(f.GradsSeen![1], Is.Not.Null, "gradients of unused outputs are materialized as zeros");
        Assert.That(b.Grad, Is.Null);
    }

    [Test]
    public void WithoutMaterializationUnusedOutputsGetNull()
    {
        Tensor?[]? seen = null;
        var f = new Lambda(
            (ctx, xs) =>
            {
                ctx.MaterializeGrads = false;
                return new[] { xs[0] * 2.0, xs[0] * 3.0 };
            },
            (ctx, g) =>
            {
                seen = (Tensor?[])g.Clone();
                return new[] { g[0]! * 2.0 };
            });
        Tensor x = Leaf(1);
        Tensor[] r = f.Apply(x);
        r[0].Backward(Tensor.OnesLike(r[0]));
        Assert.That(seen![0], Is.Not.Null);
        Assert.That(seen[1], Is.Null);
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 2.0 }));
    }

    [Test]
    public void NonDifferentiableOutputsDoNotRequireGrad()
    {
        Tensor x = Leaf(1, 2);
        Tensor[] r = new WithIndices().Apply(x);
        Assert.Multiple(() =>
        {
            Assert.That(r[0].RequiresGrad, Is.True);
            Assert.That(r[1].RequiresGrad, Is.False, "marked");
            Assert.That(r[2].RequiresGrad, Is.False, "integer");
            Assert.That(r[2].ToArray<long>(), Is.EqualTo(new long[] { 0, 1 }));
        });
        r[0].Backward(Tensor.OnesLike(r[0]));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 2.0, 2.0 }));
    }

    [Test]
    public void UnderNoGradNothingIsRecorded()
    {
        Tensor x = Leaf(1, 2);
        WeakReference state;
        Tensor y;
        using (Autograd.NoGrad())
        {
            (y, state) = ApplyTracked(x);
        }

        Assert.That(y.RequiresGrad, Is.False);
        Assert.That(y.GradFn, Is.Null);
        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 1.0, 8.0 }));
        TestHelpers.CollectGarbage();
        Assert.That(state.IsAlive, Is.False, "the function was released at once");
    }

    [Test]
    public void InputsThatDoNotRequireGradRecordNothing()
    {
        Tensor y = new Cube().Apply(Tensor.From(new[] { 2.0 }));
        Assert.That(y.RequiresGrad, Is.False);
        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 8.0 }));
    }

    [Test]
    public void AnExceptionInBackwardSurfacesFromBackwardUnchanged()
    {
        var f = new Lambda((ctx, xs) => new[] { xs[0] * 2.0 }, (ctx, g) => throw new BackwardFailure());
        Tensor x = Leaf(1);
        Tensor y = f.Apply(x)[0];
        var error = Assert.Throws<BackwardFailure>(() => y.Backward(Tensor.OnesLike(y), retainGraph: true))!;
        Assert.That(error.StackTrace, Does.Contain(nameof(Lambda)), "thrown inside the user's backward");
        Assert.Throws<BackwardFailure>(() => Autograd.Grad(new[] { y }, new[] { x }, new Tensor?[] { Tensor.OnesLike(y) }));
        Assert.That(x.Grad, Is.Null);
    }

    [Test]
    public void AnExceptionInForwardSurfacesFromApply()
    {
        AllocatorStats before = TestHelpers.SettledStats();
        var f = new Lambda(
            (ctx, xs) =>
            {
                _ = xs[0] * 2.0;  // a temporary, disposed on the way out
                throw new InvalidOperationException("forward failed");
            },
            (ctx, g) => g);
        Tensor x = Leaf(1);
        Assert.Throws<InvalidOperationException>(() => f.Apply(x));
        Assert.That(Autograd.IsGradEnabled, Is.True, "grad mode restored");
        Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo(before.LiveTensors + 1), "only x");
    }

    [Test]
    public void TheWrongNumberOfGradientsIsAnError()
    {
        var f = new Lambda((ctx, xs) => new[] { xs[0] + xs[1] }, (ctx, g) => new[] { g[0] });
        Tensor y = f.Apply(Leaf(1), Leaf(2))[0];
        var error = Assert.Throws<InvalidOperationException>(() => y.Backward(Tensor.OnesLike(y)))!;
        Assert.That(error.Message, Does.Contain("returned an incorrect number of gradients (expected 2, got 1)"));
    }

    [Test]
    public void AGradientOfTheWrongShapeIsAnAutogradError()
    {
        var f = new Lambda((ctx, xs) => new[] { xs[0] * 2.0 }, (ctx, g) => new Tensor?[] { Tensor.Ones([3], DType.Float64) });
        Tensor y = f.Apply(Leaf(1, 2))[0];
        var error = Assert.Throws<EmberAutogradException>(() => y.Backward(Tensor.OnesLike(y)))!;
        Assert.That(error.Message, Does.Contain("returned an invalid gradient at index 0"));
    }

    [Test]
    public void GradientsForInputsWithoutGradAreIgnoredAndNullMeansNone()
    {
        var f = new Lambda((ctx, xs) => new[] { xs[0] * xs[1] }, (ctx, g) => new Tensor?[] { null, g[0]! * 7.0 });
        Tensor a = Leaf(1);
        Tensor b = Tensor.From(new[] { 2.0 });
        Tensor y = f.Apply(a, b)[0];
        y.Backward(Tensor.OnesLike(y));
        Assert.That(a.Grad, Is.Null);
    }

    [Test]
    public void ChangingASavedTensorInPlaceIsDetected()
    {
        Tensor x = Leaf(1, 2);
        Tensor mid = x * 1.0;
        Tensor y = new Cube().Apply(mid);
        mid.Add_(1.0);
        var error = Assert.Throws<EmberAutogradException>(() => y.Backward(Tensor.OnesLike(y)))!;
        Assert.That(error.Message, Does.Contain("modified by an inplace operation"));
    }

    [Test]
    public void TheContextCarriesValuesAndGuardsItsPhases()
    {
        FunctionContext? kept = null;
        var f = new Lambda(
            (ctx, xs) =>
            {
                kept = ctx;
                ctx.Set("scale", 4.0);
                ctx.Set("label", "four");
                Assert.Throws<InvalidOperationException>(() => _ = ctx.SavedTensors);
                return new[] { xs[0] * 4.0 };
            },
            (ctx, g) =>
            {
                Assert.That(ctx.Get<string>("label"), Is.EqualTo("four"));
                Assert.That(ctx.TryGet("scale", out double s), Is.True);
                Assert.That(ctx.TryGet("scale", out string? _), Is.False, "wrong type");
                Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => ctx.Get<int>("missing"));
                Assert.Throws<InvalidOperationException>(() => ctx.SaveForBackward(g[0]!));
                return new[] { g[0]! * s };
            });
        Tensor x = Leaf(1);
        Tensor y = f.Apply(x)[0];
        Assert.Throws<InvalidOperationException>(() => _ = kept!.SavedTensors);
        Assert.Throws<InvalidOperationException>(() => kept!.MarkNonDifferentiable(y));
        y.Backward(Tensor.OnesLike(y));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 4.0 }));
    }

    [Test]
    public void MarkingATensorThatIsNotAnOutputIsAnError()
    {
        var f = new Lambda(
            (ctx, xs) =>
            {
                ctx.MarkNonDifferentiable(xs[0]);
                return new[] { xs[0] * 2.0 };
            },
            (ctx, g) => g);
        Assert.Throws<InvalidOperationException>(() => f.Apply(Leaf(1)));
    }

    [Test]
    public void ReturningAnInputGivesANewTensorWithHistory()
    {
        var identity = new Lambda((ctx, xs) => new[] { xs[0] }, (ctx, g) => new[] { g[0]! * 5.0 });
        Tensor x = Leaf(1, 2);
        Tensor y = identity.Apply(x)[0];
        Assert.That(y, Is.Not.SameAs(x));
        Assert.That(y.SharesStorage(x), Is.True);
        Assert.That(y.GradFn, Is.EqualTo("LambdaBackward"));
        Assert.That(x.IsLeaf, Is.True, "the input keeps being a leaf");
        y.Backward(Tensor.OnesLike(y));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 5.0, 5.0 }));
    }

    [Test]
    public void TensorsMadeInForwardAndBackwardAreDisposedButTheGraphKeepsWhatItNeeds()
    {
        Tensor? forwardTemporary = null, forwardOutput = null, backwardTemporary = null;
        var f = new Lambda(
            (ctx, xs) =>
            {
                forwardTemporary = xs[0] * xs[0];
                forwardOutput = forwardTemporary * xs[0];
                ctx.SaveForBackward(forwardTemporary);  // an intermediate: the runtime keeps it
                return new[] { forwardOutput };
            },
            (ctx, g) =>
            {
                backwardTemporary = ctx.SavedTensors[0] * 3.0;
                return new[] { g[0]! * backwardTemporary };
            });
        Tensor x = Leaf(2);
        Tensor y = f.Apply(x)[0];
        Assert.That(forwardTemporary!.IsDisposed, Is.True);
        Assert.That(forwardOutput!.IsDisposed, Is.True);
        Assert.That(y.IsDisposed, Is.False);
        Assert.That(y.DisposeScope, Is.SameAs(scope), "results belong to the caller's scope");
        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 8.0 }));
        y.Backward(Tensor.OnesLike(y));
        Assert.That(backwardTemporary!.IsDisposed, Is.True);
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 12.0 }));
    }

    [Test]
    public void TheFunctionIsReleasedWithItsGraph()
    {
        Tensor x = Leaf(1, 2);
        (Tensor y, WeakReference state) = ApplyTracked(x);
        TestHelpers.CollectGarbage();
        Assert.That(state.IsAlive, Is.True, "the graph holds the function");
        y.Backward(Tensor.OnesLike(y));  // frees saved tensors, not the node
        y.Dispose();
        TestHelpers.CollectGarbage();
        Assert.That(state.IsAlive, Is.False, "the node went with the last tensor that leads to it");
    }

    [Test]
    public void FunctionsComposeWithBuiltInOps()
    {
        Tensor x = Leaf(0.5, -1.0);
        Tensor y = new Cube().Apply(x.Exp()).Sin();
        y.Backward(Tensor.OnesLike(y));
        double[] expected = Array.ConvertAll(new[] { 0.5, -1.0 }, v => Math.Cos(Math.Exp(3 * v)) * 3 * Math.Exp(3 * v));
        Assert.That(Values(x.Grad), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void ArgumentsAreChecked()
    {
        var cube = new Cube();
        Assert.Throws<ArgumentNullException>(() => cube.Apply((Tensor)null!));
        Assert.Throws<ArgumentNullException>(() => cube.Apply((Tensor[])null!));
        Assert.Throws<ArgumentException>(() => cube.Apply(Leaf(1), Leaf(2)));
        var empty = new Lambda((ctx, xs) => Array.Empty<Tensor>(), (ctx, g) => g);
        Assert.Throws<InvalidOperationException>(() => empty.Apply(Leaf(1)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Tensor, WeakReference) ApplyTracked(Tensor x)
    {
        var cube = new Cube();
        return (cube.Apply(x), new WeakReference(cube));
    }
}
