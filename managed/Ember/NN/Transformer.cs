using System;

namespace Ember.NN;

/// <summary>The feed-forward activation of a transformer layer (PyTorch's <c>activation="relu"|"gelu"</c>).</summary>
public enum TransformerActivation
{
    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>The exact GELU.</summary>
    Gelu,
}

/// <summary>The options shared by <see cref="TransformerEncoderLayer"/> and <see cref="TransformerDecoderLayer"/>.</summary>
/// <param name="DModel">The model size.</param>
/// <param name="NHead">The number of attention heads.</param>
/// <param name="DimFeedforward">The feed-forward hidden size.</param>
/// <param name="Dropout">The dropout probability.</param>
/// <param name="Activation">The feed-forward activation.</param>
/// <param name="LayerNormEps">The layer norms' eps.</param>
/// <param name="BatchFirst">Whether inputs are (N, L, E).</param>
/// <param name="NormFirst">Whether layer norms come before attention and feed-forward (pre-norm).</param>
/// <param name="Bias">Whether linear layers and layer norms have biases.</param>
public sealed record TransformerLayerOptions(long DModel, long NHead, long DimFeedforward = 2048, double Dropout = 0.1,
                                             TransformerActivation Activation = TransformerActivation.Relu, double LayerNormEps = 1e-5,
                                             bool BatchFirst = false, bool NormFirst = false, bool Bias = true);

/// <summary>
/// A transformer encoder layer (<c>nn.TransformerEncoderLayer</c>): self-attention and a
/// feed-forward block, each with dropout, a residual connection and a layer norm (after the
/// block, or before it with <c>NormFirst</c>). Submodules are named as PyTorch's:
/// self_attn, linear1, dropout, linear2, norm1, norm2, dropout1, dropout2.
/// </summary>
public sealed class TransformerEncoderLayer : Module<Tensor, Tensor>
{
    private readonly MultiheadAttention selfAttn;
    private readonly Linear linear1, linear2;
    private readonly Dropout dropout, dropout1, dropout2;
    private readonly LayerNorm norm1, norm2;

    /// <summary>Creates the layer with PyTorch's defaults.</summary>
    /// <param name="dModel">The model size.</param>
    /// <param name="nHead">The number of attention heads.</param>
    /// <param name="dimFeedforward">The feed-forward hidden size.</param>
    /// <param name="dropout">The dropout probability.</param>
    /// <param name="activation">The feed-forward activation.</param>
    /// <param name="layerNormEps">The layer norms' eps.</param>
    /// <param name="batchFirst">Whether inputs are (N, L, E).</param>
    /// <param name="normFirst">Whether layer norms come first (pre-norm).</param>
    /// <param name="bias">Whether linear layers and layer norms have biases.</param>
    public TransformerEncoderLayer(long dModel, long nHead, long dimFeedforward = 2048, double dropout = 0.1,
                                   TransformerActivation activation = TransformerActivation.Relu, double layerNormEps = 1e-5,
                                   bool batchFirst = false, bool normFirst = false, bool bias = true)
        : this(new TransformerLayerOptions(dModel, nHead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, bias)) { }

    /// <summary>Creates the layer from options.</summary>
    /// <param name="options">The layer's options.</param>
    public TransformerEncoderLayer(TransformerLayerOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        var o = options;
        selfAttn = RegisterModule("self_attn", new MultiheadAttention(o.DModel, o.NHead, o.Dropout, o.Bias, batchFirst: o.BatchFirst));
        linear1 = RegisterModule("linear1", new Linear(o.DModel, o.DimFeedforward, o.Bias));
        dropout = RegisterModule("dropout", new Dropout(o.Dropout));
        linear2 = RegisterModule("linear2", new Linear(o.DimFeedforward, o.DModel, o.Bias));
        norm1 = RegisterModule("norm1", new LayerNorm(o.DModel, o.LayerNormEps, bias: o.Bias));
        norm2 = RegisterModule("norm2", new LayerNorm(o.DModel, o.LayerNormEps, bias: o.Bias));
        dropout1 = RegisterModule("dropout1", new Dropout(o.Dropout));
        dropout2 = RegisterModule("dropout2", new Dropout(o.Dropout));
    }

    /// <summary>The layer's options.</summary>
    public TransformerLayerOptions Options { get; }

    /// <summary>A new layer with the same options and a copy of this one's parameters (PyTorch's deepcopy in stacks).</summary>
    /// <returns>The copy.</returns>
    public TransformerEncoderLayer Clone()
    {
        var copy = new TransformerEncoderLayer(Options);
        TransformerStacks.CopyState(this, copy);
        return copy;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor src) => Forward(src, null, null, false);

