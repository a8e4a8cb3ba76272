using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Ember.Data;
using Ember.Data.Transforms;
using NUnit.Framework;

namespace Ember.Tests.Data;

[TestFixture]
public sealed class DataLoaderTests
{
    private static TensorDataset Numbers(long n)
    {
        using var scope = DisposeScope.Begin();
        Tensor x = Tensor.Arange(0, n * 2, 1, DType.Float32).View(n, 2);
        Tensor y = Tensor.Arange(0, n, 1, DType.Int64);
        return new TensorDataset(x, y);
    }

    /// <summary>Every batch of an epoch as managed arrays (the batches are disposed).</summary>
    private static List<(float[] X, long[] Y)> Drain(IEnumerable<Tensor[]> batches)
    {
        var result = new List<(float[], long[])>();
        foreach (Tensor[] b in batches)
        {
            result.Add((b[0].ToArray<float>(), b[1].ToArray<long>()));
            BatchTensors.Dispose(b);
        }

        return result;
    }

    [Test]
    public void SequentialBatchesWithPartialLastBatch()
    {
        using TensorDataset ds = Numbers(10);
        var loader = DataLoader.Create(ds, batchSize: 4);
        Assert.That(loader.Count, Is.EqualTo(3));
        var batches = Drain(loader);
        Assert.That(batches.Select(b => b.Y), Is.EqualTo(new[] { new long[] { 0, 1, 2, 3 }, new long[] { 4, 5, 6, 7 }, new long[] { 8, 9 } }));
        Assert.That(batches[2].X, Is.EqualTo(new float[] { 16, 17, 18, 19 }));
    }

    [Test]
    public void DropLastDropsTheIncompleteBatch()
    {
        using TensorDataset ds = Numbers(10);
        var loader = DataLoader.Create(ds, batchSize: 4, dropLast: true);
        Assert.That(loader.Count, Is.EqualTo(2));
        Assert.That(Drain(loader).Select(b => b.Y.Length), Is.EqualTo(new[] { 4, 4 }));
        var exact = DataLoader.Create(ds, batchSize: 5, dropLast: true);
        Assert.That(Drain(exact).Count, Is.EqualTo(2));
    }

    [Test]
    public void BatchedReadEqualsStackedSamples()
    {
        using TensorDataset ds = Numbers(7);
        var batched = DataLoader.Create(ds, batchSize: 3, shuffle: true, seed: 5);
        var stacked = new DataLoader<Tensor[], Tensor[]>(ds, Collate.Stack, batchSize: 3, shuffle: true, seed: 5);
        var a = Drain(batched);
        var b = Drain(stacked);
        Assert.That(a.Select(p => p.Y), Is.EqualTo(b.Select(p => p.Y)));
        Assert.That(a.Select(p => p.X), Is.EqualTo(b.Select(p => p.X)));
        Assert.That(a.SelectMany(p => p.Y).OrderBy(v => v), Is.EqualTo(Enumerable.Range(0, 7).Select(v => (long)v)));
    }

    [Test]
    public void ShuffleIsDeterministicPerSeedAndDiffersBetweenEpochs()
    {
        using TensorDataset ds = Numbers(50);
        var first = DataLoader.Create(ds, batchSize: 8, shuffle: true, seed: 42);
        var second = DataLoader.Create(ds, batchSize: 8, shuffle: true, seed: 42);
        var e0 = Drain(first);
        var e1 = Drain(first);
        Assert.That(first.Epoch, Is.EqualTo(2));
        Assert.That(Drain(second).Select(b => b.Y), Is.EqualTo(e0.Select(b => b.Y)), "same seed, same epoch");
        Assert.That(e1.SelectMany(b => b.Y), Is.Not.EqualTo(e0.SelectMany(b => b.Y)), "a new order each epoch");
        Assert.That(e1.SelectMany(b => b.Y).OrderBy(v => v), Is.EqualTo(Enumerable.Range(0, 50).Select(v => (long)v)), "a permutation");
        Assert.That(Drain(second.GetEpoch(1)).SelectMany(b => b.Y), Is.EqualTo(e1.SelectMany(b => b.Y)), "GetEpoch replays an epoch");
        var other = DataLoader.Create(ds, batchSize: 8, shuffle: true, seed: 43);
        Assert.That(Drain(other).SelectMany(b => b.Y), Is.Not.EqualTo(e0.SelectMany(b => b.Y)), "another seed");
    }

