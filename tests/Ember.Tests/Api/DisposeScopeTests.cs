using System;
using System.Threading;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>DisposeScope: everything created inside is disposed at the end, except what is kept.</summary>
[TestFixture]
public sealed class DisposeScopeTests
{
    [TearDown]
    public void NoScopeLeftOpen() => Assert.That(DisposeScope.Current, Is.Null, "a test left a scope open");

    [Test]
    public void TensorsCreatedInsideAreDisposedAtTheEnd()
    {
        AllocatorStats before = TestHelpers.SettledStats();
        Tensor a, b, view;
        using (DisposeScope scope = DisposeScope.Begin())
        {
            Assert.That(DisposeScope.Current, Is.SameAs(scope));
            a = Tensor.Ones(3, 4);
            b = a * 2.0 + 1.0;
            view = b[0];
            Assert.That(scope.Count, Is.EqualTo(4), "a, a * 2, b and the view");
            Assert.That(a.DisposeScope, Is.SameAs(scope));
        }

        Assert.Multiple(() =>
        {
            Assert.That(a.IsDisposed, Is.True);
            Assert.That(b.IsDisposed, Is.True);
            Assert.That(view.IsDisposed, Is.True);
            Assert.That(DisposeScope.Current, Is.Null);
            Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo(before.LiveTensors));
        });
    }

    [Test]
    public void NestedScopesDisposeTheirOwnTensors()
    {
        using DisposeScope outer = DisposeScope.Begin();
        Tensor outerTensor = Tensor.Ones(2);
        Tensor innerTensor;
        using (DisposeScope inner = DisposeScope.Begin())
        {
            Assert.That(inner.Parent, Is.SameAs(outer));
            innerTensor = outerTensor + 1;
            Assert.That(innerTensor.DisposeScope, Is.SameAs(inner));
        }

        Assert.That(innerTensor.IsDisposed, Is.True, "the inner scope disposed its tensor");
        Assert.That(outerTensor.IsDisposed, Is.False, "the outer tensor lives until the outer scope ends");
        Assert.That(DisposeScope.Current, Is.SameAs(outer));
        outer.Dispose();
        Assert.That(outerTensor.IsDisposed, Is.True);
    }

    [Test]
    public void KeepMovesATensorToTheEnclosingScope()
    {
        Tensor kept;
        using (DisposeScope outer = DisposeScope.Begin())
        {
            using (DisposeScope inner = DisposeScope.Begin())
            {
                Tensor t = Tensor.Ones(3);
                kept = inner.Keep(t * 5);
                Assert.That(kept.DisposeScope, Is.SameAs(outer));
            }

            Assert.That(kept.IsDisposed, Is.False, "kept: survives the inner scope");
            Assert.That(kept.ToArray<float>(), Is.EqualTo(new float[] { 5, 5, 5 }));
        }

        Assert.That(kept.IsDisposed, Is.True, "the enclosing scope disposes it in turn");
    }

    [Test]
    public void KeepWithoutAnEnclosingScopeHandsTheTensorToTheCaller()
    {
        Tensor result = Compute();
        Assert.That(result.IsDisposed, Is.False);
        Assert.That(result.DisposeScope, Is.Null);
        Assert.That(result.ToArray<long>(), Is.EqualTo(new long[] { 0, 2, 4 }));
        result.Dispose();

        static Tensor Compute()
        {
            using DisposeScope scope = DisposeScope.Begin();
            Tensor x = Tensor.Arange(3);
            return scope.Keep(x * 2);
        }
    }

    [Test]
    public void MoveToOuterScopeIsKeep()
    {
        using DisposeScope outer = DisposeScope.Begin();
        Tensor moved;
        using (DisposeScope.Begin())
        {
            moved = Tensor.Zeros(2).MoveToOuterScope();
        }

        Assert.That(moved.IsDisposed, Is.False);
        Assert.That(moved.DisposeScope, Is.SameAs(outer));
    }

    [Test]
    public void DetachFromDisposeScopeLeavesEveryScope()
    {
        Tensor detached;
        using (DisposeScope.Begin())
        {
            using (DisposeScope.Begin())
            {
                detached = Tensor.Zeros(2).DetachFromDisposeScope();
            }
        }

        Assert.That(detached.IsDisposed, Is.False);
        Assert.That(detached.DisposeScope, Is.Null);
        detached.Dispose();
    }

    [Test]
    public void KeepingAPairKeepsBoth()
    {
        (Tensor Values, Tensor Indices) pair;
        using (DisposeScope scope = DisposeScope.Begin())
        {
            Tensor x = Tensor.From(new float[] { 1, 5, 3, 2 }, 2, 2);
            pair = scope.Keep(x.Max(1));
        }

        Assert.That(pair.Values.ToArray<float>(), Is.EqualTo(new float[] { 5, 3 }));
        Assert.That(pair.Indices.ToArray<long>(), Is.EqualTo(new long[] { 1, 0 }));
        pair.Values.Dispose();
        pair.Indices.Dispose();
    }

    [Test]
    public void AttachMakesTheScopeOwnATensorCreatedOutside()
    {
        Tensor outside = Tensor.Ones(2);
        using (DisposeScope scope = DisposeScope.Begin())
        {
            scope.Attach(outside);
            Assert.That(outside.DisposeScope, Is.SameAs(scope));
        }

        Assert.That(outside.IsDisposed, Is.True);
    }

    [Test]
    public void ATensorDisposedByHandLeavesTheScope()
    {
        using DisposeScope scope = DisposeScope.Begin();
        Tensor t = Tensor.Ones(2);
        Assert.That(scope.Count, Is.EqualTo(1));
        t.Dispose();
        Assert.That(scope.Count, Is.Zero);
    }

    [Test]
    public void AnExceptionInsideTheScopeStillDisposesItsTensors()
    {
        AllocatorStats before = TestHelpers.SettledStats();
        Tensor? created = null;
        Assert.Throws<EmberShapeException>(() =>
        {
            using DisposeScope scope = DisposeScope.Begin();
            created = Tensor.Ones(3);
            using Tensor other = Tensor.Ones(4);
            _ = created + other; // shapes do not broadcast
        });

        Assert.That(created!.IsDisposed, Is.True);
        Assert.That(DisposeScope.Current, Is.Null, "the enclosing scope (none) is current again");
        Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo(before.LiveTensors), "nothing leaks on the error path");
    }

    [Test]
    public void DisposingTheOuterScopeEndsInnerScopesStillOpen()
    {
        DisposeScope outer = DisposeScope.Begin();
        DisposeScope inner = DisposeScope.Begin();
        Tensor t = Tensor.Ones(1);
        outer.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(inner.IsDisposed, Is.True);
            Assert.That(outer.IsDisposed, Is.True);
            Assert.That(t.IsDisposed, Is.True);
            Assert.That(DisposeScope.Current, Is.Null);
        });
        Assert.DoesNotThrow(inner.Dispose, "disposing a scope again does nothing");
    }

    [Test]
    public void AnEndedScopeRejectsKeep()
    {
        DisposeScope scope = DisposeScope.Begin();
        scope.Dispose();
        using Tensor t = Tensor.Ones(1);
        Assert.Throws<ObjectDisposedException>(() => scope.Keep(t));
    }

    [Test]
    public void ScopesArePerThread()
    {
        using DisposeScope scope = DisposeScope.Begin();
        Tensor? fromOtherThread = null;
        DisposeScope? seenThere = null;
        Exception? keepError = null;
        Tensor mine = Tensor.Ones(1);
        var thread = new Thread(() =>
        {
            seenThere = DisposeScope.Current;
            fromOtherThread = Tensor.Ones(2);
            try
            {
                scope.Keep(mine);
            }
            catch (Exception e)
            {
                keepError = e;
            }
        });
        thread.Start();
        thread.Join();

        Assert.That(seenThere, Is.Null, "another thread does not see this thread's scope");
        Assert.That(fromOtherThread!.DisposeScope, Is.Null, "a tensor created on another thread is not tracked");
        Assert.That(keepError, Is.InstanceOf<InvalidOperationException>(), "a scope is used on its own thread");
        scope.Dispose();
        Assert.That(fromOtherThread.IsDisposed, Is.False);
        fromOtherThread.Dispose();
    }

    [Test]
    public void ALoopCreatingAndDisposingDoesNotGrowTheScope()
    {
        using DisposeScope scope = DisposeScope.Begin();
        for (int i = 0; i < 1000; i++)
        {
            using Tensor t = Tensor.Ones(4);
        }

        Assert.That(scope.Count, Is.Zero);
    }
}
