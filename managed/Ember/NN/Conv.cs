using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Ember.NN;

/// <summary>
/// What the convolution layers share (<c>_ConvNd</c>): sizes expanded to one value per spatial
/// dim, the weight (out, in / groups, *k) — (in, out / groups, *k) when transposed — and bias,
/// initialised as PyTorch's reset_parameters: kaiming_uniform(a = √5) for the weight, which is
/// U(−1/√fan_in, 1/√fan_in), and the same bound for the bias.
/// </summary>
public abstract class ConvNd : Module<Tensor, Tensor>
{
    private protected ConvNd(int dims, long inChannels, long outChannels, long[] kernelSize, long[]? stride, long[]? padding,
                             string? paddingString, long[]? dilation, long[]? outputPadding, long groups, bool bias,
                             bool transposed, DType? dtype, Device? device)
    {
        if (groups <= 0)
        {
            throw new ArgumentException("groups must be a positive integer", nameof(groups));
        }

        if (inChannels % groups != 0)
        {
            throw new ArgumentException("in_channels must be divisible by groups", nameof(inChannels));
        }

        if (outChannels % groups != 0)
        {
            throw new ArgumentException("out_channels must be divisible by groups", nameof(outChannels));
        }

        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = Expand(kernelSize, dims, nameof(kernelSize), 1);
        Stride = Expand(stride, dims, nameof(stride), 1);
        Dilation = Expand(dilation, dims, nameof(dilation), 1);
        OutputPadding = Expand(outputPadding, dims, nameof(outputPadding), 0);
        Groups = groups;
        PaddingString = paddingString;
        if (paddingString is not null)
        {
            if (paddingString != "same" && paddingString != "valid")
            {
                throw new ArgumentException($"Invalid padding string '{paddingString}', should be one of ['valid', 'same']", nameof(paddingString));
            }

            if (paddingString == "same" && Array.Exists(Stride, s => s != 1))
            {
                throw new ArgumentException("padding='same' is not supported for strided convolutions", nameof(stride));
            }

            Padding = new long[dims];
        }
        else
        {
            Padding = Expand(padding, dims, nameof(padding), 0);
        }

        long[] weightShape = transposed
            ? [inChannels, outChannels / groups, .. KernelSize]
            : [outChannels, inChannels / groups, .. KernelSize];
        RegisterParameter("weight", Tensor.Empty(weightShape, dtype, device));
        RegisterParameter("bias", bias ? Tensor.Empty([outChannels], dtype, device) : null);
        ResetParameters();
    }

    /// <summary>The number of input channels.</summary>
    public long InChannels { get; }

    /// <summary>The number of output channels.</summary>
    public long OutChannels { get; }

    /// <summary>The kernel size per spatial dim.</summary>
    public long[] KernelSize { get; }

    /// <summary>The stride per spatial dim.</summary>
    public long[] Stride { get; }

    /// <summary>The numeric padding per spatial dim (zeros when <see cref="PaddingString"/> is set).</summary>
    public long[] Padding { get; }

    /// <summary><c>"same"</c> or <c>"valid"</c> when the layer was made with string padding, else null.</summary>
    public string? PaddingString { get; }

    /// <summary>The dilation per spatial dim.</summary>
    public long[] Dilation { get; }

    /// <summary>The output padding per spatial dim (transposed convolutions; zeros otherwise).</summary>
    public long[] OutputPadding { get; }

    /// <summary>The number of groups.</summary>
    public long Groups { get; }

    /// <summary>The filters.</summary>
    public Tensor Weight => GetParameter("weight")!;

    /// <summary>The bias (out_channels), or null.</summary>
    public Tensor? Bias => GetParameter("bias");

    /// <summary>Re-draws the parameters as the constructor does (<c>reset_parameters</c>).</summary>
    public void ResetParameters()
    {
        Init.KaimingUniform_(Weight, a: Math.Sqrt(5));
        if (Bias is Tensor b)
        {
            var (fanIn, _) = Init.CalculateFanInAndFanOut(Weight);
            if (fanIn != 0)
            {
                double bound = 1 / Math.Sqrt(fanIn);
                Init.Uniform_(b, -bound, bound);
            }
        }
    }

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        var s = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"{InChannels}, {OutChannels}, kernel_size={PyTuple(KernelSize)}, stride={PyTuple(Stride)}"));
        if (PaddingString is not null)
        {
            s.Append(", padding=").Append(PaddingString);
        }
        else if (Array.Exists(Padding, p => p != 0))
        {
            s.Append(", padding=").Append(PyTuple(Padding));
        }

        if (Array.Exists(Dilation, d => d != 1))
        {
            s.Append(", dilation=").Append(PyTuple(Dilation));
        }

        if (Array.Exists(OutputPadding, p => p != 0))
        {
            s.Append(", output_padding=").Append(PyTuple(OutputPadding));
        }

        if (Groups != 1)
        {
            s.Append(CultureInfo.InvariantCulture, $", groups={Groups}");
        }

        if (Bias is null)
        {
            s.Append(", bias=False");
        }

        return s.ToString();
    }

    private static long[] Expand(long[]? values, int dims, string name, long fallback)
    {
        if (values is null || values.Length == 0)
        {
            var filled = new long[dims];
            Array.Fill(filled, fallback);
            return filled;
        }

        if (values.Length == 1)
        {
            var filled = new long[dims];
            Array.Fill(filled, values[0]);
            return filled;
        }

        if (values.Length != dims)
        {
            throw new ArgumentException($"{name} must have 1 or {dims} values, got {values.Length}.", name);
        }

        return (long[])values.Clone();
    }

    private protected static long[] One(long value) => [value];
}

