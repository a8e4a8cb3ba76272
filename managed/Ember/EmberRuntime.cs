using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ember.Native;
using Microsoft.Extensions.Logging;

namespace Ember;

/// <summary>Allocator statistics of one device (see <see cref="EmberRuntime.GetAllocatorStats"/>).</summary>
/// <param name="BytesInUse">Bytes held by live tensors' storages.</param>
/// <param name="PeakBytesInUse">The most bytes in use at once since start or the last <see cref="EmberRuntime.ResetPeakStats"/>.</param>
/// <param name="LiveTensors">Storages currently alive.</param>
/// <param name="Allocations">Allocations made so far.</param>
/// <param name="CachedBytes">Bytes kept in the allocator's cache for reuse (returned by <see cref="EmberRuntime.EmptyCache"/>).</param>
public readonly record struct AllocatorStats(long BytesInUse, long PeakBytesInUse, long LiveTensors, long Allocations, long CachedBytes);

/// <summary>
/// The native runtime as a whole: version, CPU kernel set, threads, memory statistics, and
/// logging through Microsoft.Extensions.Logging.
/// </summary>
public static class EmberRuntime
{
    /// <summary>The logger category of lines written by the native runtime.</summary>
    public const string NativeLogCategory = "Ember.Native";

    /// <summary>The logger category of the managed layer's own lines (library loading, callback errors).</summary>
    public const string LogCategory = "Ember";

    private static readonly object Gate = new();
    private static readonly Func<string, Exception?, string> PlainMessage = static (message, _) => message;
    private static volatile ILogger? nativeLogger;
    private static volatile ILogger? managedLogger;

    /// <summary>The ABI version of the loaded native library (<c>ember_version()</c>).</summary>
    /// <exception cref="DllNotFoundException">The native library cannot be loaded.</exception>
    public static uint Version => NativeMethods.ember_version();

    /// <summary>The ABI version these bindings were generated for; the library must be at least this version.</summary>
    public static uint BindingVersion => EmberConstants.AbiVersion;

    /// <summary>The file the native library was loaded from, or null while it is not loaded.</summary>
    public static string? NativeLibraryPath => NativeLibraryResolver.LoadedPath;

    /// <summary>The CPU kernel set chosen at load time: <c>avx512</c>, <c>avx2</c> or <c>baseline</c>.</summary>
    /// <exception cref="DllNotFoundException">The native library cannot be loaded.</exception>
    public static unsafe string CpuIsa => Marshal.PtrToStringUTF8((nint)NativeMethods.ember_cpu_isa()) ?? string.Empty;

    /// <summary>The number of CPU threads kernels use (PyTorch's <c>get_num_threads</c>/<c>set_num_threads</c>).</summary>
    /// <exception cref="EmberArgumentException">Set to a value below 1.</exception>
    /// <exception cref="DllNotFoundException">The native library cannot be loaded.</exception>
    public static int NumThreads
    {
        get => NativeMethods.ember_get_num_threads();
        set => NativeStatus.Check(NativeMethods.ember_set_num_threads(value));
    }

    /// <summary>How many tensors nobody disposed were released by the finalizer (see <see cref="Tensor.FinalizedCount"/>).</summary>
    public static long FinalizedTensorCount => Tensor.FinalizedCount;

    /// <summary>The allocator statistics of a device.</summary>
    /// <param name="device">The device (default CPU).</param>
    /// <returns>Bytes in use, peak, live tensors, allocations and cached bytes.</returns>
    /// <exception cref="EmberDeviceException">The device is not available.</exception>
    public static unsafe AllocatorStats GetAllocatorStats(Device? device = null)
    {
        EmberAllocatorStats stats;
        NativeStatus.Check(NativeMethods.ember_get_allocator_stats(Device.ToNative(device), &stats));
        return new AllocatorStats(stats.BytesInUse, stats.PeakBytesInUse, stats.LiveTensors, stats.Allocations, stats.CachedBytes);
    }

    /// <summary>Resets a device's peak statistic to its current use.</summary>
    /// <param name="device">The device (default CPU).</param>
    /// <exception cref="EmberDeviceException">The device is not available.</exception>
    public static void ResetPeakStats(Device? device = null) =>
        NativeStatus.Check(NativeMethods.ember_reset_peak_stats(Device.ToNative(device)));

    /// <summary>Returns a device's cached, unused memory blocks to the system (PyTorch's <c>torch.cuda.empty_cache</c>).</summary>
    /// <param name="device">The device (default CPU).</param>
    /// <exception cref="EmberDeviceException">The device is not available.</exception>
    public static void EmptyCache(Device? device = null) =>
        NativeStatus.Check(NativeMethods.ember_empty_cache(Device.ToNative(device)));

