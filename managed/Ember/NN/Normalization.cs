using System;
using System.Globalization;

namespace Ember.NN;

/// <summary>
/// The batch normalisations (<c>nn.BatchNorm1d/2d</c>): y = (x − E[x]) / √(Var[x] + eps) · γ + β
/// per channel (dim 1). In training the batch's statistics normalise and the running statistics
/// move towards them (unbiased variance) by <see cref="Momentum"/>, or by a cumulative average
/// when momentum is null; in evaluation the running statistics normalise. Parameters
/// <c>weight</c> (ones) and <c>bias</c> (zeros); buffers <c>running_mean</c> (zeros),
/// <c>running_var</c> (ones) and <c>num_batches_tracked</c> (int64), named as PyTorch's.
/// </summary>
public abstract class BatchNormBase : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numFeatures">The number of channels C.</param>
    /// <param name="eps">Added to the variance for stability.</param>
    /// <param name="momentum">The running statistics' update factor, or null for a cumulative moving average.</param>
    /// <param name="affine">Whether γ and β are learned.</param>
    /// <param name="trackRunningStats">Whether running statistics are kept (if not, batch statistics are used in evaluation too).</param>
    /// <param name="dtype">The dtype of the floating parameters and buffers (default float32).</param>
    /// <param name="device">Their device (default CPU).</param>
    private protected BatchNormBase(long numFeatures, double eps, double? momentum, bool affine, bool trackRunningStats, DType? dtype, Device? device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numFeatures);
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Affine = affine;
        TrackRunningStats = trackRunningStats;
        RegisterParameter("weight", affine ? Tensor.Ones([numFeatures], dtype, device) : null);
        RegisterParameter("bias", affine ? Tensor.Zeros([numFeatures], dtype, device) : null);
        RegisterBuffer("running_mean", trackRunningStats ? Tensor.Zeros([numFeatures], dtype, device) : null);
        RegisterBuffer("running_var", trackRunningStats ? Tensor.Ones([numFeatures], dtype, device) : null);
        RegisterBuffer("num_batches_tracked", trackRunningStats ? Tensor.Zeros([], DType.Int64, device) : null);
    }

    /// <summary>The number of channels.</summary>
    public long NumFeatures { get; }

    /// <summary>Added to the variance for stability.</summary>
    public double Eps { get; }

    /// <summary>The running statistics' update factor (null: cumulative moving average).</summary>
    public double? Momentum { get; set; }

    /// <summary>Whether γ and β are learned.</summary>
    public bool Affine { get; }

    /// <summary>Whether running statistics are kept.</summary>
    public bool TrackRunningStats { get; }

    /// <summary>γ (C), or null without <see cref="Affine"/>.</summary>
    public Tensor? Weight => GetParameter("weight");

    /// <summary>β (C), or null without <see cref="Affine"/>.</summary>
    public Tensor? Bias => GetParameter("bias");

    /// <summary>The running mean (C), or null.</summary>
    public Tensor? RunningMean => GetBuffer("running_mean");

    /// <summary>The running variance (C), or null.</summary>
    public Tensor? RunningVar => GetBuffer("running_var");

    /// <summary>The number of training batches seen (int64, 0-dim), or null.</summary>
    public Tensor? NumBatchesTracked => GetBuffer("num_batches_tracked");

    /// <summary>Resets the running statistics (<c>reset_running_stats</c>).</summary>
    public void ResetRunningStats()
    {
        using var _ = Autograd.NoGrad();
        RunningMean?.Zero_();
        RunningVar?.Fill_(1.0);
        NumBatchesTracked?.Zero_();
    }

    /// <summary>Checks the input's rank (PyTorch's <c>_check_input_dim</c>).</summary>
    private protected abstract void CheckInputDim(Tensor input);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInputDim(input);
        double factor = Momentum ?? 0.0;
        if (Training && TrackRunningStats && NumBatchesTracked is Tensor tracked)
        {
            using (Autograd.NoGrad()) tracked.Add_(1L);
            if (Momentum is null) factor = 1.0 / tracked.Item<long>();
        }

        // Batch statistics in training, and in evaluation when there are no running statistics.
        bool useBatchStats = Training || RunningMean is null;
        Tensor? mean = !Training || TrackRunningStats ? RunningMean : null;
        Tensor? var = !Training || TrackRunningStats ? RunningVar : null;
        return Functional.BatchNorm(input, mean, var, Weight, Bias, useBatchStats, factor, Eps);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture,
        $"{NumFeatures}, eps={ReprFormat.Float(Eps)}, momentum={(Momentum is double m ? ReprFormat.Float(m) : "None")}, affine={PyBool(Affine)}, track_running_stats={PyBool(TrackRunningStats)}");
}

