using System;
using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>elementwise_unary.json: every <c>ember_unary_op</c> (<c>unary.*</c>).</summary>
[TestFixture]
[Category("Fixtures")]
public sealed class ElementwiseUnaryFixtures
{
    /// <summary>The managed method of each unary op; <c>d</c> is the destination (out=) or null.</summary>
    internal static readonly Dictionary<string, Func<Tensor, Tensor?, Tensor>> Unary = new(StringComparer.Ordinal)
    {
        ["neg"] = (x, d) => x.Neg(d),
        ["abs"] = (x, d) => x.Abs(d),
        ["sign"] = (x, d) => x.Sign(d),
        ["exp"] = (x, d) => x.Exp(d),
        ["expm1"] = (x, d) => x.Expm1(d),
        ["exp2"] = (x, d) => x.Exp2(d),
        ["log"] = (x, d) => x.Log(d),
        ["log1p"] = (x, d) => x.Log1p(d),
        ["log2"] = (x, d) => x.Log2(d),
        ["log10"] = (x, d) => x.Log10(d),
        ["sqrt"] = (x, d) => x.Sqrt(d),
        ["rsqrt"] = (x, d) => x.Rsqrt(d),
        ["reciprocal"] = (x, d) => x.Reciprocal(d),
        ["square"] = (x, d) => x.Square(d),
        ["sin"] = (x, d) => x.Sin(d),
        ["cos"] = (x, d) => x.Cos(d),
        ["tan"] = (x, d) => x.Tan(d),
        ["asin"] = (x, d) => x.Asin(d),
        ["acos"] = (x, d) => x.Acos(d),
        ["atan"] = (x, d) => x.Atan(d),
        ["sinh"] = (x, d) => x.Sinh(d),
        ["cosh"] = (x, d) => x.Cosh(d),
        ["tanh"] = (x, d) => x.Tanh(d),
        ["sigmoid"] = (x, d) => x.Sigmoid(d),
        ["relu"] = (x, d) => x.Relu(d),
        ["gelu"] = (x, d) => x.Gelu(GeluApproximation.None, d),
        ["gelu_tanh"] = (x, d) => x.Gelu(GeluApproximation.Tanh, d),
        ["silu"] = (x, d) => x.Silu(d),
        ["erf"] = (x, d) => x.Erf(d),
        ["erfc"] = (x, d) => x.Erfc(d),
        ["floor"] = (x, d) => x.Floor(d),
        ["ceil"] = (x, d) => x.Ceil(d),
        ["round"] = (x, d) => x.Round(d),
        ["trunc"] = (x, d) => x.Trunc(d),
        ["logical_not"] = (x, d) => x.LogicalNot(d),
        ["isnan"] = (x, d) => x.IsNan(d),
        ["isinf"] = (x, d) => x.IsInf(d),
        ["isfinite"] = (x, d) => x.IsFinite(d),
    };

    internal static readonly OpTable Ops = Build();

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("elementwise_unary");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => FixtureRunner.Run(fixtureCase, Ops);

    private static OpTable Build()
    {
        var ops = new OpTable();
        foreach ((string name, Func<Tensor, Tensor?, Tensor> method) in Unary)
        {
            ops.Add("unary." + name, c => method(c[0], c.Destination));
        }

        return ops;
    }
}
