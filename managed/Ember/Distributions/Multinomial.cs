using System;

namespace Ember.Distributions;

/// <summary>
/// Draws category indices from rows of non-negative weights with tensor ops only (Ember has no
/// native multinomial): inverse-CDF sampling through a merge sort, and the exponential race for
/// sampling without replacement.
/// </summary>
internal static class Multinomial
{
    /// <summary>
    /// <paramref name="count"/> draws with replacement from each row of <paramref name="weights"/>
    /// ([rows, k], not all zero per row): an int64 tensor [rows, count].
    /// </summary>
    /// <remarks>
    /// Category i is chosen when c[i-1] &lt;= u &lt; c[i], with c the cumulative weights and u uniform
    /// on [0, c[k-1]), i.e. i = the number of c values &lt;= u. That count is found for all u at once by
    /// stably sorting c and u together (c first, so ties count c as &lt;= u) and counting, at each u,
    /// the c values before it. Categories of weight 0 are never chosen.
    /// </remarks>
    public static Tensor WithReplacement(Tensor weights, long count, Generator? generator)
    {
        using var scope = DisposeScope.Begin();
        using var noGrad = Autograd.NoGrad();
        long rows = weights.Size(0), k = weights.Size(1);
        Tensor c = weights.To(DType.Float64).CumSum(-1);
        Tensor total = c.Narrow(-1, k - 1, 1);
        Tensor u = Tensor.Rand(new[] { rows, count }, DType.Float64, null, generator) * total;
        Tensor order = Tensor.Cat(new[] { c, u }, -1).ArgSort(-1);
        Tensor isU = order.Ge(k);
        Tensor before = isU.LogicalNot().To(DType.Int64).CumSum(-1);
        Tensor target = Tensor.Where(isU, order - k, Tensor.Scalar(count, DType.Int64));
        Tensor result = Tensor.Zeros(new[] { rows, count + 1 }, DType.Int64)
            .Scatter_(-1, target, before)
            .Narrow(-1, 0, count)
            .Clamp(0L, k - 1);
        return scope.Keep(result);
    }

    /// <summary>
    /// <paramref name="count"/> distinct draws from each row of <paramref name="weights"/> ([rows, k],
    /// at least <paramref name="count"/> positive weights per row), in the order drawn: the indices of
    /// the <paramref name="count"/> smallest keys E / w with E ~ Exp(1) (Efraimidis–Spirakis).
    /// </summary>
    public static Tensor WithoutReplacement(Tensor weights, long count, Generator? generator)
    {
        using var scope = DisposeScope.Begin();
        using var noGrad = Autograd.NoGrad();
        Tensor w = weights.To(DType.Float64);
        Tensor u = Tensor.Rand(w.Shape.ToArray(), DType.Float64, null, generator);
        Tensor exp = (1.0 - u).Log().Neg();
        Tensor keys = Tensor.Where(w.Gt(0.0), exp / w, Tensor.Scalar(double.PositiveInfinity, DType.Float64));
        Tensor result = keys.TopK(count, -1, largest: false, sorted: true).Indices;
        return scope.Keep(result);
    }

    /// <summary>The machine epsilon of a floating dtype (<c>torch.finfo(dtype).eps</c>).</summary>
    public static double Eps(DType dtype) => dtype switch
    {
        DType.Float64 => 2.220446049250313e-16,
        DType.Float16 => 0.0009765625,
        DType.BFloat16 => 0.0078125,
        _ => 1.1920928955078125e-07,
    };

    /// <summary>The most negative finite value of a floating dtype (<c>torch.finfo(dtype).min</c>).</summary>
    public static double MinReal(DType dtype) => dtype switch
    {
        DType.Float64 => double.MinValue,
        DType.Float16 => -65504.0,
        DType.BFloat16 => -3.3895313892515355e38,
        _ => float.MinValue,
    };

    /// <summary>Broadcasts two shapes (PyTorch's rule), or throws naming them.</summary>
    public static long[] BroadcastShapes(ReadOnlySpan<long> a, ReadOnlySpan<long> b, string what)
    {
        int n = Math.Max(a.Length, b.Length);
        var result = new long[n];
        for (int i = 0; i < n; i++)
        {
            long x = i < n - a.Length ? 1 : a[i - (n - a.Length)];
            long y = i < n - b.Length ? 1 : b[i - (n - b.Length)];
            if (x != y && x != 1 && y != 1)
            {
                throw new ArgumentException($"{what}: shapes [{string.Join(", ", a.ToArray())}] and [{string.Join(", ", b.ToArray())}] do not broadcast.");
            }

            result[i] = x == 1 ? y : x;
        }

        return result;
    }
}
