using NUnit.Framework;

namespace Ember.Tests;

/// <summary>Says which native library the run uses, once, in the test output.</summary>
[SetUpFixture]
public sealed class AssemblySetup
{
    [OneTimeSetUp]
    public void LogNativeLibrary() =>
        TestContext.Progress.WriteLine(
            $"Ember native library: {EmberRuntime.Version} (bindings {EmberRuntime.BindingVersion}), CPU kernels {EmberRuntime.CpuIsa}, " +
            $"{EmberRuntime.NumThreads} threads, loaded from {EmberRuntime.NativeLibraryPath}");
}
