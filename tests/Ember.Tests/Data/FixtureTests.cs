using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Ember.Data.Transforms;
using Ember.Distributions;
using NUnit.Framework;

namespace Ember.Tests.Data;

/// <summary>Transforms and distributions against PyTorch 1.13 references (tests/fixtures/data.json).</summary>
[TestFixture]
public sealed class FixtureTests
{
    private static IEnumerable<string> ToTensorCases() => DataFixtures.Names("to_tensor");

    private static IEnumerable<string> NormalizeCases() => DataFixtures.Names("normalize");

    private static IEnumerable<string> CropCases() => DataFixtures.Names("crop");

    private static IEnumerable<string> FlipCases() => DataFixtures.Names("hflip");

    private static IEnumerable<string> CategoricalCases() => DataFixtures.Names("categorical");

    private static IEnumerable<string> NormalCases() => DataFixtures.Names("normal");

    [Test]
    public void EveryKindHasCases()
    {
        foreach (string kind in new[] { "to_tensor", "normalize", "crop", "hflip", "categorical", "normal" })
        {
            Assert.That(DataFixtures.Names(kind), Is.Not.Empty, kind);
        }
    }

    [TestCaseSource(nameof(ToTensorCases))]
    public void ToTensorMatchesPyTorch(string name)
    {
        using var scope = DisposeScope.Begin();
        JsonElement c = DataFixtures.Case(name);
        var layout = c.GetProperty("attrs").GetProperty("layout").GetString() == "hwc" ? ImageLayout.Hwc : ImageLayout.Chw;
        Tensor result = new ToTensor(layout).Apply(DataFixtures.Input(c, 0));
        DataFixtures.AssertMatches(result, DataFixtures.Expected(c, 0), name, 0, 0);
        Assert.That(result.IsContiguous, Is.True);
    }

    [TestCaseSource(nameof(NormalizeCases))]
    public void NormalizeMatchesPyTorch(string name)
    {
        using var scope = DisposeScope.Begin();
        JsonElement c = DataFixtures.Case(name);
        JsonElement attrs = c.GetProperty("attrs");
        double[] mean = attrs.GetProperty("mean").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] std = attrs.GetProperty("std").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Tensor result = new Normalize(mean, std).Apply(DataFixtures.Input(c, 0));
        DataFixtures.AssertMatches(result, DataFixtures.Expected(c, 0), name);
    }

    [TestCaseSource(nameof(CropCases))]
    public void CropWithPaddingMatchesPyTorch(string name)
    {
        using var scope = DisposeScope.Begin();
        JsonElement c = DataFixtures.Case(name);
        JsonElement a = c.GetProperty("attrs");
        long[] size = a.GetProperty("size").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        long[] padding = a.GetProperty("padding").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var crop = new RandomCrop(size[0], size[1], padding, a.GetProperty("pad_if_needed").GetBoolean(), a.GetProperty("fill").GetDouble());
        Tensor result = crop.Crop(DataFixtures.Input(c, 0), a.GetProperty("top").GetInt64(), a.GetProperty("left").GetInt64());
        DataFixtures.AssertMatches(result, DataFixtures.Expected(c, 0), name, 0, 0);
    }

    [TestCaseSource(nameof(FlipCases))]
    public void HorizontalFlipMatchesPyTorch(string name)
    {
        using var scope = DisposeScope.Begin();
        JsonElement c = DataFixtures.Case(name);
        Tensor input = DataFixtures.Input(c, 0);
        DataFixtures.AssertMatches(RandomHorizontalFlip.Flip(input), DataFixtures.Expected(c, 0), name, 0, 0);
        DataFixtures.AssertMatches(new RandomHorizontalFlip(1.0).Apply(input), DataFixtures.Expected(c, 0), name + " p=1", 0, 0);
        Tensor kept = new RandomHorizontalFlip(0.0).Apply(input);
        Assert.That(kept.ToArray<float>(), Is.EqualTo(input.ToArray<float>()));
    }

    [TestCaseSource(nameof(CategoricalCases))]
    public void CategoricalMatchesPyTorch(string name)
    {
        using var scope = DisposeScope.Begin();
        JsonElement c = DataFixtures.Case(name);
        Tensor param = DataFixtures.Input(c, 0);
        Tensor value = DataFixtures.Input(c, 1);
        using Categorical d = c.GetProperty("attrs").GetProperty("param").GetString() == "probs"
            ? Categorical.FromProbs(param)
            : Categorical.FromLogits(param);
        DataFixtures.AssertMatches(d.Probs, DataFixtures.Expected(c, 0), name + " probs");
        DataFixtures.AssertMatches(d.Logits, DataFixtures.Expected(c, 1), name + " logits");
        DataFixtures.AssertMatches(d.Entropy(), DataFixtures.Expected(c, 2), name + " entropy");
        DataFixtures.AssertMatches(d.LogProb(value), DataFixtures.Expected(c, 3), name + " log_prob");
    }

    [TestCaseSource(nameof(NormalCases))]
    public void NormalMatchesPyTorch(string name)
    {
        using var scope = DisposeScope.Begin();
        JsonElement c = DataFixtures.Case(name);
        using var d = new Normal(DataFixtures.Input(c, 0), DataFixtures.Input(c, 1));
        Tensor value = DataFixtures.Input(c, 2);
        DataFixtures.AssertMatches(d.Mean, DataFixtures.Expected(c, 0), name + " mean");
        DataFixtures.AssertMatches(d.Stddev, DataFixtures.Expected(c, 1), name + " stddev");
        DataFixtures.AssertMatches(d.Variance, DataFixtures.Expected(c, 2), name + " variance");
        DataFixtures.AssertMatches(d.LogProb(value), DataFixtures.Expected(c, 3), name + " log_prob");
        DataFixtures.AssertMatches(d.Entropy(), DataFixtures.Expected(c, 4), name + " entropy");
        DataFixtures.AssertMatches(d.Cdf(value), DataFixtures.Expected(c, 5), name + " cdf");
    }
}
