using Ember.Data;
using Ember.Distributions;
using NUnit.Framework;

namespace Ember.Tests.Data;

[TestFixture]
public sealed class EdgeCaseTests
{
    [Test]
    public void EmptySampleShapes()
    {
        using var scope = DisposeScope.Begin();
        using var c = Categorical.FromProbs(Tensor.Ones(2, 3));
        Assert.That(c.Sample([0]).Shape.ToArray(), Is.EqualTo(new long[] { 0, 2 }));
        using var n = new Normal(Tensor.Zeros(2), Tensor.Ones(2));
        Assert.That(n.Sample([0, 4]).Shape.ToArray(), Is.EqualTo(new long[] { 0, 4, 2 }));
    }

    [Test]
    public void EmptyDatasetGivesNoBatches([Values(0, 2)] int workers)
    {
        using var scope = DisposeScope.Begin();
        using var ds = new TensorDataset(Tensor.Zeros(0, 3));
        var loader = DataLoader.Create(ds, batchSize: 4, shuffle: true, seed: 1, numWorkers: workers);
        Assert.That(loader.Count, Is.Zero);
        int n = 0;
        foreach (Tensor[] unused in loader)
        {
            n++;
        }

        Assert.That(n, Is.Zero);
    }

    [Test]
    public void SingleCategoryAndZeroTailProbabilities()
    {
        using var scope = DisposeScope.Begin();
        using var one = Categorical.FromProbs(Tensor.Ones(1));
        Assert.That(one.Sample([100], new Generator(1)).ToArray<long>(), Is.All.EqualTo(0L));
        using var tail = Categorical.FromProbs(Tensor.From(new[] { 0f, 1f, 0f, 0f }));
        Assert.That(tail.Sample([1000], new Generator(2)).ToArray<long>(), Is.All.EqualTo(1L));
    }
}