    /// <summary>
    /// Sends the runtime's log lines to <paramref name="loggerFactory"/>: native lines under the
    /// category <see cref="NativeLogCategory"/>, the managed layer's under <see cref="LogCategory"/>.
    /// Loads the native library now and logs its path, ABI version, CPU kernel set and thread
    /// count, with a warning when the library is older than these bindings. The lowest level
    /// enabled for <see cref="NativeLogCategory"/> at this call decides which native lines are
    /// produced; call again after changing the logging configuration. Null stops logging.
    /// </summary>
    /// <param name="loggerFactory">The factory, or null to stop logging.</param>
    /// <exception cref="DllNotFoundException">The native library cannot be loaded (the message lists every path tried).</exception>
    public static unsafe void UseLoggerFactory(ILoggerFactory? loggerFactory)
    {
        NativeLibraryResolver.EnsureLoaded();
        lock (Gate)
        {
            if (loggerFactory is null)
            {
                nativeLogger = null;
                managedLogger = null;
                NativeStatus.Check(NativeMethods.ember_set_log_callback(null, null, EmberLogLevel.None));
                return;
            }

            ILogger native = loggerFactory.CreateLogger(NativeLogCategory);
            ILogger managed = loggerFactory.CreateLogger(LogCategory);
            managedLogger = managed;
            nativeLogger = native;

            uint version = Version;
            if (managed.IsEnabled(LogLevel.Information))
            {
                managed.Log(LogLevel.Information, default,
                    $"Loaded the Ember native library {NativeLibraryPath} (ABI {version}, bindings ABI {BindingVersion}): CPU kernels {CpuIsa}, {NumThreads} threads",
                    null, PlainMessage);
            }

            if (version < BindingVersion && managed.IsEnabled(LogLevel.Warning))
            {
                managed.Log(LogLevel.Warning, default,
                    $"The Ember native library {NativeLibraryPath} has ABI version {version}, older than the bindings' {BindingVersion}: functions added since are missing and fail when called.",
                    null, PlainMessage);
            }

            EmberLogLevel minimum = LowestEnabledLevel(native);
            NativeStatus.Check(minimum == EmberLogLevel.None
                ? NativeMethods.ember_set_log_callback(null, null, EmberLogLevel.None)
                : NativeMethods.ember_set_log_callback(&OnNativeLog, null, minimum));
        }
    }

    /// <summary>Logs an exception thrown by user code inside a native callback (it cannot propagate).</summary>
    internal static void ReportCallbackError(string where, Exception error)
    {
        try
        {
            ILogger? logger = managedLogger;
            if (logger is not null && logger.IsEnabled(LogLevel.Error))
            {
                logger.Log(LogLevel.Error, default, $"An exception escaped {where}; it was ignored.", error, static (message, _) => message);
            }
        }
        catch
        {
            // Logging itself failed inside a native callback: nothing else can be done safely.
        }
    }

    private static EmberLogLevel LowestEnabledLevel(ILogger logger)
    {
        for (LogLevel level = LogLevel.Trace; level <= LogLevel.Critical; level++)
        {
            if (logger.IsEnabled(level))
            {
                return level switch
                {
                    LogLevel.Trace => EmberLogLevel.Trace,
                    LogLevel.Debug => EmberLogLevel.Debug,
                    LogLevel.Information => EmberLogLevel.Info,
                    LogLevel.Warning => EmberLogLevel.Warning,
                    _ => EmberLogLevel.Error,
                };
            }
        }

        return EmberLogLevel.None;
    }

    // Called by the runtime on any thread, while it holds its log lock: it must not call back into
    // the runtime, and nothing may escape.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static unsafe void OnNativeLog(EmberLogLevel level, byte* message, void* userData)
    {
        try
        {
            ILogger? logger = nativeLogger;
            if (logger is null)
            {
                return;
            }

            LogLevel mapped = level switch
            {
                EmberLogLevel.Trace => LogLevel.Trace,
                EmberLogLevel.Debug => LogLevel.Debug,
                EmberLogLevel.Info => LogLevel.Information,
                EmberLogLevel.Warning => LogLevel.Warning,
                _ => LogLevel.Error,
            };
            if (logger.IsEnabled(mapped))
            {
                logger.Log(mapped, default, Marshal.PtrToStringUTF8((nint)message) ?? string.Empty, null, PlainMessage);
            }
        }
        catch
        {
            // A throwing logger must not unwind into native code.
        }
    }
}
