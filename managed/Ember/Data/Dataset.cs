using System;
using System.Collections.Generic;

namespace Ember.Data;

/// <summary>
/// A map-style data set (<c>torch.utils.data.Dataset</c>): a fixed number of samples, each read by
/// its index. Implementations must allow <see cref="GetItem"/> to be called from several threads at
/// once (a <see cref="DataLoader{TSample, TBatch}"/> with workers does so).
/// </summary>
/// <typeparam name="T">The sample type (a tensor, an array or tuple of tensors, ...).</typeparam>
public abstract class Dataset<T>
{
    /// <summary>The number of samples.</summary>
    public abstract long Count { get; }

    /// <summary>Reads sample <paramref name="index"/>; the caller owns the tensors returned.</summary>
    /// <param name="index">An index in [0, <see cref="Count"/>).</param>
    /// <returns>The sample.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Count"/>).</exception>
    public abstract T GetItem(long index);

    /// <summary>Sample <paramref name="index"/> (same as <see cref="GetItem"/>).</summary>
    /// <param name="index">An index in [0, <see cref="Count"/>).</param>
    public T this[long index] => GetItem(index);

    /// <summary>Throws unless <paramref name="index"/> is in [0, <paramref name="count"/>).</summary>
    /// <param name="index">The index.</param>
    /// <param name="count">The number of samples.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    protected static void CheckIndex(long index, long count)
    {
        if ((ulong)index >= (ulong)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index {index} is out of range for a data set of {count} samples.");
        }
    }
}

/// <summary>
/// A data set that can read a whole batch at once, faster than reading samples one by one and
/// stacking them (for <see cref="TensorDataset"/>: one <c>index_select</c> per tensor). A
/// <see cref="DataLoader{TSample, TBatch}"/> without a collate function uses it.
/// </summary>
/// <typeparam name="TBatch">The batch type.</typeparam>
public interface IBatchDataset<TBatch>
{
    /// <summary>Reads the samples at <paramref name="indices"/> as one batch; the caller owns it.</summary>
    /// <param name="indices">Sample indices, each in [0, Count).</param>
    /// <returns>The batch (the samples stacked along a new dim 0, in the order of <paramref name="indices"/>).</returns>
    TBatch GetBatch(ReadOnlySpan<long> indices);
}

/// <summary>
/// A data set whose samples are random (data augmentation): reading one takes the generator to draw
/// from. A <see cref="DataLoader{TSample, TBatch}"/> passes a generator seeded from (seed, epoch,
/// position of the sample in the epoch), so results do not depend on threads or timing.
/// </summary>
/// <typeparam name="T">The sample type.</typeparam>
public interface IRandomDataset<T>
{
    /// <summary>Reads sample <paramref name="index"/>, drawing random numbers from <paramref name="generator"/>.</summary>
    /// <param name="index">An index in [0, Count).</param>
    /// <param name="generator">The generator to draw from (only on this thread, only during the call).</param>
    /// <returns>The sample; the caller owns it.</returns>
    T GetItem(long index, Generator generator);
}

/// <summary>A view of a data set restricted to some of its indices (<c>torch.utils.data.Subset</c>).</summary>
/// <typeparam name="T">The sample type.</typeparam>
public sealed class Subset<T> : Dataset<T>, IRandomDataset<T>
{
    private readonly long[] indices;

    /// <summary>Creates the subset.</summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="indices">Indices into <paramref name="dataset"/> (copied); sample i of the subset is <c>dataset[indices[i]]</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, dataset.Count).</exception>
    public Subset(Dataset<T> dataset, IEnumerable<long> indices)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        Dataset = dataset;
        this.indices = new List<long>(indices).ToArray();
        foreach (long i in this.indices)
        {
            CheckIndex(i, dataset.Count);
        }
    }

    /// <summary>The underlying data set.</summary>
    public Dataset<T> Dataset { get; }

    /// <summary>The indices into <see cref="Dataset"/>.</summary>
    public IReadOnlyList<long> Indices => indices;

    /// <inheritdoc/>
    public override long Count => indices.Length;

    /// <inheritdoc/>
    public override T GetItem(long index)
    {
        CheckIndex(index, indices.Length);
        return Dataset.GetItem(indices[index]);
    }

    /// <summary>Reads a sample; forwards the generator when the underlying data set is random.</summary>
    /// <param name="index">An index in [0, <see cref="Count"/>).</param>
    /// <param name="generator">The generator.</param>
    /// <returns>The sample.</returns>
    public T GetItem(long index, Generator generator)
    {
        CheckIndex(index, indices.Length);
        return Dataset is IRandomDataset<T> random ? random.GetItem(indices[index], generator) : Dataset.GetItem(indices[index]);
    }
}

/// <summary>Several data sets one after the other (<c>torch.utils.data.ConcatDataset</c>).</summary>
/// <typeparam name="T">The sample type.</typeparam>
public sealed class ConcatDataset<T> : Dataset<T>, IRandomDataset<T>
{
    private readonly Dataset<T>[] datasets;
    private readonly long[] ends;

