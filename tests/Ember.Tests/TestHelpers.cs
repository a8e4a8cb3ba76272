using System;
using System.Runtime.CompilerServices;
using NUnit.Framework;

namespace Ember.Tests;

/// <summary>Small helpers shared by the hand-written tests.</summary>
internal static class TestHelpers
{
    /// <summary>
    /// Runs the finalizers of unreachable tensors first (leaks of other tests), so the statistics
    /// a test reads change only by what the test itself does.
    /// </summary>
    public static AllocatorStats SettledStats()
    {
        CollectGarbage();
        return EmberRuntime.GetAllocatorStats();
    }

    /// <summary>A full collection with pending finalizers run, twice (finalizers can free more).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void CollectGarbage()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        GC.Collect();
    }

    public static void AssertTensor<T>(Tensor actual, DType dtype, long[] shape, T[] values)
        where T : unmanaged
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual.DType, Is.EqualTo(dtype), "dtype");
            Assert.That(actual.Shape.ToArray(), Is.EqualTo(shape), "shape");
        });
        Assert.That(actual.ToArray<T>(), Is.EqualTo(values), "values");
    }

    public static void AssertClose(Tensor actual, DType dtype, double[] values, double tolerance = 1e-6)
    {
        Assert.That(actual.DType, Is.EqualTo(dtype), "dtype");
        double[] got = actual.DType switch
        {
            DType.Float32 => Array.ConvertAll(actual.ToArray<float>(), v => (double)v),
            DType.Float64 => actual.ToArray<double>(),
            DType.Float16 => Array.ConvertAll(actual.ToArray<Half>(), v => (double)v),
            DType.BFloat16 => Array.ConvertAll(actual.ToArray<BFloat16>(), v => (double)v),
            _ => throw new ArgumentException("not floating"),
        };
        Assert.That(got, Is.EqualTo(values).Within(tolerance), "values");
    }
}
