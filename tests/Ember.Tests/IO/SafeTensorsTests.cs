using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Ember.IO;
using NUnit.Framework;

namespace Ember.Tests.IO;

/// <summary>
/// safetensors through the managed API: files written outside Ember
/// (tests/fixtures/generate_safetensors.py) read exactly, Ember's output equals them byte for
/// byte, round trips, tensor lifetime after disposal, and every hostile file rejected.
/// </summary>
[TestFixture]
public sealed class SafeTensorsTests
{
    private static readonly string FixtureDirectory = FindDirectory();

    private static readonly JsonElement Fixtures = LoadFixtures();

    public static IEnumerable<TestCaseData> ValidFiles() =>
        Fixtures.GetProperty("files").EnumerateArray().Select(e => new TestCaseData(e.GetProperty("file").GetString()!).SetName("Valid(" + e.GetProperty("file").GetString() + ")"));

    public static IEnumerable<TestCaseData> HostileFiles() =>
        Fixtures.GetProperty("hostile").EnumerateArray().Select(e =>
            new TestCaseData(e.GetProperty("file").GetString()!, e.GetProperty("error").GetString()!).SetName("Hostile(" + e.GetProperty("file").GetString() + ")"));

    [TestCaseSource(nameof(ValidFiles))]
    public void LoadReadsFilesWrittenOutsideEmber(string file)
    {
        JsonElement expected = Entry(file);
        Dictionary<string, Tensor> loaded = SafeTensors.Load(Path.Combine(FixtureDirectory, file));
        try
        {
            CheckTensors(loaded, expected);
        }
        finally
        {
            DisposeAll(loaded);
        }
    }

    [Test]
    public void OpenReadsNamesMetadataAndTensors([Values] bool memoryMap, [ValueSource(nameof(FileNames))] string file)
    {
        JsonElement expected = Entry(file);
        Dictionary<string, Tensor> tensors;
        using (SafeTensorsFile opened = SafeTensors.Open(Path.Combine(FixtureDirectory, file), memoryMap))
        {
            Assert.That(opened.IsMemoryMapped, Is.EqualTo(memoryMap));
            Assert.That(opened.Names, Is.EqualTo(expected.GetProperty("tensors").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToArray()));
            var metadata = new Dictionary<string, string>();
            if (expected.GetProperty("metadata").ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty p in expected.GetProperty("metadata").EnumerateObject())
                {
                    metadata[p.Name] = p.Value.GetString()!;
                }
            }

            Assert.That(opened.Metadata, Is.EquivalentTo(metadata));
            Assert.That(opened.TryGet("no such tensor", out Tensor? missing), Is.False);
            Assert.That(missing, Is.Null);
            Assert.Throws<KeyNotFoundException>(() => _ = opened["no such tensor"]);
            tensors = opened.Names.ToDictionary(n => n, n => opened[n]);
        }

