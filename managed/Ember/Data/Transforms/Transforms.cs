using System;
using System.Collections.Generic;

namespace Ember.Data.Transforms;

/// <summary>
/// A tensor transform (torchvision's <c>transforms</c> on tensors). Random transforms draw only from
/// the generator they are given, so a <see cref="DataLoader{TSample, TBatch}"/> that passes a
/// generator seeded per sample makes augmentation reproducible.
/// </summary>
/// <remarks>
/// Images are <c>[..., C, H, W]</c>: a CHW image or an NCHW batch (a random transform draws one set
/// of parameters per call and applies it to the whole batch, as torchvision does). A transform never
/// returns its input object: the result is a new tensor (possibly a view sharing memory with the
/// input) that the caller owns; the input stays the caller's too.
/// </remarks>
public interface ITransform
{
    /// <summary>Transforms <paramref name="input"/>.</summary>
    /// <param name="input">The tensor.</param>
    /// <param name="generator">The generator random transforms draw from (default: <see cref="Generator.Default"/>).</param>
    /// <returns>A new tensor.</returns>
    Tensor Apply(Tensor input, Generator? generator = null);
}

/// <summary>Applies transforms one after the other (<c>Compose</c>); intermediate results are disposed.</summary>
public sealed class Compose : ITransform
{
    private readonly ITransform[] transforms;

    /// <summary>Creates the composition.</summary>
    /// <param name="transforms">The transforms, in order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transforms"/> or one of them is null.</exception>
    public Compose(params ITransform[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        foreach (ITransform t in transforms)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(transforms));
        }

        this.transforms = (ITransform[])transforms.Clone();
    }

    /// <summary>The transforms.</summary>
    public IReadOnlyList<ITransform> Transforms => transforms;

    /// <inheritdoc/>
    public Tensor Apply(Tensor input, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor current = input.Alias();
        foreach (ITransform t in transforms)
        {
            Tensor next = t.Apply(current, generator);
            current.Dispose();
            current = next;
        }

        return current;
    }
}

/// <summary>How the dims of image data are ordered.</summary>
public enum ImageLayout
{
    /// <summary>Height, width, channels (as decoded images and NumPy arrays); 4-D input is NHWC.</summary>
    Hwc,

    /// <summary>Channels, height, width (Ember's and PyTorch's layout); 4-D input is NCHW.</summary>
    Chw,
}

/// <summary>
/// Converts uint8 image data to float32 <c>[C, H, W]</c> in [0, 1] (<c>ToTensor</c>: divides by 255).
/// A 2-D <c>[H, W]</c> input becomes <c>[1, H, W]</c>; 4-D input is a batch.
/// </summary>
public sealed class ToTensor : ITransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="layout">The layout of the input (default HWC, like torchvision's input arrays).</param>
    public ToTensor(ImageLayout layout = ImageLayout.Hwc) => Layout = layout;

    /// <summary>The layout of the input.</summary>
    public ImageLayout Layout { get; }

    /// <summary>Converts pixels held in managed memory.</summary>
    /// <param name="pixels">The bytes, row-major in <paramref name="layout"/>.</param>
    /// <param name="height">The height.</param>
    /// <param name="width">The width.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="layout">The layout of <paramref name="pixels"/>.</param>
    /// <returns>A float32 <c>[channels, height, width]</c> tensor in [0, 1].</returns>
    /// <exception cref="ArgumentException">The length is not height * width * channels, or a size is not positive.</exception>
    public static Tensor FromBytes(ReadOnlySpan<byte> pixels, int height, int width, int channels, ImageLayout layout = ImageLayout.Hwc)
    {
        if (height <= 0 || width <= 0 || channels <= 0)
        {
            throw new ArgumentException($"Image sizes must be positive; got {height}x{width}x{channels}.");
        }

        if (pixels.Length != (long)height * width * channels)
        {
            throw new ArgumentException($"Expected {(long)height * width * channels} bytes for a {height}x{width}x{channels} image, got {pixels.Length}.", nameof(pixels));
        }

        using Tensor raw = layout == ImageLayout.Hwc ? Tensor.From(pixels, height, width, channels) : Tensor.From(pixels, channels, height, width);
        return new ToTensor(layout).Apply(raw);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input is not uint8, or not 2-, 3- or 4-D.</exception>
    public Tensor Apply(Tensor input, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.DType != DType.UInt8)
        {
            throw new ArgumentException($"ToTensor expects uint8 image data; got {input.DType}.", nameof(input));
        }

        using var scope = DisposeScope.Begin();
        Tensor chw = (input.Dim, Layout) switch
        {
            (2, _) => input.Unsqueeze(0),
            (3, ImageLayout.Hwc) => input.Permute(2, 0, 1),
            (4, ImageLayout.Hwc) => input.Permute(0, 3, 1, 2),
            (3 or 4, ImageLayout.Chw) => input.Alias(),
            _ => throw new ArgumentException($"ToTensor expects a 2-D, 3-D or 4-D image tensor; got {input.Dim} dims.", nameof(input)),
        };
        Tensor result = (chw.To(DType.Float32) / 255.0).Contiguous();
        return scope.Keep(result);
    }
}

