using System.Diagnostics;
using System.Text.Json;

namespace Ember.BindingsGenerator;

/// <summary>Runs clang on the header and returns its AST as JSON.</summary>
internal static class ClangRunner
{
    /// <summary>Environment variable naming the clang executable to use.</summary>
    public const string ClangVariable = "EMBER_CLANG";

    public static JsonDocument DumpAst(string headerPath)
    {
        string clang = FindClang();
        var start = new ProcessStartInfo(clang)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -fparse-all-comments: attach every comment to the declaration it precedes (ordinary
        // comments are filtered out again by DocComments). -std=c11: the header's dialect.
        foreach (string argument in new[] { "-Xclang", "-ast-dump=json", "-fsyntax-only", "-fparse-all-comments", "-std=c11", headerPath })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new GeneratorException($"could not start {clang}.");
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var json = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(json);
        process.WaitForExit();
        string messages = errors.Result;
        if (process.ExitCode != 0)
        {
            throw new GeneratorException($"{clang} failed (exit code {process.ExitCode}) on {headerPath}:\n{messages}");
        }

        if (messages.Length > 0)
        {
            Console.Error.Write(messages); // warnings: worth seeing, not fatal
        }

        json.Position = 0;
        // Expressions nest deeply in clang's JSON; the default limit of 64 is too low in general.
        return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4096 });
    }

    /// <summary>$EMBER_CLANG when set, else the first of clang, clang-14 found on PATH.</summary>
    private static string FindClang()
    {
        string? configured = Environment.GetEnvironmentVariable(ClangVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? configured
                : OnPath(configured) ?? throw new GeneratorException($"{ClangVariable}={configured}: no such file or program on PATH.");
        }

        return OnPath("clang") ?? OnPath("clang-14")
            ?? throw new GeneratorException($"clang not found on PATH (tried clang, clang-14); install clang or set {ClangVariable}.");
    }

    private static string? OnPath(string program)
    {
        string[] names = OperatingSystem.IsWindows() ? [program + ".exe", program] : [program];
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.SelectMany(d => names.Select(n => Path.Combine(d, n))).FirstOrDefault(File.Exists);
    }
}
