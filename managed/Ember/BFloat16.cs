using System;
using System.Globalization;

namespace Ember;

/// <summary>
/// The 16-bit brain float of <see cref="DType.BFloat16"/> tensors: the upper half of an IEEE
/// float32 (8 exponent bits, 7 mantissa bits). .NET has no such type; this one exists so that
/// bfloat16 data can be read and written with <see cref="Tensor.From{TElement}(ReadOnlySpan{TElement}, long[])"/>,
/// <see cref="Tensor.ToArray{TElement}"/> and <see cref="Tensor.AsSpan{TElement}"/>.
/// </summary>
public readonly struct BFloat16 : IEquatable<BFloat16>
{
    private BFloat16(ushort bits) => Bits = bits;

    /// <summary>The raw 16 bits.</summary>
    public ushort Bits { get; }

    /// <summary>Reinterprets 16 bits as a bfloat16.</summary>
    /// <param name="bits">The raw bits.</param>
    /// <returns>The value with those bits.</returns>
    public static BFloat16 FromBits(ushort bits) => new(bits);

    /// <summary>Rounds a float to the nearest bfloat16 (ties to even), as PyTorch does; NaN stays NaN.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The nearest bfloat16.</returns>
    public static explicit operator BFloat16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return new BFloat16((ushort)((bits >> 16) | 0x40));
        }

        uint roundingBias = 0x7FFF + ((bits >> 16) & 1);
        return new BFloat16((ushort)((bits + roundingBias) >> 16));
    }

    /// <summary>Rounds a double to bfloat16 (through float).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The nearest bfloat16 of the value rounded to float.</returns>
    public static explicit operator BFloat16(double value) => (BFloat16)(float)value;

    /// <summary>The exact float value.</summary>
    /// <param name="value">The bfloat16.</param>
    /// <returns>The same number as a float.</returns>
    public static implicit operator float(BFloat16 value) => BitConverter.UInt32BitsToSingle((uint)value.Bits << 16);

    /// <summary>The exact double value.</summary>
    /// <param name="value">The bfloat16.</param>
    /// <returns>The same number as a double.</returns>
    public static implicit operator double(BFloat16 value) => (float)value;

    /// <summary>Whether both have the same bits.</summary>
    /// <param name="other">Another value.</param>
    /// <returns>True when the bits are equal.</returns>
    public bool Equals(BFloat16 other) => Bits == other.Bits;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BFloat16 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Bits;

    /// <summary>The value, formatted as a float.</summary>
    /// <returns>The number as text.</returns>
    public override string ToString() => ((float)this).ToString(CultureInfo.InvariantCulture);
}
