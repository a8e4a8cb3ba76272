using System;
using System.Collections.Generic;
using System.IO;

namespace Ember.Data.Datasets;

/// <summary>
/// Reads the binary version of CIFAR-10 and CIFAR-100: fixed-size records of the label byte(s)
/// followed by 3072 image bytes (1024 red, 1024 green, 1024 blue; rows of 32 pixels).
/// </summary>
public static class CifarBinary
{
    /// <summary>The bytes of one image.</summary>
    public const int ImageBytes = 3 * 32 * 32;

    /// <summary>Reads a file of records.</summary>
    /// <param name="path">The file.</param>
    /// <param name="labelClasses">
    /// The number of classes of each label byte of a record, in order: <c>[10]</c> for CIFAR-10,
    /// <c>[20, 100]</c> (coarse, fine) for CIFAR-100.
    /// </param>
    /// <returns>The images uint8 [N, 3, 32, 32] and the labels int64 [N, labelClasses.Length].</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="labelClasses"/> is empty or holds a value outside [1, 256].</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, its length is not a whole number of records, or a label is out of range.</exception>
    public static (Tensor Images, Tensor Labels) Read(string path, IReadOnlyList<int> labelClasses)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(labelClasses);
        if (labelClasses.Count == 0)
        {
            throw new ArgumentException("At least one label byte per record is needed.", nameof(labelClasses));
        }

        foreach (int c in labelClasses)
        {
            if (c < 1 || c > 256)
            {
                throw new ArgumentException($"A label byte has 1 to 256 classes; got {c}.", nameof(labelClasses));
            }
        }

        int labelBytes = labelClasses.Count;
        int record = labelBytes + ImageBytes;
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0 || bytes.Length % record != 0)
        {
            throw new InvalidDataException($"{path}: {bytes.Length} bytes is not a whole, non-zero number of {record}-byte CIFAR records ({labelBytes} label byte(s) + {ImageBytes} image bytes).");
        }

        long n = bytes.Length / record;
        using var scope = DisposeScope.Begin();
        Tensor records = Tensor.From(bytes, n, record);
        Tensor labels = records.Narrow(1, 0, labelBytes).To(DType.Int64);
        for (int k = 0; k < labelBytes; k++)
        {
            long max = labels.Select(1, k).Amax().Item<long>();
            if (max >= labelClasses[k])
            {
                throw new InvalidDataException($"{path}: label byte {k} holds {max}, outside [0, {labelClasses[k]}): not a CIFAR file with these label bytes, or corrupt.");
            }
        }

        Tensor images = records.Narrow(1, labelBytes, ImageBytes).Contiguous().View(n, 3, 32, 32);
        return (scope.Keep(images), scope.Keep(labels));
    }

    /// <summary>The first of the files present, or throws listing every path tried.</summary>
    internal static string Find(string root, string subdirectory, string name)
    {
        ArgumentNullException.ThrowIfNull(root);
        string a = Path.Combine(root, name), b = Path.Combine(root, subdirectory, name);
        if (File.Exists(a))
        {
            return a;
        }

        if (File.Exists(b))
        {
            return b;
        }

        throw new FileNotFoundException($"CIFAR file {name} not found; tried: {a}, {b}.", name);
    }

    /// <summary>Reads several files and concatenates them.</summary>
    internal static (Tensor Images, Tensor Labels) ReadAll(IEnumerable<string> paths, IReadOnlyList<int> labelClasses)
    {
        using var scope = DisposeScope.Begin();
        var images = new List<Tensor>();
        var labels = new List<Tensor>();
        foreach (string p in paths)
        {
            (Tensor i, Tensor l) = Read(p, labelClasses);
            images.Add(i);
            labels.Add(l);
        }

        Tensor allImages = images.Count == 1 ? images[0] : Tensor.Cat(images);
        Tensor allLabels = labels.Count == 1 ? labels[0] : Tensor.Cat(labels);
        return (scope.Keep(allImages), scope.Keep(allLabels));
    }
}

