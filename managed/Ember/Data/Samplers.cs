using System;
using System.Collections.Generic;

namespace Ember.Data;

/// <summary>
/// The order in which a loader visits sample indices (<c>torch.utils.data.Sampler</c>). The order of
/// an epoch is a pure function of the sampler's seed and the epoch number, so runs are reproducible
/// and each epoch of a random sampler differs.
/// </summary>
public abstract class Sampler
{
    /// <summary>The number of indices an epoch yields.</summary>
    public abstract long Count { get; }

    /// <summary>The indices of epoch <paramref name="epoch"/>.</summary>
    /// <param name="epoch">The epoch number (0 for the first).</param>
    /// <returns>The indices, in order.</returns>
    public abstract IEnumerable<long> GetIndices(long epoch);
}

/// <summary>0, 1, ..., count - 1 every epoch (<c>SequentialSampler</c>).</summary>
public sealed class SequentialSampler : Sampler
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="count">The number of samples.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public SequentialSampler(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
    }

    /// <inheritdoc/>
    public override long Count { get; }

    /// <inheritdoc/>
    public override IEnumerable<long> GetIndices(long epoch)
    {
        for (long i = 0; i < Count; i++)
        {
            yield return i;
        }
    }
}

/// <summary>Random indices (<c>RandomSampler</c>): a permutation per epoch, or draws with replacement.</summary>
public sealed class RandomSampler : Sampler
{
    private readonly long dataCount;

    /// <summary>Creates the sampler.</summary>
    /// <param name="dataCount">The number of samples in the data set.</param>
    /// <param name="replacement">Whether to draw with replacement (independent uniform draws).</param>
    /// <param name="numSamples">
    /// The number of indices per epoch (default <paramref name="dataCount"/>). Without replacement and
    /// above <paramref name="dataCount"/>, whole permutations follow each other, as in PyTorch.
    /// </param>
    /// <param name="seed">The seed; null draws one from <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataCount"/> is negative or <paramref name="numSamples"/> is not positive.</exception>
    public RandomSampler(long dataCount, bool replacement = false, long? numSamples = null, ulong? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dataCount);
        if (numSamples is { } n && n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numSamples), n, "numSamples should be a positive integer.");
        }

        this.dataCount = dataCount;
        Replacement = replacement;
        Count = numSamples ?? dataCount;
        Seed = seed ?? Seeds.Draw();
    }

    /// <summary>Whether indices are drawn with replacement.</summary>
    public bool Replacement { get; }

    /// <summary>The seed; epoch e draws from a generator seeded with a mix of it and e.</summary>
    public ulong Seed { get; }

    /// <inheritdoc/>
    public override long Count { get; }

    /// <inheritdoc/>
    public override IEnumerable<long> GetIndices(long epoch)
    {
        if (dataCount == 0 || Count == 0)
        {
            return Array.Empty<long>();
        }

        using var generator = new Generator(Seeds.Mix(Seed, (ulong)epoch));
        if (Replacement)
        {
            using Tensor draws = Tensor.RandInt(0, dataCount, new long[] { Count }, DType.Int64, null, generator);
            return draws.ToArray<long>();
        }

        var result = new List<long>((int)Math.Min(Count, int.MaxValue));
        while (result.Count < Count)
        {
            long[] perm = Seeds.Permutation(dataCount, generator);
            long take = Math.Min(perm.Length, Count - result.Count);
            result.AddRange(new ArraySegment<long>(perm, 0, (int)take));
        }

        return result;
    }
}

/// <summary>A new random order of given indices each epoch (<c>SubsetRandomSampler</c>).</summary>
public sealed class SubsetRandomSampler : Sampler
{
    private readonly long[] indices;

    /// <summary>Creates the sampler.</summary>
    /// <param name="indices">The indices to permute (copied).</param>
    /// <param name="seed">The seed; null draws one from <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> is null.</exception>
    public SubsetRandomSampler(IEnumerable<long> indices, ulong? seed = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        this.indices = new List<long>(indices).ToArray();
        Seed = seed ?? Seeds.Draw();
    }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <inheritdoc/>
    public override long Count => indices.Length;

    /// <inheritdoc/>
    public override IEnumerable<long> GetIndices(long epoch)
    {
        using var generator = new Generator(Seeds.Mix(Seed, (ulong)epoch));
        long[] perm = Seeds.Permutation(indices.Length, generator);
        var result = new long[perm.Length];
        for (int i = 0; i < perm.Length; i++)
        {
            result[i] = indices[perm[i]];
        }

        return result;
    }
}

