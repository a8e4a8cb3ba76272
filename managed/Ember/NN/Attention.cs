using System;

namespace Ember.NN;

/// <summary>
/// Multi-head attention (<c>nn.MultiheadAttention</c>): queries (L, N, E), keys (S, N, kdim) and
/// values (S, N, vdim) — (N, L, E)... with <c>batchFirst</c>, or unbatched (L, E) — are projected,
/// split into <see cref="NumHeads"/> heads, attended with scaled dot products and projected back.
/// Parameters as PyTorch's: <c>in_proj_weight</c> (3E, E) and <c>in_proj_bias</c> when the key and
/// value sizes equal E, otherwise <c>q_proj_weight</c>, <c>k_proj_weight</c>, <c>v_proj_weight</c>;
/// and <c>out_proj</c> (a <see cref="Linear"/>). Masks follow PyTorch: a boolean
/// <c>attnMask</c> (L, S) or (N·H, L, S) is true where attention is NOT allowed, a floating one is
/// added to the scores; a boolean <c>keyPaddingMask</c> (N, S) is true at keys to ignore.
/// </summary>
public sealed class MultiheadAttention : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="embedDim">The model size E.</param>
    /// <param name="numHeads">The number of heads; must divide E.</param>
    /// <param name="dropout">The dropout probability on attention weights (training only).</param>
    /// <param name="bias">Whether the projections have biases.</param>
    /// <param name="kdim">The key size (default E).</param>
    /// <param name="vdim">The value size (default E).</param>
    /// <param name="batchFirst">Whether inputs are (N, L, E) rather than (L, N, E).</param>
    /// <param name="dtype">The parameters' dtype (default float32).</param>
    /// <param name="device">The parameters' device (default CPU).</param>
    /// <exception cref="ArgumentException">E is not divisible by numHeads.</exception>
    public MultiheadAttention(long embedDim, long numHeads, double dropout = 0.0, bool bias = true, long? kdim = null, long? vdim = null,
                              bool batchFirst = false, DType? dtype = null, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embedDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numHeads);
        if (embedDim % numHeads != 0) throw new ArgumentException("embed_dim must be divisible by num_heads", nameof(numHeads));
        if (!(dropout >= 0 && dropout <= 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "dropout probability has to be between 0 and 1");
        EmbedDim = embedDim;
        NumHeads = numHeads;
        HeadDim = embedDim / numHeads;
        DropoutP = dropout;
        KDim = kdim ?? embedDim;
        VDim = vdim ?? embedDim;
        BatchFirst = batchFirst;
        SameEmbedDim = KDim == embedDim && VDim == embedDim;
        if (SameEmbedDim)
        {
            RegisterParameter("in_proj_weight", Tensor.Empty([3 * embedDim, embedDim], dtype, device));
        }
        else
        {
            RegisterParameter("q_proj_weight", Tensor.Empty([embedDim, embedDim], dtype, device));
            RegisterParameter("k_proj_weight", Tensor.Empty([embedDim, KDim], dtype, device));
            RegisterParameter("v_proj_weight", Tensor.Empty([embedDim, VDim], dtype, device));
        }

        RegisterParameter("in_proj_bias", bias ? Tensor.Empty([3 * embedDim], dtype, device) : null);
        OutProj = RegisterModule("out_proj", new Linear(embedDim, embedDim, bias, dtype, device));
        ResetParameters();
    }

    /// <summary>The model size E.</summary>
    public long EmbedDim { get; }

    /// <summary>The number of heads.</summary>
    public long NumHeads { get; }

    /// <summary>E / NumHeads.</summary>
    public long HeadDim { get; }

    /// <summary>The dropout probability on attention weights.</summary>
    public double DropoutP { get; }

    /// <summary>The key size.</summary>
    public long KDim { get; }

    /// <summary>The value size.</summary>
    public long VDim { get; }

    /// <summary>Whether inputs are batch-first.</summary>
    public bool BatchFirst { get; }

    /// <summary>Whether one packed input projection is used (key and value sizes equal E).</summary>
    public bool SameEmbedDim { get; }

    /// <summary>The output projection.</summary>
    public Linear OutProj { get; }

    /// <summary>The packed input projection (3E, E), or null when the key or value size differs.</summary>
    public Tensor? InProjWeight => GetParameter("in_proj_weight");

    /// <summary>The packed input bias (3E), or null.</summary>
    public Tensor? InProjBias => GetParameter("in_proj_bias");

    /// <summary>Re-draws the parameters as PyTorch's <c>_reset_parameters</c>: Xavier-uniform projections, zero biases.</summary>
    public void ResetParameters()
    {
        if (SameEmbedDim)
        {
            Init.XavierUniform_(InProjWeight!);
        }
        else
        {
            Init.XavierUniform_(GetParameter("q_proj_weight")!);
            Init.XavierUniform_(GetParameter("k_proj_weight")!);
            Init.XavierUniform_(GetParameter("v_proj_weight")!);
        }

        if (InProjBias is Tensor b)
        {
            Init.Zeros_(b);
            Init.Zeros_(OutProj.Bias!);
        }
    }

    /// <summary>Runs the layer (<c>module(query, key, value, ...)</c>); see <see cref="Forward"/>.</summary>
    /// <inheritdoc cref="Forward"/>
    public (Tensor Output, Tensor? Weights) Call(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask = null, bool needWeights = true,
                                                 Tensor? attnMask = null, bool averageAttnWeights = true, bool isCausal = false)
    {
        EnterCall();
        try
        {
            return Forward(query, key, value, keyPaddingMask, needWeights, attnMask, averageAttnWeights, isCausal);
        }
        finally
        {
            ExitCall();
        }
    }

    /// <summary>The computation. Call <see cref="Call"/> instead, so that checks run.</summary>
    /// <param name="query">(L, N, E), (N, L, E) with batchFirst, or (L, E).</param>
    /// <param name="key">(S, N, kdim), (N, S, kdim) or (S, kdim).</param>
    /// <param name="value">(S, N, vdim), (N, S, vdim) or (S, vdim).</param>
    /// <param name="keyPaddingMask">(N, S) or (S): true (bool) or −inf-like additions (float) at keys to ignore; or null.</param>
    /// <param name="needWeights">Whether the attention weights are returned too.</param>
    /// <param name="attnMask">(L, S) or (N·H, L, S): true (bool) where attention is not allowed, or added to the scores (float); or null.</param>
    /// <param name="averageAttnWeights">Whether the returned weights are averaged over heads.</param>
    /// <param name="isCausal">A hint that <paramref name="attnMask"/> is the causal mask; it must then be given, as in PyTorch.</param>
    /// <returns>The output shaped as the query, and the weights ((N, L, S), or (N, H, L, S) unaveraged; null without needWeights).</returns>
    public (Tensor Output, Tensor? Weights) Forward(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask = null, bool needWeights = true,
                                                    Tensor? attnMask = null, bool averageAttnWeights = true, bool isCausal = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (isCausal && attnMask is null)
            throw new ArgumentException("Need attn_mask if specifying the is_causal hint.", nameof(attnMask));
        bool batched = query.Dim == 3;
        if (!batched && query.Dim != 2)
            throw new EmberShapeException($"query should be unbatched 2D or batched 3D tensor but received {query.Dim}-D query tensor");
        if (key.Dim != query.Dim || value.Dim != query.Dim)
            throw new EmberShapeException($"For {(batched ? "batched (3-D)" : "unbatched (2-D)")} `query`, expected `key` and `value` to be {query.Dim}-D but found {key.Dim}-D and {value.Dim}-D tensors respectively");

        using var scope = DisposeScope.Begin();
        Tensor q = query, k = key, v = value;
        if (!batched)
        {
            q = q.Unsqueeze(1); k = k.Unsqueeze(1); v = v.Unsqueeze(1);
            if (keyPaddingMask is not null) keyPaddingMask = keyPaddingMask.Unsqueeze(0);
        }
        else if (BatchFirst)
        {
            q = q.Transpose(0, 1); k = k.Transpose(0, 1); v = v.Transpose(0, 1);
        }

        long tgtLen = q.Size(0), batch = q.Size(1), srcLen = k.Size(0);
        if (q.Size(2) != EmbedDim)
            throw new EmberShapeException($"was expecting embedding dimension of {EmbedDim}, but got {q.Size(2)}");
        if (k.Size(0) != v.Size(0) || k.Size(1) != batch || v.Size(1) != batch)
            throw new EmberShapeException($"key shape [{string.Join(", ", k.Shape)}] does not match value shape [{string.Join(", ", v.Shape)}] or the query's batch size {batch}");

        // Projections, then (N, H, len, head_dim).
        Tensor? bq = null, bk = null, bv = null;
        if (InProjBias is Tensor b)
        {
            var parts = b.Chunk(3);
            (bq, bk, bv) = (parts[0], parts[1], parts[2]);
        }

        Tensor wq, wk, wv;
        if (SameEmbedDim)
        {
            var parts = InProjWeight!.Chunk(3);
            (wq, wk, wv) = (parts[0], parts[1], parts[2]);
        }
        else
        {
            (wq, wk, wv) = (GetParameter("q_proj_weight")!, GetParameter("k_proj_weight")!, GetParameter("v_proj_weight")!);
        }

        Tensor qh = Heads(Functional.Linear(q, wq, bq), tgtLen, batch);
        Tensor kh = Heads(Functional.Linear(k, wk, bk), srcLen, batch);
        Tensor vh = Heads(Functional.Linear(v, wv, bv), srcLen, batch);

        Tensor? mask = MergeMasks(attnMask, keyPaddingMask, tgtLen, srcLen, batch, qh.DType);
        double dropout = Training ? DropoutP : 0.0;
        Tensor attended;
        Tensor? weights = null;
        if (needWeights)
        {
            Tensor scores = (qh * (1.0 / Math.Sqrt(HeadDim))).MatMul(kh.Transpose(-2, -1));
            if (mask is not null) scores = scores + mask;
            weights = scores.Softmax(-1);
            Tensor used = dropout > 0 ? Functional.Dropout(weights, dropout, true) : weights;
            attended = used.MatMul(vh);
            if (averageAttnWeights) weights = weights.Mean(1);
            if (!batched) weights = weights.Squeeze(0);
        }
        else
        {
            attended = Functional.ScaledDotProductAttention(qh, kh, vh, mask, dropout);
        }

        // (N, H, L, head_dim) -> (L, N, E) -> output projection.
        Tensor output = OutProj.Call(attended.Permute(2, 0, 1, 3).Reshape(tgtLen, batch, EmbedDim));
        if (!batched) output = output.Squeeze(1);
        else if (BatchFirst) output = output.Transpose(0, 1);
        scope.Keep(output);
        if (weights is not null) scope.Keep(weights);
        return (output, weights);
    }

    private Tensor Heads(Tensor x, long length, long batch) =>
        x.Reshape(length, batch * NumHeads, HeadDim).Transpose(0, 1).Reshape(batch, NumHeads, length, HeadDim);

    // One additive float mask (broadcastable to (N, H, L, S)) from PyTorch's two mask arguments.
    private Tensor? MergeMasks(Tensor? attnMask, Tensor? keyPaddingMask, long tgtLen, long srcLen, long batch, DType dtype)
    {
        Tensor? merged = null;
        if (attnMask is not null)
        {
            Tensor m = Additive(attnMask, dtype);
            if (m.Dim == 2)
            {
                if (m.Size(0) != tgtLen || m.Size(1) != srcLen)
                    throw new EmberShapeException($"The shape of the 2D attn_mask is [{string.Join(", ", m.Shape)}], but should be ({tgtLen}, {srcLen}).");
                merged = m.View(1, 1, tgtLen, srcLen);
            }
            else if (m.Dim == 3)
            {
                if (m.Size(0) != batch * NumHeads || m.Size(1) != tgtLen || m.Size(2) != srcLen)
                    throw new EmberShapeException($"The shape of the 3D attn_mask is [{string.Join(", ", m.Shape)}], but should be ({batch * NumHeads}, {tgtLen}, {srcLen}).");
                merged = m.View(batch, NumHeads, tgtLen, srcLen);
            }
            else
            {
                throw new EmberShapeException($"attn_mask's dimension {m.Dim} is not supported");
            }
        }

        if (keyPaddingMask is not null)
        {
            if (keyPaddingMask.Dim != 2 || keyPaddingMask.Size(0) != batch || keyPaddingMask.Size(1) != srcLen)
                throw new EmberShapeException($"expecting key_padding_mask shape of ({batch}, {srcLen}), but got [{string.Join(", ", keyPaddingMask.Shape)}]");
            Tensor p = Additive(keyPaddingMask, dtype).View(batch, 1, 1, srcLen);
            merged = merged is null ? p : merged + p;
        }

        return merged;
    }

    private static Tensor Additive(Tensor mask, DType dtype)
    {
        if (mask.DType == DType.Bool)
        {
            using var zeros = Tensor.Zeros(mask.Shape, dtype, mask.Device);
            return zeros.MaskedFill(mask, double.NegativeInfinity);
        }

        if (!mask.DType.IsFloatingPoint())
            throw new EmberDTypeException($"only bool and floating types of masks are supported, got {mask.DType}");
        return mask.DType == dtype ? mask : mask.To(dtype);
    }
}
