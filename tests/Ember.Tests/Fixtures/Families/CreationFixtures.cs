using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>creation.json: zeros, ones, empty, full, full_like, empty_like, arange, linspace, eye, scalar_tensor.</summary>
[TestFixture]
[Category("Fixtures")]
public sealed class CreationFixtures
{
    internal static readonly OpTable Ops = new()
    {
        { "zeros", c => Tensor.Zeros(c.Longs("sizes"), c.DType("dtype")) },
        { "ones", c => Tensor.Ones(c.Longs("sizes"), c.DType("dtype")) },
        { "empty", c => Tensor.Empty(c.Longs("sizes"), c.DType("dtype")) },
        {
            "full", c => c.Scalar("value").Match(
                i => Tensor.Full(c.Longs("sizes"), i, c.DType("dtype")),
                f => Tensor.Full(c.Longs("sizes"), f, c.DType("dtype")),
                b => Tensor.Full(c.Longs("sizes"), b, c.DType("dtype")),
                "Full")
        },
        {
            "full_like", c => c.Scalar("value").Match(
                i => Tensor.FullLike(c[0], i, c.DType("dtype")),
                f => Tensor.FullLike(c[0], f, c.DType("dtype")),
                b => Tensor.FullLike(c[0], b, c.DType("dtype")),
                "FullLike")
        },
        { "empty_like", c => Tensor.EmptyLike(c[0], c.DType("dtype")) },
        { "arange", Arange },
        { "linspace", c => Tensor.Linspace(c.Double("start"), c.Double("end"), c.Long("steps"), c.DType("dtype")) },
        { "eye", c => Tensor.Eye(c.Long("n"), c.Long("m"), c.DType("dtype")) },
        {
            "scalar_tensor", c => c.Scalar("value").Match(
                i => Tensor.Scalar(i, c.DType("dtype")),
                // dtype null is ember_scalar_tensor's wrapped number, stored as float64; the managed
                // Tensor.Scalar(double) default follows torch.tensor(2.5) (float32) instead.
                f => Tensor.Scalar(f, c.DType("dtype") ?? DType.Float64),
                b => Tensor.Scalar(b, c.DType("dtype")),
                "Scalar")
        },
    };

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("creation");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => FixtureRunner.Run(fixtureCase, Ops);

    // Arange has an all-long and an all-double overload; one float argument makes PyTorch's
    // result floating, so any float argument picks the double overload.
    private static Tensor Arange(OpCall c)
    {
        FixtureScalar start = c.Scalar("start"), end = c.Scalar("end"), step = c.Scalar("step");
        if (start.Kind == 'b' || end.Kind == 'b' || step.Kind == 'b')
        {
            throw new ApiGapException("Arange has no bool arguments");
        }

        return start.IsFloat || end.IsFloat || step.IsFloat
            ? Tensor.Arange(start.AsDouble, end.AsDouble, step.AsDouble, c.DType("dtype"))
            : Tensor.Arange(start.Integer, end.Integer, step.Integer, c.DType("dtype"));
    }
}
