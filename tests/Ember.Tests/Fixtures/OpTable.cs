using System;
using System.Collections;
using System.Collections.Generic;

namespace Ember.Tests.Fixtures;

/// <summary>
/// The dispatcher of one fixture family: fixture op name → the managed call. Written as a
/// collection initializer, one line per op: <c>{ "view", c => c[0].View(c.Longs("sizes")) }</c>.
/// An op returns one tensor, a pair (values, indices) or several tensors (split).
/// </summary>
internal sealed class OpTable : IEnumerable<KeyValuePair<string, Func<OpCall, Tensor[]>>>
{
    private readonly Dictionary<string, Func<OpCall, Tensor[]>> ops = new(StringComparer.Ordinal);

    public void Add(string op, Func<OpCall, Tensor> call) => ops.Add(op, c => [call(c)]);

    public void Add(string op, Func<OpCall, (Tensor Values, Tensor Indices)> call) => ops.Add(op, c =>
    {
        (Tensor values, Tensor indices) = call(c);
        return [values, indices];
    });

    public void Add(string op, Func<OpCall, Tensor[]> call) => ops.Add(op, call);

    /// <summary>Adds every op of another table (a family that reuses another's ops).</summary>
    public void Add(OpTable other)
    {
        foreach ((string op, Func<OpCall, Tensor[]> call) in other.ops)
        {
            ops.Add(op, call);
        }
    }

    public bool TryGet(string op, out Func<OpCall, Tensor[]> call) => ops.TryGetValue(op, out call!);

    public IEnumerator<KeyValuePair<string, Func<OpCall, Tensor[]>>> GetEnumerator() => ops.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
