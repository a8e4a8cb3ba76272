using System;

namespace Ember.Data;

/// <summary>
/// Derives independent seeds from (seed, epoch, position) with the SplitMix64 finaliser, so every
/// random decision of a loader is a pure function of those numbers (not of threads or timing).
/// </summary>
internal static class Seeds
{
    public static ulong Mix(ulong a, ulong b)
    {
        unchecked
        {
            ulong z = a + 0x9E3779B97F4A7C15UL * (b + 1);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public static ulong Mix(ulong seed, long epoch, long position) => Mix(Mix(seed, (ulong)epoch), (ulong)position);

    /// <summary>A seed drawn from <see cref="Generator.Default"/> (so <c>Tensor.ManualSeed</c> makes it reproducible).</summary>
    public static ulong Draw()
    {
        using Tensor t = Tensor.RandInt(0, long.MaxValue, new long[] { 1 });
        return (ulong)t.Item<long>();
    }

    /// <summary>A random permutation of [0, n): the stable argsort of n float64 uniforms.</summary>
    public static long[] Permutation(long n, Generator generator)
    {
        if (n == 0)
        {
            return Array.Empty<long>();
        }

        using Tensor keys = Tensor.Rand(new long[] { n }, DType.Float64, null, generator);
        using Tensor order = keys.ArgSort();
        return order.ToArray<long>();
    }
}
