using System;
using Ember.Native;

namespace Ember.NN;

public static partial class Functional
{
    /// <summary>
    /// Cross entropy of logits (<c>torch.nn.functional.cross_entropy</c>). An integer target holds
    /// class indices; a floating target holds class probabilities of the input's shape.
    /// </summary>
    /// <param name="input">The logits (N, C), (N, C, d1, ...) or (C).</param>
    /// <param name="target">Class indices (N), (N, d1, ...) or 0-dim; or probabilities of the input's shape.</param>
    /// <param name="weight">Per-class weights (C), or null.</param>
    /// <param name="ignoreIndex">A class-index target value that is skipped (and excluded from the mean).</param>
    /// <param name="reduction">The reduction; the mean over class indices divides by the summed weights of the targets used.</param>
    /// <param name="labelSmoothing">In [0, 1]: the share of the uniform distribution mixed into the target.</param>
    /// <returns>The loss: 0-dim, or per position for <see cref="Reduction.None"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not match.</exception>
    /// <exception cref="EmberIndexException">A target class is out of range.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public static unsafe Tensor CrossEntropy(Tensor input, Tensor target, Tensor? weight = null, long ignoreIndex = -100,
        Reduction reduction = Reduction.Mean, double labelSmoothing = 0.0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_cross_entropy(input.Handle, target.Handle, HandleOrNull(weight),
            reduction.ToNative(), ignoreIndex, labelSmoothing, &result));
        GC.KeepAlive(input);
        GC.KeepAlive(target);
        GC.KeepAlive(weight);
        return Tensor.FromResult(result);
    }

    /// <summary>Negative log likelihood of log-probabilities at the target classes (<c>torch.nn.functional.nll_loss</c>).</summary>
    /// <param name="input">Log-probabilities (N, C), (N, C, d1, ...) or (C).</param>
    /// <param name="target">Class indices (N), (N, d1, ...) or 0-dim.</param>
    /// <param name="weight">Per-class weights (C), or null.</param>
    /// <param name="ignoreIndex">A target value that is skipped (and excluded from the mean).</param>
    /// <param name="reduction">The reduction; the mean divides by the summed weights of the targets used.</param>
    /// <returns>The loss: 0-dim, or per position for <see cref="Reduction.None"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not match.</exception>
    /// <exception cref="EmberIndexException">A target class is out of range.</exception>
    public static unsafe Tensor NllLoss(Tensor input, Tensor target, Tensor? weight = null, long ignoreIndex = -100,
        Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_nll_loss(input.Handle, target.Handle, HandleOrNull(weight),
            reduction.ToNative(), ignoreIndex, &result));
        GC.KeepAlive(input);
        GC.KeepAlive(target);
        GC.KeepAlive(weight);
        return Tensor.FromResult(result);
    }

    /// <summary>Mean squared error (<c>torch.nn.functional.mse_loss</c>); input and target broadcast.</summary>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="reduction">The reduction.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        Pair(input, target, reduction, PairLoss.Mse, 0);

    /// <summary>Mean absolute error (<c>torch.nn.functional.l1_loss</c>); input and target broadcast.</summary>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="reduction">The reduction.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    public static Tensor L1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        Pair(input, target, reduction, PairLoss.L1, 0);

    /// <summary>
    /// Smooth L1 loss (<c>torch.nn.functional.smooth_l1_loss</c>): 0.5 d² / beta where d = |input - target| &lt; beta, else d - 0.5 beta.
    /// </summary>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="reduction">The reduction.</param>
    /// <param name="beta">The threshold (at least 0; 0 gives the L1 loss).</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="beta"/> is negative.</exception>
    public static Tensor SmoothL1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double beta = 1.0) =>
        Pair(input, target, reduction, PairLoss.SmoothL1, beta);

    /// <summary>
    /// Huber loss (<c>torch.nn.functional.huber_loss</c>): 0.5 d² where d = |input - target| &lt; delta, else delta (d - 0.5 delta).
    /// </summary>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="reduction">The reduction.</param>
    /// <param name="delta">The threshold (above 0).</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="delta"/> is not positive.</exception>
    public static Tensor HuberLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double delta = 1.0) =>
        Pair(input, target, reduction, PairLoss.Huber, delta);

    /// <summary>Binary cross entropy of probabilities (<c>torch.nn.functional.binary_cross_entropy</c>); the logs are clamped at -100.</summary>
    /// <param name="input">Probabilities, each in [0, 1].</param>
    /// <param name="target">The target, of the input's shape.</param>
    /// <param name="weight">Weights broadcast over the elements, or null.</param>
    /// <param name="reduction">The reduction.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes differ.</exception>
    /// <exception cref="EmberArgumentException">An input element is outside [0, 1].</exception>
    public static unsafe Tensor BinaryCrossEntropy(Tensor input, Tensor target, Tensor? weight = null,
        Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_binary_cross_entropy(input.Handle, target.Handle, HandleOrNull(weight),
            reduction.ToNative(), &result));
        GC.KeepAlive(input);
        GC.KeepAlive(target);
        GC.KeepAlive(weight);
        return Tensor.FromResult(result);
    }

    /// <summary>
    /// Binary cross entropy of logits, with the sigmoid built in and numerically stable
    /// (<c>torch.nn.functional.binary_cross_entropy_with_logits</c>).
    /// </summary>
    /// <param name="input">The logits.</param>
    /// <param name="target">The target, of the input's shape.</param>
    /// <param name="weight">Weights broadcast over the elements, or null.</param>
    /// <param name="reduction">The reduction.</param>
    /// <param name="posWeight">Weights of the positive term, broadcast (one per class along the last dim), or null.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes differ.</exception>
    public static unsafe Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor? weight = null,
        Reduction reduction = Reduction.Mean, Tensor? posWeight = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_binary_cross_entropy_with_logits(input.Handle, target.Handle,
            HandleOrNull(weight), HandleOrNull(posWeight), reduction.ToNative(), &result));
        GC.KeepAlive(input);
        GC.KeepAlive(target);
        GC.KeepAlive(weight);
        GC.KeepAlive(posWeight);
        return Tensor.FromResult(result);
    }

    /// <summary>
    /// Kullback-Leibler divergence (<c>torch.nn.functional.kl_div</c>) with the input holding
    /// log-probabilities. PyTorch's reduction "batchmean" is <see cref="Reduction.Sum"/> divided by the batch size.
    /// </summary>
    /// <param name="input">Log-probabilities.</param>
    /// <param name="target">Probabilities (log-probabilities with <paramref name="logTarget"/>).</param>
    /// <param name="reduction">The reduction (the mean is over all elements).</param>
    /// <param name="logTarget">Whether the target holds log-probabilities.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="target"/> is null.</exception>
    public static unsafe Tensor KlDiv(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool logTarget = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_kl_div(input.Handle, target.Handle, reduction.ToNative(), logTarget, &result));
        GC.KeepAlive(input);
        GC.KeepAlive(target);
        return Tensor.FromResult(result);
    }

    /// <summary>
    /// Cosine embedding loss (<c>torch.nn.functional.cosine_embedding_loss</c>): 1 - cos(x1, x2) where
    /// the target is 1, max(0, cos(x1, x2) - margin) where it is -1.
    /// </summary>
    /// <param name="input1">The first inputs (N, D), or (D).</param>
    /// <param name="input2">The second inputs, of the same shape.</param>
    /// <param name="target">1 or -1 per pair: (N), or 0-dim for (D) inputs.</param>
    /// <param name="margin">The margin of the dissimilar pairs.</param>
    /// <param name="reduction">The reduction.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="EmberShapeException">The ranks do not fit together.</exception>
    public static unsafe Tensor CosineEmbeddingLoss(Tensor input1, Tensor input2, Tensor target, double margin = 0.0,
        Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(input1);
        ArgumentNullException.ThrowIfNull(input2);
        ArgumentNullException.ThrowIfNull(target);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_cosine_embedding_loss(input1.Handle, input2.Handle, target.Handle, margin,
            reduction.ToNative(), &result));
        GC.KeepAlive(input1);
        GC.KeepAlive(input2);
        GC.KeepAlive(target);
        return Tensor.FromResult(result);
    }

    private enum PairLoss
    {
        Mse,
        L1,
        SmoothL1,
        Huber,
    }

    private static unsafe Tensor Pair(Tensor input, Tensor target, Reduction reduction, PairLoss loss, double parameter)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        EmberTensor result = default;
        EmberTensor x = input.Handle, y = target.Handle;
        EmberReduction r = reduction.ToNative();
        NativeStatus.Check(loss switch
        {
            PairLoss.Mse => NativeMethods.ember_mse_loss(x, y, r, &result),
            PairLoss.L1 => NativeMethods.ember_l1_loss(x, y, r, &result),
            PairLoss.SmoothL1 => NativeMethods.ember_smooth_l1_loss(x, y, r, parameter, &result),
            _ => NativeMethods.ember_huber_loss(x, y, r, parameter, &result),
        });
        GC.KeepAlive(input);
        GC.KeepAlive(target);
        return Tensor.FromResult(result);
    }
}
