using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>pointwise.json: where, clamp, clamp_scalar, lerp, softplus, leaky_relu, masked_fill, add_scaled.</summary>
[TestFixture]
[Category("Fixtures")]
public sealed class PointwiseFixtures
{
    internal static readonly OpTable Ops = new()
    {
        { "where", c => Tensor.Where(c[0], c[1], c[2], c.Destination) },
        { "clamp", c => c[0].Clamp(c.Optional(1), c.Optional(2), c.Destination) },
        { "clamp_scalar", ClampScalar },
        { "lerp", c => c[0].Lerp(c[1], c[2], c.Destination) },
        { "softplus", c => c[0].Softplus(c.Double("beta"), c.Double("threshold"), c.Destination) },
        { "leaky_relu", c => c[0].LeakyRelu(c.Double("negative_slope"), c.Destination) },
        {
            "masked_fill", c => c.Scalar("value").Match(
                i => c[0].MaskedFill(c[1], i, c.Destination),
                f => c[0].MaskedFill(c[1], f, c.Destination),
                b => c[0].MaskedFill(c[1], b, c.Destination),
                "MaskedFill")
        },
        {
            "add_scaled", c => c.Scalar("alpha").Match(
                i => c[0].Add(c[1], i, c.Destination),
                f => c[0].Add(c[1], f, c.Destination),
                b => c[0].Add(c[1], b, c.Destination),
                "Add(other, alpha)")
        },
    };

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("pointwise");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => FixtureRunner.Run(fixtureCase, Ops);

    // Clamp has a long? and a double? overload: a float bound makes the result floating either way,
    // so any float bound picks the double overload.
    private static Tensor ClampScalar(OpCall c)
    {
        FixtureScalar? min = c.OptionalScalar("min"), max = c.OptionalScalar("max");
        if (min is { Kind: 'b' } || max is { Kind: 'b' })
        {
            throw new ApiGapException("Clamp has no bool bounds");
        }

        if (min is { IsFloat: true } || max is { IsFloat: true })
        {
            return c[0].Clamp(min?.AsDouble, max?.AsDouble, c.Destination);
        }

        return c[0].Clamp(min?.Integer, max?.Integer, c.Destination);
    }
}
