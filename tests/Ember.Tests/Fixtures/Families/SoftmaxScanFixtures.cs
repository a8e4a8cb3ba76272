using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>softmax_scan.json: softmax, log_softmax, cumsum, cumprod.</summary>
[TestFixture]
[Category("Fixtures")]
public sealed class SoftmaxScanFixtures
{
    internal static readonly OpTable Ops = new()
    {
        { "softmax", c => c[0].Softmax(c.Int("dim"), c.DType("dtype")) },
        { "log_softmax", c => c[0].LogSoftmax(c.Int("dim"), c.DType("dtype")) },
        { "cumsum", c => c[0].CumSum(c.Int("dim"), c.DType("dtype")) },
        { "cumprod", c => c[0].CumProd(c.Int("dim"), c.DType("dtype")) },
    };

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("softmax_scan");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => FixtureRunner.Run(fixtureCase, Ops);
}