    [Test]
    public void RandomTransformsDoNotDependOnTheNumberOfWorkers()
    {
        using var scope = DisposeScope.Begin();
        Tensor images = Tensor.Rand(new long[] { 37, 3, 8, 8 }, DType.Float32, null, new Generator(3));
        using var ds = new TensorDataset(images, Tensor.Arange(0, 37, 1, DType.Int64));
        var augment = new Compose(new RandomCrop(8, 2), new RandomHorizontalFlip(), new Normalize(new[] { 0.5 }, new[] { 0.25 }));
        var transformed = TransformDataset.Create(ds, augment);
        List<(float[], long[])>[] Run(int workers, long epoch) =>
            new[] { Drain(DataLoader.Create(transformed, batchSize: 5, shuffle: true, seed: 7, numWorkers: workers).GetEpoch(epoch)) };

        var reference = Run(0, 0)[0];
        foreach (int workers in new[] { 1, 3 })
        {
            var got = Run(workers, 0)[0];
            Assert.That(got.Select(b => b.Item2), Is.EqualTo(reference.Select(b => b.Item2)), $"{workers} workers: order");
            Assert.That(got.Select(b => b.Item1), Is.EqualTo(reference.Select(b => b.Item1)), $"{workers} workers: augmented pixels");
        }

        var epoch1 = Run(3, 1)[0];
        Assert.That(epoch1.SelectMany(b => b.Item1), Is.Not.EqualTo(reference.SelectMany(b => b.Item1)), "another epoch, other augmentations");
        Assert.That(Run(3, 1)[0].Select(b => b.Item1), Is.EqualTo(epoch1.Select(b => b.Item1)), "epoch 1 again");
    }

