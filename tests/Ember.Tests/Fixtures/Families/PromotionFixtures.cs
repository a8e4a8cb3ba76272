using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>promotion.json: type promotion of binary ops over all dtype pairs, 0-dim tensors and wrapped numbers; cast, copy_, fill_, clone, contiguous.</summary>
[TestFixture]
[Category("Fixtures")]
public sealed class PromotionFixtures
{
    internal static readonly OpTable Ops = new()
    {
        ElementwiseBinaryFixtures.Ops,
        { "cast", c => c[0].To(c.DType("dtype")!.Value) },
        { "clone", c => c[0].Clone() },
        { "contiguous", c => c[0].Contiguous() },
        { "copy_", c => c[0].Copy_(c[1]) },
        { "fill_", c => c.Scalar("value").Match(i => c[0].Fill_(i), f => c[0].Fill_(f), b => c[0].Fill_(b), "Fill_") },
    };

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("promotion");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => FixtureRunner.Run(fixtureCase, Ops);
}