        // The tensors outlive the file object (a mapping stays alive while they use it).
        try
        {
            TestHelpers.CollectGarbage();
            CheckTensors(tensors, expected);
        }
        finally
        {
            DisposeAll(tensors);
        }
    }

    public static IEnumerable<string> FileNames() => Fixtures.GetProperty("files").EnumerateArray().Select(e => e.GetProperty("file").GetString()!);

    [TestCaseSource(nameof(ValidFiles))]
    public void SaveWritesTheReferenceBytes(string file)
    {
        string path = Path.Combine(FixtureDirectory, file);
        byte[] reference = File.ReadAllBytes(path);
        Dictionary<string, Tensor> loaded = SafeTensors.Load(path);
        Dictionary<string, string>? metadata = null;
        JsonElement meta = Entry(file).GetProperty("metadata");
        if (meta.ValueKind == JsonValueKind.Object)
        {
            metadata = meta.EnumerateObject().Reverse().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        }

        string tmp = Path.Combine(Path.GetTempPath(), "ember_io_" + Guid.NewGuid().ToString("N") + ".safetensors");
        try
        {
            // Reverse the input order: the writer orders tensors itself.
            var reversed = loaded.Reverse().ToDictionary(kv => kv.Key, kv => kv.Value);
            Assert.That(SafeTensors.Serialize(reversed, metadata), Is.EqualTo(reference));
            SafeTensors.Save(tmp, reversed, metadata);
            Assert.That(File.ReadAllBytes(tmp), Is.EqualTo(reference));
        }
        finally
        {
            File.Delete(tmp);
            DisposeAll(loaded);
        }
    }

    [Test]
    public void RoundTripsEveryDTypeAndNonContiguousTensors()
    {
        using Tensor grid = Tensor.Arange(12L).Reshape(3, 4);
        using Tensor transposed = grid.Transpose(0, 1);
        Assert.That(transposed.IsContiguous, Is.False);
        var tensors = new Dictionary<string, Tensor> { ["t"] = transposed };
        foreach (DType dtype in Enum.GetValues<DType>())
        {
            tensors["x." + dtype] = grid.To(dtype);
        }

        using (Tensor one = Tensor.From(new[] { 2.5 }))
        {
            tensors["scalar"] = one.Reshape();
        }

        tensors["empty"] = Tensor.Zeros(0, 5);
        string tmp = Path.Combine(Path.GetTempPath(), "ember_io_" + Guid.NewGuid().ToString("N") + ".safetensors");
        try
        {
            SafeTensors.Save(tmp, tensors, new Dictionary<string, string> { ["b"] = "2", ["a"] = "\u00e9\n\"" });
            foreach (bool memoryMap in new[] { true, false })
            {
                using SafeTensorsFile file = SafeTensors.Open(tmp, memoryMap);
                Assert.That(file.Metadata["a"], Is.EqualTo("\u00e9\n\""));
                Assert.That(file.Count, Is.EqualTo(tensors.Count));
                foreach ((string name, Tensor original) in tensors)
                {
                    using Tensor read = file[name];
                    Assert.That(read.DType, Is.EqualTo(original.DType), name);
                    Assert.That(read.Shape.ToArray(), Is.EqualTo(original.Shape.ToArray()), name);
                    using Tensor a = read.To(DType.Float64);
                    using Tensor b = original.To(DType.Float64);
                    Assert.That(a.ToArray<double>(), Is.EqualTo(b.ToArray<double>()), name);
                }
            }

            // A private mapping: writing a mapped tensor in place leaves the file untouched.
            byte[] before = File.ReadAllBytes(tmp);
            using (SafeTensorsFile file = SafeTensors.Open(tmp))
            using (Tensor mapped = file["x.Float32"])
            {
                mapped.Fill_(9.0);
                Assert.That(mapped.ToArray<float>(), Is.All.EqualTo(9f));
            }

            Assert.That(File.ReadAllBytes(tmp), Is.EqualTo(before));

            // Saving over a file that a live tensor still maps replaces it; the tensor keeps its data.
            using (SafeTensorsFile file = SafeTensors.Open(tmp))
            using (Tensor kept = file["x.Int64"])
            {
                SafeTensors.Save(tmp, new Dictionary<string, Tensor> { ["only"] = tensors["scalar"] });
                Assert.That(kept.ToArray<long>(), Is.EqualTo(grid.ToArray<long>()));
            }

            using (SafeTensorsFile replaced = SafeTensors.Open(tmp))
            {
                Assert.That(replaced.Names, Is.EqualTo(new[] { "only" }));
            }
        }
        finally
        {
            File.Delete(tmp);
            foreach ((string name, Tensor t) in tensors)
            {
                if (name != "t")
                {
                    t.Dispose();
                }
            }
        }
    }

    [TestCaseSource(nameof(HostileFiles))]
    public void RejectsHostileFiles(string file, string error)
    {
        string path = Path.Combine(FixtureDirectory, file);
        var load = Assert.Throws<EmberIOException>(() => SafeTensors.Load(path));
        Assert.That(load!.Message, Does.Contain(error));
        var map = Assert.Throws<EmberIOException>(() => SafeTensors.Open(path).Dispose());
        Assert.That(map!.Message, Does.Contain(error));
        var buffer = Assert.Throws<EmberIOException>(() => SafeTensors.Deserialize(File.ReadAllBytes(path)));
        Assert.That(buffer!.Message, Does.Contain(error));
    }

    [Test]
    public void RejectsBadArguments()
    {
        using Tensor x = Tensor.Zeros(2);
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Save(null!, new Dictionary<string, Tensor>()));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Serialize(null!));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Serialize(new Dictionary<string, Tensor> { ["a"] = null! }));
        Assert.Throws<ArgumentException>(() => SafeTensors.Serialize(new Dictionary<string, Tensor> { ["a\0b"] = x }));
        var reserved = Assert.Throws<EmberArgumentException>(() => SafeTensors.Serialize(new Dictionary<string, Tensor> { ["__metadata__"] = x }));
        Assert.That(reserved!.Message, Does.Contain("__metadata__"));
        Assert.Throws<EmberIOException>(() => SafeTensors.Save("/nonexistent-dir/x.safetensors", new Dictionary<string, Tensor> { ["a"] = x }));
        Assert.Throws<EmberIOException>(() => SafeTensors.Open("/nonexistent-dir/x.safetensors"));
        SafeTensorsFile file = SafeTensors.Open(SafeTensors.Serialize(new Dictionary<string, Tensor> { ["a"] = x }));
        file.Dispose();
        file.Dispose();
        Assert.Throws<ObjectDisposedException>(() => _ = file["a"]);
    }

    private static void CheckTensors(Dictionary<string, Tensor> actual, JsonElement expected)
    {
        JsonElement[] tensors = expected.GetProperty("tensors").EnumerateArray().ToArray();
        Assert.That(actual.Keys, Is.EqualTo(tensors.Select(t => t.GetProperty("name").GetString())));
        foreach (JsonElement e in tensors)
        {
            string name = e.GetProperty("name").GetString()!;
            Tensor t = actual[name];
            Assert.That(t.DType.ToString(), Is.EqualTo(DTypeName(e.GetProperty("dtype").GetString()!)), name);
            Assert.That(t.Shape.ToArray(), Is.EqualTo(e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray()), name);
            using Tensor asDouble = t.To(DType.Float64);
            Assert.That(asDouble.ToArray<double>(), Is.EqualTo(e.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray()), name);
        }
    }

    // "bfloat16" -> "BFloat16", "uint8" -> "UInt8", "float32" -> "Float32".
    private static string DTypeName(string fixture) => fixture switch
    {
        "bfloat16" => "BFloat16",
        "uint8" => "UInt8",
        _ => char.ToUpperInvariant(fixture[0]) + fixture[1..],
    };

    private static JsonElement Entry(string file) =>
        Fixtures.GetProperty("files").EnumerateArray().First(e => e.GetProperty("file").GetString() == file);

    private static void DisposeAll(Dictionary<string, Tensor> tensors)
    {
        foreach (Tensor t in tensors.Values)
        {
            t.Dispose();
        }
    }

    private static JsonElement LoadFixtures()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(FixtureDirectory, "safetensors.json")));
        JsonElement root = doc.RootElement.Clone();
        Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("ember-safetensors-fixtures"));
        Assert.That(root.GetProperty("version").GetInt32(), Is.EqualTo(1));
        return root;
    }

    private static string FindDirectory()
    {
        string copied = Path.Combine(AppContext.BaseDirectory, "fixtures", "safetensors");
        if (System.IO.Directory.Exists(copied))
        {
            return copied;
        }

        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "fixtures", "safetensors");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/safetensors not found");
    }
}
