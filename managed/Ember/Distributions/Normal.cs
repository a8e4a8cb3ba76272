using System;

namespace Ember.Distributions;

/// <summary>
/// The normal (Gaussian) distribution with mean <see cref="Loc"/> and standard deviation
/// <see cref="Scale"/> (<c>torch.distributions.Normal</c>); the parameters broadcast together and
/// their broadcast shape is the batch shape.
/// </summary>
public sealed class Normal : Distribution
{
    private static readonly double LogSqrtTwoPi = Math.Log(Math.Sqrt(2 * Math.PI));

    /// <summary>Creates the distribution from tensors (gradients flow to both through <see cref="RSample"/>, <see cref="LogProb"/>, <see cref="Entropy"/>).</summary>
    /// <param name="loc">The means (floating).</param>
    /// <param name="scale">The standard deviations (floating, positive).</param>
    /// <param name="validateArgs">Whether to check the parameters and the values given to <see cref="LogProb"/>.</param>
    /// <exception cref="ArgumentNullException">A parameter is null.</exception>
    /// <exception cref="ArgumentException">A parameter is not floating, the shapes do not broadcast, or (validated) <paramref name="loc"/> holds NaN or <paramref name="scale"/> is not positive.</exception>
    public Normal(Tensor loc, Tensor scale, bool validateArgs = true)
        : this(Broadcast(loc, scale), validateArgs)
    {
    }

    /// <summary>Creates a scalar distribution (float32 parameters, as PyTorch makes of Python numbers).</summary>
    /// <param name="loc">The mean.</param>
    /// <param name="scale">The standard deviation (positive).</param>
    /// <param name="validateArgs">Whether to check the parameters and values.</param>
    /// <exception cref="ArgumentException">(Validated) <paramref name="loc"/> is NaN or <paramref name="scale"/> is not positive.</exception>
    public Normal(double loc, double scale, bool validateArgs = true)
        : this(Scalars(loc, scale), validateArgs)
    {
    }

    private Normal((Tensor Loc, Tensor Scale) p, bool validateArgs)
        : base(p.Loc.Shape, new TensorShape(ReadOnlySpan<long>.Empty), validateArgs)
    {
        Loc = p.Loc;
        Scale = p.Scale;
        if (validateArgs)
        {
            using var scope = DisposeScope.Begin();
            bool locOk = !Loc.IsNan().Any().Item<bool>();
            bool scaleOk = Scale.Gt(0.0).All().Item<bool>();
            if (!locOk || !scaleOk)
            {
                Loc.Dispose();
                Scale.Dispose();
            }

            if (!locOk)
            {
                throw new ArgumentException("Expected parameter loc to satisfy the constraint Real(): found NaN.", "loc");
            }

            if (!scaleOk)
            {
                throw new ArgumentException("Expected parameter scale to satisfy the constraint GreaterThan(lower_bound=0.0): found a value that is not positive.", "scale");
            }
        }
    }

    /// <summary>The means, broadcast to the batch shape (owned by the distribution).</summary>
    public Tensor Loc { get; }

    /// <summary>The standard deviations, broadcast to the batch shape (owned by the distribution).</summary>
    public Tensor Scale { get; }

    /// <summary>The mean: <see cref="Loc"/> itself (owned by the distribution).</summary>
    public Tensor Mean => Loc;

    /// <summary>The standard deviation: <see cref="Scale"/> itself (owned by the distribution).</summary>
    public Tensor Stddev => Scale;

    /// <summary>The variance <c>scale²</c>, a new tensor the caller owns.</summary>
    public Tensor Variance => Scale.Square();

    /// <summary>Draws values of shape <c>sampleShape + BatchShape</c> without recording gradients (<c>sample</c>).</summary>
    /// <param name="sampleShape">The sample shape.</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The values.</returns>
    public override Tensor Sample(ReadOnlySpan<long> sampleShape = default, Generator? generator = null)
    {
        using var noGrad = Autograd.NoGrad();
        return RSample(sampleShape, generator);
    }

    /// <summary>
    /// Draws reparameterized values <c>loc + eps * scale</c> with <c>eps ~ N(0, 1)</c> (<c>rsample</c>):
    /// differentiable with respect to <see cref="Loc"/> and <see cref="Scale"/>.
    /// </summary>
    /// <param name="sampleShape">The sample shape.</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>The values, of shape <c>sampleShape + BatchShape</c>.</returns>
    public Tensor RSample(ReadOnlySpan<long> sampleShape = default, Generator? generator = null)
    {
        long[] shape = ExtendedShape(sampleShape);
        using var scope = DisposeScope.Begin();
        Tensor eps = Tensor.Randn(shape, Loc.DType, Loc.Device, generator);
        Tensor result = Loc + eps * Scale;
        return scope.Keep(result);
    }

    /// <summary>The log density <c>-(x - loc)² / (2 scale²) - log(scale) - log(sqrt(2π))</c>.</summary>
    /// <param name="value">Values broadcastable with the batch shape.</param>
    /// <returns>The log densities.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape does not broadcast, or (validated) a value is NaN.</exception>
    public override Tensor LogProb(Tensor value)
    {
        CheckValue(value);
        using var scope = DisposeScope.Begin();
        Tensor result = (value - Loc).Square().Neg() / (2.0 * Scale.Square()) - Scale.Log() - LogSqrtTwoPi;
        return scope.Keep(result);
    }

    /// <summary>The cumulative distribution function <c>0.5 (1 + erf((x - loc) / (scale sqrt 2)))</c>.</summary>
    /// <param name="value">Values broadcastable with the batch shape.</param>
    /// <returns>The probabilities.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape does not broadcast, or (validated) a value is NaN.</exception>
    public Tensor Cdf(Tensor value)
    {
        CheckValue(value);
        using var scope = DisposeScope.Begin();
        Tensor result = 0.5 * (1.0 + ((value - Loc) * Scale.Reciprocal() / Math.Sqrt(2)).Erf());
        return scope.Keep(result);
    }

    /// <summary>The entropy <c>0.5 + 0.5 log(2π) + log(scale)</c>.</summary>
    /// <returns>A tensor of the batch shape.</returns>
    public override Tensor Entropy()
    {
        using var scope = DisposeScope.Begin();
        Tensor result = Scale.Log() + (0.5 + 0.5 * Math.Log(2 * Math.PI));
        return scope.Keep(result);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Loc.Dispose();
            Scale.Dispose();
        }
    }

    private void CheckValue(Tensor value)
    {
        CheckValueShape(value);
        if (ValidateArgs)
        {
            using var scope = DisposeScope.Begin();
            if (value.IsNan().Any().Item<bool>())
            {
                throw new ArgumentException("Expected value argument to be within the support (Real()) of the distribution: found NaN.", nameof(value));
            }
        }
    }

    private static (Tensor, Tensor) Broadcast(Tensor loc, Tensor scale)
    {
        ArgumentNullException.ThrowIfNull(loc);
        ArgumentNullException.ThrowIfNull(scale);
        if (!loc.DType.IsFloatingPoint() || !scale.DType.IsFloatingPoint())
        {
            throw new ArgumentException($"loc and scale must be floating tensors; got {loc.DType} and {scale.DType}.");
        }

        long[] shape = Multinomial.BroadcastShapes(loc.Shape, scale.Shape, "Normal: loc and scale");
        return (loc.Expand(shape), scale.Expand(shape));
    }

    private static (Tensor, Tensor) Scalars(double loc, double scale) =>
        (Tensor.Scalar(loc, DType.Float32), Tensor.Scalar(scale, DType.Float32));
}
