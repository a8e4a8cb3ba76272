using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using NUnit.Framework;
using static Ember.Tests.Api.AutogradTests;

namespace Ember.Tests.Api;

/// <summary>Gradient hooks and post-accumulate hooks: replacement, removal, exceptions, lifetimes.</summary>
[TestFixture]
public sealed class AutogradHookTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    private sealed class HookFailure : Exception
    {
        public HookFailure(string message) : base(message)
        {
        }
    }

    [Test]
    public void AHookOnALeafCanReplaceItsGradient()
    {
        Tensor x = Leaf(1, 2);
        double[]? seen = null;
        using HookHandle handle = x.RegisterHook(g =>
        {
            seen = g.ToArray<double>();
            return g * 10.0;
        });
        (x * 3.0).Backward(Tensor.OnesLike(x));
        Assert.That(seen, Is.EqualTo(new[] { 3.0, 3.0 }));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 30.0, 30.0 }));
    }

    [Test]
    public void AHookOnANonLeafChangesWhatFlowsFurther()
    {
        Tensor x = Leaf(1, 2);
        Tensor y = x * x;
        y.RegisterHook(g => g + 1.0);
        (y * 2.0).Backward(Tensor.OnesLike(y));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 6.0, 12.0 }), "(2 + 1) * 2x");
    }

    [Test]
    public void AHookReturningNullKeepsTheGradientAndHooksRunInOrder()
    {
        Tensor x = Leaf(1, 2);
        var order = new List<string>();
        x.RegisterHook(g =>
        {
            order.Add("first");
            return g * 2.0;
        });
        x.RegisterHook(g =>
        {
            order.Add("second " + g.ToArray<double>()[0]);
            return null;
        });
        (x * 1.0).Backward(Tensor.OnesLike(x));
        Assert.That(order, Is.EqualTo(new[] { "first", "second 2" }));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 2.0, 2.0 }));
    }

    [Test]
    public void ARemovedHookDoesNotRun()
    {
        Tensor x = Leaf(1);
        int calls = 0;
        HookHandle handle = x.RegisterHook(g =>
        {
            calls++;
            return null;
        });
        Assert.That(handle.Id, Is.GreaterThan(0));
        (x * 2.0).Backward(Tensor.OnesLike(x));
        handle.Remove();
        Assert.That(handle.IsRemoved, Is.True);
        handle.Dispose();  // idempotent
        (x * 2.0).Backward(Tensor.OnesLike(x));
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public void AnExceptionInAHookSurfacesFromBackwardUnchanged()
    {
        Tensor x = Leaf(1, 2);
        Tensor y = x * 2.0;
        y.RegisterHook(g => throw new HookFailure("bad gradient"));
        var error = Assert.Throws<HookFailure>(() => y.Backward(Tensor.OnesLike(y), retainGraph: true))!;
        Assert.That(error.Message, Is.EqualTo("bad gradient"));
        Assert.That(error.StackTrace, Does.Contain(nameof(AnExceptionInAHookSurfacesFromBackwardUnchanged)), "the original stack trace is kept");
        Assert.That(x.Grad, Is.Null, "the pass was aborted before the leaf");

        // The runtime and the thread are fine afterwards.
        Tensor z = x * 3.0;
        z.Backward(Tensor.OnesLike(z));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 3.0, 3.0 }));
    }

    [Test]
    public void AnExceptionInAHookSurfacesFromGrad()
    {
        Tensor x = Leaf(1);
        Tensor mid = x * 2.0;
        mid.RegisterHook(g => throw new InvalidOperationException("from a non-leaf hook"));
        Tensor y = mid * 2.0;
        Assert.Throws<InvalidOperationException>(() => Autograd.Grad(new[] { y }, new[] { x }, new Tensor?[] { Tensor.OnesLike(y) }));
    }

    [Test]
    public void LeafHooksDoNotRunForGradAsInPyTorch113()
    {
        Tensor x = Leaf(1);
        x.RegisterHook(g => g * 10.0);
        Tensor y = x * 2.0;
        Assert.That(Values(Autograd.Grad(new[] { y }, new[] { x }, new Tensor?[] { Tensor.OnesLike(y) })[0]), Is.EqualTo(new[] { 2.0 }));
    }

    [Test]
    public void AnEmberErrorInsideAHookKeepsItsType()
    {
        Tensor x = Leaf(1, 2);
        x.RegisterHook(g => g + Tensor.Ones(3));  // cannot broadcast
        Assert.Throws<EmberShapeException>(() => (x * 2.0).Backward(Tensor.OnesLike(x)));
    }

    [Test]
    public void AReplacementOfTheWrongShapeIsRejected()
    {
        Tensor x = Leaf(1, 2);
        x.RegisterHook(g => Tensor.Ones([3], DType.Float64));
        var error = Assert.Throws<EmberShapeException>(() => (x * 2.0).Backward(Tensor.OnesLike(x)))!;
        Assert.That(error.Message, Does.Contain("hook returned a gradient of shape"));
    }

    [Test]
    public void AHookCannotBeRegisteredOnATensorWithoutGrad()
    {
        var error = Assert.Throws<EmberAutogradException>(() => Tensor.Ones(2).RegisterHook(g => null))!;
        Assert.That(error.Message, Does.Contain("cannot register a hook on a tensor that doesn't require gradient"));
        Assert.Throws<ArgumentNullException>(() => Leaf(1).RegisterHook(null!));
    }

    [Test]
    public void TensorsMadeInsideAHookAreDisposedWhenItReturnsUnlessMovedOut()
    {
        Tensor x = Leaf(1, 2);
        Tensor? received = null, temporary = null, kept = null;
        x.RegisterHook(g =>
        {
            received = g;
            temporary = g * 2.0;
            kept = (g * 3.0).MoveToOuterScope();
            return null;
        });
        (x * 1.0).Backward(Tensor.OnesLike(x));
        Assert.Multiple(() =>
        {
            Assert.That(received!.IsDisposed, Is.True);
            Assert.That(temporary!.IsDisposed, Is.True);
            Assert.That(kept!.IsDisposed, Is.False);
            Assert.That(kept!.DisposeScope, Is.SameAs(scope), "moved to the scope around Backward");
        });
        Assert.That(kept!.ToArray<double>(), Is.EqualTo(new[] { 3.0, 3.0 }));
    }

    [Test]
    public void APostAccumulateHookSeesTheUpdatedGradient()
    {
        Tensor x = Leaf(1, 2);
        var seen = new List<double[]>();
        using HookHandle handle = x.RegisterPostAccumulateGradHook(t =>
        {
            Assert.That(t.SharesStorage(x), Is.True, "it receives the leaf");
            seen.Add(Values(t.Grad));
        });
        (x * 2.0).Backward(Tensor.OnesLike(x));
        (x * 3.0).Backward(Tensor.OnesLike(x));
        Assert.That(seen, Has.Count.EqualTo(2));
        Assert.That(seen[0], Is.EqualTo(new[] { 2.0, 2.0 }));
        Assert.That(seen[1], Is.EqualTo(new[] { 5.0, 5.0 }));
    }

    [Test]
    public void APostAccumulateHookCanActAsAnOptimizerStep()
    {
        Tensor w = Leaf(1, 2);
        w.RegisterPostAccumulateGradHook(t =>
        {
            using (Autograd.NoGrad())
            {
                t.Sub_(t.Grad! * 0.5);
            }

            t.Grad = null;
        });
        (w * w).Backward(Tensor.OnesLike(w));
        Assert.That(w.ToArray<double>(), Is.EqualTo(new[] { 0.0, 0.0 }), "w - 0.5 * 2w");
        Assert.That(w.Grad, Is.Null);
    }

    [Test]
    public void AnExceptionInAPostAccumulateHookSurfaces()
    {
        Tensor x = Leaf(1);
        x.RegisterPostAccumulateGradHook(_ => throw new HookFailure("after accumulation"));
        Assert.Throws<HookFailure>(() => (x * 2.0).Backward(Tensor.OnesLike(x)));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 2.0 }), "the gradient was accumulated before the hook ran");
    }

    [Test]
    public void PostAccumulateHooksAreForLeavesThatRequireGrad()
    {
        Tensor y = Leaf(1) * 2.0;
        Assert.Throws<EmberAutogradException>(() => y.RegisterPostAccumulateGradHook(_ => { }));
        Assert.Throws<EmberAutogradException>(() => Tensor.Ones(1).RegisterPostAccumulateGradHook(_ => { }));
    }

    [Test]
    public void ARemovedHookIsReleased()
    {
        Tensor x = Leaf(1);
        WeakReference captured = RegisterCapturingHook(x, out HookHandle handle);
        handle.Remove();
        TestHelpers.CollectGarbage();
        Assert.That(captured.IsAlive, Is.False, "the runtime freed the hook's GCHandle when it was removed");
    }

    [Test]
    public void AHookIsReleasedWithItsTensor()
    {
        Tensor x = Leaf(1);
        WeakReference captured = RegisterCapturingHook(x, out _);
        TestHelpers.CollectGarbage();
        Assert.That(captured.IsAlive, Is.True, "registered hooks stay alive");
        x.Dispose();
        TestHelpers.CollectGarbage();
        Assert.That(captured.IsAlive, Is.False, "the hook went with the leaf");
    }

    [Test]
    public void RemovingAHookAfterItsTensorWasDisposedIsHarmless()
    {
        Tensor x = Leaf(1);
        Tensor y = x * 2.0;
        int calls = 0;
        HookHandle handle = y.RegisterHook(g =>
        {
            calls++;
            return null;
        });
        Tensor z = y * 3.0;
        y.Dispose();
        handle.Remove();
        z.Backward(Tensor.OnesLike(z));
        Assert.That(calls, Is.EqualTo(0), "removed: silent even though the node still holds it");
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 6.0 }));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RegisterCapturingHook(Tensor x, out HookHandle handle)
    {
        var payload = new object();
        handle = x.RegisterHook(g => payload.GetHashCode() == 0 ? g : null);
        return new WeakReference(payload);
    }
}
