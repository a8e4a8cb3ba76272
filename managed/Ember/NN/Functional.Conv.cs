using System;
using Ember.Native;

namespace Ember.NN;

/// <summary>
/// Stateless neural-network operations (<c>torch.nn.functional</c>). Size arguments (stride,
/// padding, dilation, kernel size...) take one value for every spatial dim or one per dim; null
/// gives PyTorch's default.
/// </summary>
public static partial class Functional
{
    /// <summary>1-D convolution (<c>F.conv1d</c>) of (N, C, L) or (C, L) with weight (K, C / groups, kL).</summary>
    /// <param name="input">The input.</param>
    /// <param name="weight">The filters.</param>
    /// <param name="bias">(K) or null.</param>
    /// <param name="stride">Stride (default 1).</param>
    /// <param name="padding">Zero padding: 1 value, or 2 (left, right) (default 0).</param>
    /// <param name="dilation">Dilation (default 1).</param>
    /// <param name="groups">The number of groups (C and K divisible by it).</param>
    /// <returns>(N, K, L') or (K, L').</returns>
    /// <exception cref="EmberShapeException">Ranks, channel counts or sizes do not fit.</exception>
    /// <exception cref="EmberArgumentException">A stride, padding, dilation or groups value is invalid.</exception>
    public static unsafe Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null,
                                       long[]? padding = null, long[]? dilation = null, long groups = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        EmberTensor result = default;
        fixed (long* s = stride, p = padding, d = dilation)
        {
            NativeStatus.Check(NativeMethods.ember_conv1d(input.Handle, weight.Handle, Optional(bias), s, Count(stride),
                                                          p, Count(padding), d, Count(dilation), groups, &result));
        }