    /// <summary>Runs the layer with masks; see <see cref="MultiheadAttention.Forward"/> for their meaning.</summary>
    /// <param name="src">The input sequence.</param>
    /// <param name="srcMask">The self-attention mask, or null.</param>
    /// <param name="srcKeyPaddingMask">The key padding mask, or null.</param>
    /// <param name="isCausal">A hint that srcMask is causal.</param>
    /// <returns>The output, shaped as src.</returns>
    public Tensor Forward(Tensor src, Tensor? srcMask, Tensor? srcKeyPaddingMask = null, bool isCausal = false)
    {
        ArgumentNullException.ThrowIfNull(src);
        using var scope = DisposeScope.Begin();
        Tensor x = src;
        if (Options.NormFirst)
        {
            x = x + SelfAttention(norm1.Call(x), srcMask, srcKeyPaddingMask, isCausal);
            x = x + FeedForward(norm2.Call(x));
        }
        else
        {
            x = norm1.Call(x + SelfAttention(x, srcMask, srcKeyPaddingMask, isCausal));
            x = norm2.Call(x + FeedForward(x));
        }

        return scope.Keep(x);
    }

    private Tensor SelfAttention(Tensor x, Tensor? mask, Tensor? keyPadding, bool isCausal) =>
        dropout1.Call(selfAttn.Call(x, x, x, keyPadding, needWeights: false, attnMask: mask, isCausal: isCausal).Output);

    private Tensor FeedForward(Tensor x) =>
        dropout2.Call(linear2.Call(dropout.Call(TransformerStacks.Activate(linear1.Call(x), Options.Activation))));
}

/// <summary>
/// A transformer decoder layer (<c>nn.TransformerDecoderLayer</c>): self-attention, attention over
/// the encoder's memory and a feed-forward block, each with dropout, residual and layer norm.
/// Submodules: self_attn, multihead_attn, linear1, dropout, linear2, norm1..3, dropout1..3.
/// </summary>
public sealed class TransformerDecoderLayer : Module<Tensor, Tensor, Tensor>
{
    private readonly MultiheadAttention selfAttn, crossAttn;
    private readonly Linear linear1, linear2;
    private readonly Dropout dropout, dropout1, dropout2, dropout3;
    private readonly LayerNorm norm1, norm2, norm3;

    /// <summary>Creates the layer with PyTorch's defaults.</summary>
    /// <inheritdoc cref="TransformerEncoderLayer(long, long, long, double, TransformerActivation, double, bool, bool, bool)"/>
    public TransformerDecoderLayer(long dModel, long nHead, long dimFeedforward = 2048, double dropout = 0.1,
                                   TransformerActivation activation = TransformerActivation.Relu, double layerNormEps = 1e-5,
                                   bool batchFirst = false, bool normFirst = false, bool bias = true)
        : this(new TransformerLayerOptions(dModel, nHead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, bias)) { }

    /// <summary>Creates the layer from options.</summary>
    /// <param name="options">The layer's options.</param>
    public TransformerDecoderLayer(TransformerLayerOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        var o = options;
        selfAttn = RegisterModule("self_attn", new MultiheadAttention(o.DModel, o.NHead, o.Dropout, o.Bias, batchFirst: o.BatchFirst));
        crossAttn = RegisterModule("multihead_attn", new MultiheadAttention(o.DModel, o.NHead, o.Dropout, o.Bias, batchFirst: o.BatchFirst));
        linear1 = RegisterModule("linear1", new Linear(o.DModel, o.DimFeedforward, o.Bias));
        dropout = RegisterModule("dropout", new Dropout(o.Dropout));
        linear2 = RegisterModule("linear2", new Linear(o.DimFeedforward, o.DModel, o.Bias));
        norm1 = RegisterModule("norm1", new LayerNorm(o.DModel, o.LayerNormEps, bias: o.Bias));
        norm2 = RegisterModule("norm2", new LayerNorm(o.DModel, o.LayerNormEps, bias: o.Bias));
        norm3 = RegisterModule("norm3", new LayerNorm(o.DModel, o.LayerNormEps, bias: o.Bias));
        dropout1 = RegisterModule("dropout1", new Dropout(o.Dropout));
        dropout2 = RegisterModule("dropout2", new Dropout(o.Dropout));
        dropout3 = RegisterModule("dropout3", new Dropout(o.Dropout));
    }

