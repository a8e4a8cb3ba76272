using System;
using System.Collections.Generic;
using System.IO;

namespace Ember.Data.Datasets;

/// <summary>The element type of the images a dataset loader produces.</summary>
public enum ImageFormat
{
    /// <summary>The stored bytes, uint8 in [0, 255].</summary>
    UInt8,

    /// <summary>float32 in [0, 1] (the bytes divided by 255, as <c>ToTensor</c>).</summary>
    Float32,
}

/// <summary>
/// MNIST (<c>torchvision.datasets.MNIST</c>) from its four IDX files in a directory:
/// <c>{train,t10k}-images-idx3-ubyte</c> and <c>{train,t10k}-labels-idx1-ubyte</c>, plain or with
/// <c>.gz</c>, in the directory or its <c>raw</c> subdirectory. Samples are { image [1, 28, 28],
/// label (int64 0-dim) }; <see cref="TensorDataset.Tensors"/> are the images [N, 1, 28, 28] and the
/// labels [N] int64.
/// </summary>
public class Mnist : TensorDataset
{
    /// <summary>Loads the training (60,000) or test (10,000) split.</summary>
    /// <param name="root">The directory holding the files.</param>
    /// <param name="train">True for the training files (<c>train-*</c>), false for the test files (<c>t10k-*</c>).</param>
    /// <param name="format">The image element type.</param>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    /// <exception cref="FileNotFoundException">A file is missing (the message lists the paths tried).</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, or images and labels do not match (count, type, size, label range).</exception>
    public Mnist(string root, bool train = true, ImageFormat format = ImageFormat.UInt8)
        : this(Load(root, train, format, 10))
    {
    }

    private protected Mnist((Tensor Images, Tensor Labels) data)
        : base(data.Images, data.Labels)
    {
        data.Images.Dispose();
        data.Labels.Dispose();
    }

    /// <summary>The images, [N, 1, 28, 28] (owned by the data set).</summary>
    public Tensor Images => Tensors[0];

    /// <summary>The labels, [N] int64 (owned by the data set).</summary>
    public Tensor Labels => Tensors[1];

    /// <summary>The class names, by label.</summary>
    public virtual IReadOnlyList<string> Classes { get; } = new[] { "0 - zero", "1 - one", "2 - two", "3 - three", "4 - four", "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine" };

    /// <summary>Reads and checks the image and label files of a split.</summary>
    private protected static (Tensor Images, Tensor Labels) Load(string root, bool train, ImageFormat format, int classes)
    {
        ArgumentNullException.ThrowIfNull(root);
        string prefix = train ? "train" : "t10k";
        string imagesPath = Find(root, $"{prefix}-images-idx3-ubyte");
        string labelsPath = Find(root, $"{prefix}-labels-idx1-ubyte");
        using var scope = DisposeScope.Begin();
        Tensor images = Idx.Read(imagesPath);
        Tensor labels = Idx.Read(labelsPath);
        if (images.DType != DType.UInt8 || images.Dim != 3)
        {
            throw new InvalidDataException($"{imagesPath}: expected uint8 images [N, H, W]; got {images.DType} {images.Shape}.");
        }

        if (labels.DType != DType.UInt8 || labels.Dim != 1)
        {
            throw new InvalidDataException($"{labelsPath}: expected uint8 labels [N]; got {labels.DType} {labels.Shape}.");
        }

        if (images.Size(0) != labels.Size(0))
        {
            throw new InvalidDataException($"{imagesPath} holds {images.Size(0)} images but {labelsPath} holds {labels.Size(0)} labels.");
        }

        if (labels.Size(0) > 0 && labels.Amax().To(DType.Int64).Item<long>() >= classes)
        {
            throw new InvalidDataException($"{labelsPath}: a label is outside [0, {classes}).");
        }

        Tensor shaped = images.Unsqueeze(1);
        Tensor outImages = format == ImageFormat.Float32 ? shaped.To(DType.Float32) / 255.0 : shaped.Contiguous();
        Tensor outLabels = labels.To(DType.Int64);
        return (scope.Keep(outImages), scope.Keep(outLabels));
    }

    /// <summary>The file, plain or gzipped, in root or root/raw.</summary>
    private protected static string Find(string root, string name)
    {
        var tried = new List<string>();
        foreach (string dir in new[] { root, Path.Combine(root, "raw") })
        {
            foreach (string candidate in new[] { Path.Combine(dir, name), Path.Combine(dir, name + ".gz") })
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                tried.Add(candidate);
            }
        }

        throw new FileNotFoundException($"Dataset file {name} not found; tried: {string.Join(", ", tried)}.", name);
    }
}

/// <summary>
/// Fashion-MNIST (<c>torchvision.datasets.FashionMNIST</c>): the MNIST file layout with 10 classes
/// of clothing. Debian's package <c>dataset-fashion-mnist</c> installs the gzipped files in
/// <see cref="DefaultRoot"/>.
/// </summary>
public sealed class FashionMnist : Mnist
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DefaultRoot = "/usr/share/datasets/fashion-mnist";

    /// <summary>Loads a split.</summary>
    /// <param name="root">The directory holding the files (<see cref="DefaultRoot"/> for Debian's package).</param>
    /// <param name="train">True for the 60,000 training images, false for the 10,000 test images.</param>
    /// <param name="format">The image element type.</param>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt or images and labels do not match.</exception>
    public FashionMnist(string root = DefaultRoot, bool train = true, ImageFormat format = ImageFormat.UInt8)
        : base(Load(root, train, format, 10))
    {
    }

    /// <summary>The class names, by label.</summary>
    public override IReadOnlyList<string> Classes { get; } = new[] { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" };
}
