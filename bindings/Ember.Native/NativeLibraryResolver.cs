using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Ember.Native;

/// <summary>
/// Finds the native Ember library for <see cref="NativeMethods"/>. When <c>$EMBER_NATIVE_PATH</c>
/// is set (the file, or a directory holding it) only that is tried, so an explicit choice never
/// silently falls back to another copy. Otherwise it probes, in order:
/// <c>runtimes/&lt;rid&gt;/native/</c> under the application directory (the NuGet layout);
/// the directory of this assembly and the application directory; <c>build/lib/</c> in the
/// application directory and each of its parents (a CMake build tree); and finally the
/// operating system's default search. When all fail, the exception lists every path tried.
/// </summary>
public static class NativeLibraryResolver
{
    /// <summary>Environment variable naming the native library file, or a directory that holds it.</summary>
    public const string PathVariable = "EMBER_NATIVE_PATH";

    private static readonly object Gate = new();
    private static nint handle;
    private static string? loadedPath;
    private static IReadOnlyList<string> probedPaths = Array.Empty<string>();

    /// <summary>The platform's file name of the library: libember.so, ember.dll or libember.dylib.</summary>
    public static string FileName { get; } =
        OperatingSystem.IsWindows() ? "ember.dll" : OperatingSystem.IsMacOS() ? "libember.dylib" : "libember.so";

    /// <summary>The runtime identifier whose <c>runtimes/&lt;rid&gt;/native/</c> folder is probed, e.g. linux-x64.</summary>
    public static string RuntimeIdentifier { get; } = ComputeRuntimeIdentifier();

    /// <summary>The file the library was loaded from, or null while it is not loaded.</summary>
    public static string? LoadedPath
    {
        get
        {
            lock (Gate)
            {
                return loadedPath;
            }
        }
    }

    /// <summary>The paths probed by the latest load attempt, in order.</summary>
    public static IReadOnlyList<string> ProbedPaths
    {
        get
        {
            lock (Gate)
            {
                return probedPaths;
            }
        }
    }

    /// <summary>
    /// Loads the library now, rather than at the first native call, so that a missing library is
    /// reported at a predictable point and <see cref="LoadedPath"/> can be logged.
    /// </summary>
    /// <exception cref="DllNotFoundException">No candidate could be loaded; the message lists them.</exception>
    public static void EnsureLoaded() => Load();

    // The resolver must be in place before the first call into NativeMethods, and a module
    // initializer is the one hook that runs before any code of this assembly, also under AOT.
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Registering the DllImport resolver of this very assembly is the intended use.")]
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, Resolve);

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == NativeMethods.LibraryName ? Load() : 0;

    private static nint Load()
    {
        lock (Gate)
        {
            if (handle != 0)
            {
                return handle;
            }

            var tried = new List<string>();
            var report = new StringBuilder();
            foreach (string candidate in Candidates())
            {
                if (tried.Contains(candidate))
                {
                    continue;
                }

                tried.Add(candidate);
                if (!File.Exists(candidate))
                {
                    report.Append("\n  ").Append(candidate).Append(" (not found)");
                }
                else if (TryLoad(() => NativeLibrary.Load(candidate), out nint loaded, out string? error))
                {
                    return Loaded(loaded, candidate, tried);
                }
                else
                {
                    report.Append("\n  ").Append(candidate).Append(" (found, but failed to load: ").Append(error).Append(')');
                }
            }

            // Last, the OS's own search (LD_LIBRARY_PATH, PATH, system directories), with the
            // runtime's usual name variations. This overload does not call back into Resolve.
            if (!IsConfigured)
            {
                string systemSearch = $"{FileName} (default OS search)";
                tried.Add(systemSearch);
                if (TryLoad(() => NativeLibrary.Load(NativeMethods.LibraryName, typeof(NativeMethods).Assembly, null), out nint found, out string? systemError))
                {
                    return Loaded(found, systemSearch, tried);
                }

                report.Append("\n  ").Append(systemSearch).Append(": ").Append(systemError);
            }

            probedPaths = tried.AsReadOnly();
            throw new DllNotFoundException(
                $"Could not load the Ember native library ({FileName}, {RuntimeIdentifier}). Tried:{report}\n" +
                (IsConfigured
                    ? $"{PathVariable} is set, so nothing else was tried: point it at a loadable {FileName} or unset it."
                    : $"Set {PathVariable} to the library file or the directory that holds it, or build the " +
                      "native library with ./build.sh (it is written to build/lib/)."));
        }
    }

    private static nint Loaded(nint loaded, string path, List<string> tried)
    {
        handle = loaded;
        loadedPath = path;
        probedPaths = tried.AsReadOnly();
        return loaded;
    }

    private static bool TryLoad(Func<nint> load, out nint loaded, [NotNullWhen(false)] out string? error)
    {
        try
        {
            loaded = load();
            error = null;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            // The message carries the loader's reason (wrong architecture, missing dependency...).
            loaded = 0;
            error = e.Message.Trim().Replace("\n", "\n      ");
            return false;
        }
    }

    private static bool IsConfigured => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PathVariable));

    private static IEnumerable<string> Candidates()
    {
        string? configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            yield return Path.GetFullPath(Directory.Exists(configured) ? Path.Combine(configured, FileName) : configured);
            yield break;
        }

        string baseDirectory = AppContext.BaseDirectory;
        yield return Path.GetFullPath(Path.Combine(baseDirectory, "runtimes", RuntimeIdentifier, "native", FileName));

        if (AssemblyDirectory() is string assemblyDirectory)
        {
            yield return Path.GetFullPath(Path.Combine(assemblyDirectory, FileName));
        }

        yield return Path.GetFullPath(Path.Combine(baseDirectory, FileName));

        // Running from a checkout (tests, examples): <repo>/build/lib/libember.so, found by
        // walking up from e.g. <repo>/managed/X/bin/Debug/net10.0/.
        for (DirectoryInfo? directory = new(baseDirectory); directory is not null; directory = directory.Parent)
        {
            yield return Path.Combine(directory.FullName, "build", "lib", FileName);
        }
    }

    [UnconditionalSuppressMessage("SingleFile", "IL3000:Avoid accessing Assembly file path when publishing as a single file",
        Justification = "Location is empty in single-file and AOT apps; that case is skipped and the application directory is probed instead.")]
    private static string? AssemblyDirectory()
    {
        string location = typeof(NativeLibraryResolver).Assembly.Location;
        return string.IsNullOrEmpty(location) ? null : Path.GetDirectoryName(location);
    }

    /// <summary>
    /// The RID of the running process. ProcessArchitecture rather than OSArchitecture: an x64
    /// process on an Arm64 machine (emulation) can only load an x64 library.
    /// </summary>
    private static string ComputeRuntimeIdentifier()
    {
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string architecture = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            Architecture.Arm => "arm",
            Architecture other => other.ToString().ToLowerInvariant(),
        };
        return $"{os}-{architecture}";
    }
}