    /// <summary>The layer's options.</summary>
    public TransformerLayerOptions Options { get; }

    /// <summary>A new layer with the same options and a copy of this one's parameters.</summary>
    /// <returns>The copy.</returns>
    public TransformerDecoderLayer Clone()
    {
        var copy = new TransformerDecoderLayer(Options);
        TransformerStacks.CopyState(this, copy);
        return copy;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor tgt, Tensor memory) => Forward(tgt, memory, null);

    /// <summary>Runs the layer with masks; see <see cref="MultiheadAttention.Forward"/> for their meaning.</summary>
    /// <param name="tgt">The target sequence.</param>
    /// <param name="memory">The encoder's output.</param>
    /// <param name="tgtMask">The self-attention mask, or null.</param>
    /// <param name="memoryMask">The memory attention mask, or null.</param>
    /// <param name="tgtKeyPaddingMask">The target key padding mask, or null.</param>
    /// <param name="memoryKeyPaddingMask">The memory key padding mask, or null.</param>
    /// <param name="tgtIsCausal">A hint that tgtMask is causal.</param>
    /// <param name="memoryIsCausal">A hint that memoryMask is causal.</param>
    /// <returns>The output, shaped as tgt.</returns>
    public Tensor Forward(Tensor tgt, Tensor memory, Tensor? tgtMask, Tensor? memoryMask = null, Tensor? tgtKeyPaddingMask = null,
                          Tensor? memoryKeyPaddingMask = null, bool tgtIsCausal = false, bool memoryIsCausal = false)
    {
        ArgumentNullException.ThrowIfNull(tgt);
        ArgumentNullException.ThrowIfNull(memory);
        using var scope = DisposeScope.Begin();
        Tensor x = tgt;
        if (Options.NormFirst)
        {
            x = x + SelfBlock(norm1.Call(x), tgtMask, tgtKeyPaddingMask, tgtIsCausal);
            x = x + CrossBlock(norm2.Call(x), memory, memoryMask, memoryKeyPaddingMask, memoryIsCausal);
            x = x + FeedForward(norm3.Call(x));
        }
        else
        {
            x = norm1.Call(x + SelfBlock(x, tgtMask, tgtKeyPaddingMask, tgtIsCausal));
            x = norm2.Call(x + CrossBlock(x, memory, memoryMask, memoryKeyPaddingMask, memoryIsCausal));
            x = norm3.Call(x + FeedForward(x));
        }

        return scope.Keep(x);
    }

    private Tensor SelfBlock(Tensor x, Tensor? mask, Tensor? keyPadding, bool isCausal) =>
        dropout1.Call(selfAttn.Call(x, x, x, keyPadding, needWeights: false, attnMask: mask, isCausal: isCausal).Output);

    private Tensor CrossBlock(Tensor x, Tensor memory, Tensor? mask, Tensor? keyPadding, bool isCausal) =>
        dropout2.Call(crossAttn.Call(x, memory, memory, keyPadding, needWeights: false, attnMask: mask, isCausal: isCausal).Output);

    private Tensor FeedForward(Tensor x) =>
        dropout3.Call(linear2.Call(dropout.Call(TransformerStacks.Activate(linear1.Call(x), Options.Activation))));
}

/// <summary>
/// A stack of <see cref="TransformerEncoderLayer"/>s (<c>nn.TransformerEncoder</c>), submodules
/// <c>layers.0</c>... and an optional final <c>norm</c>. As in PyTorch, every layer starts as a copy
/// of the given one (which becomes layer 0).
/// </summary>
public sealed class TransformerEncoder : Module<Tensor, Tensor>
{
    private readonly ModuleList layers;
    private readonly LayerNorm? norm;

    /// <summary>Creates the stack.</summary>
    /// <param name="encoderLayer">The first layer; the others are copies of it.</param>
    /// <param name="numLayers">The number of layers (≥ 1).</param>
    /// <param name="norm">A final layer norm, or null.</param>
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, int numLayers, LayerNorm? norm = null)
    {
        ArgumentNullException.ThrowIfNull(encoderLayer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numLayers);
        layers = RegisterModule("layers", new ModuleList(encoderLayer));
        for (int i = 1; i < numLayers; i++) layers.Add(encoderLayer.Clone());
        this.norm = norm is null ? null : RegisterModule("norm", norm);
    }

    /// <summary>The number of layers.</summary>
    public int NumLayers => layers.Count;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor src) => Forward(src, null, null, false);

    /// <summary>Runs every layer with the same masks.</summary>
    /// <param name="src">The input sequence.</param>
    /// <param name="mask">The self-attention mask, or null.</param>
    /// <param name="srcKeyPaddingMask">The key padding mask, or null.</param>
    /// <param name="isCausal">A hint that mask is causal.</param>
    /// <returns>The output, shaped as src.</returns>
    public Tensor Forward(Tensor src, Tensor? mask, Tensor? srcKeyPaddingMask = null, bool isCausal = false)
    {
        ArgumentNullException.ThrowIfNull(src);
        using var scope = DisposeScope.Begin();
        Tensor x = src;
        foreach (Module m in layers) x = ((TransformerEncoderLayer)m).Forward(x, mask, srcKeyPaddingMask, isCausal);
        if (norm is not null) x = norm.Call(x);
        return scope.Keep(x);
    }
}

