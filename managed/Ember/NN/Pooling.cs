using System;
using System.Globalization;
using System.Text;

namespace Ember.NN;

/// <summary>1-D max pooling (<c>nn.MaxPool1d</c>).</summary>
public sealed class MaxPool1d : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    /// <param name="kernelSize">The window.</param>
    /// <param name="stride">Stride (null: the kernel size).</param>
    /// <param name="padding">-inf padding on both sides.</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="ceilMode">Round the output length up.</param>
    public MaxPool1d(long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        Dilation = dilation;
        CeilMode = ceilMode;
    }

    /// <summary>The window.</summary>
    public long KernelSize { get; }

    /// <summary>The stride.</summary>
    public long Stride { get; }

    /// <summary>The padding.</summary>
    public long Padding { get; }

    /// <summary>The dilation.</summary>
    public long Dilation { get; }

    /// <summary>Whether the output length is rounded up.</summary>
    public bool CeilMode { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        Functional.MaxPool1d(input, [KernelSize], [Stride], [Padding], [Dilation], CeilMode);

    /// <inheritdoc/>
    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture,
        $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}, dilation={Dilation}, ceil_mode={PyBool(CeilMode)}");
}

/// <summary>2-D max pooling (<c>nn.MaxPool2d</c>).</summary>
public sealed class MaxPool2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the module with square sizes.</summary>
    /// <param name="kernelSize">The window.</param>
    /// <param name="stride">Stride (null: the kernel size).</param>
    /// <param name="padding">-inf padding.</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="ceilMode">Round the output size up.</param>
    public MaxPool2d(long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false)
        : this([kernelSize], stride is null ? null : [stride.Value], [padding], [dilation], ceilMode)
    {
    }

    /// <summary>Creates the module with per-dim sizes.</summary>
    /// <param name="kernelSize">The window: 1 or 2 values.</param>
    /// <param name="stride">Stride (null: the kernel size).</param>
    /// <param name="padding">-inf padding (default 0).</param>
    /// <param name="dilation">Dilation (default 1).</param>
    /// <param name="ceilMode">Round the output size up.</param>
    public MaxPool2d(long[] kernelSize, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceilMode = false)
    {
        ArgumentNullException.ThrowIfNull(kernelSize);
        KernelSize = (long[])kernelSize.Clone();
        Stride = stride is null ? KernelSize : (long[])stride.Clone();
        Padding = padding is null ? [0] : (long[])padding.Clone();
        Dilation = dilation is null ? [1] : (long[])dilation.Clone();
        CeilMode = ceilMode;
    }

    /// <summary>The window.</summary>
    public long[] KernelSize { get; }

    /// <summary>The stride.</summary>
    public long[] Stride { get; }

    /// <summary>The padding.</summary>
    public long[] Padding { get; }

    /// <summary>The dilation.</summary>
    public long[] Dilation { get; }

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.MaxPool2d(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"kernel_size={Pooling.Value(KernelSize)}, stride={Pooling.Value(Stride)}, padding={Pooling.Value(Padding)}, dilation={Pooling.Value(Dilation)}, ceil_mode={PyBool(CeilMode)}";
}

/// <summary>2-D average pooling (<c>nn.AvgPool2d</c>).</summary>
public sealed class AvgPool2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the module with square sizes.</summary>
    /// <param name="kernelSize">The window.</param>
    /// <param name="stride">Stride (null: the kernel size).</param>
    /// <param name="padding">Zero padding.</param>
    /// <param name="ceilMode">Round the output size up.</param>
    /// <param name="countIncludePad">Count the padding in the divisor.</param>
    /// <param name="divisorOverride">Replaces the divisor.</param>
    public AvgPool2d(long kernelSize, long? stride = null, long padding = 0, bool ceilMode = false, bool countIncludePad = true,
                     long? divisorOverride = null)
        : this([kernelSize], stride is null ? null : [stride.Value], [padding], ceilMode, countIncludePad, divisorOverride)
    {
    }

    /// <summary>Creates the module with per-dim sizes.</summary>
    /// <param name="kernelSize">The window: 1 or 2 values.</param>
    /// <param name="stride">Stride (null: the kernel size).</param>
    /// <param name="padding">Zero padding (default 0).</param>
    /// <param name="ceilMode">Round the output size up.</param>
    /// <param name="countIncludePad">Count the padding in the divisor.</param>
    /// <param name="divisorOverride">Replaces the divisor.</param>
    public AvgPool2d(long[] kernelSize, long[]? stride = null, long[]? padding = null, bool ceilMode = false,
                     bool countIncludePad = true, long? divisorOverride = null)
    {
        ArgumentNullException.ThrowIfNull(kernelSize);
        KernelSize = (long[])kernelSize.Clone();
        Stride = stride is null ? KernelSize : (long[])stride.Clone();
        Padding = padding is null ? [0] : (long[])padding.Clone();
        CeilMode = ceilMode;
        CountIncludePad = countIncludePad;
        DivisorOverride = divisorOverride;
    }

    /// <summary>The window.</summary>
    public long[] KernelSize { get; }

    /// <summary>The stride.</summary>
    public long[] Stride { get; }

    /// <summary>The padding.</summary>
    public long[] Padding { get; }

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; }

    /// <summary>Whether the padding counts in the divisor.</summary>
    public bool CountIncludePad { get; }

    /// <summary>The divisor override, or null.</summary>
    public long? DivisorOverride { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        Functional.AvgPool2d(input, KernelSize, Stride, Padding, CeilMode, CountIncludePad, DivisorOverride);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"kernel_size={Pooling.Value(KernelSize)}, stride={Pooling.Value(Stride)}, padding={Pooling.Value(Padding)}";
}

