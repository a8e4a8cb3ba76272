using System.IO;
using Ember.Native;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>EmberRuntime: versions, CPU kernel set, threads, allocator statistics.</summary>
[TestFixture]
public sealed class EmberRuntimeTests
{
    [Test]
    public void VersionIsTheBindingsAbiVersion()
    {
        Assert.That(EmberRuntime.Version, Is.EqualTo(EmberConstants.AbiVersion));
        Assert.That(EmberRuntime.BindingVersion, Is.EqualTo(EmberConstants.AbiVersion));
    }

    [Test]
    public void CpuIsaNamesAKernelSet() =>
        Assert.That(EmberRuntime.CpuIsa, Is.Not.Empty.And.AnyOf("avx512", "avx2", "baseline"));

    [Test]
    public void NativeLibraryPathIsTheLoadedFile()
    {
        _ = EmberRuntime.Version;
        Assert.That(EmberRuntime.NativeLibraryPath, Is.Not.Null);
        Assert.That(File.Exists(EmberRuntime.NativeLibraryPath), Is.True, EmberRuntime.NativeLibraryPath);
    }

    [Test]
    public void NumThreadsCanBeSetAndRestored()
    {
        int before = EmberRuntime.NumThreads;
        Assert.That(before, Is.GreaterThanOrEqualTo(1));
        try
        {
            EmberRuntime.NumThreads = 1;
            Assert.That(EmberRuntime.NumThreads, Is.EqualTo(1));
        }
        finally
        {
            EmberRuntime.NumThreads = before;
        }

        Assert.That(EmberRuntime.NumThreads, Is.EqualTo(before));
    }

    [Test]
    public void NumThreadsBelowOneIsAnArgumentError()
    {
        int before = EmberRuntime.NumThreads;
        Assert.Throws<EmberArgumentException>(() => EmberRuntime.NumThreads = 0);
        Assert.That(EmberRuntime.NumThreads, Is.EqualTo(before));
    }

    [Test]
    public void AllocatorStatsCountAllocationsAndPeak()
    {
        AllocatorStats before = TestHelpers.SettledStats();
        using (Tensor t = Tensor.Zeros(256, 1024))
        {
            AllocatorStats during = EmberRuntime.GetAllocatorStats();
            Assert.That(during.Allocations, Is.GreaterThan(before.Allocations));
            Assert.That(during.PeakBytesInUse, Is.GreaterThanOrEqualTo(during.BytesInUse));
            Assert.That(during.BytesInUse - before.BytesInUse, Is.GreaterThanOrEqualTo(256 * 1024 * 4));
        }

        EmberRuntime.ResetPeakStats();
        AllocatorStats after = EmberRuntime.GetAllocatorStats();
        Assert.That(after.PeakBytesInUse, Is.EqualTo(after.BytesInUse), "ResetPeakStats sets the peak to the current use");
        EmberRuntime.EmptyCache();
        Assert.That(EmberRuntime.GetAllocatorStats().CachedBytes, Is.Zero, "EmptyCache returns the cached blocks");
    }
}
