using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Ember;

/// <summary>
/// Python's <c>'{:.Nf}'</c> and <c>'{:.Ne}'</c> formatting of doubles, which PyTorch's printer uses:
/// the exact binary value rounded half to even, <c>nan</c>/<c>inf</c>, a sign for negative zero,
/// and an exponent of at least two digits. Done with big integers so every double is exact.
/// </summary>
internal static class PythonNumberFormat
{
    /// <summary><c>'{:.{precision}f}'.format(value)</c>.</summary>
    public static string Fixed(double value, int precision)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        (BigInteger mantissa, int exponent) = Decompose(value);
        BigInteger scaled = RoundedScale(mantissa, exponent, precision);
        string digits = scaled.ToString(CultureInfo.InvariantCulture);
        if (digits.Length <= precision)
        {
            digits = new string('0', precision + 1 - digits.Length) + digits;
        }

        var text = new StringBuilder(digits.Length + 2);
        if (double.IsNegative(value))
        {
            text.Append('-');
        }

        text.Append(digits, 0, digits.Length - precision);
        if (precision > 0)
        {
            text.Append('.').Append(digits, digits.Length - precision, precision);
        }

        return text.ToString();
    }

    /// <summary><c>'{:.{precision}e}'.format(value)</c>.</summary>
    public static string Exponential(double value, int precision)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        string sign = double.IsNegative(value) ? "-" : string.Empty;
        int exponent10 = 0;
        string digits;
        if (value == 0)
        {
            digits = new string('0', precision + 1);
        }
        else
        {
            (BigInteger mantissa, int exponent2) = Decompose(value);
            exponent10 = (int)Math.Floor(Math.Log10(Math.Abs(value)));
            BigInteger low = BigInteger.Pow(10, precision), high = low * 10;
            BigInteger scaled = RoundedScale(mantissa, exponent2, precision - exponent10);

            // log10 can be off by one near powers of ten, and rounding can carry into a new digit.
            while (scaled >= high)
            {
                exponent10++;
                scaled = RoundedScale(mantissa, exponent2, precision - exponent10);
            }

            while (scaled < low)
            {
                exponent10--;
                scaled = RoundedScale(mantissa, exponent2, precision - exponent10);
            }

            digits = scaled.ToString(CultureInfo.InvariantCulture);
        }

        var text = new StringBuilder(precision + 8);
        text.Append(sign).Append(digits[0]);
        if (precision > 0)
        {
            text.Append('.').Append(digits, 1, precision);
        }

        text.Append('e').Append(exponent10 < 0 ? '-' : '+');
        int magnitude = Math.Abs(exponent10);
        if (magnitude < 10)
        {
            text.Append('0');
        }

        return text.Append(magnitude.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static string NonFinite(double value) => double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    /// <summary>|value| = mantissa * 2^exponent exactly.</summary>
    private static (BigInteger Mantissa, int Exponent) Decompose(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        return biased == 0
            ? (fraction, -1074)
            : (fraction | (1L << 52), biased - 1075);
    }

    /// <summary>round_half_even(mantissa * 2^exponent2 * 10^exponent10).</summary>
    private static BigInteger RoundedScale(BigInteger mantissa, int exponent2, int exponent10)
    {
        BigInteger numerator = mantissa, denominator = BigInteger.One;
        if (exponent10 >= 0)
        {
            numerator *= BigInteger.Pow(10, exponent10);
        }
        else
        {
            denominator *= BigInteger.Pow(10, -exponent10);
        }

        if (exponent2 >= 0)
        {
            numerator <<= exponent2;
        }
        else
        {
            denominator <<= -exponent2;
        }

        BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        int half = (remainder * 2).CompareTo(denominator);
        if (half > 0 || (half == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }

        return quotient;
    }
}