/// <summary>
/// Normalizes each channel: <c>(x - mean[c]) / std[c]</c> (<c>Normalize</c>), on a floating
/// <c>[..., C, H, W]</c> tensor, computed in the input's dtype.
/// </summary>
public sealed class Normalize : ITransform
{
    private readonly double[] mean;
    private readonly double[] std;

    /// <summary>Creates the transform.</summary>
    /// <param name="mean">The per-channel means (one value applies to every channel).</param>
    /// <param name="std">The per-channel standard deviations (non-zero).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An array is empty, or a standard deviation is zero.</exception>
    public Normalize(double[] mean, double[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length == 0 || std.Length == 0)
        {
            throw new ArgumentException("mean and std need at least one value.");
        }

        foreach (double s in std)
        {
            if (s == 0)
            {
                throw new ArgumentException("std evaluated to zero, leading to division by zero.", nameof(std));
            }
        }

        this.mean = (double[])mean.Clone();
        this.std = (double[])std.Clone();
    }

    /// <summary>The means.</summary>
    public IReadOnlyList<double> Mean => mean;

    /// <summary>The standard deviations.</summary>
    public IReadOnlyList<double> Std => std;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input is not floating, has fewer than 3 dims, or its channel count does not match.</exception>
    public Tensor Apply(Tensor input, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.DType.IsFloatingPoint())
        {
            throw new ArgumentException($"Normalize expects a floating tensor; got {input.DType}.", nameof(input));
        }

        if (input.Dim < 3)
        {
            throw new ArgumentException($"Expected a tensor image of size (..., C, H, W); got {input.Dim} dims.", nameof(input));
        }

        long channels = input.Size(-3);
        foreach (double[] values in new[] { mean, std })
        {
            if (values.Length != 1 && values.Length != channels)
            {
                throw new ArgumentException($"mean and std must have 1 or {channels} (the channel count) values; got {values.Length}.");
            }
        }

        using var scope = DisposeScope.Begin();
        Tensor m = Tensor.From(mean).To(input.DType).View(-1, 1, 1);
        Tensor s = Tensor.From(std).To(input.DType).View(-1, 1, 1);
        Tensor result = (input - m) / s;
        return scope.Keep(result);
    }
}

