using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Ember.Data;

/// <summary>
/// Iterates over a data set in batches (<c>torch.utils.data.DataLoader</c>): sampling (sequential,
/// shuffled or custom), batching, collation, and optional prefetching on worker threads.
/// </summary>
/// <remarks>
/// <para><b>Determinism.</b> Every enumeration is one epoch. Its batches depend only on the seed,
/// the epoch number and the configuration: the shuffled order comes from (seed, epoch), and a
/// random data set (<see cref="IRandomDataset{T}"/>, e.g. a <see cref="TransformDataset{TIn, TOut}"/>
/// with augmentation) reads the sample at position p of the epoch with a generator seeded from
/// (seed, epoch, p). Batches come in sampler order with any number of workers, so the stream is
/// the same for 0, 1 or 8 workers.</para>
/// <para><b>Workers.</b> With <c>numWorkers</c> &gt; 0, batches are built on that many background
/// threads; at most <c>numWorkers * prefetchFactor</c> batches are in flight. Disposing the
/// enumerator (leaving a <c>foreach</c>, <c>break</c>, an exception) stops the workers after the
/// batch each is building and disposes the batches not delivered; an enumerator that is dropped
/// without disposal stops them when it is finalized. An exception in a worker is rethrown to the
/// consumer (original type and stack) when it reaches that batch.</para>
/// <para><b>Ownership.</b> A delivered batch belongs to the consumer, exactly like a tensor returned
/// by an operation on the consumer's thread: it is owned by the consumer's current
/// <see cref="DisposeScope"/> (if one is active when <c>MoveNext</c> runs) or by nobody, in which
/// case dispose it (<see cref="BatchTensors.Dispose(object)"/>). Intermediate tensors (the samples before
/// collation) are disposed by the loader. The tensors of a batch are found with
/// <see cref="BatchTensors.Of"/> unless a <c>batchTensors</c> function is given.</para>
/// <para>The data set is read concurrently by the workers: its <c>GetItem</c> must be thread-safe
/// (the data sets of Ember.Data are).</para>
/// </remarks>
/// <typeparam name="TSample">The data set's sample type.</typeparam>
/// <typeparam name="TBatch">The batch type.</typeparam>
public sealed class DataLoader<TSample, TBatch> : IEnumerable<TBatch>
{
    private readonly Func<IReadOnlyList<TSample>, TBatch>? collate;
    private readonly Func<TBatch, IEnumerable<Tensor>> batchTensors;
    private long nextEpoch;

    /// <summary>Creates the loader.</summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="collate">
    /// Makes a batch from its samples (see <see cref="Collate"/>). Null: the data set must implement
    /// <see cref="IBatchDataset{TBatch}"/> and reads each batch at once.
    /// </param>
    /// <param name="batchSize">Samples per batch (default 1).</param>
    /// <param name="shuffle">Whether to visit the samples in a new random order each epoch.</param>
    /// <param name="sampler">A custom order of indices (not with <paramref name="shuffle"/>).</param>
    /// <param name="batchSampler">Custom batches of indices (not with a batch size other than 1, <paramref name="shuffle"/>, <paramref name="sampler"/> or <paramref name="dropLast"/>).</param>
    /// <param name="dropLast">Whether to drop the last batch when it is incomplete.</param>
    /// <param name="numWorkers">Worker threads that build batches in the background (0: on the consumer's thread).</param>
    /// <param name="prefetchFactor">Batches in flight per worker (default 2).</param>
    /// <param name="seed">The seed of shuffling and of random data sets; null draws one from <see cref="Generator.Default"/>.</param>
    /// <param name="batchTensors">The tensors inside a batch (default <see cref="BatchTensors.Of"/>), for batch types it cannot see into.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    /// <exception cref="ArgumentException">Conflicting options, or no collate for a data set without batched reads.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/>, <paramref name="numWorkers"/> or <paramref name="prefetchFactor"/> is out of range.</exception>
    public DataLoader(
        Dataset<TSample> dataset,
        Func<IReadOnlyList<TSample>, TBatch>? collate,
        int batchSize = 1,
        bool shuffle = false,
        Sampler? sampler = null,
        BatchSampler? batchSampler = null,
        bool dropLast = false,
        int numWorkers = 0,
        int prefetchFactor = 2,
        ulong? seed = null,
        Func<TBatch, IEnumerable<Tensor>>? batchTensors = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegative(numWorkers);
        if (prefetchFactor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(prefetchFactor), prefetchFactor, "prefetchFactor should be a positive integer.");
        }