    /// <summary>Concatenates <paramref name="datasets"/>.</summary>
    /// <param name="datasets">The data sets (at least one).</param>
    /// <exception cref="ArgumentNullException"><paramref name="datasets"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="datasets"/> is empty.</exception>
    public ConcatDataset(IEnumerable<Dataset<T>> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        this.datasets = new List<Dataset<T>>(datasets).ToArray();
        if (this.datasets.Length == 0)
        {
            throw new ArgumentException("ConcatDataset needs at least one data set.", nameof(datasets));
        }

        ends = new long[this.datasets.Length];
        long total = 0;
        for (int i = 0; i < this.datasets.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(this.datasets[i], nameof(datasets));
            total = checked(total + this.datasets[i].Count);
            ends[i] = total;
        }
    }

    /// <summary>The concatenated data sets.</summary>
    public IReadOnlyList<Dataset<T>> Datasets => datasets;

    /// <summary>The running totals of the data sets' sizes (PyTorch's <c>cumulative_sizes</c>).</summary>
    public IReadOnlyList<long> CumulativeSizes => ends;

    /// <inheritdoc/>
    public override long Count => ends[^1];

    /// <inheritdoc/>
    public override T GetItem(long index)
    {
        (Dataset<T> dataset, long local) = Locate(index);
        return dataset.GetItem(local);
    }

    /// <summary>Reads a sample; forwards the generator when the data set holding it is random.</summary>
    /// <param name="index">An index in [0, <see cref="Count"/>).</param>
    /// <param name="generator">The generator.</param>
    /// <returns>The sample.</returns>
    public T GetItem(long index, Generator generator)
    {
        (Dataset<T> dataset, long local) = Locate(index);
        return dataset is IRandomDataset<T> random ? random.GetItem(local, generator) : dataset.GetItem(local);
    }

    private (Dataset<T> Dataset, long Local) Locate(long index)
    {
        CheckIndex(index, Count);

        // First data set whose end lies beyond the index.
        int pos = Array.BinarySearch(ends, index);
        int which = pos >= 0 ? pos + 1 : ~pos;
        long start = which == 0 ? 0 : ends[which - 1];
        return (datasets[which], index - start);
    }
}

/// <summary>
/// Applies a (possibly random) function to each sample of a data set, e.g. data augmentation
/// with <see cref="Transforms.ITransform"/>s. The function gets the generator to draw from.
/// </summary>
/// <typeparam name="TIn">The underlying sample type.</typeparam>
/// <typeparam name="TOut">The transformed sample type.</typeparam>
public sealed class TransformDataset<TIn, TOut> : Dataset<TOut>, IRandomDataset<TOut>
{
    private readonly Func<TIn, Generator, TOut> transform;

    /// <summary>Creates the data set.</summary>
    /// <param name="dataset">The underlying data set.</param>
    /// <param name="transform">
    /// The function: sample and generator in, transformed sample out. It must draw random numbers
    /// only from the generator it is given. Tensors of the input sample that the output does not
    /// use are disposed by the <see cref="DataLoader{TSample, TBatch}"/>'s dispose scope.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public TransformDataset(Dataset<TIn> dataset, Func<TIn, Generator, TOut> transform)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(transform);
        Dataset = dataset;
        this.transform = transform;
    }

    /// <summary>The underlying data set.</summary>
    public Dataset<TIn> Dataset { get; }

    /// <inheritdoc/>
    public override long Count => Dataset.Count;

    /// <summary>Reads and transforms a sample, drawing from <see cref="Generator.Default"/>.</summary>
    /// <param name="index">An index in [0, <see cref="Count"/>).</param>
    /// <returns>The transformed sample.</returns>
    public override TOut GetItem(long index) => GetItem(index, Generator.Default);

    /// <summary>Reads and transforms a sample.</summary>
    /// <param name="index">An index in [0, <see cref="Count"/>).</param>
    /// <param name="generator">The generator the transform draws from (also passed on when the underlying data set is random).</param>
    /// <returns>The transformed sample.</returns>
    public TOut GetItem(long index, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        TIn sample = Dataset is IRandomDataset<TIn> random ? random.GetItem(index, generator) : Dataset.GetItem(index);
        return transform(sample, generator);
    }
}

/// <summary>Helpers to build <see cref="TransformDataset{TIn, TOut}"/>s.</summary>
public static class TransformDataset
{
    /// <summary>
    /// Applies <paramref name="transform"/> to element <paramref name="element"/> of each sample
    /// (e.g. the image of an (image, label) pair), leaving the other elements as they are.
    /// </summary>
    /// <param name="dataset">A data set of tensor arrays, such as a <see cref="TensorDataset"/>.</param>
    /// <param name="transform">The transform.</param>
    /// <param name="element">The position of the tensor to transform (default 0).</param>
    /// <returns>The transformed data set.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="element"/> is negative.</exception>
    public static TransformDataset<Tensor[], Tensor[]> Create(Dataset<Tensor[]> dataset, Transforms.ITransform transform, int element = 0)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentOutOfRangeException.ThrowIfNegative(element);
        return new TransformDataset<Tensor[], Tensor[]>(dataset, (sample, generator) =>
        {
            if (element >= sample.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(element), element, $"The sample has {sample.Length} tensors.");
            }

            var result = (Tensor[])sample.Clone();
            result[element] = transform.Apply(sample[element], generator);
            return result;
        });
    }
}
