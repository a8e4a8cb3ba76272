using System;
using System.Threading;
using NUnit.Framework;
using static Ember.Tests.Api.AutogradTests;

namespace Ember.Tests.Api;

/// <summary>NoGrad / EnableGrad / SetGradEnabled / InferenceMode scopes: nesting, restoring, per-thread state.</summary>
[TestFixture]
public sealed class AutogradModeTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope()
    {
        scope.Dispose();
        Assert.That(Autograd.IsGradEnabled, Is.True, "grad mode restored");
        Assert.That(Autograd.IsInferenceModeEnabled, Is.False, "inference mode restored");
    }

    [Test]
    public void NoGradStopsRecordingUntilDisposed()
    {
        Tensor x = Leaf(1, 2);
        Tensor inside;
        Assert.That(Autograd.IsGradEnabled, Is.True);
        using (Autograd.NoGrad())
        {
            Assert.That(Autograd.IsGradEnabled, Is.False);
            inside = x * 2.0;
        }

        Assert.That(Autograd.IsGradEnabled, Is.True);
        Assert.That(inside.RequiresGrad, Is.False);
        Assert.That(inside.GradFn, Is.Null);
        Assert.That((x * 2.0).RequiresGrad, Is.True);
    }

    [Test]
    public void EnableGradInsideNoGradRecordsAgain()
    {
        Tensor x = Leaf(1);
        using (Autograd.NoGrad())
        {
            using (Autograd.EnableGrad())
            {
                Assert.That((x * 2.0).RequiresGrad, Is.True);
            }

            Assert.That(Autograd.IsGradEnabled, Is.False, "the inner scope restores the outer one");
            using (Autograd.NoGrad())
            {
                Assert.That(Autograd.IsGradEnabled, Is.False);
            }

            Assert.That(Autograd.IsGradEnabled, Is.False);
        }
    }

    [Test]
    public void SetGradEnabledStaysUntilItsScopeIsDisposed()
    {
        GradModeScope off = Autograd.SetGradEnabled(false);
        Assert.That(Autograd.IsGradEnabled, Is.False);
        Autograd.SetGradEnabled(true);  // not disposed: stays on
        Assert.That(Autograd.IsGradEnabled, Is.True);
        off.Dispose();
        Assert.That(Autograd.IsGradEnabled, Is.True, "restores what was in effect when `off` began");
        default(GradModeScope).Dispose();
        default(InferenceModeScope).Dispose();
        Assert.That(Autograd.IsGradEnabled, Is.True, "disposing a default scope does nothing");
    }

    [Test]
    public void InferenceModeRecordsNothingAndRestores()
    {
        Tensor x = Leaf(1);
        using (Autograd.InferenceMode())
        {
            Assert.That(Autograd.IsInferenceModeEnabled, Is.True);
            Assert.That(Autograd.IsGradEnabled, Is.False);
            Assert.That((x * 2.0).RequiresGrad, Is.False);
            using (Autograd.EnableGrad())
            {
                Assert.That((x * 2.0).RequiresGrad, Is.False, "inference mode wins over EnableGrad");
            }

            using (Autograd.InferenceMode(false))
            {
                Assert.That(Autograd.IsInferenceModeEnabled, Is.False);
                Assert.That((x * 2.0).RequiresGrad, Is.True);
            }

            Assert.That(Autograd.IsInferenceModeEnabled, Is.True);
        }

        Assert.That(Autograd.IsInferenceModeEnabled, Is.False);
        Assert.That((x * 2.0).RequiresGrad, Is.True);
    }

    [Test]
    public void GradScopesInsideInferenceModeRestoreTheRealGradMode()
    {
        using (Autograd.InferenceMode())
        {
            using (Autograd.NoGrad())
            {
            }

            using (Autograd.EnableGrad())
            {
                using (Autograd.EnableGrad())
                {
                }
            }
        }

        Assert.That(Autograd.IsGradEnabled, Is.True, "leaving inference mode finds grad mode as it was before");

        using (Autograd.NoGrad())
        {
            using (Autograd.InferenceMode())
            {
                using (Autograd.EnableGrad())
                {
                }
            }

            Assert.That(Autograd.IsGradEnabled, Is.False, "still under NoGrad");
        }
    }

    [Test]
    public void ModesArePerThread()
    {
        // Two threads hold opposite modes at the same time; each sees only its own.
        using var barrier = new Barrier(2);
        bool? noGradThreadRecorded = null, gradThreadRecorded = null, inferenceThreadSaw = null;
        Exception? failure = null;

        void Run(Action body)
        {
            try
            {
                using DisposeScope threadScope = DisposeScope.Begin();
                body();
            }
            catch (Exception e)
            {
                failure = e;
                barrier.RemoveParticipant();
            }
        }

        var a = new Thread(() => Run(() =>
        {
            Tensor x = Leaf(1);
            using (Autograd.NoGrad())
            {
                barrier.SignalAndWait();  // both threads are inside their scopes now
                noGradThreadRecorded = (x * 2.0).RequiresGrad;
                using (Autograd.InferenceMode())
                {
                    barrier.SignalAndWait();
                    inferenceThreadSaw = Autograd.IsInferenceModeEnabled;
                    barrier.SignalAndWait();
                }
            }
        }));
        var b = new Thread(() => Run(() =>
        {
            Tensor x = Leaf(1);
            using (Autograd.EnableGrad())
            {
                barrier.SignalAndWait();
                gradThreadRecorded = (x * 2.0).RequiresGrad;
                barrier.SignalAndWait();
                Assert.That(Autograd.IsInferenceModeEnabled, Is.False, "the other thread's inference mode is not seen here");
                Assert.That((x * 3.0).RequiresGrad, Is.True);
                barrier.SignalAndWait();
            }
        }));
        a.Start();
        b.Start();
        a.Join();
        b.Join();
        Assert.That(failure, Is.Null, failure?.ToString());
        Assert.That(noGradThreadRecorded, Is.False);
        Assert.That(gradThreadRecorded, Is.True);
        Assert.That(inferenceThreadSaw, Is.True);
        Assert.That(Autograd.IsGradEnabled, Is.True, "this thread was never touched");
    }

    [Test]
    public void BackwardUnderNoGradStillComputesGradients()
    {
        Tensor x = Leaf(1, 2);
        Tensor y = x * x;
        using (Autograd.NoGrad())
        {
            y.Backward(Tensor.OnesLike(y));
        }

        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 2.0, 4.0 }));
    }
}
