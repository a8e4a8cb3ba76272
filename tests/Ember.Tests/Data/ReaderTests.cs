using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Ember.Data;
using Ember.Data.Datasets;
using NUnit.Framework;

namespace Ember.Tests.Data;

[TestFixture]
public sealed class ReaderTests
{
    private string dir = "";

    [SetUp]
    public void MakeDirectory()
    {
        dir = Path.Combine(Path.GetTempPath(), "ember-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
    }

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(dir, recursive: true);

    /// <summary>An IDX file: magic (0, 0, type, ndim), big-endian dims, then the payload as given.</summary>
    private static byte[] IdxBytes(byte type, int[] dims, byte[] payload)
    {
        var bytes = new byte[4 + 4 * dims.Length + payload.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        }

        payload.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    private string Write(string name, byte[] bytes, bool gzip = false)
    {
        string path = Path.Combine(dir, name);
        if (gzip)
        {
            using var file = File.Create(path);
            using var z = new GZipStream(file, CompressionLevel.Fastest);
            z.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }

        return path;
    }

    [Test]
    public void ReadsUInt8ImagesPlainAndGzipped([Values(false, true)] bool gzip)
    {
        byte[] pixels = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10)).ToArray();
        string path = Write("images", IdxBytes(0x08, new[] { 2, 3, 4 }, pixels), gzip);
        using Tensor t = Idx.Read(path);
        TestHelpers.AssertTensor(t, DType.UInt8, new long[] { 2, 3, 4 }, pixels);
    }

