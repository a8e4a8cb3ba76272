using System;
using System.Collections.Generic;
using System.Linq;
using Ember.Data;
using Ember.Data.Transforms;
using NUnit.Framework;

namespace Ember.Tests.Data;

[TestFixture]
public sealed class SamplerAndDatasetTests
{
    [Test]
    public void SequentialSampler()
    {
        Assert.That(new SequentialSampler(4).GetIndices(3), Is.EqualTo(new long[] { 0, 1, 2, 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SequentialSampler(-1));
    }

    [Test]
    public void RandomSamplerWithoutReplacement()
    {
        var s = new RandomSampler(20, seed: 9);
        long[] e0 = s.GetIndices(0).ToArray();
        Assert.That(e0.OrderBy(v => v), Is.EqualTo(Enumerable.Range(0, 20).Select(v => (long)v)));
        Assert.That(s.GetIndices(0), Is.EqualTo(e0), "deterministic");
        Assert.That(s.GetIndices(1), Is.Not.EqualTo(e0), "per epoch");
        Assert.That(new RandomSampler(20, seed: 9).GetIndices(0), Is.EqualTo(e0), "per seed");

        var more = new RandomSampler(5, numSamples: 12, seed: 1);
        long[] m = more.GetIndices(0).ToArray();
        Assert.That(m.Length, Is.EqualTo(12));
        Assert.That(m[..5].OrderBy(v => v), Is.EqualTo(new long[] { 0, 1, 2, 3, 4 }), "whole permutations follow each other");
        Assert.That(m[5..10].OrderBy(v => v), Is.EqualTo(new long[] { 0, 1, 2, 3, 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RandomSampler(5, numSamples: 0));
    }

    [Test]
    public void RandomSamplerWithReplacement()
    {
        var s = new RandomSampler(3, replacement: true, numSamples: 3000, seed: 2);
        long[] draws = s.GetIndices(0).ToArray();
        Assert.That(draws.Length, Is.EqualTo(3000));
        Assert.That(draws, Is.All.InRange(0L, 2L));
        foreach (long v in new long[] { 0, 1, 2 })
        {
            Assert.That(draws.Count(d => d == v), Is.InRange(850, 1150));
        }
    }

    [Test]
    public void SubsetRandomSampler()
    {
        var s = new SubsetRandomSampler(new long[] { 10, 20, 30, 40 }, seed: 4);
        long[] e0 = s.GetIndices(0).ToArray();
        Assert.That(e0.OrderBy(v => v), Is.EqualTo(new long[] { 10, 20, 30, 40 }));
        Assert.That(s.GetIndices(0), Is.EqualTo(e0));
        Assert.That(s.Count, Is.EqualTo(4));
    }

    [Test]
    public void WeightedRandomSamplerFollowsTheWeights()
    {
        var s = new WeightedRandomSampler(new[] { 1.0, 0.0, 3.0, 6.0 }, 20_000, seed: 5);
        long[] draws = s.GetIndices(0).ToArray();
        Assert.That(draws, Has.None.EqualTo(1L), "zero weight is never drawn");
        Assert.That(draws.Count(d => d == 0) / 20000.0, Is.EqualTo(0.1).Within(0.012));
        Assert.That(draws.Count(d => d == 2) / 20000.0, Is.EqualTo(0.3).Within(0.015));
        Assert.That(draws.Count(d => d == 3) / 20000.0, Is.EqualTo(0.6).Within(0.015));
        Assert.That(s.GetIndices(0), Is.EqualTo(draws));
        Assert.That(s.GetIndices(1), Is.Not.EqualTo(draws));
    }

    [Test]
    public void WeightedRandomSamplerWithoutReplacement()
    {
        var s = new WeightedRandomSampler(new[] { 1.0, 0.0, 1000.0, 2.0, 0.5 }, 4, replacement: false, seed: 6);
        long[] draws = s.GetIndices(0).ToArray();
        Assert.That(draws.Distinct().Count(), Is.EqualTo(4));
        Assert.That(draws, Has.None.EqualTo(1L));
        Assert.That(draws[0], Is.EqualTo(2), "the heavy weight almost surely comes first");
        Assert.Throws<ArgumentException>(() => _ = new WeightedRandomSampler(new[] { 1.0, 0.0 }, 2, replacement: false));
        Assert.Throws<ArgumentException>(() => _ = new WeightedRandomSampler(new[] { 1.0, -1.0 }, 2));
        Assert.Throws<ArgumentException>(() => _ = new WeightedRandomSampler(new[] { 0.0, 0.0 }, 2));
        Assert.Throws<ArgumentException>(() => _ = new WeightedRandomSampler(new[] { double.NaN }, 2));
    }

    [Test]
    public void BatchSamplerGroupsIndices()
    {
        var b = new BatchSampler(new SequentialSampler(7), 3, dropLast: false);
        Assert.That(b.Count, Is.EqualTo(3));
        Assert.That(b.GetBatches(0), Is.EqualTo(new[] { new long[] { 0, 1, 2 }, new long[] { 3, 4, 5 }, new long[] { 6 } }));
        var d = new BatchSampler(new SequentialSampler(7), 3, dropLast: true);
        Assert.That(d.Count, Is.EqualTo(2));
        Assert.That(d.GetBatches(0).Count(), Is.EqualTo(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new BatchSampler(new SequentialSampler(7), 0, false));
    }

    [Test]
    public void TensorDatasetItemsAndBatches()
    {
        using var scope = DisposeScope.Begin();
        Tensor x = Tensor.Arange(0, 12, 1, DType.Float32).View(4, 3);
        Tensor y = Tensor.Arange(0, 4, 1, DType.Int64);
        using var ds = new TensorDataset(x, y);
        x.Dispose();
        Assert.That(ds.Count, Is.EqualTo(4));
        Tensor[] item = ds[2];
        Assert.That(item[0].ToArray<float>(), Is.EqualTo(new float[] { 6, 7, 8 }));
        Assert.That(item[1].Item<long>(), Is.EqualTo(2));
        Tensor[] batch = ds.GetBatch(new long[] { 3, 0, 3 });
        Assert.That(batch[0].ToArray<float>(), Is.EqualTo(new float[] { 9, 10, 11, 0, 1, 2, 9, 10, 11 }));
        Assert.That(batch[1].ToArray<long>(), Is.EqualTo(new long[] { 3, 0, 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.GetItem(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.GetBatch(new long[] { -1 }));
        Assert.Throws<ArgumentException>(() => _ = new TensorDataset(Tensor.Zeros(3), Tensor.Zeros(4)));
        Assert.Throws<ArgumentException>(() => _ = new TensorDataset(Tensor.Scalar(1.0)));
        Assert.Throws<ArgumentException>(() => _ = new TensorDataset());
    }

    [Test]
    public void SubsetAndConcat()
    {
        using var scope = DisposeScope.Begin();
        using var a = new TensorDataset(Tensor.Arange(0, 3, 1, DType.Int64));
        using var b = new TensorDataset(Tensor.Arange(10, 15, 1, DType.Int64));
        var sub = new Subset<Tensor[]>(b, new long[] { 4, 0 });
        Assert.That(sub.Count, Is.EqualTo(2));
        Assert.That(sub[0][0].Item<long>(), Is.EqualTo(14));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Subset<Tensor[]>(b, new long[] { 5 }));

        var cat = new ConcatDataset<Tensor[]>(new Dataset<Tensor[]>[] { a, b, sub });
        Assert.That(cat.Count, Is.EqualTo(10));
        Assert.That(cat.CumulativeSizes, Is.EqualTo(new long[] { 3, 8, 10 }));
        long[] all = Enumerable.Range(0, 10).Select(i => cat[i][0].Item<long>()).ToArray();
        Assert.That(all, Is.EqualTo(new long[] { 0, 1, 2, 10, 11, 12, 13, 14, 14, 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => cat.GetItem(10));
        Assert.Throws<ArgumentException>(() => _ = new ConcatDataset<Tensor[]>(Array.Empty<Dataset<Tensor[]>>()));

        var loader = DataLoader.Create(cat, batchSize: 4);
        var seen = new List<long>();
        foreach (Tensor[] batch in loader)
        {
            seen.AddRange(batch[0].ToArray<long>());
        }

        Assert.That(seen, Is.EqualTo(all));
    }

    [Test]
    public void RandomTransformsAreReproducibleFromTheGenerator()
    {
        using var scope = DisposeScope.Begin();
        Tensor image = Tensor.Rand(new long[] { 3, 10, 10 }, DType.Float32, null, new Generator(1));
        var augment = new Compose(new RandomCrop(8, 8, new long[] { 2 }), new RandomHorizontalFlip(0.5));
        float[] first = augment.Apply(image, new Generator(77)).ToArray<float>();
        Assert.That(augment.Apply(image, new Generator(77)).ToArray<float>(), Is.EqualTo(first));
        var outputs = Enumerable.Range(0, 10).Select(s => augment.Apply(image, new Generator((ulong)s)).ToArray<float>()).ToList();
        Assert.That(outputs.Select(o => string.Join(",", o)).Distinct().Count(), Is.GreaterThan(3), "different seeds, different crops");
        Assert.That(augment.Apply(image, new Generator(5)).Shape.ToArray(), Is.EqualTo(new long[] { 3, 8, 8 }));
    }

    [Test]
    public void TransformValidation()
    {
        using var scope = DisposeScope.Begin();
        Assert.Throws<ArgumentException>(() => new ToTensor().Apply(Tensor.Zeros(2, 2)));
        Assert.Throws<ArgumentException>(() => new ToTensor().Apply(Tensor.Zeros(new long[] { 5 }, DType.UInt8)));
        Assert.Throws<ArgumentException>(() => _ = new Normalize(new[] { 0.5 }, new[] { 0.0 }));
        Assert.Throws<ArgumentException>(() => new Normalize(new[] { 0.5, 0.5 }, new[] { 1.0, 1.0 }).Apply(Tensor.Zeros(3, 2, 2)));
        Assert.Throws<ArgumentException>(() => new Normalize(new[] { 0.5 }, new[] { 1.0 }).Apply(Tensor.Zeros(2, 2)));
        Assert.Throws<ArgumentException>(() => new Normalize(new[] { 0.5 }, new[] { 1.0 }).Apply(Tensor.Zeros(new long[] { 1, 2, 2 }, DType.UInt8)));
        var e = Assert.Throws<ArgumentException>(() => new RandomCrop(5, 5, null).Apply(Tensor.Zeros(1, 4, 4)));
        Assert.That(e!.Message, Does.Contain("larger than input image size"));
        Assert.Throws<ArgumentException>(() => new RandomCrop(4, 4, null).Crop(Tensor.Zeros(1, 4, 4), 1, 0));
        Assert.Throws<ArgumentException>(() => _ = new RandomCrop(4, 4, new long[] { 1, 2, 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RandomHorizontalFlip(1.5));
        using Tensor pixels = ToTensor.FromBytes(new byte[] { 0, 255, 51, 102, 0, 0 }, 1, 2, 3);
        Assert.That(pixels.Shape.ToArray(), Is.EqualTo(new long[] { 3, 1, 2 }));
        Assert.That(pixels.ToArray<float>(), Is.EqualTo(new[] { 0f, 0.4f, 1f, 0f, 0.2f, 0f }).Within(1e-7));
    }
}
