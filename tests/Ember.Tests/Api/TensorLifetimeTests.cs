using System.Threading;
using System;
using System.Runtime.CompilerServices;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>Tensor disposal: Dispose releases native memory at once; the finalizer is a counted safety net.</summary>
[TestFixture]
public sealed class TensorLifetimeTests
{
    private const long Rows = 512, Columns = 1024; // 2 MiB of float32

    [Test]
    public void DisposeReleasesTheMemoryAtOnce()
    {
        AllocatorStats before = TestHelpers.SettledStats();
        Tensor t = Tensor.Zeros(Rows, Columns);
        AllocatorStats during = EmberRuntime.GetAllocatorStats();
        Assert.That(during.LiveTensors, Is.EqualTo(before.LiveTensors + 1), "one live storage more");
        Assert.That(during.BytesInUse - before.BytesInUse, Is.GreaterThanOrEqualTo(Rows * Columns * sizeof(float)));

        t.Dispose();
        AllocatorStats after = EmberRuntime.GetAllocatorStats();
        Assert.That(t.IsDisposed, Is.True);
        Assert.That(after.LiveTensors, Is.EqualTo(before.LiveTensors), "live tensors back down after Dispose");
        Assert.That(after.BytesInUse, Is.EqualTo(before.BytesInUse), "bytes in use back down after Dispose");
    }

    [Test]
    public void DisposeTwiceIsFine()
    {
        Tensor t = Tensor.Ones(3);
        t.Dispose();
        Assert.DoesNotThrow(t.Dispose);
        Assert.That(t.IsDisposed, Is.True);
    }

    [Test]
    public void UseAfterDisposeThrowsObjectDisposedException()
    {
        Tensor t = Tensor.Ones(2, 3);
        using Tensor other = Tensor.Ones(2, 3);
        t.Dispose();
        Assert.Multiple(() =>
        {
            Assert.Throws<ObjectDisposedException>(() => _ = t.Shape);
            Assert.Throws<ObjectDisposedException>(() => _ = t.DType);
            Assert.Throws<ObjectDisposedException>(() => t.ToArray<float>());
            Assert.Throws<ObjectDisposedException>(() => t.Sum());
            Assert.Throws<ObjectDisposedException>(() => _ = t + other);
            Assert.Throws<ObjectDisposedException>(() => _ = other + t);
            Assert.Throws<ObjectDisposedException>(() => t.View(6));
            Assert.Throws<ObjectDisposedException>(() => other.Copy_(t));
            Assert.That(t.ToString(), Is.EqualTo("tensor(<disposed>)"), "ToString never throws for a disposed tensor");
        });
    }

    [Test]
    public void AViewKeepsTheStorageAliveAfterItsBaseIsDisposed()
    {
        AllocatorStats before = TestHelpers.SettledStats();
        Tensor baseTensor = Tensor.From(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        Tensor view = baseTensor.T;
        baseTensor.Dispose();
        Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo(before.LiveTensors + 2), "the view holds its base (as PyTorch's ._base, for autograd) and so the storage");
        Assert.That(view.ToArray<float>(), Is.EqualTo(new float[] { 1, 4, 2, 5, 3, 6 }));
        view.Dispose();
        Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo(before.LiveTensors), "the last reference frees the storage");
    }

    [Test]
    public void ALeakedTensorIsReleasedByTheFinalizerAndCounted()
    {
        AllocatorStats before = TestHelpers.SettledStats();
        long finalizedBefore = Tensor.FinalizedCount;

        LeakTensors(3);
        Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo(before.LiveTensors + 3), "nothing is freed before the GC runs");

        TestHelpers.CollectGarbage();
        Assert.That(Tensor.FinalizedCount, Is.GreaterThanOrEqualTo(finalizedBefore + 3), "the finalizer counts leaked tensors");
        Assert.That(EmberRuntime.FinalizedTensorCount, Is.EqualTo(Tensor.FinalizedCount));
        Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo(before.LiveTensors), "the finalizer released the storages");
    }

    [Test]
    public void ADisposedTensorIsNotCountedByTheFinalizer()
    {
        TestHelpers.CollectGarbage();
        long finalizedBefore = Tensor.FinalizedCount;
        CreateAndDispose(5);
        TestHelpers.CollectGarbage();
        Assert.That(Tensor.FinalizedCount, Is.EqualTo(finalizedBefore));
    }

    [Test]
    public void ATensorThatReusesAPooledOwnerIsStillFinalized()
    {
        // Disposed tensors hand their finalizable owner to a per-thread pool; the leaked tensors
        // below take those owners, which must still be registered for finalization.
        CreateAndDispose(8);
        AllocatorStats before = TestHelpers.SettledStats();
        long finalizedBefore = Tensor.FinalizedCount;
        LeakTensors(4);
        TestHelpers.CollectGarbage();
        Assert.That(Tensor.FinalizedCount, Is.GreaterThanOrEqualTo(finalizedBefore + 4));
        Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo(before.LiveTensors), "the reused owners released their tensors");
    }

    [Test]
    public void ATensorDisposedOnAnotherThreadIsReleasedOnce()
    {
        AllocatorStats before = TestHelpers.SettledStats();
        var tensors = new Tensor[64];
        for (int i = 0; i < tensors.Length; i++)
        {
            tensors[i] = Tensor.Ones(3);
        }

        var thread = new Thread(() =>
        {
            foreach (Tensor t in tensors)
            {
                t.Dispose();
                t.Dispose();
            }
        });
        thread.Start();
        thread.Join();
        Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo(before.LiveTensors));
        using var fresh = Tensor.Ones(3);  // this thread's pool still works
        Assert.That(fresh.ToArray<float>(), Is.EqualTo(new float[] { 1, 1, 1 }));
        TestHelpers.CollectGarbage();
        Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo(before.LiveTensors + 1), "no owner released a disposed tensor again");
    }

    // Separate, non-inlined methods: no local of the test method keeps the tensors reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeakTensors(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _ = Tensor.Ones(64, 64);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CreateAndDispose(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Tensor.Ones(4).Dispose();
        }
    }
}