/// <summary>Flips the image horizontally (the last dim) with probability <see cref="P"/> (<c>RandomHorizontalFlip</c>).</summary>
public sealed class RandomHorizontalFlip : ITransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="p">The probability of a flip, in [0, 1] (default 0.5).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public RandomHorizontalFlip(double p = 0.5)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1].");
        }

        P = p;
    }

    /// <summary>The probability of a flip.</summary>
    public double P { get; }

    /// <summary>The image flipped horizontally, always (torchvision's <c>F.hflip</c>).</summary>
    /// <param name="input">A tensor with at least 1 dim (the last is the width).</param>
    /// <returns>A new tensor.</returns>
    public static Tensor Flip(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Flip(-1);
    }

    /// <inheritdoc/>
    /// <remarks>Draws one uniform number (as torchvision's <c>torch.rand(1) &lt; p</c>); without a flip the result is a view of the input.</remarks>
    public Tensor Apply(Tensor input, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        double u;
        using (Tensor draw = Tensor.Rand(new long[] { 1 }, DType.Float64, null, generator))
        {
            u = draw.Item<double>();
        }

        return u < P ? Flip(input) : input.Alias();
    }
}

/// <summary>
/// Crops a random <see cref="Height"/> x <see cref="Width"/> window (<c>RandomCrop</c>), optionally
/// after padding the image with a constant (torchvision's <c>padding_mode="constant"</c>).
/// </summary>
/// <remarks>
/// Padding is never materialized: the output is filled with <see cref="Fill"/> and the part of the
/// window that overlaps the image is copied in (one <c>copy_</c>), which equals pad-then-crop.
/// Without padding in the window the result is a view of the input, as torchvision's crop.
/// </remarks>
public sealed class RandomCrop : ITransform
{
    private readonly long padLeft, padTop, padRight, padBottom;

    /// <summary>Creates the transform.</summary>
    /// <param name="height">The output height.</param>
    /// <param name="width">The output width.</param>
    /// <param name="padding">
    /// Null or empty: none. One value: all four sides. Two: left/right, top/bottom. Four: left, top,
    /// right, bottom (torchvision's order).
    /// </param>
    /// <param name="padIfNeeded">Whether to pad an image smaller than the output (each side by the missing size, as torchvision).</param>
    /// <param name="fill">The value of padded pixels.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or a padding is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="padding"/> has a length other than 0, 1, 2 or 4.</exception>
    public RandomCrop(long height, long width, long[]? padding, bool padIfNeeded = false, double fill = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        padding ??= Array.Empty<long>();
        foreach (long p in padding)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(p, nameof(padding));
        }

