using System;
using System.Globalization;

namespace Ember.NN;

/// <summary>
/// A lookup table of <see cref="NumEmbeddings"/> vectors of size <see cref="EmbeddingDim"/>
/// (<c>nn.Embedding</c>): integer indices of any shape give (..., EmbeddingDim). The weight starts
/// as N(0, 1); the row at <see cref="PaddingIdx"/> starts at zero and never receives a gradient.
/// </summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numEmbeddings">The size of the table.</param>
    /// <param name="embeddingDim">The size of each vector.</param>
    /// <param name="paddingIdx">A row excluded from training (negative counts from the end), or null.</param>
    /// <param name="dtype">The weight's dtype (default float32).</param>
    /// <param name="device">The weight's device (default CPU).</param>
    /// <exception cref="ArgumentOutOfRangeException">paddingIdx is outside the table.</exception>
    public Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx = null, DType? dtype = null, Device? device = null)
        : this(numEmbeddings, embeddingDim, paddingIdx, null, dtype, device) { }

    private Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx, Tensor? weight, DType? dtype, Device? device)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numEmbeddings);
        ArgumentOutOfRangeException.ThrowIfNegative(embeddingDim);
        if (paddingIdx is long p)
        {
            if (p >= numEmbeddings || p < -numEmbeddings)
                throw new ArgumentOutOfRangeException(nameof(paddingIdx), p, "Padding_idx must be within num_embeddings");
            paddingIdx = p < 0 ? p + numEmbeddings : p;
        }

        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        PaddingIdx = paddingIdx;
        if (weight is not null)
        {
            RegisterParameter("weight", weight);
            return;
        }

        RegisterParameter("weight", Tensor.Empty([numEmbeddings, embeddingDim], dtype, device));
        ResetParameters();
    }

    /// <summary>
    /// Creates the layer over a copy of <paramref name="embeddings"/> (<c>Embedding.from_pretrained</c>);
    /// with <paramref name="freeze"/> the weight does not require grad.
    /// </summary>
    /// <param name="embeddings">The (num_embeddings, embedding_dim) table.</param>
    /// <param name="freeze">Whether the weight is excluded from training.</param>
    /// <param name="paddingIdx">A row excluded from training, or null.</param>
    /// <returns>The layer.</returns>
    public static Embedding FromPretrained(Tensor embeddings, bool freeze = true, long? paddingIdx = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Dim != 2) throw new EmberShapeException("Embeddings parameter is expected to be 2-dimensional");
        Tensor weight;
        using (Autograd.NoGrad()) weight = embeddings.Detach().Clone();
        var layer = new Embedding(embeddings.Size(0), embeddings.Size(1), paddingIdx, weight, null, null);
        layer.Weight.RequiresGrad = !freeze;
        return layer;
    }

    /// <summary>The size of the table.</summary>
    public long NumEmbeddings { get; }

    /// <summary>The size of each vector.</summary>
    public long EmbeddingDim { get; }

    /// <summary>The padding row (non-negative), or null.</summary>
    public long? PaddingIdx { get; }

    /// <summary>The table (num_embeddings, embedding_dim).</summary>
    public Tensor Weight => GetParameter("weight")!;

    /// <summary>Re-draws the weight as the constructor does.</summary>
    public void ResetParameters()
    {
        Init.Normal_(Weight);
        if (PaddingIdx is long p)
        {
            using var _ = Autograd.NoGrad();
            using var row = Weight.Select(0, p);
            row.Zero_();
        }
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Embedding(input, Weight, PaddingIdx);

    /// <inheritdoc/>
    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture,
        $"{NumEmbeddings}, {EmbeddingDim}{(PaddingIdx is long p ? $", padding_idx={p}" : "")}");
}
