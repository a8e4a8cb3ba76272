using System;

namespace Ember;

/// <summary>
/// How <see cref="Tensor.ToString"/> prints tensors: PyTorch's <c>torch.set_printoptions</c>.
/// The settings are process-wide; the defaults match PyTorch's.
/// </summary>
public static class PrintOptions
{
    private static int precision = 4;
    private static long threshold = 1000;
    private static int edgeItems = 3;
    private static int lineWidth = 80;

    /// <summary>Digits after the decimal point for floating values (default 4).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above 30.</exception>
    public static int Precision
    {
        get => precision;
        set => precision = value is >= 0 and <= 30 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "precision must be in [0, 30]");
    }

    /// <summary>Tensors with more elements than this are summarized with <c>...</c> (default 1000).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public static long Threshold
    {
        get => threshold;
        set => threshold = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "threshold must be at least 0");
    }

    /// <summary>Items shown at the start and the end of each summarized dimension (default 3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public static int EdgeItems
    {
        get => edgeItems;
        set => edgeItems = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "edge items must be at least 0");
    }

    /// <summary>Characters per line before elements wrap (default 80).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public static int LineWidth
    {
        get => lineWidth;
        set => lineWidth = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "line width must be at least 1");
    }

    /// <summary>Force scientific notation on (true) or off (false); null lets the formatter choose, as PyTorch does (default).</summary>
    public static bool? SciMode { get; set; }

    /// <summary>Restores PyTorch's defaults (precision 4, threshold 1000, 3 edge items, 80 columns, automatic notation).</summary>
    public static void Reset()
    {
        precision = 4;
        threshold = 1000;
        edgeItems = 3;
        lineWidth = 80;
        SciMode = null;
    }
}
