using System;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>
/// Training-loop shaped workloads return every byte: graphs, saved tensors, hooks and custom
/// function state are all freed when the scope of each step ends.
/// </summary>
[TestFixture]
public sealed class AutogradMemoryTests
{
    [TearDown]
    public void NoScopeLeftOpen() => Assert.That(DisposeScope.Current, Is.Null);

    [Test]
    public void ThousandsOfStepsWithScopesLeakNothing()
    {
        AllocatorStats before = TestHelpers.SettledStats();
        long finalizedBefore = Tensor.FinalizedCount;

        using (Tensor w = Tensor.From(new[] { 0.5, -0.25, 1.0, 0.75 }, 2, 2).RequiresGrad_())
        using (Tensor b = Tensor.From(new[] { 0.1, 0.2 }).RequiresGrad_())
        {
            var cube = new CustomFunctionTests.Cube();
            int hookCalls = 0;
            for (int step = 0; step < 3000; step++)
            {
                using DisposeScope scope = DisposeScope.Begin();
                Tensor x = Tensor.From(new[] { 0.01 * step, 1.0, -0.5, 0.25 }, 2, 2);
                Tensor h = (x * w + b).Tanh();
                Tensor y = cube.Apply(h);
                using HookHandle hook = y.RegisterHook(g =>
                {
                    hookCalls++;
                    return g * 0.5;
                });
                Tensor loss = (y * y).Sigmoid();
                if (step % 3 == 0)
                {
                    Tensor?[] grads = Autograd.Grad(new[] { loss }, new[] { w, b }, new Tensor?[] { Tensor.OnesLike(loss) });
                    Assert.That(grads[0]!.Shape.ToArray(), Is.EqualTo(new long[] { 2, 2 }));
                }
                else if (step % 3 == 1)
                {
                    loss.Backward(Tensor.OnesLike(loss));
                }
                else
                {
                    // A graph that is built and dropped without a backward pass.
                    _ = loss * 2.0;
                }

                if (step % 100 == 99)
                {
                    // An optimizer-like step: update in place without recording, clear the gradients.
                    using (Autograd.NoGrad())
                    {
                        w.Sub_(w.Grad! * 0.01);
                        b.Sub_(b.Grad! * 0.01);
                    }

                    w.Grad = null;
                    b.Grad = null;
                }
            }

            Assert.That(hookCalls, Is.EqualTo(2000));
            w.Grad = null;
            b.Grad = null;
        }

        AllocatorStats after = TestHelpers.SettledStats();
        Assert.Multiple(() =>
        {
            Assert.That(after.LiveTensors, Is.EqualTo(before.LiveTensors), "live storages");
            Assert.That(after.BytesInUse, Is.EqualTo(before.BytesInUse), "bytes in use");
            Assert.That(Tensor.FinalizedCount, Is.EqualTo(finalizedBefore), "no tensor was left to the finalizer");
        });
    }
}