/// <summary>Batch normalisation over (N, C) or (N, C, L) inputs (<c>nn.BatchNorm1d</c>).</summary>
public sealed class BatchNorm1d : BatchNormBase
{
    /// <inheritdoc cref="BatchNormBase(long, double, double?, bool, bool, DType?, Device?)"/>
    public BatchNorm1d(long numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true, DType? dtype = null, Device? device = null)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, dtype, device) { }

    private protected override void CheckInputDim(Tensor input)
    {
        if (input.Dim != 2 && input.Dim != 3)
            throw new EmberShapeException($"expected 2D or 3D input (got {input.Dim}D input)");
    }
}

/// <summary>Batch normalisation over (N, C, H, W) inputs (<c>nn.BatchNorm2d</c>).</summary>
public sealed class BatchNorm2d : BatchNormBase
{
    /// <inheritdoc cref="BatchNormBase(long, double, double?, bool, bool, DType?, Device?)"/>
    public BatchNorm2d(long numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true, DType? dtype = null, Device? device = null)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, dtype, device) { }

    private protected override void CheckInputDim(Tensor input)
    {
        if (input.Dim != 4)
            throw new EmberShapeException($"expected 4D input (got {input.Dim}D input)");
    }
}

/// <summary>
/// Layer normalisation over the trailing <see cref="NormalizedShape"/> dims (<c>nn.LayerNorm</c>):
/// weight (ones) and bias (zeros) of that shape when <c>elementwiseAffine</c>.
/// </summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="normalizedShape">The trailing dims normalised over.</param>
    /// <param name="eps">Added to the variance for stability.</param>
    /// <param name="elementwiseAffine">Whether a per-element weight (and bias) is learned.</param>
    /// <param name="bias">Whether the affine transform has a bias.</param>
    /// <param name="dtype">The parameters' dtype (default float32).</param>
    /// <param name="device">The parameters' device (default CPU).</param>
    public LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, bool bias = true, DType? dtype = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        NormalizedShape = (long[])normalizedShape.Clone();
        Eps = eps;
        ElementwiseAffine = elementwiseAffine;
        RegisterParameter("weight", elementwiseAffine ? Tensor.Ones(NormalizedShape, dtype, device) : null);
        RegisterParameter("bias", elementwiseAffine && bias ? Tensor.Zeros(NormalizedShape, dtype, device) : null);
    }

    /// <summary>Creates the layer over the last dim of size <paramref name="normalizedShape"/>.</summary>
    /// <inheritdoc cref="LayerNorm(long[], double, bool, bool, DType?, Device?)"/>
    public LayerNorm(long normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, bool bias = true, DType? dtype = null, Device? device = null)
        : this(new[] { normalizedShape }, eps, elementwiseAffine, bias, dtype, device) { }

    /// <summary>The trailing dims normalised over.</summary>
    public long[] NormalizedShape { get; }

    /// <summary>Added to the variance for stability.</summary>
    public double Eps { get; }

    /// <summary>Whether a per-element weight (and bias) is learned.</summary>
    public bool ElementwiseAffine { get; }

    /// <summary>The weight, or null.</summary>
    public Tensor? Weight => GetParameter("weight");

    /// <summary>The bias, or null.</summary>
    public Tensor? Bias => GetParameter("bias");

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.LayerNorm(input, NormalizedShape, Weight, Bias, Eps);

    /// <inheritdoc/>
    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture,
        $"{PyTuple(NormalizedShape)}, eps={ReprFormat.Float(Eps)}, elementwise_affine={PyBool(ElementwiseAffine)}");
}

