using System;
using System.Globalization;

namespace Ember.NN;

/// <summary>Formats numbers in modules' <c>ExtraRepr</c> the way Python's <c>repr</c> does.</summary>
internal static class ReprFormat
{
    /// <summary>
    /// Python's float repr: the shortest round-tripping digits, ".0" on integral values, and an
    /// exponent of at least two digits ("1e-05") where .NET writes one ("1E-05").
    /// </summary>
    public static string Float(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        string r = v.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOf('E');
        if (e < 0) return r.Contains('.') ? r : r + ".0";
        int exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{r[..e]}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}");
    }
}
