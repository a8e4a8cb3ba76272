using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>
/// autograd.json: programs of the other families' ops whose gradients (first and second order,
/// <see cref="Autograd.Grad"/> and <see cref="Autograd.Backward"/>) are compared with PyTorch's,
/// and the autograd errors PyTorch raises.
/// </summary>
[TestFixture]
[Category("Fixtures")]
public sealed class AutogradFixtures
{
    /// <summary>Every op a program step may use: the tables of the op families.</summary>
    internal static readonly OpTable Ops = new()
    {
        ElementwiseUnaryFixtures.Ops,
        PromotionFixtures.Ops, // includes the binary ops
        PointwiseFixtures.Ops,
        ReductionsFixtures.Ops,
        SoftmaxScanFixtures.Ops,
        LinalgFixtures.Ops,
        ViewsFixtures.Ops,
        ShapeOpsFixtures.Ops,
        IndexingFixtures.Ops,
        SortFixtures.Ops,
    };

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("autograd");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => ProgramRunner.Run(fixtureCase, Ops);
}