        if (collate is null && dataset is not IBatchDataset<TBatch>)
        {
            throw new ArgumentException($"No collate function was given and the data set ({dataset.GetType().Name}) does not implement IBatchDataset<{typeof(TBatch).Name}>.", nameof(collate));
        }

        if (shuffle && sampler is not null)
        {
            throw new ArgumentException("sampler option is mutually exclusive with shuffle.", nameof(sampler));
        }

        Seed = seed ?? Seeds.Draw();
        if (batchSampler is not null)
        {
            if (batchSize != 1 || shuffle || sampler is not null || dropLast)
            {
                throw new ArgumentException("batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast.", nameof(batchSampler));
            }
        }
        else
        {
            sampler ??= shuffle ? new RandomSampler(dataset.Count, seed: Seed) : new SequentialSampler(dataset.Count);
            batchSampler = new BatchSampler(sampler, batchSize, dropLast);
        }

        Dataset = dataset;
        this.collate = collate;
        BatchSampler = batchSampler;
        NumWorkers = numWorkers;
        PrefetchFactor = prefetchFactor;
        this.batchTensors = batchTensors ?? (b => BatchTensors.Of(b));
    }

    /// <summary>The data set.</summary>
    public Dataset<TSample> Dataset { get; }

    /// <summary>The batch sampler (built from batch size, sampler and dropLast when none was given).</summary>
    public BatchSampler BatchSampler { get; }

    /// <summary>The number of worker threads.</summary>
    public int NumWorkers { get; }

    /// <summary>Batches in flight per worker.</summary>
    public int PrefetchFactor { get; }

    /// <summary>The seed of shuffling and of random data sets.</summary>
    public ulong Seed { get; }

    /// <summary>The number of batches per epoch.</summary>
    public long Count => BatchSampler.Count;

    /// <summary>The epoch the next enumeration runs (starts at 0, incremented when an enumeration starts); settable to resume.</summary>
    public long Epoch
    {
        get => Interlocked.Read(ref nextEpoch);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Interlocked.Exchange(ref nextEpoch, value);
        }
    }

    /// <summary>Starts the next epoch (<see cref="Epoch"/>, then incremented).</summary>
    /// <returns>The enumerator; dispose it to stop the workers.</returns>
    public IEnumerator<TBatch> GetEnumerator() => Start(Interlocked.Increment(ref nextEpoch) - 1);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The batches of a given epoch, without changing <see cref="Epoch"/>.</summary>
    /// <param name="epoch">The epoch number.</param>
    /// <returns>A sequence that yields exactly what the enumeration of that epoch yields.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    public IEnumerable<TBatch> GetEpoch(long epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return new EpochEnumerable(this, epoch);
    }

    private IEnumerator<TBatch> Start(long epoch) =>
        NumWorkers == 0 ? new SyncEnumerator(this, epoch) : new WorkerEnumerator(this, epoch);

    /// <summary>Builds one batch on the calling thread; intermediates are disposed, the batch leaves the scope.</summary>
    private TBatch Produce(long[] indices, long epoch, long firstPosition, Generator generator)
    {
        using var scope = DisposeScope.Begin();
        TBatch batch;
        if (collate is null)
        {
            batch = ((IBatchDataset<TBatch>)Dataset).GetBatch(indices);
        }
        else
        {
            var samples = new TSample[indices.Length];
            var random = Dataset as IRandomDataset<TSample>;
            for (int j = 0; j < indices.Length; j++)
            {
                if (random is not null)
                {
                    generator.SetState(Seeds.Mix(Seed, epoch, firstPosition + j), 0);
                    samples[j] = random.GetItem(indices[j], generator);
                }
                else
                {
                    samples[j] = Dataset.GetItem(indices[j]);
                }
            }

            batch = collate(samples);
        }

        foreach (Tensor t in batchTensors(batch))
        {
            scope.Keep(t);
        }

        return batch;
    }

    private void DisposeBatch(TBatch batch)
    {
        foreach (Tensor t in batchTensors(batch))
        {
            t.Dispose();
        }
    }

    private sealed class EpochEnumerable : IEnumerable<TBatch>
    {
        private readonly DataLoader<TSample, TBatch> loader;
        private readonly long epoch;

        public EpochEnumerable(DataLoader<TSample, TBatch> loader, long epoch)
        {
            this.loader = loader;
            this.epoch = epoch;
        }

        public IEnumerator<TBatch> GetEnumerator() => loader.Start(epoch);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>numWorkers = 0: each batch is built by MoveNext.</summary>
    private sealed class SyncEnumerator : IEnumerator<TBatch>
    {
        private readonly DataLoader<TSample, TBatch> loader;
        private readonly long epoch;
        private readonly Generator generator = new(0);
        private IEnumerator<long[]>? batches;
        private long position;
        private TBatch? current;

        public SyncEnumerator(DataLoader<TSample, TBatch> loader, long epoch)
        {
            this.loader = loader;
            this.epoch = epoch;
        }

        public TBatch Current => current!;

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            batches ??= loader.BatchSampler.GetBatches(epoch).GetEnumerator();
            if (!batches.MoveNext())
            {
                current = default;
                return false;
            }

            long[] indices = batches.Current;
            current = loader.Produce(indices, epoch, position, generator);
            position += indices.Length;
            return true;
        }

        public void Reset() => throw new NotSupportedException("Start a new enumeration (a new epoch) instead.");

        public void Dispose()
        {
            batches?.Dispose();
            generator.Dispose();
        }
    }

    /// <summary>A batch being built: the worker fills it and signals; the consumer waits for it in order.</summary>
    private sealed class Slot
    {
        public readonly ManualResetEventSlim Done = new(false);
        public TBatch? Value;
        public bool HasValue;
        public ExceptionDispatchInfo? Error;
    }

    private sealed record Work(long[] Indices, long FirstPosition, Slot Slot);

    /// <summary>What the worker threads share (never the enumerator itself, so it can be finalized).</summary>
    private sealed class Shared
    {
        public readonly BlockingCollection<Work> Queue = new();
        public readonly CancellationTokenSource Cancel = new();
        public Thread[] Threads = Array.Empty<Thread>();

        public void Stop()
        {
            try
            {
                Cancel.Cancel();
                Queue.CompleteAdding();
            }
            catch (ObjectDisposedException)
            {
                // Already stopped.
            }
        }
    }

    /// <summary>numWorkers &gt; 0: a window of batches is built ahead by the workers; they are delivered in order.</summary>
    private sealed class WorkerEnumerator : IEnumerator<TBatch>
    {
        private readonly DataLoader<TSample, TBatch> loader;
        private readonly long epoch;
        private readonly Shared shared = new();
        private readonly Queue<Slot> pending = new();
        private readonly int window;
        private IEnumerator<long[]>? batches;
        private long position;
        private bool exhausted;
        private bool disposed;
        private TBatch? current;

        public WorkerEnumerator(DataLoader<TSample, TBatch> loader, long epoch)
        {
            this.loader = loader;
            this.epoch = epoch;
            window = checked(loader.NumWorkers * loader.PrefetchFactor);
            shared.Threads = new Thread[loader.NumWorkers];
            for (int i = 0; i < shared.Threads.Length; i++)
            {
                Shared s = shared;
                long e = epoch;
                var thread = new Thread(() => WorkerLoop(loader, s, e))
                {
                    IsBackground = true,
                    Name = $"Ember DataLoader worker {i}",
                };
                shared.Threads[i] = thread;
                thread.Start();
            }
        }

        ~WorkerEnumerator()
        {
            shared.Stop();
        }

        public TBatch Current => current!;

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            Fill();
            if (pending.Count == 0)
            {
                current = default;
                return false;
            }

            Slot slot = pending.Dequeue();
            slot.Done.Wait();
            slot.Done.Dispose();
            if (slot.Error is { } error)
            {
                Dispose();
                error.Throw();
            }

            TBatch batch = slot.Value!;
            slot.Value = default;
            slot.HasValue = false;

            // Delivered on the consumer's thread: owned like a tensor an operation returned here.
            if (DisposeScope.Current is { } scope)
            {
                foreach (Tensor t in loader.batchTensors(batch))
                {
                    scope.Attach(t);
                }
            }

            current = batch;
            Fill();
            return true;
        }

        public void Reset() => throw new NotSupportedException("Start a new enumeration (a new epoch) instead.");

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            GC.SuppressFinalize(this);
            shared.Stop();
            foreach (Thread t in shared.Threads)
            {
                t.Join();
            }

            // The workers are gone: batches built but not delivered are ours to free.
            while (pending.Count > 0)
            {
                Slot slot = pending.Dequeue();
                if (slot.HasValue)
                {
                    loader.DisposeBatch(slot.Value!);
                }

                slot.Done.Dispose();
            }

            batches?.Dispose();
            shared.Queue.Dispose();
            shared.Cancel.Dispose();
        }

        private void Fill()
        {
            batches ??= loader.BatchSampler.GetBatches(epoch).GetEnumerator();
            while (!exhausted && pending.Count < window)
            {
                if (!batches.MoveNext())
                {
                    exhausted = true;
                    break;
                }

                long[] indices = batches.Current;
                var slot = new Slot();
                pending.Enqueue(slot);
                shared.Queue.Add(new Work(indices, position, slot));
                position += indices.Length;
            }
        }

        private static void WorkerLoop(DataLoader<TSample, TBatch> loader, Shared shared, long epoch)
        {
            using var generator = new Generator(0);
            CancellationToken token = shared.Cancel.Token;
            try
            {
                foreach (Work work in shared.Queue.GetConsumingEnumerable(token))
                {
                    try
                    {
                        TBatch batch = loader.Produce(work.Indices, epoch, work.FirstPosition, generator);
                        if (token.IsCancellationRequested)
                        {
                            loader.DisposeBatch(batch);
                        }
                        else
                        {
                            work.Slot.Value = batch;
                            work.Slot.HasValue = true;
                        }
                    }
                    catch (Exception e)
                    {
                        work.Slot.Error = ExceptionDispatchInfo.Capture(e);
                    }
                    finally
                    {
                        work.Slot.Done.Set();
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped by the consumer.
            }
            catch (ObjectDisposedException)
            {
                // The consumer finished while this worker was between batches.
            }
        }
    }
}