        KeepAlive(input, weight, bias);
        return Tensor.FromResult(result);
    }

    /// <summary>1-D convolution with PyTorch's string padding: <c>"valid"</c> (none) or <c>"same"</c> (output length = input length; stride 1 only).</summary>
    /// <param name="input">The input.</param>
    /// <param name="weight">The filters.</param>
    /// <param name="bias">(K) or null.</param>
    /// <param name="stride">Stride (default 1; must be 1 with "same").</param>
    /// <param name="padding"><c>"valid"</c> or <c>"same"</c>.</param>
    /// <param name="dilation">Dilation (default 1).</param>
    /// <param name="groups">The number of groups.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An unknown padding string, or "same" with a stride other than 1.</exception>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias, long[]? stride, string padding,
                                long[]? dilation = null, long groups = 1)
    {
        ArgumentNullException.ThrowIfNull(weight);
        return Conv1d(input, weight, bias, stride, StringPadding(padding, weight, 1, stride, dilation), dilation, groups);
    }

    /// <summary>2-D convolution (<c>F.conv2d</c>) of (N, C, H, W) or (C, H, W) with weight (K, C / groups, kH, kW).</summary>
    /// <param name="input">The input.</param>
    /// <param name="weight">The filters.</param>
    /// <param name="bias">(K) or null.</param>
    /// <param name="stride">Stride (default 1).</param>
    /// <param name="padding">Zero padding: 1 or 2 values (symmetric), or 4 (top, left, bottom, right) (default 0).</param>
    /// <param name="dilation">Dilation (default 1).</param>
    /// <param name="groups">The number of groups (groups == C: depthwise).</param>
    /// <returns>(N, K, H', W') or (K, H', W').</returns>
    /// <exception cref="EmberShapeException">Ranks, channel counts or sizes do not fit.</exception>
    /// <exception cref="EmberArgumentException">A stride, padding, dilation or groups value is invalid.</exception>
    public static unsafe Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null,
                                       long[]? padding = null, long[]? dilation = null, long groups = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        EmberTensor result = default;
        fixed (long* s = stride, p = padding, d = dilation)
        {
            NativeStatus.Check(NativeMethods.ember_conv2d(input.Handle, weight.Handle, Optional(bias), s, Count(stride),
                                                          p, Count(padding), d, Count(dilation), groups, &result));
        }

        KeepAlive(input, weight, bias);
        return Tensor.FromResult(result);
    }

    /// <summary>
    /// 2-D convolution with PyTorch's string padding: <c>"valid"</c> (none) or <c>"same"</c>
    /// (output size = input size, stride 1 only; with an even kernel the extra row/column of
    /// padding goes at the bottom/right, as PyTorch).
    /// </summary>
    /// <param name="input">The input.</param>
    /// <param name="weight">The filters.</param>
    /// <param name="bias">(K) or null.</param>
    /// <param name="stride">Stride (default 1; must be 1 with "same").</param>
    /// <param name="padding"><c>"valid"</c> or <c>"same"</c>.</param>
    /// <param name="dilation">Dilation (default 1).</param>
    /// <param name="groups">The number of groups.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">An unknown padding string, or "same" with a stride other than 1.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, long[]? stride, string padding,
                                long[]? dilation = null, long groups = 1)
    {
        ArgumentNullException.ThrowIfNull(weight);
        return Conv2d(input, weight, bias, stride, StringPadding(padding, weight, 2, stride, dilation), dilation, groups);
    }

    /// <summary>1-D transposed convolution (<c>F.conv_transpose1d</c>) with weight (C, K / groups, kL).</summary>
    /// <param name="input">(N, C, L) or (C, L).</param>
    /// <param name="weight">The filters.</param>
    /// <param name="bias">(K) or null.</param>
    /// <param name="stride">Stride (default 1).</param>
    /// <param name="padding">Implicit padding removed from the output (default 0).</param>
    /// <param name="outputPadding">Extra size added to one side of the output (default 0; smaller than stride or dilation).</param>
    /// <param name="groups">The number of groups.</param>
    /// <param name="dilation">Dilation (default 1).</param>
    /// <returns>The output.</returns>
    /// <exception cref="EmberShapeException">Ranks, channel counts or sizes do not fit.</exception>
    /// <exception cref="EmberArgumentException">An argument value is invalid.</exception>
    public static unsafe Tensor ConvTranspose1d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null,
                                                long[]? padding = null, long[]? outputPadding = null, long groups = 1,
                                                long[]? dilation = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        EmberTensor result = default;
        fixed (long* s = stride, p = padding, o = outputPadding, d = dilation)
        {
            NativeStatus.Check(NativeMethods.ember_conv_transpose1d(input.Handle, weight.Handle, Optional(bias), s, Count(stride),
                                                                    p, Count(padding), o, Count(outputPadding), groups,
                                                                    d, Count(dilation), &result));
        }

        KeepAlive(input, weight, bias);
        return Tensor.FromResult(result);
    }

    /// <summary>2-D transposed convolution (<c>F.conv_transpose2d</c>) with weight (C, K / groups, kH, kW).</summary>
    /// <param name="input">(N, C, H, W) or (C, H, W).</param>
    /// <param name="weight">The filters.</param>
    /// <param name="bias">(K) or null.</param>
    /// <param name="stride">Stride (default 1).</param>
    /// <param name="padding">Implicit padding removed from the output (default 0).</param>
    /// <param name="outputPadding">Extra size added to one side of the output (default 0).</param>
    /// <param name="groups">The number of groups.</param>
    /// <param name="dilation">Dilation (default 1).</param>
    /// <returns>The output.</returns>
    /// <exception cref="EmberShapeException">Ranks, channel counts or sizes do not fit.</exception>
    /// <exception cref="EmberArgumentException">An argument value is invalid.</exception>
    public static unsafe Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null,
                                                long[]? padding = null, long[]? outputPadding = null, long groups = 1,
                                                long[]? dilation = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        EmberTensor result = default;
        fixed (long* s = stride, p = padding, o = outputPadding, d = dilation)
        {
            NativeStatus.Check(NativeMethods.ember_conv_transpose2d(input.Handle, weight.Handle, Optional(bias), s, Count(stride),
                                                                    p, Count(padding), o, Count(outputPadding), groups,
                                                                    d, Count(dilation), &result));
        }

        KeepAlive(input, weight, bias);
        return Tensor.FromResult(result);
    }

    /// <summary>1-D max pooling (<c>F.max_pool1d</c>) of (N, C, L) or (C, L).</summary>
    /// <param name="input">The input.</param>
    /// <param name="kernelSize">The window.</param>
    /// <param name="stride">Stride (default: the kernel size).</param>
    /// <param name="padding">-inf padding, at most half the kernel (default 0).</param>
    /// <param name="dilation">Dilation (default 1).</param>
    /// <param name="ceilMode">Round the output length up.</param>
    /// <returns>The maxima.</returns>
    public static Tensor MaxPool1d(Tensor input, long[] kernelSize, long[]? stride = null, long[]? padding = null,
                                   long[]? dilation = null, bool ceilMode = false) =>
        MaxPool(input, 1, kernelSize, stride, padding, dilation, ceilMode, withIndices: false).Output;

    /// <summary>2-D max pooling (<c>F.max_pool2d</c>) of (N, C, H, W) or (C, H, W).</summary>
    /// <param name="input">The input.</param>
    /// <param name="kernelSize">The window.</param>
    /// <param name="stride">Stride (default: the kernel size).</param>
    /// <param name="padding">-inf padding, at most half the kernel (default 0).</param>
    /// <param name="dilation">Dilation (default 1).</param>
    /// <param name="ceilMode">Round the output size up.</param>
    /// <returns>The maxima.</returns>
    public static Tensor MaxPool2d(Tensor input, long[] kernelSize, long[]? stride = null, long[]? padding = null,
                                   long[]? dilation = null, bool ceilMode = false) =>
        MaxPool(input, 2, kernelSize, stride, padding, dilation, ceilMode, withIndices: false).Output;

    /// <summary>2-D max pooling that also returns the int64 position of each maximum in its flattened H × W plane (<c>return_indices=True</c>).</summary>
    /// <param name="input">The input.</param>
    /// <param name="kernelSize">The window.</param>
    /// <param name="stride">Stride (default: the kernel size).</param>
    /// <param name="padding">-inf padding (default 0).</param>
    /// <param name="dilation">Dilation (default 1).</param>
    /// <param name="ceilMode">Round the output size up.</param>
    /// <returns>The maxima and their indices.</returns>
    public static (Tensor Output, Tensor Indices) MaxPool2dWithIndices(Tensor input, long[] kernelSize, long[]? stride = null,
                                                                        long[]? padding = null, long[]? dilation = null, bool ceilMode = false)
    {
        var (output, indices) = MaxPool(input, 2, kernelSize, stride, padding, dilation, ceilMode, withIndices: true);
        return (output, indices!);
    }

    /// <summary>1-D average pooling (<c>F.avg_pool1d</c>).</summary>
    /// <param name="input">(N, C, L) or (C, L).</param>
    /// <param name="kernelSize">The window.</param>
    /// <param name="stride">Stride (default: the kernel size).</param>
    /// <param name="padding">Zero padding (default 0).</param>
    /// <param name="ceilMode">Round the output length up.</param>
    /// <param name="countIncludePad">Count the padding in the divisor.</param>
    /// <returns>The averages.</returns>
    public static unsafe Tensor AvgPool1d(Tensor input, long[] kernelSize, long[]? stride = null, long[]? padding = null,
                                          bool ceilMode = false, bool countIncludePad = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernelSize);
        EmberTensor result = default;
        fixed (long* k = kernelSize, s = stride, p = padding)
        {
            NativeStatus.Check(NativeMethods.ember_avg_pool1d(input.Handle, k, Count(kernelSize), s, Count(stride), p, Count(padding),
                                                              ceilMode, countIncludePad, &result));
        }

        GC.KeepAlive(input);
        return Tensor.FromResult(result);
    }

    /// <summary>2-D average pooling (<c>F.avg_pool2d</c>).</summary>
    /// <param name="input">(N, C, H, W) or (C, H, W).</param>
    /// <param name="kernelSize">The window.</param>
    /// <param name="stride">Stride (default: the kernel size).</param>
    /// <param name="padding">Zero padding (default 0).</param>
    /// <param name="ceilMode">Round the output size up.</param>
    /// <param name="countIncludePad">Count the padding in the divisor.</param>
    /// <param name="divisorOverride">Replaces the divisor (null: none).</param>
    /// <returns>The averages.</returns>
    public static unsafe Tensor AvgPool2d(Tensor input, long[] kernelSize, long[]? stride = null, long[]? padding = null,
                                          bool ceilMode = false, bool countIncludePad = true, long? divisorOverride = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernelSize);
        EmberTensor result = default;
        long divisor = divisorOverride ?? 0;
        fixed (long* k = kernelSize, s = stride, p = padding)
        {
            NativeStatus.Check(NativeMethods.ember_avg_pool2d(input.Handle, k, Count(kernelSize), s, Count(stride), p, Count(padding),
                                                              ceilMode, countIncludePad, divisorOverride is null ? null : &divisor, &result));
        }

        GC.KeepAlive(input);
        return Tensor.FromResult(result);
    }

    /// <summary>Adaptive average pooling (<c>F.adaptive_avg_pool2d</c>) to <paramref name="outputSize"/> (1 value: square; or height, width).</summary>
    /// <param name="input">(N, C, H, W) or (C, H, W).</param>
    /// <param name="outputSize">The output size.</param>
    /// <returns>The averages.</returns>
    public static unsafe Tensor AdaptiveAvgPool2d(Tensor input, params long[] outputSize)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputSize);
        EmberTensor result = default;
        fixed (long* o = outputSize)
        {
            NativeStatus.Check(NativeMethods.ember_adaptive_avg_pool2d(input.Handle, o, Count(outputSize), &result));
        }

        GC.KeepAlive(input);
        return Tensor.FromResult(result);
    }

    /// <summary>Adaptive max pooling (<c>F.adaptive_max_pool2d</c>).</summary>
    /// <param name="input">(N, C, H, W) or (C, H, W).</param>
    /// <param name="outputSize">The output size (1 or 2 values).</param>
    /// <returns>The maxima.</returns>
    public static unsafe Tensor AdaptiveMaxPool2d(Tensor input, params long[] outputSize)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputSize);
        EmberTensor result = default;
        fixed (long* o = outputSize)
        {
            NativeStatus.Check(NativeMethods.ember_adaptive_max_pool2d(input.Handle, o, Count(outputSize), &result, null));
        }

        GC.KeepAlive(input);
        return Tensor.FromResult(result);
    }

    private static unsafe (Tensor Output, Tensor? Indices) MaxPool(Tensor input, int dims, long[] kernelSize, long[]? stride,
                                                                  long[]? padding, long[]? dilation, bool ceilMode, bool withIndices)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernelSize);
        EmberTensor result = default;
        EmberTensor indices = default;
        fixed (long* k = kernelSize, s = stride, p = padding, d = dilation)
        {
            EmberStatus status = dims == 1
                ? NativeMethods.ember_max_pool1d(input.Handle, k, Count(kernelSize), s, Count(stride), p, Count(padding), d, Count(dilation),
                                                 ceilMode, &result, withIndices ? &indices : null)
                : NativeMethods.ember_max_pool2d(input.Handle, k, Count(kernelSize), s, Count(stride), p, Count(padding), d, Count(dilation),
                                                 ceilMode, &result, withIndices ? &indices : null);
            NativeStatus.Check(status);
        }

        GC.KeepAlive(input);
        Tensor output = Tensor.FromResult(result);
        return (output, withIndices ? Tensor.FromResult(indices) : null);
    }

    /// <summary>
    /// Numeric padding for "valid" (zeros) and "same": total = dilation × (k − 1) per dim, the
    /// smaller half first (PyTorch puts the odd extra at the end). Returned as 2 (1-D: left,
    /// right) or 4 (2-D: top, left, bottom, right) values for the native ops.
    /// </summary>
    private static long[] StringPadding(string padding, Tensor weight, int dims, long[]? stride, long[]? dilation)
    {
        ArgumentNullException.ThrowIfNull(padding);
        if (padding == "valid")
        {
            return [0];
        }

        if (padding != "same")
        {
            throw new ArgumentException($"Invalid padding string '{padding}', should be one of ['valid', 'same']", nameof(padding));
        }

        if (stride is not null)
        {
            foreach (long s in stride)
            {
                if (s != 1)
                {
                    throw new ArgumentException("padding='same' is not supported for strided convolutions", nameof(padding));
                }
            }
        }

        if (weight.Dim != dims + 2)
        {
            throw new EmberShapeException($"Expected {dims + 2}-dimensional weight for {dims}-D convolution, but got {weight.Dim}-dimensional weight of size {weight.Shape}");
        }

        var result = new long[2 * dims];
        for (int i = 0; i < dims; i++)
        {
            long d = dilation is null || dilation.Length == 0 ? 1 : dilation[dilation.Length == 1 ? 0 : i];
            long total = d * (weight.Size(2 + i) - 1);
            result[i] = total / 2;
            result[dims + i] = total - total / 2;
        }

        return result;
    }

    private static nuint Count(long[]? values) => values is null ? 0 : (nuint)values.Length;

    private static EmberTensor Optional(Tensor? tensor) => tensor is null ? default : tensor.Handle;

    private static void KeepAlive(Tensor a, Tensor b, Tensor? c)
    {
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(c);
    }
}
