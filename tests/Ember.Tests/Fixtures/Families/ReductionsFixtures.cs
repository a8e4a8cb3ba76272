using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>reductions.json: every <c>ember_reduce_op</c> (<c>reduce.*</c>), max_dim, min_dim, argmax, argmin, var, std, norm.</summary>
[TestFixture]
[Category("Fixtures")]
public sealed class ReductionsFixtures
{
    internal static readonly OpTable Ops = new()
    {
        { "reduce.sum", c => c[0].Sum(c.Ints("dims"), c.Bool("keepdim"), c.DType("dtype")) },
        { "reduce.mean", c => c[0].Mean(c.Ints("dims"), c.Bool("keepdim"), c.DType("dtype")) },
        { "reduce.prod", c => c[0].Prod(c.Ints("dims"), c.Bool("keepdim"), c.DType("dtype")) },
        { "reduce.amax", c => NoDType(c).Amax(c.Ints("dims"), c.Bool("keepdim")) },
        { "reduce.amin", c => NoDType(c).Amin(c.Ints("dims"), c.Bool("keepdim")) },
        { "reduce.all", c => NoDType(c).All(c.Ints("dims"), c.Bool("keepdim")) },
        { "reduce.any", c => NoDType(c).Any(c.Ints("dims"), c.Bool("keepdim")) },
        { "reduce.logsumexp", c => NoDType(c).LogSumExp(c.Ints("dims"), c.Bool("keepdim")) },
        { "reduce.count_nonzero", c => NoDType(c).CountNonzero(c.Ints("dims"), c.Bool("keepdim")) },
        { "max_dim", c => c[0].Max(c.Int("dim"), c.Bool("keepdim")) },
        { "min_dim", c => c[0].Min(c.Int("dim"), c.Bool("keepdim")) },
        { "argmax", c => c.OptionalInt("dim") is int dim ? c[0].ArgMax(dim, c.Bool("keepdim")) : c[0].ArgMax(c.Bool("keepdim")) },
        { "argmin", c => c.OptionalInt("dim") is int dim ? c[0].ArgMin(dim, c.Bool("keepdim")) : c[0].ArgMin(c.Bool("keepdim")) },
        { "var", c => c[0].Var(c.Ints("dims"), c.Bool("keepdim"), c.Double("correction")) },
        { "std", c => c[0].Std(c.Ints("dims"), c.Bool("keepdim"), c.Double("correction")) },
        { "norm", c => c[0].Norm(c.Double("p"), c.Ints("dims"), c.Bool("keepdim")) },
    };

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("reductions");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => FixtureRunner.Run(fixtureCase, Ops);

    // Amax, All, LogSumExp... take no dtype (ember_reduce's dtype is only meaningful for sum/mean/prod).
    private static Tensor NoDType(OpCall c) =>
        c.IsNull("dtype") ? c[0] : throw new ApiGapException("this reduction has no dtype parameter");
}
