using System;
using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>elementwise_binary.json: every <c>ember_binary_op</c>, tensor-tensor (<c>binary.*</c>) and with a scalar (<c>binary_scalar.*</c>).</summary>
[TestFixture]
[Category("Fixtures")]
public sealed class ElementwiseBinaryFixtures
{
    /// <summary>
    /// The managed method of each binary op. <c>b</c> may be a number converted implicitly to a
    /// Tensor (a wrapped number: the method then uses ember_binary_scalar); <c>d</c> is the
    /// destination (out=) or null.
    /// </summary>
    internal static readonly Dictionary<string, Func<Tensor, Tensor, Tensor?, Tensor>> Methods = new(StringComparer.Ordinal)
    {
        ["add"] = (a, b, d) => a.Add(b, d),
        ["sub"] = (a, b, d) => a.Sub(b, d),
        ["mul"] = (a, b, d) => a.Mul(b, d),
        ["div"] = (a, b, d) => a.Div(b, RoundingMode.None, d),
        ["div_floor"] = (a, b, d) => a.Div(b, RoundingMode.Floor, d),
        ["div_trunc"] = (a, b, d) => a.Div(b, RoundingMode.Trunc, d),
        ["remainder"] = (a, b, d) => a.Remainder(b, d),
        ["fmod"] = (a, b, d) => a.Fmod(b, d),
        ["pow"] = (a, b, d) => a.Pow(b, d),
        ["maximum"] = (a, b, d) => a.Maximum(b, d),
        ["minimum"] = (a, b, d) => a.Minimum(b, d),
        ["atan2"] = (a, b, d) => a.Atan2(b, d),
        ["eq"] = (a, b, d) => a.Eq(b, d),
        ["ne"] = (a, b, d) => a.Ne(b, d),
        ["lt"] = (a, b, d) => a.Lt(b, d),
        ["le"] = (a, b, d) => a.Le(b, d),
        ["gt"] = (a, b, d) => a.Gt(b, d),
        ["ge"] = (a, b, d) => a.Ge(b, d),
        ["logical_and"] = (a, b, d) => a.LogicalAnd(b, d),
        ["logical_or"] = (a, b, d) => a.LogicalOr(b, d),
        ["logical_xor"] = (a, b, d) => a.LogicalXor(b, d),
        ["bitwise_and"] = (a, b, d) => a.BitwiseAnd(b, d),
        ["bitwise_or"] = (a, b, d) => a.BitwiseOr(b, d),
        ["bitwise_xor"] = (a, b, d) => a.BitwiseXor(b, d),
    };

    /// <summary>
    /// The C# operators. A wrapped number on the left (<c>2.5 - t</c>) goes through them, so the
    /// scalar-first native form is what runs; ops without an operator call the method on the
    /// wrapped number, which then becomes a zero-dimensional tensor.
    /// </summary>
    internal static readonly Dictionary<string, Func<Tensor, Tensor, Tensor>> Operators = new(StringComparer.Ordinal)
    {
        ["add"] = (a, b) => a + b,
        ["sub"] = (a, b) => a - b,
        ["mul"] = (a, b) => a * b,
        ["div"] = (a, b) => a / b,
        ["remainder"] = (a, b) => a % b,
        ["lt"] = (a, b) => a < b,
        ["le"] = (a, b) => a <= b,
        ["gt"] = (a, b) => a > b,
        ["ge"] = (a, b) => a >= b,
        ["bitwise_and"] = (a, b) => a & b,
        ["bitwise_or"] = (a, b) => a | b,
        ["bitwise_xor"] = (a, b) => a ^ b,
    };

    internal static readonly OpTable Ops = Build();

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("elementwise_binary");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => FixtureRunner.Run(fixtureCase, Ops);

    /// <summary>a op b, with a or b possibly a wrapped number.</summary>
    internal static Tensor Apply(string op, Tensor a, Tensor b, Tensor? destination) =>
        destination is null && Operators.TryGetValue(op, out Func<Tensor, Tensor, Tensor>? @operator)
            ? @operator(a, b)
            : Methods[op](a, b, destination);

    private static OpTable Build()
    {
        var ops = new OpTable();
        foreach (string name in Methods.Keys)
        {
            ops.Add("binary." + name, c => Apply(name, c[0], c[1], c.Destination));
            ops.Add("binary_scalar." + name, c =>
            {
                Tensor scalar = c.Scalar("scalar").AsTensor();
                return c.Bool("scalar_first")
                    ? Apply(name, scalar, c[0], c.Destination)
                    : Apply(name, c[0], scalar, c.Destination);
            });
        }

        return ops;
    }
}