/// <summary>Adaptive 2-D average pooling to a fixed output size (<c>nn.AdaptiveAvgPool2d</c>).</summary>
public sealed class AdaptiveAvgPool2d : Module<Tensor, Tensor>
{
    private readonly long[] outputSize;

    /// <summary>Creates the module.</summary>
    /// <param name="outputSize">1 value (square) or (height, width).</param>
    public AdaptiveAvgPool2d(params long[] outputSize)
    {
        ArgumentNullException.ThrowIfNull(outputSize);
        this.outputSize = (long[])outputSize.Clone();
    }

    /// <summary>The output size.</summary>
    public long[] OutputSize => (long[])outputSize.Clone();

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.AdaptiveAvgPool2d(input, outputSize);

    /// <inheritdoc/>
    protected override string ExtraRepr() => "output_size=" + Pooling.Value(outputSize);
}

/// <summary>1-D average pooling (<c>nn.AvgPool1d</c>).</summary>
public sealed class AvgPool1d : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    /// <param name="kernelSize">The window.</param>
    /// <param name="stride">Stride (null: the kernel size).</param>
    /// <param name="padding">Zero padding on both sides.</param>
    /// <param name="ceilMode">Round the output length up.</param>
    /// <param name="countIncludePad">Count the padding in the divisor.</param>
    public AvgPool1d(long kernelSize, long? stride = null, long padding = 0, bool ceilMode = false, bool countIncludePad = true)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        CeilMode = ceilMode;
        CountIncludePad = countIncludePad;
    }

    /// <summary>The window.</summary>
    public long KernelSize { get; }

    /// <summary>The stride.</summary>
    public long Stride { get; }

    /// <summary>The padding.</summary>
    public long Padding { get; }

    /// <summary>Whether the output length is rounded up.</summary>
    public bool CeilMode { get; }

    /// <summary>Whether the padding counts in the divisor.</summary>
    public bool CountIncludePad { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        Functional.AvgPool1d(input, [KernelSize], [Stride], [Padding], CeilMode, CountIncludePad);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"kernel_size={PyTuple([KernelSize])}, stride={PyTuple([Stride])}, padding={PyTuple([Padding])}";
}

/// <summary>Adaptive 2-D max pooling to a fixed output size (<c>nn.AdaptiveMaxPool2d</c>).</summary>
public sealed class AdaptiveMaxPool2d : Module<Tensor, Tensor>
{
    private readonly long[] outputSize;

    /// <summary>Creates the module.</summary>
    /// <param name="outputSize">1 value (square) or (height, width).</param>
    public AdaptiveMaxPool2d(params long[] outputSize)
    {
        ArgumentNullException.ThrowIfNull(outputSize);
        this.outputSize = (long[])outputSize.Clone();
    }

    /// <summary>The output size.</summary>
    public long[] OutputSize => (long[])outputSize.Clone();

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.AdaptiveMaxPool2d(input, outputSize);

    /// <inheritdoc/>
    protected override string ExtraRepr() => "output_size=" + Pooling.Value(outputSize);
}

/// <summary>Formatting of pooling sizes as PyTorch prints them (an int, or a tuple).</summary>
internal static class Pooling
{
    public static string Value(long[] values)
    {
        if (values.Length == 1)
        {
            return values[0].ToString(CultureInfo.InvariantCulture);
        }

        var s = new StringBuilder("(");
        s.AppendJoin(", ", values);
        return s.Append(')').ToString();
    }
}
