using System;
using System.Linq;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>
/// Random numbers (Ember's own counter-based Philox): reproducible from a seed, independent of the
/// thread count, and with the right distributions. Statistics are computed in C# from ToArray, so
/// these tests do not depend on the reductions.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RandomTests
{
    private const int Million = 1 << 20;

    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    [Test]
    public void TheSameSeedGivesTheSameValues()
    {
        Tensor.ManualSeed(1234);
        float[] first = Tensor.Rand(1000).ToArray<float>();
        float[] next = Tensor.Rand(1000).ToArray<float>();
        Tensor.ManualSeed(1234);
        Assert.That(Tensor.Rand(1000).ToArray<float>(), Is.EqualTo(first), "re-seeding replays the sequence");
        Assert.That(next, Is.Not.EqualTo(first), "the generator advances");

        using var a = new Generator(99);
        using var b = new Generator(99);
        Assert.That(Tensor.Randn([500], generator: a).ToArray<float>(), Is.EqualTo(Tensor.Randn([500], generator: b).ToArray<float>()));
    }

    [Test]
    public void DifferentSeedsGiveDifferentValues()
    {
        using var a = new Generator(1);
        using var b = new Generator(2);
        Assert.That(Tensor.Rand([100], generator: a).ToArray<float>(), Is.Not.EqualTo(Tensor.Rand([100], generator: b).ToArray<float>()));
    }

    [Test]
    public void GeneratorStateRestoresTheSequence()
    {
        using var generator = new Generator(7);
        Tensor.Rand([10], generator: generator);
        (ulong seed, ulong offset) = generator.GetState();
        Assert.That(seed, Is.EqualTo(7UL));
        Assert.That(offset, Is.GreaterThan(0UL), "drawing advances the offset");
        float[] expected = Tensor.Rand([10], generator: generator).ToArray<float>();
        generator.SetState(seed, offset);
        Assert.That(Tensor.Rand([10], generator: generator).ToArray<float>(), Is.EqualTo(expected));
    }

    [TestCase(DType.Float32)]
    [TestCase(DType.Float64)]
    public void ValuesDoNotDependOnTheThreadCount(DType dtype)
    {
        int before = EmberRuntime.NumThreads;
        try
        {
            EmberRuntime.NumThreads = 1;
            (double[] rand1, double[] randn1, long[] randint1) = Draw(dtype);
            EmberRuntime.NumThreads = 2;
            (double[] rand2, double[] randn2, long[] randint2) = Draw(dtype);
            AssertIdentical(rand2, rand1, "rand");
            AssertIdentical(randn2, randn1, "randn");
            AssertIdentical(randint2, randint1, "randint");
        }
        finally
        {
            EmberRuntime.NumThreads = before;
        }

        static (double[], double[], long[]) Draw(DType dtype)
        {
            using var generator = new Generator(2024);
            return (Doubles(Tensor.Rand([Million], dtype, generator: generator)),
                    Doubles(Tensor.Randn([Million], dtype, generator: generator)),
                    Tensor.RandInt(-1000, 1000, [Million], generator: generator).ToArray<long>());
        }
    }

    [Test]
    public void RandIsUniformOnZeroOne()
    {
        using var generator = new Generator(11);
        float[] values = Tensor.Rand([Million], generator: generator).ToArray<float>();
        Assert.That(values.Min(), Is.GreaterThanOrEqualTo(0f));
        Assert.That(values.Max(), Is.LessThan(1f));
        Assert.That(values.Average(v => (double)v), Is.EqualTo(0.5).Within(0.002));
        Assert.That(values.Count(v => v < 0.25f) / (double)values.Length, Is.EqualTo(0.25).Within(0.002));
    }

    [TestCase(DType.Float32)]
    [TestCase(DType.Float64)]
    [TestCase(DType.Float16)]
    [TestCase(DType.BFloat16)]
    public void RandnHasMeanZeroAndStandardDeviationOne(DType dtype)
    {
        using var generator = new Generator(12);
        double[] values = Doubles(Tensor.Randn([Million], dtype, generator: generator));
        (double mean, double std) = MeanStd(values);
        Assert.That(mean, Is.EqualTo(0).Within(0.01));
        Assert.That(std, Is.EqualTo(1).Within(0.01));
        Assert.That(values.Count(v => Math.Abs(v) < 1) / (double)values.Length, Is.EqualTo(0.6827).Within(0.005), "the normal's mass within one sigma");
    }

    [Test]
    public void NormalHasTheRequestedMeanAndStandardDeviation()
    {
        using var generator = new Generator(13);
        (double mean, double std) = MeanStd(Doubles(Tensor.Normal(3, 2, [Million], generator: generator)));
        Assert.That(mean, Is.EqualTo(3).Within(0.02));
        Assert.That(std, Is.EqualTo(2).Within(0.02));
    }

    [Test]
    public void RandIntStaysWithinItsBounds()
    {
        using var generator = new Generator(14);
        Tensor t = Tensor.RandInt(-5, 7, [100_000], generator: generator);
        Assert.That(t.DType, Is.EqualTo(DType.Int64), "randint's default dtype is int64");
        long[] values = t.ToArray<long>();
        Assert.That(values.Min(), Is.EqualTo(-5));
        Assert.That(values.Max(), Is.EqualTo(6), "high is exclusive");
        Assert.That(values.Distinct().Count(), Is.EqualTo(12), "every value in [low, high) occurs");
        Assert.That(Tensor.RandInt(3, [10], DType.Int16, generator: generator).ToArray<short>(), Has.All.InRange((short)0, (short)2));
    }

    [Test]
    public void BernoulliFollowsTheProbabilities()
    {
        using var generator = new Generator(15);
        Tensor p = Tensor.Full([Million], 0.3);
        float[] draws = p.Bernoulli(generator).ToArray<float>();
        Assert.That(draws.All(v => v is 0f or 1f), Is.True, "bernoulli draws 0 or 1");
        Assert.That(draws.Average(v => (double)v), Is.EqualTo(0.3).Within(0.003));

        Tensor probabilities = Tensor.From(new[] { 0f, 1f, 0f, 1f });
        Assert.That(probabilities.Bernoulli(generator).ToArray<float>(), Is.EqualTo(new[] { 0f, 1f, 0f, 1f }), "p = 0 and p = 1 are certain");

        double[] filled = Doubles(Tensor.Zeros([Million], DType.Float64).Bernoulli_(0.25, generator));
        Assert.That(filled.Average(), Is.EqualTo(0.25).Within(0.003));
    }

    [Test]
    public void InPlaceFillsUseTheirRanges()
    {
        using var generator = new Generator(16);
        float[] uniform = Tensor.Empty(100_000).Uniform_(-2, 3, generator).ToArray<float>();
        Assert.That(uniform.Min(), Is.GreaterThanOrEqualTo(-2f));
        Assert.That(uniform.Max(), Is.LessThan(3f));
        Assert.That(uniform.Average(v => (double)v), Is.EqualTo(0.5).Within(0.03));

        long[] integers = Tensor.Empty([100_000], DType.Int64).Random_(10, 20, generator).ToArray<long>();
        Assert.That(integers.Min(), Is.EqualTo(10));
        Assert.That(integers.Max(), Is.EqualTo(19));
    }

    // NUnit's collection constraints are slow on a million elements: compare spans, report the first difference.
    private static void AssertIdentical<T>(T[] actual, T[] expected, string what)
        where T : IEquatable<T>
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what);
        for (int i = 0; i < actual.Length; i++)
        {
            if (!actual[i].Equals(expected[i]))
            {
                Assert.Fail($"{what}: element {i} differs: {actual[i]} with 2 threads, {expected[i]} with 1");
            }
        }
    }

    private static double[] Doubles(Tensor t) => t.DType switch
    {
        DType.Float32 => Array.ConvertAll(t.ToArray<float>(), v => (double)v),
        DType.Float64 => t.ToArray<double>(),
        DType.Float16 => Array.ConvertAll(t.ToArray<Half>(), v => (double)v),
        DType.BFloat16 => Array.ConvertAll(t.ToArray<BFloat16>(), v => (double)v),
        _ => throw new ArgumentException("not floating"),
    };

    private static (double Mean, double Std) MeanStd(double[] values)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, Math.Sqrt(variance));
    }
}
