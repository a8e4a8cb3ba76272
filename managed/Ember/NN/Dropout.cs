using System;
using System.Globalization;

namespace Ember.NN;

/// <summary>
/// Dropout (<c>nn.Dropout</c>): in training, zeroes each element with probability <see cref="P"/>
/// (drawn from the default generator) and scales the rest by 1 / (1 − p); in evaluation, the identity.
/// </summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="p">The probability of zeroing an element, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1].</exception>
    public Dropout(double p = 0.5)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, $"dropout probability has to be between 0 and 1, but got {p.ToString(CultureInfo.InvariantCulture)}");
        P = p;
    }

    /// <summary>The probability of zeroing an element.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, Training);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"p={ReprFormat.Float(P)}, inplace=False";
}