/// <summary>1-D convolution over (N, C, L) or (C, L) (<c>nn.Conv1d</c>); zero padding.</summary>
public sealed class Conv1d : ConvNd
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel length.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Zero padding on both sides.</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="groups">Groups (in and out channels divisible by it).</param>
    /// <param name="bias">Whether to learn a bias.</param>
    /// <param name="dtype">The parameters' dtype (default float32).</param>
    /// <param name="device">The parameters' device.</param>
    /// <exception cref="ArgumentException">The channels are not divisible by groups.</exception>
    public Conv1d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1,
                  long groups = 1, bool bias = true, DType? dtype = null, Device? device = null)
        : base(1, inChannels, outChannels, One(kernelSize), One(stride), One(padding), null, One(dilation), null, groups, bias, false, dtype, device)
    {
    }

    /// <summary>Creates the layer with string padding (<c>"same"</c> or <c>"valid"</c>).</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel length.</param>
    /// <param name="padding"><c>"same"</c> (stride 1 only) or <c>"valid"</c>.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="groups">Groups.</param>
    /// <param name="bias">Whether to learn a bias.</param>
    /// <param name="dtype">The parameters' dtype.</param>
    /// <param name="device">The parameters' device.</param>
    /// <exception cref="ArgumentException">An unknown padding string, "same" with a stride, or channels not divisible by groups.</exception>
    public Conv1d(long inChannels, long outChannels, long kernelSize, string padding, long stride = 1, long dilation = 1,
                  long groups = 1, bool bias = true, DType? dtype = null, Device? device = null)
        : base(1, inChannels, outChannels, One(kernelSize), One(stride), null, padding ?? throw new ArgumentNullException(nameof(padding)),
               One(dilation), null, groups, bias, false, dtype, device)
    {
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        PaddingString is string p
            ? Functional.Conv1d(input, Weight, Bias, Stride, p, Dilation, Groups)
            : Functional.Conv1d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
}

/// <summary>2-D convolution over (N, C, H, W) or (C, H, W) (<c>nn.Conv2d</c>); zero padding; groups = channels gives a depthwise convolution.</summary>
public sealed class Conv2d : ConvNd
{
    /// <summary>Creates the layer with square sizes.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel height and width.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Zero padding on every side.</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="groups">Groups.</param>
    /// <param name="bias">Whether to learn a bias.</param>
    /// <param name="dtype">The parameters' dtype (default float32).</param>
    /// <param name="device">The parameters' device.</param>
    /// <exception cref="ArgumentException">The channels are not divisible by groups.</exception>
    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1,
                  long groups = 1, bool bias = true, DType? dtype = null, Device? device = null)
        : base(2, inChannels, outChannels, One(kernelSize), One(stride), One(padding), null, One(dilation), null, groups, bias, false, dtype, device)
    {
    }

    /// <summary>Creates the layer with per-dim sizes (PyTorch's tuples: (height, width)).</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel size: 1 or 2 values.</param>
    /// <param name="stride">Stride: 1 or 2 values (default 1).</param>
    /// <param name="padding">Zero padding: 1 or 2 values (default 0).</param>
    /// <param name="dilation">Dilation: 1 or 2 values (default 1).</param>
    /// <param name="groups">Groups.</param>
    /// <param name="bias">Whether to learn a bias.</param>
    /// <param name="dtype">The parameters' dtype.</param>
    /// <param name="device">The parameters' device.</param>
    /// <exception cref="ArgumentException">A size list has the wrong length, or the channels are not divisible by groups.</exception>
    public Conv2d(long inChannels, long outChannels, long[] kernelSize, long[]? stride = null, long[]? padding = null,
                  long[]? dilation = null, long groups = 1, bool bias = true, DType? dtype = null, Device? device = null)
        : base(2, inChannels, outChannels, kernelSize ?? throw new ArgumentNullException(nameof(kernelSize)), stride, padding, null,
               dilation, null, groups, bias, false, dtype, device)
    {
    }

    /// <summary>Creates the layer with string padding: <c>"same"</c> (stride 1; even kernels pad one more at the bottom/right) or <c>"valid"</c>.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel size: 1 or 2 values.</param>
    /// <param name="padding"><c>"same"</c> or <c>"valid"</c>.</param>
    /// <param name="stride">Stride (must be 1 with "same").</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="groups">Groups.</param>
    /// <param name="bias">Whether to learn a bias.</param>
    /// <param name="dtype">The parameters' dtype.</param>
    /// <param name="device">The parameters' device.</param>
    /// <exception cref="ArgumentException">An unknown padding string, "same" with a stride, or channels not divisible by groups.</exception>
    public Conv2d(long inChannels, long outChannels, long[] kernelSize, string padding, long[]? stride = null,
                  long[]? dilation = null, long groups = 1, bool bias = true, DType? dtype = null, Device? device = null)
        : base(2, inChannels, outChannels, kernelSize ?? throw new ArgumentNullException(nameof(kernelSize)), stride, null,
               padding ?? throw new ArgumentNullException(nameof(padding)), dilation, null, groups, bias, false, dtype, device)
    {
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        PaddingString is string p
            ? Functional.Conv2d(input, Weight, Bias, Stride, p, Dilation, Groups)
            : Functional.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
}

