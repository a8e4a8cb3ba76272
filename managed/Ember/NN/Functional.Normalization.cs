using System;
using Ember.Native;

namespace Ember.NN;

/// <summary>
/// The stateless neural-network operations of <c>torch.nn.functional</c>. Every operation is
/// differentiable and runs natively; see docs/nn-functional.md.
/// </summary>
public static partial class Functional
{
    private static EmberTensor HandleOrNull(Tensor? t) => t is null ? default : t.Handle;

    private static EmberReduction ToNative(this Reduction reduction) => reduction switch
    {
        Reduction.None => EmberReduction.None,
        Reduction.Mean => EmberReduction.Mean,
        Reduction.Sum => EmberReduction.Sum,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "unknown reduction"),
    };

    /// <summary>
    /// Batch normalisation over every dim but 1 (<c>torch.nn.functional.batch_norm</c>). In training
    /// the batch mean and biased variance normalise the input and, when given, the running statistics
    /// are updated in place with <paramref name="momentum"/> (the variance unbiased); otherwise the
    /// running statistics normalise it.
    /// </summary>
    /// <param name="input">The input (N, C, *), floating.</param>
    /// <param name="runningMean">The running mean (C), or null; required when not training.</param>
    /// <param name="runningVar">The running variance (C), or null; required when not training.</param>
    /// <param name="weight">The scale (C), or null.</param>
    /// <param name="bias">The shift (C), or null.</param>
    /// <param name="training">Whether to use (and update) batch statistics.</param>
    /// <param name="momentum">The weight of the new batch statistic in the running average.</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <returns>A new tensor of the input's shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="EmberShapeException">A parameter does not have C elements.</exception>
    /// <exception cref="EmberArgumentException">Training with one value per channel, or evaluating without running statistics.</exception>
    public static unsafe Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null,
        Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_batch_norm(input.Handle, HandleOrNull(runningMean), HandleOrNull(runningVar),
            HandleOrNull(weight), HandleOrNull(bias), training, momentum, eps, &result));
        GC.KeepAlive(input);
        GC.KeepAlive(runningMean);
        GC.KeepAlive(runningVar);
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        return Tensor.FromResult(result);
    }

    /// <summary>Layer normalisation over the last dims (<c>torch.nn.functional.layer_norm</c>).</summary>
    /// <param name="input">The input (*, normalizedShape), floating.</param>
    /// <param name="normalizedShape">The trailing dims normalised together (at least one).</param>
    /// <param name="weight">The scale (normalizedShape), or null.</param>
    /// <param name="bias">The shift (normalizedShape), or null.</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <returns>A new tensor of the input's shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="EmberShapeException">The input's trailing dims, the weight or the bias do not match <paramref name="normalizedShape"/>.</exception>
    public static unsafe Tensor LayerNorm(Tensor input, ReadOnlySpan<long> normalizedShape, Tensor? weight = null,
        Tensor? bias = null, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        EmberTensor result = default;
        fixed (long* shape = normalizedShape)
        {
            NativeStatus.Check(NativeMethods.ember_layer_norm(input.Handle, shape, (nuint)normalizedShape.Length,
                HandleOrNull(weight), HandleOrNull(bias), eps, &result));
        }

        GC.KeepAlive(input);
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        return Tensor.FromResult(result);
    }

    /// <summary>Group normalisation (<c>torch.nn.functional.group_norm</c>): each (sample, group of channels) normalised on its own.</summary>
    /// <param name="input">The input (N, C, *), floating.</param>
    /// <param name="numGroups">The number of groups; C must be divisible by it.</param>
    /// <param name="weight">The per-channel scale (C), or null.</param>
    /// <param name="bias">The per-channel shift (C), or null.</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <returns>A new tensor of the input's shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="EmberShapeException">C is not divisible by <paramref name="numGroups"/>, or a parameter does not have C elements.</exception>
    public static unsafe Tensor GroupNorm(Tensor input, long numGroups, Tensor? weight = null, Tensor? bias = null,
        double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_group_norm(input.Handle, numGroups, HandleOrNull(weight), HandleOrNull(bias),
            eps, &result));
        GC.KeepAlive(input);
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        return Tensor.FromResult(result);
    }

    /// <summary>RMS normalisation x / sqrt(mean(x²) + eps) · weight over the last dims (<c>torch.nn.functional.rms_norm</c>).</summary>
    /// <param name="input">The input (*, normalizedShape), floating.</param>
    /// <param name="normalizedShape">The trailing dims normalised together (at least one).</param>
    /// <param name="weight">The scale (normalizedShape), or null.</param>
    /// <param name="eps">Added to the mean square; null: the machine epsilon of the input's dtype, as PyTorch.</param>
    /// <returns>A new tensor of the input's shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="EmberShapeException">The input's trailing dims or the weight do not match <paramref name="normalizedShape"/>.</exception>
    public static unsafe Tensor RmsNorm(Tensor input, ReadOnlySpan<long> normalizedShape, Tensor? weight = null,
        double? eps = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        EmberTensor result = default;
        fixed (long* shape = normalizedShape)
        {
            NativeStatus.Check(NativeMethods.ember_rms_norm(input.Handle, shape, (nuint)normalizedShape.Length,
                HandleOrNull(weight), eps ?? double.NaN, &result));
        }

        GC.KeepAlive(input);
        GC.KeepAlive(weight);
        return Tensor.FromResult(result);
    }
}