/// <summary>
/// A stack of <see cref="TransformerDecoderLayer"/>s (<c>nn.TransformerDecoder</c>), submodules
/// <c>layers.0</c>... and an optional final <c>norm</c>; every layer starts as a copy of the given one.
/// </summary>
public sealed class TransformerDecoder : Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList layers;
    private readonly LayerNorm? norm;

    /// <summary>Creates the stack.</summary>
    /// <param name="decoderLayer">The first layer; the others are copies of it.</param>
    /// <param name="numLayers">The number of layers (≥ 1).</param>
    /// <param name="norm">A final layer norm, or null.</param>
    public TransformerDecoder(TransformerDecoderLayer decoderLayer, int numLayers, LayerNorm? norm = null)
    {
        ArgumentNullException.ThrowIfNull(decoderLayer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numLayers);
        layers = RegisterModule("layers", new ModuleList(decoderLayer));
        for (int i = 1; i < numLayers; i++) layers.Add(decoderLayer.Clone());
        this.norm = norm is null ? null : RegisterModule("norm", norm);
    }

    /// <summary>The number of layers.</summary>
    public int NumLayers => layers.Count;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor tgt, Tensor memory) => Forward(tgt, memory, null);

    /// <summary>Runs every layer with the same masks; see <see cref="TransformerDecoderLayer.Forward(Tensor, Tensor, Tensor?, Tensor?, Tensor?, Tensor?, bool, bool)"/>.</summary>
    /// <param name="tgt">The target sequence.</param>
    /// <param name="memory">The encoder's output.</param>
    /// <param name="tgtMask">The self-attention mask, or null.</param>
    /// <param name="memoryMask">The memory attention mask, or null.</param>
    /// <param name="tgtKeyPaddingMask">The target key padding mask, or null.</param>
    /// <param name="memoryKeyPaddingMask">The memory key padding mask, or null.</param>
    /// <param name="tgtIsCausal">A hint that tgtMask is causal.</param>
    /// <param name="memoryIsCausal">A hint that memoryMask is causal.</param>
    /// <returns>The output, shaped as tgt.</returns>
    public Tensor Forward(Tensor tgt, Tensor memory, Tensor? tgtMask, Tensor? memoryMask = null, Tensor? tgtKeyPaddingMask = null,
                          Tensor? memoryKeyPaddingMask = null, bool tgtIsCausal = false, bool memoryIsCausal = false)
    {
        ArgumentNullException.ThrowIfNull(tgt);
        using var scope = DisposeScope.Begin();
        Tensor x = tgt;
        foreach (Module m in layers)
            x = ((TransformerDecoderLayer)m).Forward(x, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask, tgtIsCausal, memoryIsCausal);
        if (norm is not null) x = norm.Call(x);
        return scope.Keep(x);
    }
}

/// <summary>Helpers of the transformer modules.</summary>
public static class TransformerStacks
{
    /// <summary>
    /// An additive causal mask (<c>nn.Transformer.generate_square_subsequent_mask</c>): (size, size)
    /// with 0 on and below the diagonal and −inf above it.
    /// </summary>
    /// <param name="size">The sequence length.</param>
    /// <param name="dtype">The mask's dtype (default float32).</param>
    /// <returns>The mask.</returns>
    public static Tensor GenerateSquareSubsequentMask(long size, DType? dtype = null)
    {
        using var full = Tensor.Full([size, size], double.NegativeInfinity, dtype);
        return full.Triu(1);
    }

    internal static Tensor Activate(Tensor x, TransformerActivation activation) =>
        activation == TransformerActivation.Gelu ? x.Gelu() : x.Relu();

    internal static void CopyState(Module from, Module to)
    {
        var state = from.StateDict();
        try
        {
            to.LoadStateDict(state);
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }
    }
}
