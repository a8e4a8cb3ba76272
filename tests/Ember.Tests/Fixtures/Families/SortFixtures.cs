using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>sort.json: sort, argsort, topk.</summary>
[TestFixture]
[Category("Fixtures")]
public sealed class SortFixtures
{
    internal static readonly OpTable Ops = new()
    {
        { "sort", c => c[0].Sort(c.Int("dim"), c.Bool("descending"), c.Bool("stable")) },
        { "argsort", c => c[0].ArgSort(c.Int("dim"), c.Bool("descending")) },
        { "topk", c => c[0].TopK(c.Long("k"), c.Int("dim"), c.Bool("largest"), c.Bool("sorted")) },
    };

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("sort");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => FixtureRunner.Run(fixtureCase, Ops);
}
