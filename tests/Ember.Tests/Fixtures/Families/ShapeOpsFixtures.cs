using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>shape_ops.json: cat, stack, split, split_with_sizes, chunk, repeat, tile, flip, roll, tril, triu.</summary>
[TestFixture]
[Category("Fixtures")]
public sealed class ShapeOpsFixtures
{
    internal static readonly OpTable Ops = new()
    {
        { "cat", c => Tensor.Cat(All(c), c.Int("dim")) },
        { "stack", c => Tensor.Stack(All(c), c.Int("dim")) },
        { "split", c => c[0].Split(c.Long("split_size"), c.Int("dim")) },
        { "split_with_sizes", c => c[0].Split(c.Longs("sizes"), c.Int("dim")) },
        { "chunk", c => c[0].Chunk(c.Long("chunks"), c.Int("dim")) },
        { "repeat", c => c[0].Repeat(c.Longs("repeats")) },
        { "tile", c => c[0].Tile(c.Longs("repeats")) },
        { "flip", c => c[0].Flip(c.Ints("dims")) },
        { "roll", c => c[0].Roll(c.Longs("shifts"), c.Ints("dims")) },
        { "tril", c => c[0].Tril(c.Long("k")) },
        { "triu", c => c[0].Triu(c.Long("k")) },
    };

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("shape_ops");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => FixtureRunner.Run(fixtureCase, Ops);

    private static Tensor[] All(OpCall c) => c.From(0).Select(t => t!).ToArray();
}