/// <summary>2-D transposed convolution (<c>nn.ConvTranspose2d</c>); weight (in, out / groups, kH, kW).</summary>
public sealed class ConvTranspose2d : ConvNd
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel size: 1 or 2 values.</param>
    /// <param name="stride">Stride: 1 or 2 values (default 1).</param>
    /// <param name="padding">Padding removed from the output: 1 or 2 values (default 0).</param>
    /// <param name="outputPadding">Extra output size on one side: 1 or 2 values (default 0; smaller than stride or dilation).</param>
    /// <param name="groups">Groups.</param>
    /// <param name="bias">Whether to learn a bias.</param>
    /// <param name="dilation">Dilation: 1 or 2 values (default 1).</param>
    /// <param name="dtype">The parameters' dtype.</param>
    /// <param name="device">The parameters' device.</param>
    /// <exception cref="ArgumentException">A size list has the wrong length, or the channels are not divisible by groups.</exception>
    public ConvTranspose2d(long inChannels, long outChannels, long[] kernelSize, long[]? stride = null, long[]? padding = null,
                           long[]? outputPadding = null, long groups = 1, bool bias = true, long[]? dilation = null,
                           DType? dtype = null, Device? device = null)
        : base(2, inChannels, outChannels, kernelSize ?? throw new ArgumentNullException(nameof(kernelSize)), stride, padding, null,
               dilation, outputPadding, groups, bias, true, dtype, device)
    {
    }

    /// <summary>Creates the layer with square sizes.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel height and width.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Padding removed from the output.</param>
    /// <param name="outputPadding">Extra output size on one side.</param>
    /// <param name="groups">Groups.</param>
    /// <param name="bias">Whether to learn a bias.</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="dtype">The parameters' dtype.</param>
    /// <param name="device">The parameters' device.</param>
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long outputPadding = 0,
                           long groups = 1, bool bias = true, long dilation = 1, DType? dtype = null, Device? device = null)
        : base(2, inChannels, outChannels, One(kernelSize), One(stride), One(padding), null, One(dilation), One(outputPadding),
               groups, bias, true, dtype, device)
    {
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        Functional.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation);
}

/// <summary>1-D transposed convolution (<c>nn.ConvTranspose1d</c>); weight (in, out / groups, kL).</summary>
public sealed class ConvTranspose1d : ConvNd
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel length.</param>
    /// <param name="stride">Stride.</param>
    /// <param name="padding">Padding removed from the output.</param>
    /// <param name="outputPadding">Extra output length on one side (smaller than stride or dilation).</param>
    /// <param name="groups">Groups.</param>
    /// <param name="bias">Whether to learn a bias.</param>
    /// <param name="dilation">Dilation.</param>
    /// <param name="dtype">The parameters' dtype.</param>
    /// <param name="device">The parameters' device.</param>
    /// <exception cref="ArgumentException">The channels are not divisible by groups.</exception>
    public ConvTranspose1d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long outputPadding = 0,
                           long groups = 1, bool bias = true, long dilation = 1, DType? dtype = null, Device? device = null)
        : base(1, inChannels, outChannels, One(kernelSize), One(stride), One(padding), null, One(dilation), One(outputPadding),
               groups, bias, true, dtype, device)
    {
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        Functional.ConvTranspose1d(input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation);
}
