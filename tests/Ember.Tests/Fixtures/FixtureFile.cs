using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using NUnit.Framework;

namespace Ember.Tests.Fixtures;

/// <summary>
/// One family file of PyTorch reference cases (tests/fixtures/&lt;family&gt;.json, format
/// "ember-fixtures" version 1, described in tests/fixtures/README.md). Files are parsed once and
/// kept for the whole run; each case becomes one NUnit test named after the case.
/// </summary>
internal sealed class FixtureFile
{
    public const string Format = "ember-fixtures";
    public const int Version = 1;

    private static readonly ConcurrentDictionary<string, FixtureFile> Loaded = new();

    private FixtureFile(string family, IReadOnlyList<FixtureCase> cases)
    {
        Family = family;
        Cases = cases;
    }

    public string Family { get; }

    public IReadOnlyList<FixtureCase> Cases { get; }

    /// <summary>The cases of a family as NUnit test cases, each named by its case name.</summary>
    public static IEnumerable<TestCaseData> TestCases(string family)
    {
        foreach (FixtureCase fixtureCase in Load(family).Cases)
        {
            yield return new TestCaseData(fixtureCase).SetName(fixtureCase.Name);
        }
    }

    public static FixtureFile Load(string family) => Loaded.GetOrAdd(family, Read);

    private static FixtureFile Read(string family)
    {
        string path = Locate(family + ".json");

        // The document stays alive for the whole run: the cases are views into it.
        JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = document.RootElement;
        string? format = root.GetProperty("format").GetString();
        int version = root.GetProperty("version").GetInt32();
        if (format != Format || version != Version)
        {
            throw new InvalidDataException($"{path}: expected format '{Format}' version {Version}, found '{format}' version {version}");
        }

        var cases = new List<FixtureCase>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonElement element in root.GetProperty("cases").EnumerateArray())
        {
            var fixtureCase = new FixtureCase(family, element);
            if (!names.Add(fixtureCase.Name))
            {
                throw new InvalidDataException($"{path}: the case name '{fixtureCase.Name}' appears twice");
            }

            cases.Add(fixtureCase);
        }

        int count = root.GetProperty("count").GetInt32();
        if (count != cases.Count)
        {
            throw new InvalidDataException($"{path}: 'count' says {count} cases, the file has {cases.Count}");
        }

        return new FixtureFile(family, cases);
    }

    /// <summary>The fixtures are copied next to the test assembly; a checkout's tests/fixtures is the fallback.</summary>
    private static string Locate(string fileName)
    {
        var tried = new List<string>();
        string copied = Path.Combine(AppContext.BaseDirectory, "fixtures", fileName);
        tried.Add(copied);
        if (File.Exists(copied))
        {
            return copied;
        }

        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "tests", "fixtures", fileName);
            tried.Add(candidate);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"The fixture file {fileName} was not found; tried: {string.Join(", ", tried)}");
    }
}