/// <summary>
/// Indices drawn with probabilities proportional to weights (<c>WeightedRandomSampler</c>, i.e.
/// <c>torch.multinomial</c>): with replacement by inverting the cumulative weights, without
/// replacement by the exponential-race (Efraimidis–Spirakis) keys, both with tensor ops.
/// </summary>
public sealed class WeightedRandomSampler : Sampler
{
    private readonly double[] weights;

    /// <summary>Creates the sampler.</summary>
    /// <param name="weights">One non-negative finite weight per sample (need not sum to 1), not all zero.</param>
    /// <param name="numSamples">The number of indices per epoch.</param>
    /// <param name="replacement">Whether an index may be drawn more than once (default true, as PyTorch).</param>
    /// <param name="seed">The seed; null draws one from <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> is null.</exception>
    /// <exception cref="ArgumentException">A weight is negative or not finite, all are zero, or (without replacement) fewer weights are positive than <paramref name="numSamples"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numSamples"/> is not positive.</exception>
    public WeightedRandomSampler(IEnumerable<double> weights, long numSamples, bool replacement = true, ulong? seed = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (numSamples <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numSamples), numSamples, "numSamples should be a positive integer.");
        }

        this.weights = new List<double>(weights).ToArray();
        long positive = 0;
        foreach (double w in this.weights)
        {
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentException($"Weights must be finite and non-negative; got {w}.", nameof(weights));
            }

            positive += w > 0 ? 1 : 0;
        }

        if (positive == 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }

        if (!replacement && numSamples > positive)
        {
            throw new ArgumentException($"Cannot draw {numSamples} samples without replacement: only {positive} weights are positive.", nameof(numSamples));
        }

        Count = numSamples;
        Replacement = replacement;
        Seed = seed ?? Seeds.Draw();
    }

    /// <summary>Whether indices are drawn with replacement.</summary>
    public bool Replacement { get; }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>The weights.</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <inheritdoc/>
    public override long Count { get; }

    /// <inheritdoc/>
    public override IEnumerable<long> GetIndices(long epoch)
    {
        using var generator = new Generator(Seeds.Mix(Seed, (ulong)epoch));
        using var scope = DisposeScope.Begin();
        Tensor w = Tensor.From(weights).View(1, -1);
        Tensor drawn = Replacement
            ? Distributions.Multinomial.WithReplacement(w, Count, generator)
            : Distributions.Multinomial.WithoutReplacement(w, Count, generator);
        return drawn.ToArray<long>();
    }
}

/// <summary>Groups a sampler's indices into batches (<c>BatchSampler</c>).</summary>
public class BatchSampler
{
    /// <summary>Creates the batch sampler.</summary>
    /// <param name="sampler">The sampler of indices.</param>
    /// <param name="batchSize">The batch size (positive).</param>
    /// <param name="dropLast">Whether to drop the last batch when it is smaller than <paramref name="batchSize"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sampler"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive.</exception>
    public BatchSampler(Sampler sampler, int batchSize, bool dropLast)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (batchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize should be a positive integer.");
        }

        Sampler = sampler;
        BatchSize = batchSize;
        DropLast = dropLast;
    }

    /// <summary>The sampler of indices.</summary>
    public Sampler Sampler { get; }

    /// <summary>The batch size.</summary>
    public int BatchSize { get; }

    /// <summary>Whether an incomplete last batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>The number of batches per epoch.</summary>
    public virtual long Count => DropLast ? Sampler.Count / BatchSize : (Sampler.Count + BatchSize - 1) / BatchSize;

    /// <summary>The batches of epoch <paramref name="epoch"/>.</summary>
    /// <param name="epoch">The epoch number.</param>
    /// <returns>Arrays of indices (never empty).</returns>
    public virtual IEnumerable<long[]> GetBatches(long epoch)
    {
        var batch = new List<long>(BatchSize);
        foreach (long index in Sampler.GetIndices(epoch))
        {
            batch.Add(index);
            if (batch.Count == BatchSize)
            {
                yield return batch.ToArray();
                batch.Clear();
            }
        }

        if (batch.Count > 0 && !DropLast)
        {
            yield return batch.ToArray();
        }
    }
}