/// <summary>
/// Group normalisation (<c>nn.GroupNorm</c>): the C channels of (N, C, ...) are split into
/// <see cref="NumGroups"/> groups, each normalised over its channels and spatial positions; weight
/// (ones) and bias (zeros) per channel when affine.
/// </summary>
public sealed class GroupNorm : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numGroups">The number of groups; must divide <paramref name="numChannels"/>.</param>
    /// <param name="numChannels">The number of channels C.</param>
    /// <param name="eps">Added to the variance for stability.</param>
    /// <param name="affine">Whether per-channel weight and bias are learned.</param>
    /// <param name="dtype">The parameters' dtype (default float32).</param>
    /// <param name="device">The parameters' device (default CPU).</param>
    /// <exception cref="ArgumentException">numChannels is not divisible by numGroups.</exception>
    public GroupNorm(long numGroups, long numChannels, double eps = 1e-5, bool affine = true, DType? dtype = null, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numGroups);
        if (numChannels % numGroups != 0) throw new ArgumentException("num_channels must be divisible by num_groups", nameof(numChannels));
        NumGroups = numGroups;
        NumChannels = numChannels;
        Eps = eps;
        Affine = affine;
        RegisterParameter("weight", affine ? Tensor.Ones([numChannels], dtype, device) : null);
        RegisterParameter("bias", affine ? Tensor.Zeros([numChannels], dtype, device) : null);
    }

    /// <summary>The number of groups.</summary>
    public long NumGroups { get; }

    /// <summary>The number of channels.</summary>
    public long NumChannels { get; }

    /// <summary>Added to the variance for stability.</summary>
    public double Eps { get; }

    /// <summary>Whether per-channel weight and bias are learned.</summary>
    public bool Affine { get; }

    /// <summary>The weight (C), or null.</summary>
    public Tensor? Weight => GetParameter("weight");

    /// <summary>The bias (C), or null.</summary>
    public Tensor? Bias => GetParameter("bias");

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.GroupNorm(input, NumGroups, Weight, Bias, Eps);

    /// <inheritdoc/>
    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture,
        $"{NumGroups}, {NumChannels}, eps={ReprFormat.Float(Eps)}, affine={PyBool(Affine)}");
}

/// <summary>
/// Root-mean-square normalisation (<c>nn.RMSNorm</c>): y = x / √(mean(x²) + eps) · weight over the
/// trailing <see cref="NormalizedShape"/> dims; eps null uses the dtype's machine epsilon, as PyTorch.
/// </summary>
public sealed class RMSNorm : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="normalizedShape">The trailing dims normalised over.</param>
    /// <param name="eps">Added to the mean square, or null for the input dtype's epsilon.</param>
    /// <param name="elementwiseAffine">Whether a per-element weight (ones) is learned.</param>
    /// <param name="dtype">The parameters' dtype (default float32).</param>
    /// <param name="device">The parameters' device (default CPU).</param>
    public RMSNorm(long[] normalizedShape, double? eps = null, bool elementwiseAffine = true, DType? dtype = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        NormalizedShape = (long[])normalizedShape.Clone();
        Eps = eps;
        ElementwiseAffine = elementwiseAffine;
        RegisterParameter("weight", elementwiseAffine ? Tensor.Ones(NormalizedShape, dtype, device) : null);
    }

    /// <summary>Creates the layer over the last dim of size <paramref name="normalizedShape"/>.</summary>
    /// <inheritdoc cref="RMSNorm(long[], double?, bool, DType?, Device?)"/>
    public RMSNorm(long normalizedShape, double? eps = null, bool elementwiseAffine = true, DType? dtype = null, Device? device = null)
        : this(new[] { normalizedShape }, eps, elementwiseAffine, dtype, device) { }

    /// <summary>The trailing dims normalised over.</summary>
    public long[] NormalizedShape { get; }

    /// <summary>Added to the mean square (null: the dtype's epsilon).</summary>
    public double? Eps { get; }

    /// <summary>Whether a per-element weight is learned.</summary>
    public bool ElementwiseAffine { get; }

    /// <summary>The weight, or null.</summary>
    public Tensor? Weight => GetParameter("weight");

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.RmsNorm(input, NormalizedShape, Weight, Eps);

    /// <inheritdoc/>
    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture,
        $"{PyTuple(NormalizedShape)}, eps={(Eps is double e ? ReprFormat.Float(e) : "None")}, elementwise_affine={PyBool(ElementwiseAffine)}");
}
