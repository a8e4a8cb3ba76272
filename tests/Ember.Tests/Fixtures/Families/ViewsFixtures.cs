using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Fixtures.Families;

/// <summary>views.json: view, reshape, permute, transpose, slice, narrow, select, expand, squeeze, unsqueeze, flatten, unflatten, as_strided (strides and storage sharing checked too).</summary>
[TestFixture]
[Category("Fixtures")]
public sealed class ViewsFixtures
{
    internal static readonly OpTable Ops = new()
    {
        { "view", c => c[0].View(c.Longs("sizes")) },
        { "reshape", c => c[0].Reshape(c.Longs("sizes")) },
        { "permute", c => c[0].Permute(c.Ints("dims")) },
        { "transpose", c => c[0].Transpose(c.Int("dim0"), c.Int("dim1")) },
        { "slice", c => c[0].Slice(c.Int("dim"), c.Long("start"), c.Long("end"), c.Long("step")) },
        { "narrow", c => c[0].Narrow(c.Int("dim"), c.Long("start"), c.Long("length")) },
        { "select", c => c[0].Select(c.Int("dim"), c.Long("index")) },
        { "expand", c => c[0].Expand(c.Longs("sizes")) },
        { "squeeze", c => c[0].Squeeze(c.Ints("dims")) },
        { "unsqueeze", c => c[0].Unsqueeze(c.Int("dim")) },
        { "flatten", c => c[0].Flatten(c.Int("start_dim"), c.Int("end_dim")) },
        { "unflatten", c => c[0].Unflatten(c.Int("dim"), c.Longs("sizes")) },
        { "as_strided", c => c[0].AsStrided(c.Longs("sizes"), c.Longs("strides"), c.Long("storage_offset")) },
    };

    private static IEnumerable<TestCaseData> Cases() => FixtureFile.TestCases("views");

    [TestCaseSource(nameof(Cases))]
    public void Case(FixtureCase fixtureCase) => FixtureRunner.Run(fixtureCase, Ops);
}