    [Test]
    public void WorkersDeliverBatchesInSamplerOrder([Values(1, 3)] int workers, [Values(1, 4)] int prefetch)
    {
        var ds = new SlowDataset(40, i => (int)(i * 7 % 5));
        var loader = DataLoader.Create(ds, batchSize: 3, numWorkers: workers, prefetchFactor: prefetch);
        var seen = new List<long>();
        foreach (Tensor batch in loader)
        {
            seen.AddRange(batch.ToArray<long>());
            batch.Dispose();
        }

        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 40).Select(v => (long)v)));
    }

    [Test]
    public void WorkerExceptionsReachTheConsumer([Values(0, 2)] int workers)
    {
        var ds = new SlowDataset(20, _ => 0, failAt: 13);
        var loader = DataLoader.Create(ds, batchSize: 4, numWorkers: workers);
        int delivered = 0;
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (Tensor batch in loader)
            {
                delivered++;
                batch.Dispose();
            }
        });
        Assert.That(e!.Message, Does.Contain("sample 13"));
        Assert.That(delivered, Is.EqualTo(3), "batches before the failing one arrive");
    }

    [Test]
    public void BreakingOutStopsTheWorkers()
    {
        var ds = new SlowDataset(10_000, _ => 1);
        var loader = DataLoader.Create(ds, batchSize: 2, numWorkers: 3, prefetchFactor: 2);
        int taken = 0;
        foreach (Tensor batch in loader)
        {
            batch.Dispose();
            if (++taken == 3)
            {
                break;
            }
        }

        long readAfterBreak = ds.Reads;
        Thread.Sleep(100);
        Assert.That(ds.Reads, Is.EqualTo(readAfterBreak), "no worker reads after the enumeration ended");
        Assert.That(readAfterBreak, Is.LessThanOrEqualTo(2 * (3 + 3 * 2 + 3)), "only the prefetch window was read");
        Assert.That(ds.ActiveThreads, Is.Zero);
        Assert.That(ds.Readers.Count, Is.InRange(1, 3), "the workers read");
        Assert.That(ds.Readers.All(t => !t.IsAlive), Is.True, "the workers have exited");
    }

    [Test]
    public void AbandonedEnumeratorStopsItsWorkersWhenCollected()
    {
        var ds = new SlowDataset(10_000, _ => 1);
        var loader = DataLoader.Create(ds, batchSize: 2, numWorkers: 2);
        StartAndAbandon(loader);
        TestHelpers.CollectGarbage();
        Thread.Sleep(200);
        long reads = ds.Reads;
        Thread.Sleep(100);
        Assert.That(ds.Reads, Is.EqualTo(reads));
        Assert.That(reads, Is.LessThan(10_000));
        Assert.That(ds.Readers, Is.Not.Empty);
        Assert.That(ds.Readers.All(t => t.Join(TimeSpan.FromSeconds(5))), Is.True, "the finalizer stopped the workers");
    }

    [Test]
    public void BatchesBelongToTheConsumersScope([Values(0, 2)] int workers)
    {
        using TensorDataset ds = Numbers(12);
        var loader = DataLoader.Create(ds, batchSize: 4, numWorkers: workers);
        var kept = new List<Tensor>();
        using (var scope = DisposeScope.Begin())
        {
            foreach (Tensor[] batch in loader)
            {
                Assert.That(batch.All(t => t.DisposeScope == scope), Is.True);
                kept.AddRange(batch);
            }

            Assert.That(scope.Count, Is.EqualTo(6), "only the batch tensors, no intermediates");
        }

        Assert.That(kept.All(t => t.IsDisposed), Is.True);

        // Without a scope the consumer owns (and disposes) them.
        foreach (Tensor[] batch in loader)
        {
            Assert.That(batch.All(t => t.DisposeScope is null), Is.True);
            BatchTensors.Dispose(batch);
        }
    }

    [Test]
    public void CustomCollateAndTupleSamples()
    {
        var ds = new PairDataset(6);
        var loader = DataLoader.Create(ds, batchSize: 4);
        var labels = new List<long[]>();
        foreach (var (x, y) in loader)
        {
            Assert.That(x.Shape.ToArray(), Is.EqualTo(new long[] { y.Size(0), 3 }));
            Assert.That(y.DType, Is.EqualTo(DType.Int64));
            labels.Add(y.ToArray<long>());
            x.Dispose();
            y.Dispose();
        }

        Assert.That(labels, Is.EqualTo(new[] { new long[] { 0, 10, 20, 30 }, new long[] { 40, 50 } }));

        var sums = new DataLoader<(Tensor, long), long>(ds, samples => samples.Sum(s => s.Item2), batchSize: 3);
        Assert.That(sums.ToList(), Is.EqualTo(new long[] { 30, 120 }));
    }

    [Test]
    public void InvalidOptionsAreRejected()
    {
        using TensorDataset ds = Numbers(4);
        var sampler = new SequentialSampler(4);
        Assert.Throws<ArgumentException>(() => DataLoader.Create(ds, shuffle: true, sampler: sampler));
        Assert.Throws<ArgumentException>(() => new DataLoader<Tensor[], Tensor[]>(ds, null, batchSize: 2, batchSampler: new BatchSampler(sampler, 2, false)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataLoader.Create(ds, batchSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataLoader.Create(ds, numWorkers: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataLoader.Create(ds, numWorkers: 1, prefetchFactor: 0));
        Assert.Throws<ArgumentException>(() => new DataLoader<(Tensor, long), (Tensor, Tensor)>(new PairDataset(2), null));
    }

    [Test]
    public void CustomBatchSampler()
    {
        using TensorDataset ds = Numbers(6);
        var loader = new DataLoader<Tensor[], Tensor[]>(ds, null, batchSampler: new ReverseBatches());
        Assert.That(Drain(loader).Select(b => b.Y), Is.EqualTo(new[] { new long[] { 5, 4 }, new long[] { 3 } }));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void StartAndAbandon(DataLoader<Tensor, Tensor> loader)
    {
        IEnumerator<Tensor> e = loader.GetEnumerator();
        Assert.That(e.MoveNext(), Is.True);
        e.Current.Dispose();
    }

    private sealed class ReverseBatches : BatchSampler
    {
        public ReverseBatches()
            : base(new SequentialSampler(6), 2, false)
        {
        }

        public override long Count => 2;

        public override IEnumerable<long[]> GetBatches(long epoch)
        {
            yield return new long[] { 5, 4 };
            yield return new long[] { 3 };
        }
    }

    /// <summary>Sample i is the int64 scalar i, read after a short delay; optionally fails at one index.</summary>
    private sealed class SlowDataset : Dataset<Tensor>
    {
        private readonly Func<long, int> delayMs;
        private readonly long failAt;
        private long reads;
        private int active;
        private readonly HashSet<Thread> readers = new();

        public SlowDataset(long count, Func<long, int> delayMs, long failAt = -1)
        {
            Count = count;
            this.delayMs = delayMs;
            this.failAt = failAt;
        }

        public override long Count { get; }

        public long Reads => Interlocked.Read(ref reads);

        public int ActiveThreads => Volatile.Read(ref active);

        public List<Thread> Readers
        {
            get
            {
                lock (readers)
                {
                    return readers.ToList();
                }
            }
        }

        public override Tensor GetItem(long index)
        {
            Interlocked.Increment(ref active);
            try
            {
                Interlocked.Increment(ref reads);
                lock (readers)
                {
                    readers.Add(Thread.CurrentThread);
                }
                Thread.Sleep(delayMs(index));
                if (index == failAt)
                {
                    throw new InvalidOperationException($"cannot read sample {index}");
                }

                return Tensor.Scalar(index, DType.Int64);
            }
            finally
            {
                Interlocked.Decrement(ref active);
            }
        }
    }

    private sealed class PairDataset : Dataset<(Tensor, long)>
    {
        public PairDataset(long count) => Count = count;

        public override long Count { get; }

        public override (Tensor, long) GetItem(long index) => (Tensor.Full(new long[] { 3 }, (double)index), index * 10);
    }
}
