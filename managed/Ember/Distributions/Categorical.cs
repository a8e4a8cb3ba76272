using System;

namespace Ember.Distributions;

/// <summary>
/// A categorical distribution over {0, ..., K-1} (<c>torch.distributions.Categorical</c>), given by
/// probabilities or logits along the last dim; the other dims are the batch.
/// </summary>
/// <remarks>
/// As in PyTorch: probabilities are normalized to sum to 1 (<c>probs / probs.sum(-1)</c>), logits
/// are normalized with logsumexp (<c>logits - logits.logsumexp(-1)</c>), logits derived from
/// probabilities are <c>log(clamp(probs, eps, 1 - eps))</c>. Everything is differentiable with
/// respect to the parameter given.
/// </remarks>
public sealed class Categorical : Distribution
{
    private Categorical(Tensor probs, Tensor logits, bool validateArgs)
        : base(new TensorShape(probs.Shape.ToArray().AsSpan(0, probs.Dim - 1)), new TensorShape(ReadOnlySpan<long>.Empty), validateArgs)
    {
        Probs = probs;
        Logits = logits;
        NumEvents = probs.Size(-1);
    }

    /// <summary>The normalized probabilities, shape <c>BatchShape + [K]</c> (owned by the distribution).</summary>
    public Tensor Probs { get; }

    /// <summary>The normalized logits (log probabilities), shape <c>BatchShape + [K]</c> (owned by the distribution).</summary>
    public Tensor Logits { get; }

    /// <summary>K, the number of categories (PyTorch's <c>_num_events</c>).</summary>
    public long NumEvents { get; }

    /// <summary>A categorical distribution from probabilities (<c>Categorical(probs=...)</c>).</summary>
    /// <param name="probs">Non-negative finite weights, at least 1-D, last dim the categories; normalized to sum to 1.</param>
    /// <param name="validateArgs">Whether to check the parameter and the values given to <see cref="LogProb"/>.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="probs"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="probs"/> is 0-dim or not floating, or (validated) has a negative or non-finite entry or a row summing to 0.</exception>
    public static Categorical FromProbs(Tensor probs, bool validateArgs = true)
    {
        CheckParameter(probs, nameof(probs));
        if (validateArgs)
        {
            using var scope = DisposeScope.Begin();
            bool ok = (probs.Ge(0.0) & probs.IsFinite()).All().Item<bool>() && probs.Sum(-1).Gt(0.0).All().Item<bool>();
            if (!ok)
            {
                throw new ArgumentException("Expected parameter probs to satisfy the constraint Simplex(): entries must be non-negative and finite, and each row must have a positive sum.", nameof(probs));
            }
        }

        using var build = DisposeScope.Begin();
        Tensor normalized = probs / probs.Sum(-1, keepDim: true);
        double eps = Multinomial.Eps(probs.DType);
        Tensor logits = normalized.Clamp(eps, 1 - eps).Log();
        build.Keep(normalized);
        build.Keep(logits);
        return new Categorical(normalized, logits, validateArgs);
    }

    /// <summary>A categorical distribution from unnormalized log probabilities (<c>Categorical(logits=...)</c>).</summary>
    /// <param name="logits">Logits, at least 1-D, last dim the categories (-inf allowed: probability 0).</param>
    /// <param name="validateArgs">Whether to check the parameter and the values given to <see cref="LogProb"/>.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="logits"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="logits"/> is 0-dim or not floating, or (validated) holds NaN.</exception>
    public static Categorical FromLogits(Tensor logits, bool validateArgs = true)
    {
        CheckParameter(logits, nameof(logits));
        if (validateArgs)
        {
            using var scope = DisposeScope.Begin();
            if (logits.IsNan().Any().Item<bool>())
            {
                throw new ArgumentException("Expected parameter logits to satisfy the constraint IndependentConstraint(Real(), 1): found NaN.", nameof(logits));
            }
        }

        using var build = DisposeScope.Begin();
        Tensor normalized = logits - logits.LogSumExp(-1, keepDim: true);
        Tensor probs = normalized.Softmax(-1);
        build.Keep(normalized);
        build.Keep(probs);
        return new Categorical(probs, normalized, validateArgs);
    }

    /// <summary>Draws int64 category indices of shape <c>sampleShape + BatchShape</c>.</summary>
    /// <param name="sampleShape">The sample shape.</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The indices.</returns>
    /// <exception cref="ArgumentException">A sample size is negative.</exception>
    public override Tensor Sample(ReadOnlySpan<long> sampleShape = default, Generator? generator = null)
    {
        long[] shape = ExtendedShape(sampleShape);
        long draws = 1;
        foreach (long s in sampleShape)
        {
            draws *= s;
        }

        using var scope = DisposeScope.Begin();
        Tensor rows = Probs.Reshape(-1, NumEvents);
        Tensor drawn = Multinomial.WithReplacement(rows, draws, generator);
        Tensor result = drawn.T.Reshape(shape);
        return scope.Keep(result);
    }

    /// <summary>The log probability of each category index in <paramref name="value"/> (<c>log_prob</c>).</summary>
    /// <param name="value">Category indices (any numeric dtype, integral values), broadcastable with <see cref="Distribution.BatchShape"/>.</param>
    /// <returns>The log probabilities, of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape does not broadcast, or (validated) a value is not an integer in [0, K).</exception>
    public override Tensor LogProb(Tensor value)
    {
        CheckValueShape(value);
        using var scope = DisposeScope.Begin();
        if (ValidateArgs)
        {
            Tensor ok = value.Ge(0L) & value.Le(NumEvents - 1) & value.Remainder(1L).Eq(0L);
            if (!ok.All().Item<bool>())
            {
                throw new ArgumentException($"The value argument must be within the support IntegerInterval(lower_bound=0, upper_bound={NumEvents - 1}).", nameof(value));
            }
        }

        Tensor v = value.To(DType.Int64).Unsqueeze(-1);
        long[] shape = Multinomial.BroadcastShapes(v.Shape, Logits.Shape, "Categorical.LogProb");
        long[] indexShape = (long[])shape.Clone();
        indexShape[^1] = 1;
        Tensor result = Logits.Expand(shape).Gather(-1, v.Expand(indexShape)).Squeeze(-1);
        return scope.Keep(result);
    }

    /// <summary>The entropy <c>-sum(p log p)</c> of each distribution (logits clamped at the dtype's most negative finite value, so p = 0 adds 0).</summary>
    /// <returns>A tensor of shape <see cref="Distribution.BatchShape"/>.</returns>
    public override Tensor Entropy()
    {
        using var scope = DisposeScope.Begin();
        Tensor logits = Logits.ClampMin(Multinomial.MinReal(Logits.DType));
        Tensor result = (logits * Probs).Sum(-1).Neg();
        return scope.Keep(result);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Probs.Dispose();
            Logits.Dispose();
        }
    }

    private static void CheckParameter(Tensor parameter, string name)
    {
        ArgumentNullException.ThrowIfNull(parameter, name);
        if (parameter.Dim < 1)
        {
            throw new ArgumentException($"{name} parameter must be at least one-dimensional.", name);
        }

        if (!parameter.DType.IsFloatingPoint())
        {
            throw new ArgumentException($"{name} must be a floating tensor; got {parameter.DType}.", name);
        }
    }
}
