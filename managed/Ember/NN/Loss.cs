using System;

namespace Ember.NN;

/// <summary>
/// Loss modules (<c>nn.CrossEntropyLoss</c> and friends): each holds its options and calls the
/// matching <see cref="Functional"/> loss; <c>Call(input, target)</c> returns the loss. Class and
/// positive weights are buffers named <c>weight</c> and <c>pos_weight</c>, as in PyTorch.
/// </summary>
public abstract class Loss : Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are reduced.</param>
    private protected Loss(Reduction reduction) => Reduction = reduction;

    /// <summary>How per-element losses are reduced.</summary>
    public Reduction Reduction { get; }
}

/// <summary>
/// Cross entropy between logits (N, C), (N, C, d1, ...) or (C) and class indices or class
/// probabilities (<c>nn.CrossEntropyLoss</c>).
/// </summary>
public sealed class CrossEntropyLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">A weight per class (C), or null.</param>
    /// <param name="ignoreIndex">A class index whose targets contribute nothing.</param>
    /// <param name="reduction">How per-sample losses are reduced.</param>
    /// <param name="labelSmoothing">The amount of smoothing towards the uniform distribution, in [0, 1].</param>
    public CrossEntropyLoss(Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0)
        : base(reduction)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "label_smoothing must be between 0.0 and 1.0");
        RegisterBuffer("weight", weight);
        IgnoreIndex = ignoreIndex;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>The class weights, or null.</summary>
    public Tensor? Weight => GetBuffer("weight");

    /// <summary>The ignored class index.</summary>
    public long IgnoreIndex { get; }

    /// <summary>The label smoothing amount.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) =>
        Functional.CrossEntropy(input, target, Weight, IgnoreIndex, Reduction, LabelSmoothing);
}

/// <summary>Negative log likelihood of log-probabilities (N, C, ...) at class indices (<c>nn.NLLLoss</c>).</summary>
public sealed class NLLLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">A weight per class (C), or null.</param>
    /// <param name="ignoreIndex">A class index whose targets contribute nothing.</param>
    /// <param name="reduction">How per-sample losses are reduced.</param>
    public NLLLoss(Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean) : base(reduction)
    {
        RegisterBuffer("weight", weight);
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>The class weights, or null.</summary>
    public Tensor? Weight => GetBuffer("weight");

    /// <summary>The ignored class index.</summary>
    public long IgnoreIndex { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.NllLoss(input, target, Weight, IgnoreIndex, Reduction);
}

/// <summary>Squared error (<c>nn.MSELoss</c>).</summary>
public sealed class MSELoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are reduced.</param>
    public MSELoss(Reduction reduction = Reduction.Mean) : base(reduction) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.MseLoss(input, target, Reduction);
}

/// <summary>Absolute error (<c>nn.L1Loss</c>).</summary>
public sealed class L1Loss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are reduced.</param>
    public L1Loss(Reduction reduction = Reduction.Mean) : base(reduction) { }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.L1Loss(input, target, Reduction);
}

/// <summary>Squared error below <see cref="Beta"/>, absolute error above (<c>nn.SmoothL1Loss</c>).</summary>
public sealed class SmoothL1Loss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are reduced.</param>
    /// <param name="beta">The threshold between the two regimes (≥ 0).</param>
    public SmoothL1Loss(Reduction reduction = Reduction.Mean, double beta = 1.0) : base(reduction) => Beta = beta;

    /// <summary>The threshold between the two regimes.</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.SmoothL1Loss(input, target, Reduction, Beta);
}

/// <summary>The Huber loss (<c>nn.HuberLoss</c>).</summary>
public sealed class HuberLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are reduced.</param>
    /// <param name="delta">The threshold between the two regimes (&gt; 0).</param>
    public HuberLoss(Reduction reduction = Reduction.Mean, double delta = 1.0) : base(reduction) => Delta = delta;

    /// <summary>The threshold between the two regimes.</summary>
    public double Delta { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.HuberLoss(input, target, Reduction, Delta);
}

/// <summary>Binary cross entropy of probabilities (<c>nn.BCELoss</c>).</summary>
public sealed class BCELoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">A weight broadcast against the loss, or null.</param>
    /// <param name="reduction">How per-element losses are reduced.</param>
    public BCELoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) : base(reduction) => RegisterBuffer("weight", weight);

    /// <summary>The weight, or null.</summary>
    public Tensor? Weight => GetBuffer("weight");

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => Functional.BinaryCrossEntropy(input, target, Weight, Reduction);
}

/// <summary>Binary cross entropy of logits, computed stably (<c>nn.BCEWithLogitsLoss</c>).</summary>
public sealed class BCEWithLogitsLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">A weight broadcast against the loss, or null.</param>
    /// <param name="reduction">How per-element losses are reduced.</param>
    /// <param name="posWeight">A weight of positive examples per class, or null.</param>
    public BCEWithLogitsLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? posWeight = null) : base(reduction)
    {
        RegisterBuffer("weight", weight);
        RegisterBuffer("pos_weight", posWeight);
    }

    /// <summary>The weight, or null.</summary>
    public Tensor? Weight => GetBuffer("weight");

    /// <summary>The positive-example weight, or null.</summary>
    public Tensor? PosWeight => GetBuffer("pos_weight");

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) =>
        Functional.BinaryCrossEntropyWithLogits(input, target, Weight, Reduction, PosWeight);
}

/// <summary>The Kullback–Leibler divergence of log-probabilities from a target (<c>nn.KLDivLoss</c>).</summary>
public sealed class KLDivLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How per-element losses are reduced.</param>
    /// <param name="logTarget">Whether the target is given as log-probabilities.</param>
    /// <param name="batchMean">Divide the sum by the batch size (PyTorch's reduction="batchmean"; overrides <paramref name="reduction"/>).</param>
    public KLDivLoss(Reduction reduction = Reduction.Mean, bool logTarget = false, bool batchMean = false) : base(reduction)
    {
        LogTarget = logTarget;
        BatchMean = batchMean;
    }

    /// <summary>Whether the target is given as log-probabilities.</summary>
    public bool LogTarget { get; }

    /// <summary>Whether the sum is divided by the batch size.</summary>
    public bool BatchMean { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target)
    {
        if (!BatchMean) return Functional.KlDiv(input, target, Reduction, LogTarget);
        using Tensor sum = Functional.KlDiv(input, target, Reduction.Sum, LogTarget);
        return input.Dim == 0 ? sum.Clone() : sum / (double)input.Size(0);
    }
}

/// <summary>
/// 1 − cos(x1, x2) for targets 1 and max(0, cos(x1, x2) − margin) for targets −1
/// (<c>nn.CosineEmbeddingLoss</c>); called as <c>Forward((x1, x2), target)</c>.
/// </summary>
public sealed class CosineEmbeddingLoss : Module<(Tensor Input1, Tensor Input2), Tensor, Tensor>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="margin">The margin for dissimilar pairs, in [−1, 1].</param>
    /// <param name="reduction">How per-pair losses are reduced.</param>
    public CosineEmbeddingLoss(double margin = 0.0, Reduction reduction = Reduction.Mean)
    {
        Margin = margin;
        Reduction = reduction;
    }

    /// <summary>The margin for dissimilar pairs.</summary>
    public double Margin { get; }

    /// <summary>How per-pair losses are reduced.</summary>
    public Reduction Reduction { get; }

    /// <inheritdoc/>
    public override Tensor Forward((Tensor Input1, Tensor Input2) inputs, Tensor target) =>
        Functional.CosineEmbeddingLoss(inputs.Input1, inputs.Input2, target, Margin, Reduction);
}