/// <summary>Creates <see cref="DataLoader{TSample, TBatch}"/>s with the default collation for common sample types.</summary>
public static class DataLoader
{
    /// <summary>
    /// A loader over a data set of tensor arrays (such as <see cref="TensorDataset"/>) giving
    /// <c>Tensor[]</c> batches. Data sets implementing <see cref="IBatchDataset{TBatch}"/> (and not
    /// random) are read a batch at a time; others are read by sample and stacked.
    /// </summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="shuffle">Whether to shuffle each epoch.</param>
    /// <param name="dropLast">Whether to drop an incomplete last batch.</param>
    /// <param name="numWorkers">Worker threads (0: none).</param>
    /// <param name="prefetchFactor">Batches in flight per worker.</param>
    /// <param name="seed">The seed (null: drawn from <see cref="Generator.Default"/>).</param>
    /// <param name="sampler">A custom sampler (not with <paramref name="shuffle"/>).</param>
    /// <returns>The loader.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    public static DataLoader<Tensor[], Tensor[]> Create(Dataset<Tensor[]> dataset, int batchSize = 1, bool shuffle = false, bool dropLast = false,
        int numWorkers = 0, int prefetchFactor = 2, ulong? seed = null, Sampler? sampler = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Func<IReadOnlyList<Tensor[]>, Tensor[]>? collate =
            dataset is IBatchDataset<Tensor[]> && dataset is not IRandomDataset<Tensor[]> ? null : Collate.Stack;
        return new DataLoader<Tensor[], Tensor[]>(dataset, collate, batchSize, shuffle, sampler, null, dropLast, numWorkers, prefetchFactor, seed);
    }

    /// <summary>A loader over a data set of tensors, stacking them into batches.</summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="shuffle">Whether to shuffle each epoch.</param>
    /// <param name="dropLast">Whether to drop an incomplete last batch.</param>
    /// <param name="numWorkers">Worker threads (0: none).</param>
    /// <param name="prefetchFactor">Batches in flight per worker.</param>
    /// <param name="seed">The seed (null: drawn from <see cref="Generator.Default"/>).</param>
    /// <param name="sampler">A custom sampler (not with <paramref name="shuffle"/>).</param>
    /// <returns>The loader.</returns>
    public static DataLoader<Tensor, Tensor> Create(Dataset<Tensor> dataset, int batchSize = 1, bool shuffle = false, bool dropLast = false,
        int numWorkers = 0, int prefetchFactor = 2, ulong? seed = null, Sampler? sampler = null) =>
        new(dataset, Collate.Stack, batchSize, shuffle, sampler, null, dropLast, numWorkers, prefetchFactor, seed);

    /// <summary>A loader over (input, target) tensor pairs, stacking each position.</summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="shuffle">Whether to shuffle each epoch.</param>
    /// <param name="dropLast">Whether to drop an incomplete last batch.</param>
    /// <param name="numWorkers">Worker threads (0: none).</param>
    /// <param name="prefetchFactor">Batches in flight per worker.</param>
    /// <param name="seed">The seed (null: drawn from <see cref="Generator.Default"/>).</param>
    /// <param name="sampler">A custom sampler (not with <paramref name="shuffle"/>).</param>
    /// <returns>The loader.</returns>
    public static DataLoader<(Tensor, Tensor), (Tensor, Tensor)> Create(Dataset<(Tensor, Tensor)> dataset, int batchSize = 1, bool shuffle = false,
        bool dropLast = false, int numWorkers = 0, int prefetchFactor = 2, ulong? seed = null, Sampler? sampler = null) =>
        new(dataset, Collate.Stack, batchSize, shuffle, sampler, null, dropLast, numWorkers, prefetchFactor, seed);

    /// <summary>A loader over (input, label) samples; labels are collated into an int64 tensor.</summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="shuffle">Whether to shuffle each epoch.</param>
    /// <param name="dropLast">Whether to drop an incomplete last batch.</param>
    /// <param name="numWorkers">Worker threads (0: none).</param>
    /// <param name="prefetchFactor">Batches in flight per worker.</param>
    /// <param name="seed">The seed (null: drawn from <see cref="Generator.Default"/>).</param>
    /// <param name="sampler">A custom sampler (not with <paramref name="shuffle"/>).</param>
    /// <returns>The loader.</returns>
    public static DataLoader<(Tensor, long), (Tensor, Tensor)> Create(Dataset<(Tensor, long)> dataset, int batchSize = 1, bool shuffle = false,
        bool dropLast = false, int numWorkers = 0, int prefetchFactor = 2, ulong? seed = null, Sampler? sampler = null) =>
        new(dataset, Collate.Stack, batchSize, shuffle, sampler, null, dropLast, numWorkers, prefetchFactor, seed);

    /// <summary>Deconstructs a two-tensor batch: <c>foreach (var (x, y) in loader)</c>.</summary>
    /// <param name="batch">A batch of exactly two tensors.</param>
    /// <param name="first">The first tensor.</param>
    /// <param name="second">The second tensor.</param>
    /// <exception cref="ArgumentException">The batch does not hold two tensors.</exception>
    public static void Deconstruct(this Tensor[] batch, out Tensor first, out Tensor second)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Length != 2)
        {
            throw new ArgumentException($"Expected 2 tensors, got {batch.Length}.", nameof(batch));
        }

        first = batch[0];
        second = batch[1];
    }
}
