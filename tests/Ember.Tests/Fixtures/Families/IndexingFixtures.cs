using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>indexing.json: index_select, gather, scatter, index, index_put, masked_select, nonzero, take.</summary>
[TestFixture]
[Category("Fixtures")]
public sealed class IndexingFixtures
{
    internal static readonly OpTable Ops = new()
    {
        { "index_select", c => c[0].IndexSelect(c.Int("dim"), c[1]) },
        { "gather", c => c[0].Gather(c.Int("dim"), c[1]) },
        { "scatter", Scatter },
        { "index", c => c[0].Index(c.From(1)) },
        {
            "index_put", c => c.InPlace
                ? c[0].IndexPut_(c.From(2), c[1], c.Bool("accumulate"))
                : c[0].IndexPut(c.From(2), c[1], c.Bool("accumulate"))
        },
        { "masked_select", c => c[0].MaskedSelect(c[1]) },
        { "nonzero", c => c[0].Nonzero() },
        { "take", c => c[0].Take(c[1]) },
    };

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("indexing");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => FixtureRunner.Run(fixtureCase, Ops);

    private static Tensor Scatter(OpCall c)
    {
        int dim = c.Int("dim");
        Tensor x = c[0], index = c[1], source = c[2];
        return (c.String("reduce"), c.InPlace) switch
        {
            ("assign", false) => x.Scatter(dim, index, source),
            ("add", false) => x.Scatter(dim, index, source, ScatterReduction.Add),
            ("multiply", false) => x.Scatter(dim, index, source, ScatterReduction.Multiply),
            ("assign", true) => x.Scatter_(dim, index, source),
            ("add", true) => x.ScatterAdd_(dim, index, source),
            ("multiply", true) => x.Scatter_(dim, index, source, ScatterReduction.Multiply),
            (string reduce, _) => throw new System.FormatException($"unknown scatter reduction '{reduce}'"),
        };
    }
}
