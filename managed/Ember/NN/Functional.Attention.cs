using System;
using Ember.Native;

namespace Ember.NN;

public static partial class Functional
{
    /// <summary>
    /// softmax(query · keyᵀ · scale + mask) · value (<c>torch.nn.functional.scaled_dot_product_attention</c>),
    /// with batch dims broadcast.
    /// </summary>
    /// <param name="query">The queries (..., L, E).</param>
    /// <param name="key">The keys (..., S, E).</param>
    /// <param name="value">The values (..., S, Ev).</param>
    /// <param name="attnMask">Null, a bool mask (true = attend) or a floating mask added to the scores, broadcastable to (..., L, S).</param>
    /// <param name="dropoutP">The dropout probability of the attention weights (applied whenever it is above 0, as PyTorch).</param>
    /// <param name="isCausal">Whether query i attends only to keys 0..i (no <paramref name="attnMask"/> then).</param>
    /// <param name="scale">The score scale; null: 1 / sqrt(E).</param>
    /// <param name="generator">The generator for dropout (default: <see cref="Generator.Default"/>).</param>
    /// <returns>A new tensor (..., L, Ev).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/>, <paramref name="key"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="EmberShapeException">The shapes do not fit together.</exception>
    /// <exception cref="EmberArgumentException">Both <paramref name="attnMask"/> and <paramref name="isCausal"/> are given, or <paramref name="dropoutP"/> is outside [0, 1].</exception>
    public static unsafe Tensor ScaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor? attnMask = null,
        double dropoutP = 0.0, bool isCausal = false, double? scale = null, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_scaled_dot_product_attention(query.Handle, key.Handle, value.Handle,
            HandleOrNull(attnMask), dropoutP, isCausal, scale ?? double.NaN, Generator.HandleOf(generator), &result));
        GC.KeepAlive(query);
        GC.KeepAlive(key);
        GC.KeepAlive(value);
        GC.KeepAlive(attnMask);
        GC.KeepAlive(generator);
        return Tensor.FromResult(result);
    }
}
