using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>linalg.json: matmul, mm, bmm, addmm, outer, dot.</summary>
[TestFixture]
[Category("Fixtures")]
public sealed class LinalgFixtures
{
    internal static readonly OpTable Ops = new()
    {
        { "matmul", c => c[0].MatMul(c[1]) },
        { "mm", c => c[0].Mm(c[1]) },
        { "bmm", c => c[0].Bmm(c[1]) },
        { "outer", c => c[0].Outer(c[1]) },
        { "dot", c => c[0].Dot(c[1]) },
        { "addmm", AddMm },
    };

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("linalg");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => FixtureRunner.Run(fixtureCase, Ops);

    // AddMm takes (long beta, long alpha) or (double beta, double alpha): a float among them picks
    // the double overload (for floating tensors the kind does not matter; integer tensors reject
    // a float beta or alpha either way).
    private static Tensor AddMm(OpCall c)
    {
        FixtureScalar beta = c.Scalar("beta"), alpha = c.Scalar("alpha");
        if (beta.Kind == 'b' || alpha.Kind == 'b')
        {
            throw new ApiGapException("AddMm has no bool beta/alpha");
        }

        return beta.IsFloat || alpha.IsFloat
            ? c[0].AddMm(c[1], c[2], beta.AsDouble, alpha.AsDouble)
            : c[0].AddMm(c[1], c[2], beta.Integer, alpha.Integer);
    }
}