/// <summary>
/// CIFAR-10, binary version (<c>cifar-10-binary.tar.gz</c> unpacked): <c>data_batch_1.bin</c> ..
/// <c>data_batch_5.bin</c> and <c>test_batch.bin</c> in the root or its <c>cifar-10-batches-bin</c>
/// subdirectory. Samples are { image uint8 [3, 32, 32], label int64 }.
/// </summary>
public sealed class Cifar10 : TensorDataset
{
    /// <summary>Loads a split.</summary>
    /// <param name="root">The directory.</param>
    /// <param name="train">True for the 50,000 training images, false for the 10,000 test images.</param>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt.</exception>
    public Cifar10(string root, bool train = true)
        : this(Load(root, train))
    {
    }

    private Cifar10((Tensor Images, Tensor Labels) data)
        : base(data.Images, data.Labels)
    {
        data.Images.Dispose();
        data.Labels.Dispose();
    }

    /// <summary>The class names, by label.</summary>
    public static IReadOnlyList<string> Classes { get; } = new[] { "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck" };

    /// <summary>The images [N, 3, 32, 32] uint8 (owned by the data set).</summary>
    public Tensor Images => Tensors[0];

    /// <summary>The labels [N] int64 (owned by the data set).</summary>
    public Tensor Labels => Tensors[1];

    private static (Tensor, Tensor) Load(string root, bool train)
    {
        var files = new List<string>();
        if (train)
        {
            for (int i = 1; i <= 5; i++)
            {
                files.Add(CifarBinary.Find(root, "cifar-10-batches-bin", $"data_batch_{i}.bin"));
            }
        }
        else
        {
            files.Add(CifarBinary.Find(root, "cifar-10-batches-bin", "test_batch.bin"));
        }

        using var scope = DisposeScope.Begin();
        (Tensor images, Tensor labels) = CifarBinary.ReadAll(files, new[] { 10 });
        return (scope.Keep(images), scope.Keep(labels.Select(1, 0).Contiguous()));
    }
}

/// <summary>
/// CIFAR-100, binary version: <c>train.bin</c> and <c>test.bin</c> in the root or its
/// <c>cifar-100-binary</c> subdirectory. Samples are { image uint8 [3, 32, 32], fine label int64 }
/// (as torchvision); <see cref="CoarseLabels"/> holds the 20 superclasses.
/// </summary>
public sealed class Cifar100 : TensorDataset
{
    /// <summary>Loads a split.</summary>
    /// <param name="root">The directory.</param>
    /// <param name="train">True for the 50,000 training images, false for the 10,000 test images.</param>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt.</exception>
    public Cifar100(string root, bool train = true)
        : this(Load(root, train))
    {
    }

    private Cifar100((Tensor Images, Tensor Fine, Tensor Coarse) data)
        : base(data.Images, data.Fine)
    {
        CoarseLabels = data.Coarse;
        data.Images.Dispose();
        data.Fine.Dispose();
    }

    /// <summary>The images [N, 3, 32, 32] uint8 (owned by the data set).</summary>
    public Tensor Images => Tensors[0];

    /// <summary>The fine labels [N] int64 in [0, 100) (owned by the data set).</summary>
    public Tensor Labels => Tensors[1];

    /// <summary>The coarse labels [N] int64 in [0, 20) (owned by the data set).</summary>
    public Tensor CoarseLabels { get; }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CoarseLabels.Dispose();
        }

        base.Dispose(disposing);
    }

    private static (Tensor, Tensor, Tensor) Load(string root, bool train)
    {
        string file = CifarBinary.Find(root, "cifar-100-binary", train ? "train.bin" : "test.bin");
        using var scope = DisposeScope.Begin();
        (Tensor images, Tensor labels) = CifarBinary.Read(file, new[] { 20, 100 });
        Tensor coarse = labels.Select(1, 0).Contiguous().DetachFromDisposeScope();
        return (scope.Keep(images), scope.Keep(labels.Select(1, 1).Contiguous()), coarse);
    }
}