        (padLeft, padTop, padRight, padBottom) = padding.Length switch
        {
            0 => (0L, 0L, 0L, 0L),
            1 => (padding[0], padding[0], padding[0], padding[0]),
            2 => (padding[0], padding[1], padding[0], padding[1]),
            4 => (padding[0], padding[1], padding[2], padding[3]),
            _ => throw new ArgumentException($"Padding must have 1, 2 or 4 values; got {padding.Length}.", nameof(padding)),
        };
        Height = height;
        Width = width;
        PadIfNeeded = padIfNeeded;
        Fill = fill;
    }

    /// <summary>Creates a square crop.</summary>
    /// <param name="size">The output height and width.</param>
    /// <param name="padding">The padding on every side.</param>
    /// <param name="fill">The value of padded pixels.</param>
    public RandomCrop(long size, long padding = 0, double fill = 0)
        : this(size, size, new[] { padding }, false, fill)
    {
    }

    /// <summary>The output height.</summary>
    public long Height { get; }

    /// <summary>The output width.</summary>
    public long Width { get; }

    /// <summary>Whether small images are padded to the output size.</summary>
    public bool PadIfNeeded { get; }

    /// <summary>The value of padded pixels.</summary>
    public double Fill { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input has fewer than 2 dims, or the padded image is smaller than the crop.</exception>
    public Tensor Apply(Tensor input, Generator? generator = null)
    {
        (long top, long left, long extraX, long extraY) = Layout(input);
        long paddedH = input.Size(-2) + top + padBottom + extraY;
        long paddedW = input.Size(-1) + left + padRight + extraX;
        long i = 0, j = 0;
        if (paddedH != Height || paddedW != Width)
        {
            using (Tensor di = Tensor.RandInt(0, paddedH - Height + 1, new long[] { 1 }, DType.Int64, null, generator))
            {
                i = di.Item<long>();
            }

            using Tensor dj = Tensor.RandInt(0, paddedW - Width + 1, new long[] { 1 }, DType.Int64, null, generator);
            j = dj.Item<long>();
        }

        return CropPadded(input, i, j, top, left);
    }

    /// <summary>
    /// The deterministic part: the window whose top-left corner is at (<paramref name="top"/>,
    /// <paramref name="left"/>) in the padded image (torchvision's <c>crop(pad(img), top, left, h, w)</c>).
    /// </summary>
    /// <param name="input">The image, <c>[..., H, W]</c>.</param>
    /// <param name="top">The window's first row in padded coordinates.</param>
    /// <param name="left">The window's first column in padded coordinates.</param>
    /// <returns>A new tensor <c>[..., Height, Width]</c>.</returns>
    /// <exception cref="ArgumentException">The input has fewer than 2 dims, the padded image is smaller than the crop, or the window leaves the padded image.</exception>
    public Tensor Crop(Tensor input, long top, long left)
    {
        (long padT, long padL, long extraX, long extraY) = Layout(input);
        long paddedH = input.Size(-2) + padT + padBottom + extraY;
        long paddedW = input.Size(-1) + padL + padRight + extraX;
        if (top < 0 || left < 0 || top + Height > paddedH || left + Width > paddedW)
        {
            throw new ArgumentException($"The crop window at ({top}, {left}) of size {Height}x{Width} leaves the padded image of {paddedH}x{paddedW}.");
        }

        return CropPadded(input, top, left, padT, padL);
    }

    /// <summary>Checks the input; returns the top and left padding and the extra padding of padIfNeeded.</summary>
    private (long Top, long Left, long ExtraX, long ExtraY) Layout(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dim < 2)
        {
            throw new ArgumentException($"RandomCrop expects an image [..., H, W]; got {input.Dim} dims.", nameof(input));
        }

        long h = input.Size(-2) + padTop + padBottom, w = input.Size(-1) + padLeft + padRight;

        // torchvision pads both sides by the missing amount.
        long extraX = PadIfNeeded && w < Width ? Width - w : 0;
        long extraY = PadIfNeeded && h < Height ? Height - h : 0;
        if (h + 2 * extraY < Height || w + 2 * extraX < Width)
        {
            throw new ArgumentException($"Required crop size ({Height}, {Width}) is larger than input image size ({h}, {w}) after padding.", nameof(input));
        }

        return (padTop + extraY, padLeft + extraX, extraX, extraY);
    }

    private Tensor CropPadded(Tensor input, long top, long left, long padT, long padL)
    {
        long h = input.Size(-2), w = input.Size(-1);

        // The image occupies rows [padT, padT + h) and columns [padL, padL + w) of the padded image.
        long r0 = Math.Max(top, padT), r1 = Math.Min(top + Height, padT + h);
        long c0 = Math.Max(left, padL), c1 = Math.Min(left + Width, padL + w);
        if (r0 == top && r1 == top + Height && c0 == left && c1 == left + Width)
        {
            using Tensor rows = input.Narrow(-2, top - padT, Height);
            return rows.Narrow(-1, left - padL, Width);
        }

        using var scope = DisposeScope.Begin();
        long[] shape = input.Shape.ToArray();
        shape[^2] = Height;
        shape[^1] = Width;
        Tensor result = Tensor.Full(shape, Fill, input.DType);
        if (r0 < r1 && c0 < c1)
        {
            Tensor source = input.Narrow(-2, r0 - padT, r1 - r0).Narrow(-1, c0 - padL, c1 - c0);
            result.Narrow(-2, r0 - top, r1 - r0).Narrow(-1, c0 - left, c1 - c0).Copy_(source);
        }

        return scope.Keep(result);
    }
}
