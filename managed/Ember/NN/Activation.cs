using System;
using System.Globalization;

namespace Ember.NN;

/// <summary>max(0, x) (<c>nn.ReLU</c>).</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    public ReLU()
    {
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => NotNull(input).Relu();

    internal static Tensor NotNull(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input;
    }
}

/// <summary>max(0, x) + negative_slope × min(0, x) (<c>nn.LeakyReLU</c>).</summary>
public sealed class LeakyReLU : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    /// <param name="negativeSlope">The slope for negative inputs.</param>
    public LeakyReLU(double negativeSlope = 0.01) => NegativeSlope = negativeSlope;

    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => ReLU.NotNull(input).LeakyRelu(NegativeSlope);

    /// <inheritdoc/>
    protected override string ExtraRepr() => "negative_slope=" + PythonNumber(NegativeSlope);

    internal static string PythonNumber(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e16
            ? value.ToString("0.0", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>The Gaussian error linear unit (<c>nn.GELU</c>), exact or with the tanh approximation.</summary>
public sealed class GELU : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    /// <param name="approximate">None (x Φ(x)) or Tanh.</param>
    public GELU(GeluApproximation approximate = GeluApproximation.None) => Approximate = approximate;

    /// <summary>The approximation.</summary>
    public GeluApproximation Approximate { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => ReLU.NotNull(input).Gelu(Approximate);

    /// <inheritdoc/>
    protected override string ExtraRepr() => Approximate == GeluApproximation.Tanh ? "approximate='tanh'" : "approximate='none'";
}

/// <summary>x σ(x) (<c>nn.SiLU</c>).</summary>
public sealed class SiLU : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    public SiLU()
    {
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => ReLU.NotNull(input).Silu();
}

/// <summary>tanh(x) (<c>nn.Tanh</c>).</summary>
public sealed class Tanh : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    public Tanh()
    {
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => ReLU.NotNull(input).Tanh();
}

/// <summary>σ(x) = 1 / (1 + e^−x) (<c>nn.Sigmoid</c>).</summary>
public sealed class Sigmoid : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    public Sigmoid()
    {
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => ReLU.NotNull(input).Sigmoid();
}

/// <summary>Softmax along a dim (<c>nn.Softmax(dim)</c>).</summary>
public sealed class Softmax : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    /// <param name="dim">The dim whose slices sum to 1.</param>
    public Softmax(int dim) => Dim = dim;

    /// <summary>The dim.</summary>
    public int Dim { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => ReLU.NotNull(input).Softmax(Dim);

    /// <inheritdoc/>
    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture, $"dim={Dim}");
}

/// <summary>Log-softmax along a dim (<c>nn.LogSoftmax(dim)</c>).</summary>
public sealed class LogSoftmax : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    /// <param name="dim">The dim.</param>
    public LogSoftmax(int dim) => Dim = dim;

    /// <summary>The dim.</summary>
    public int Dim { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => ReLU.NotNull(input).LogSoftmax(Dim);

    /// <inheritdoc/>
    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture, $"dim={Dim}");
}