    [Test]
    public void ReadsBigEndianMultiByteTypes()
    {
        var ints = new byte[12];
        int[] values = { 1, -2, 70000 };
        for (int i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(ints.AsSpan(4 * i), values[i]);
        }

        using (Tensor t = Idx.Read(Write("ints", IdxBytes(0x0C, new[] { 3 }, ints))))
        {
            TestHelpers.AssertTensor(t, DType.Int32, new long[] { 3 }, values);
        }

        var floats = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(floats, 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(floats.AsSpan(4), -0.25f);
        using (Tensor t = Idx.Read(Write("floats.gz", IdxBytes(0x0D, new[] { 1, 2 }, floats), gzip: true)))
        {
            TestHelpers.AssertTensor(t, DType.Float32, new long[] { 1, 2 }, new[] { 1.5f, -0.25f });
        }

        var shorts = new byte[4];
        BinaryPrimitives.WriteInt16BigEndian(shorts, -300);
        BinaryPrimitives.WriteInt16BigEndian(shorts.AsSpan(2), 12);
        using (Tensor t = Idx.Read(Write("shorts", IdxBytes(0x0B, new[] { 2 }, shorts))))
        {
            TestHelpers.AssertTensor(t, DType.Int16, new long[] { 2 }, new short[] { -300, 12 });
        }

        var doubles = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(doubles, Math.PI);
        using (Tensor t = Idx.Read(Write("doubles", IdxBytes(0x0E, new[] { 1 }, doubles))))
        {
            TestHelpers.AssertTensor(t, DType.Float64, new long[] { 1 }, new[] { Math.PI });
        }
    }

    [TestCase(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 5 }, "magic number")]
    [TestCase(new byte[] { 0, 0, 7, 1, 0, 0, 0, 1, 5 }, "element type code 0x07")]
    [TestCase(new byte[] { 0, 0, 8, 0 }, "0 dims")]
    [TestCase(new byte[] { 0, 0, 8, 2, 0, 0, 0, 1 }, "truncated IDX header")]
    [TestCase(new byte[] { 0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFF }, "negative size")]
    [TestCase(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 1, 2 }, "truncated IDX file")]
    [TestCase(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 1, 2, 3 }, "2 unexpected bytes")]
    [TestCase(new byte[] { 0, 0 }, "shorter than the 4-byte magic")]
    public void CorruptFilesAreRejected(byte[] bytes, string message)
    {
        foreach (bool gzip in new[] { false, true })
        {
            string path = Write(gzip ? "bad.gz" : "bad", bytes, gzip);
            var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path).Dispose());
            Assert.That(e!.Message, Does.Contain(message).And.Contain(path), gzip ? "gzipped" : "plain");
        }
    }

    [Test]
    public void TruncatedGzipIsRejected()
    {
        byte[] pixels = new byte[5000];
        new Random(1).NextBytes(pixels);
        string full = Write("full.gz", IdxBytes(0x08, new[] { 5000 }, pixels), gzip: true);
        byte[] compressed = File.ReadAllBytes(full);
        string cut = Write("cut.gz", compressed[..(compressed.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => Idx.Read(cut).Dispose());
    }

    [Test]
    public void MnistLoaderFromSyntheticFiles([Values(false, true)] bool gzip)
    {
        byte[] pixels = Enumerable.Range(0, 3 * 28 * 28).Select(i => (byte)(i % 251)).ToArray();
        string suffix = gzip ? ".gz" : "";
        Write("t10k-images-idx3-ubyte" + suffix, IdxBytes(0x08, new[] { 3, 28, 28 }, pixels), gzip);
        Write("t10k-labels-idx1-ubyte" + suffix, IdxBytes(0x08, new[] { 3 }, new byte[] { 7, 0, 9 }), gzip);
        using (var ds = new Mnist(dir, train: false))
        {
            Assert.That(ds.Count, Is.EqualTo(3));
            Assert.That(ds.Images.Shape.ToArray(), Is.EqualTo(new long[] { 3, 1, 28, 28 }));
            Assert.That(ds.Images.DType, Is.EqualTo(DType.UInt8));
            Assert.That(ds.Labels.ToArray<long>(), Is.EqualTo(new long[] { 7, 0, 9 }));
            Assert.That(ds.Images.ToArray<byte>(), Is.EqualTo(pixels));
        }

        using (var ds = new Mnist(dir, train: false, ImageFormat.Float32))
        {
            Assert.That(ds.Images.DType, Is.EqualTo(DType.Float32));
            Tensor[] item = ds.GetItem(1);
            Assert.That(item[0].Shape.ToArray(), Is.EqualTo(new long[] { 1, 28, 28 }));
            Assert.That(item[0].ToArray<float>()[0], Is.EqualTo(pixels[784] / 255f).Within(1e-7));
            Assert.That(item[1].Item<long>(), Is.EqualTo(0));
            BatchTensors.Dispose(item);
        }

        Assert.Throws<FileNotFoundException>(() => new Mnist(dir, train: true).Dispose());
    }

    [Test]
    public void MnistRejectsMismatchedFiles()
    {
        Write("train-images-idx3-ubyte", IdxBytes(0x08, new[] { 2, 2, 2 }, new byte[8]));
        Write("train-labels-idx1-ubyte", IdxBytes(0x08, new[] { 3 }, new byte[] { 1, 2, 3 }));
        var e = Assert.Throws<InvalidDataException>(() => new Mnist(dir).Dispose());
        Assert.That(e!.Message, Does.Contain("2 images").And.Contain("3 labels"));
        Write("train-labels-idx1-ubyte", IdxBytes(0x08, new[] { 2 }, new byte[] { 1, 12 }));
        e = Assert.Throws<InvalidDataException>(() => new Mnist(dir).Dispose());
        Assert.That(e!.Message, Does.Contain("outside [0, 10)"));
    }

    [Test]
    public void RealFashionMnistFromDebianPackage()
    {
        if (!File.Exists(Path.Combine(FashionMnist.DefaultRoot, "t10k-images-idx3-ubyte.gz")))
        {
            Assert.Ignore($"Fashion-MNIST is not installed in {FashionMnist.DefaultRoot} (apt-get install dataset-fashion-mnist).");
        }

        using var test = new FashionMnist(train: false);
        Assert.That(test.Count, Is.EqualTo(10_000));
        Assert.That(test.Images.Shape.ToArray(), Is.EqualTo(new long[] { 10_000, 1, 28, 28 }));
        using (Tensor counts = Tensor.Zeros(new long[] { 10 }, DType.Int64).ScatterAdd(0, test.Labels, Tensor.OnesLike(test.Labels)))
        {
            Assert.That(counts.ToArray<long>(), Is.All.EqualTo(1000), "the test split is balanced");
        }

        using var train = new FashionMnist(train: true, format: ImageFormat.Float32);
        Assert.That(train.Count, Is.EqualTo(60_000));
        using Tensor mean = train.Images.Mean();
        Assert.That(mean.Item<float>(), Is.EqualTo(0.2860).Within(0.001), "the well-known Fashion-MNIST pixel mean");
        var loader = DataLoader.Create(train, batchSize: 256, shuffle: true, seed: 1, numWorkers: 2);
        int batches = 0;
        foreach (var (x, y) in loader)
        {
            Assert.That(x.Shape[0], Is.EqualTo(y.Shape[0]));
            x.Dispose();
            y.Dispose();
            batches++;
        }

        Assert.That(batches, Is.EqualTo(235));
    }

    private static byte[] CifarRecords(int n, int labelBytes, Func<int, int, byte> label)
    {
        int record = labelBytes + 3072;
        var bytes = new byte[n * record];
        for (int r = 0; r < n; r++)
        {
            for (int k = 0; k < labelBytes; k++)
            {
                bytes[r * record + k] = label(r, k);
            }

            for (int p = 0; p < 3072; p++)
            {
                bytes[r * record + labelBytes + p] = (byte)((r * 31 + p) % 256);
            }
        }

        return bytes;
    }

    [Test]
    public void Cifar10FromSyntheticBatches()
    {
        string sub = Path.Combine(dir, "cifar-10-batches-bin");
        Directory.CreateDirectory(sub);
        File.WriteAllBytes(Path.Combine(sub, "test_batch.bin"), CifarRecords(4, 1, (r, _) => (byte)(9 - r)));
        using var ds = new Cifar10(dir, train: false);
        Assert.That(ds.Count, Is.EqualTo(4));
        Assert.That(ds.Labels.ToArray<long>(), Is.EqualTo(new long[] { 9, 8, 7, 6 }));
        Assert.That(ds.Images.Shape.ToArray(), Is.EqualTo(new long[] { 4, 3, 32, 32 }));

        // Record 2, green channel (plane 1), row 3, column 5.
        using Tensor pixel = ds.Images[2, 1, 3, 5];
        Assert.That(pixel.Item<byte>(), Is.EqualTo((byte)((2 * 31 + 1024 + 3 * 32 + 5) % 256)));
    }

    [Test]
    public void Cifar100HasFineAndCoarseLabels()
    {
        File.WriteAllBytes(Path.Combine(dir, "train.bin"), CifarRecords(3, 2, (r, k) => (byte)(k == 0 ? r + 1 : 50 + r)));
        using var ds = new Cifar100(dir);
        Assert.That(ds.Labels.ToArray<long>(), Is.EqualTo(new long[] { 50, 51, 52 }));
        Assert.That(ds.CoarseLabels.ToArray<long>(), Is.EqualTo(new long[] { 1, 2, 3 }));
    }

    [Test]
    public void CifarValidation()
    {
        string path = Path.Combine(dir, "bad.bin");
        File.WriteAllBytes(path, new byte[3073 * 2 + 5]);
        var e = Assert.Throws<InvalidDataException>(() => CifarBinary.Read(path, new[] { 10 }));
        Assert.That(e!.Message, Does.Contain("whole, non-zero number of 3073-byte"));
        File.WriteAllBytes(path, Array.Empty<byte>());
        Assert.Throws<InvalidDataException>(() => CifarBinary.Read(path, new[] { 10 }));
        File.WriteAllBytes(path, CifarRecords(2, 1, (r, _) => (byte)(r * 11)));
        e = Assert.Throws<InvalidDataException>(() => CifarBinary.Read(path, new[] { 10 }));
        Assert.That(e!.Message, Does.Contain("holds 11"));
        Assert.Throws<FileNotFoundException>(() => new Cifar10(dir).Dispose());
    }
}
