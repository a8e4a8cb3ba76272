using System;
using System.Collections.Generic;

namespace Ember;

/// <summary>What a successful <see cref="GradCheck"/> compared.</summary>
/// <param name="Order">1 for first derivatives, 2 for second derivatives.</param>
/// <param name="EntriesChecked">How many Jacobian entries were compared.</param>
/// <param name="MaxAbsoluteError">The largest |analytical - numerical| among them.</param>
public sealed record GradCheckResult(int Order, long EntriesChecked, double MaxAbsoluteError);

/// <summary>
/// Checks derivatives against finite differences, as PyTorch's <c>torch.autograd.gradcheck</c> and
/// <c>gradgradcheck</c>: the Jacobian of a function computed by backward passes must match central
/// differences (f(x + eps) - f(x - eps)) / (2 eps), entry by entry, within
/// <c>atol + rtol * |numerical|</c>.
/// </summary>
/// <remarks>
/// <para>
/// The function runs on float64 copies of the inputs (floating inputs are converted; others are
/// passed as they are), which require grad where the originals do; only those are differentiated.
/// The copies are contiguous: to check another layout, make it inside the function
/// (<c>xs => xs[0].T.Exp()</c>). Every entry of every Jacobian is compared, so keep the tensors small:
/// the cost is one backward pass per output element and two evaluations per input element.
/// Outputs that are not floating, or do not require grad, count as constant.
/// </para>
/// <para>Everything the check creates is disposed before it returns; the inputs are not modified.</para>
/// </remarks>
public static class GradCheck
{
    /// <summary>Checks the first derivatives of a function with one output.</summary>
    /// <param name="f">The function; it must be deterministic and use only its arguments.</param>
    /// <param name="inputs">The point to check at; those that require grad are differentiated.</param>
    /// <param name="eps">The finite-difference step.</param>
    /// <param name="atol">The absolute tolerance.</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <returns>What was compared.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="inputs"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">No input requires grad, or a tolerance is negative or eps not positive.</exception>
    /// <exception cref="GradCheckException">An analytical derivative differs from its numerical estimate.</exception>
    public static GradCheckResult Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Check(xs => new[] { f(xs) }, inputs, eps, atol, rtol);
    }

    /// <summary>Checks the first derivatives of a function with several outputs (see <see cref="Check(Func{Tensor[], Tensor}, Tensor[], double, double, double)"/>).</summary>
    /// <param name="f">The function; it must be deterministic and use only its arguments.</param>
    /// <param name="inputs">The point to check at; those that require grad are differentiated.</param>
    /// <param name="eps">The finite-difference step.</param>
    /// <param name="atol">The absolute tolerance.</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <returns>What was compared.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="inputs"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">No input requires grad, or a tolerance is negative or eps not positive.</exception>
    /// <exception cref="GradCheckException">An analytical derivative differs from its numerical estimate.</exception>
    public static GradCheckResult Check(Func<Tensor[], Tensor[]> f, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckArguments(inputs, eps, atol, rtol);
        using DisposeScope scope = DisposeScope.Begin();
        Point point = Point.Of(inputs);
        return Compare(f, point, eps, atol, rtol, order: 1);
    }

    /// <summary>
    /// Checks the second derivatives of a function with one output (<c>gradgradcheck</c>): the
    /// first derivatives, computed by a backward pass that records its own graph, are checked as
    /// a function of the inputs and of the output's gradient.
    /// </summary>
    /// <param name="f">The function; it must be deterministic and use only its arguments.</param>
    /// <param name="inputs">The point to check at; those that require grad are differentiated.</param>
    /// <param name="gradOutputs">The gradient of the output to use (one tensor), or null for random normal values.</param>
    /// <param name="eps">The finite-difference step.</param>
    /// <param name="atol">The absolute tolerance.</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <param name="generator">The random source of the default gradient (a fixed seed when null, so runs repeat).</param>
    /// <returns>What was compared.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="inputs"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">No input requires grad, a tolerance is negative, eps is not positive, or <paramref name="gradOutputs"/> does not have one tensor.</exception>
    /// <exception cref="GradCheckException">A second derivative differs from its numerical estimate (<see cref="GradCheckException.Order"/> is 2).</exception>
    public static GradCheckResult CheckSecondOrder(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor[]? gradOutputs = null,
        double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return CheckSecondOrder(xs => new[] { f(xs) }, inputs, gradOutputs, eps, atol, rtol, generator);
    }

    /// <summary>Checks the second derivatives of a function with several outputs (see <see cref="CheckSecondOrder(Func{Tensor[], Tensor}, Tensor[], Tensor[], double, double, double, Generator)"/>).</summary>
    /// <param name="f">The function; it must be deterministic and use only its arguments.</param>
    /// <param name="inputs">The point to check at; those that require grad are differentiated.</param>
    /// <param name="gradOutputs">One gradient per output, or null for random normal values.</param>
    /// <param name="eps">The finite-difference step.</param>
    /// <param name="atol">The absolute tolerance.</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <param name="generator">The random source of the default gradients (a fixed seed when null).</param>
    /// <returns>What was compared.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/>, <paramref name="inputs"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">No input requires grad, a tolerance is negative, eps is not positive, or <paramref name="gradOutputs"/> has the wrong length.</exception>
    /// <exception cref="GradCheckException">A second derivative differs from its numerical estimate.</exception>
    public static GradCheckResult CheckSecondOrder(Func<Tensor[], Tensor[]> f, Tensor[] inputs, Tensor[]? gradOutputs = null,
        double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckArguments(inputs, eps, atol, rtol);
        using DisposeScope scope = DisposeScope.Begin();
        Point point = Point.Of(inputs);

        // The gradients of the outputs become extra inputs of the checked function.
        Tensor[] outputs = f(point.Tensors);
        int nout = outputs.Length;
        Tensor[] grads = new Tensor[nout];
        if (gradOutputs is not null && gradOutputs.Length != nout)
        {
            throw new ArgumentException($"Got {gradOutputs.Length} gradient outputs for {nout} outputs.", nameof(gradOutputs));
        }

        using (Generator? own = generator is null ? new Generator(20250101) : null)
        {
            for (int i = 0; i < nout; i++)
            {
                Tensor? given = gradOutputs?[i];
                grads[i] = given is not null
                    ? Point.Copy(given, requiresGrad: true)
                    : Tensor.Randn(outputs[i].Shape, DType.Float64, outputs[i].Device, generator ?? own).RequiresGrad_();
            }
        }

        int n = point.Tensors.Length;
        var all = new Tensor[n + nout];
        Array.Copy(point.Tensors, all, n);
        Array.Copy(grads, 0, all, n, nout);
        int[] differentiable = point.Differentiable;

        Tensor[] FirstDerivatives(Tensor[] args)
        {
            Tensor[] x = args[..n];
            Tensor[] ys = f(x);
            var used = new List<Tensor>();
            var usedGrads = new List<Tensor?>();
            for (int i = 0; i < ys.Length; i++)
            {
                if (ys[i].RequiresGrad)
                {
                    used.Add(ys[i]);
                    usedGrads.Add(args[n + i]);
                }
            }

            var wrt = new Tensor[differentiable.Length];
            for (int i = 0; i < wrt.Length; i++)
            {
                wrt[i] = x[differentiable[i]];
            }

            if (used.Count == 0)
            {
                return Array.ConvertAll(wrt, t => Tensor.ZerosLike(t));
            }

            Tensor?[] g = Autograd.Grad(used, wrt, usedGrads, createGraph: true, allowUnused: true);
            for (int i = 0; i < g.Length; i++)
            {
                g[i] ??= Tensor.ZerosLike(wrt[i]);
            }

            return g!;
        }

        return Compare(FirstDerivatives, Point.Of(all, copy: false), eps, atol, rtol, order: 2);
    }

    private static void CheckArguments(Tensor[] inputs, double eps, double atol, double rtol)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentNullException(nameof(inputs), $"inputs[{i}] is null.");
            }
        }

        if (!(eps > 0))
        {
            throw new ArgumentException("eps must be positive.", nameof(eps));
        }

        if (!(atol >= 0) || !(rtol >= 0))
        {
            throw new ArgumentException("The tolerances must not be negative.", atol >= 0 ? nameof(rtol) : nameof(atol));
        }
    }

    /// <summary>Compares the analytical and numerical Jacobians of f at the point, entry by entry.</summary>
    private static GradCheckResult Compare(Func<Tensor[], Tensor[]> f, Point point, double eps, double atol, double rtol, int order)
    {
        int[] diff = point.Differentiable;
        Tensor[] outputs = f(point.Tensors) ?? throw new InvalidOperationException("The checked function returned null.");
        int nout = outputs.Length;
        var outputNumel = new long[nout];
        var checkedOutput = new bool[nout];
        for (int o = 0; o < nout; o++)
        {
            Tensor y = outputs[o] ?? throw new InvalidOperationException($"The checked function returned a null tensor at index {o}.");
            outputNumel[o] = y.NumberOfElements;
            checkedOutput[o] = y.DType.IsFloatingPoint();
        }

        // analytical[o][d] is the (output elements x input elements) Jacobian block, row-major.
        var analytical = new double[nout][][];
        for (int o = 0; o < nout; o++)
        {
            analytical[o] = new double[diff.Length][];
            for (int d = 0; d < diff.Length; d++)
            {
                analytical[o][d] = new double[checked(outputNumel[o] * point.Numel(diff[d]))];
            }

            if (!checkedOutput[o] || !outputs[o].RequiresGrad)
            {
                continue;  // constant: its Jacobian is zero
            }

            var wrt = new Tensor[diff.Length];
            for (int d = 0; d < diff.Length; d++)
            {
                wrt[d] = point.Tensors[diff[d]];
            }

            var onehot = new double[outputNumel[o]];
            for (long k = 0; k < outputNumel[o]; k++)
            {
                using DisposeScope row = DisposeScope.Begin();
                onehot[k] = 1;
                Tensor seed = Point.Values(onehot, outputs[o].Shape.ToArray(), outputs[o].Device).To(outputs[o].DType);
                onehot[k] = 0;
                Tensor?[] grads = Autograd.Grad(new[] { outputs[o] }, wrt, new Tensor?[] { seed }, retainGraph: true, allowUnused: true);
                for (int d = 0; d < diff.Length; d++)
                {
                    if (grads[d] is { } g)
                    {
                        double[] values = g.Detach().To(DType.Float64).ToArray<double>();
                        long numel = point.Numel(diff[d]);
                        Array.Copy(values, 0, analytical[o][d], k * numel, numel);
                    }
                }
            }
        }

        // Numerical: perturb one input element at a time.
        long entries = 0;
        double maxError = 0;
        for (int d = 0; d < diff.Length; d++)
        {
            int input = diff[d];
            long numel = point.Numel(input);
            for (long j = 0; j < numel; j++)
            {
                double[][] plus = point.Evaluate(f, input, j, +eps, checkedOutput);
                double[][] minus = point.Evaluate(f, input, j, -eps, checkedOutput);
                for (int o = 0; o < nout; o++)
                {
                    if (!checkedOutput[o])
                    {
                        continue;
                    }

                    for (long k = 0; k < outputNumel[o]; k++)
                    {
                        double numerical = (plus[o][k] - minus[o][k]) / (2 * eps);
                        double a = analytical[o][d][k * numel + j];
                        double error = Math.Abs(a - numerical);
                        if (!(error <= atol + rtol * Math.Abs(numerical)) && !(double.IsNaN(a) && double.IsNaN(numerical)))
                        {
                            throw new GradCheckException(order, o, k, input, j, a, numerical, atol, rtol);
                        }

                        maxError = Math.Max(maxError, double.IsNaN(error) ? 0 : error);
                        entries++;
                    }
                }
            }
        }

        return new GradCheckResult(order, entries, maxError);
    }

    /// <summary>The inputs of a check: float64 copies (for floating inputs), with their values on the host.</summary>
    private sealed class Point
    {
        private readonly double[]?[] values;

        private Point(Tensor[] tensors, double[]?[] values, int[] differentiable)
        {
            Tensors = tensors;
            this.values = values;
            Differentiable = differentiable;
        }

        public Tensor[] Tensors { get; }

        /// <summary>The indices of the inputs that require grad.</summary>
        public int[] Differentiable { get; }

        public static Point Of(Tensor[] inputs, bool copy = true)
        {
            var tensors = new Tensor[inputs.Length];
            var values = new double[]?[inputs.Length];
            var diff = new List<int>();
            for (int i = 0; i < inputs.Length; i++)
            {
                Tensor x = inputs[i];
                bool requiresGrad = x.RequiresGrad;
                if (x.DType.IsFloatingPoint())
                {
                    tensors[i] = copy ? Copy(x, requiresGrad) : x;
                    values[i] = HostValues(tensors[i]);
                }
                else
                {
                    tensors[i] = x;
                }

                if (requiresGrad)
                {
                    diff.Add(i);
                }
            }

            if (diff.Count == 0)
            {
                throw new ArgumentException("GradCheck needs at least one input that requires grad.", nameof(inputs));
            }

            return new Point(tensors, values, diff.ToArray());
        }

        /// <summary>A float64 contiguous copy of x, cut from x's graph.</summary>
        public static Tensor Copy(Tensor x, bool requiresGrad)
        {
            Tensor copy = Values(HostValues(x), x.Shape.ToArray(), x.Device);
            return requiresGrad ? copy.RequiresGrad_() : copy;
        }

        /// <summary>A float64 tensor of the given values and shape on a device.</summary>
        public static Tensor Values(double[] values, long[] shape, Device device)
        {
            Tensor host = shape.Length == 0
                ? Tensor.Scalar(values[0], DType.Float64)
                : Tensor.From(values, shape);
            return device.IsCpu ? host : host.To(device);
        }

        public long Numel(int input) => Tensors[input].NumberOfElements;

        /// <summary>The outputs of f (host float64 values) with element j of one input moved by delta.</summary>
        public double[][] Evaluate(Func<Tensor[], Tensor[]> f, int input, long j, double delta, bool[] checkedOutput)
        {
            using DisposeScope scope = DisposeScope.Begin();
            double[] moved = (double[])values[input]!.Clone();
            moved[j] += delta;
            Tensor original = Tensors[input];
            var args = (Tensor[])Tensors.Clone();
            args[input] = Values(moved, original.Shape.ToArray(), original.Device);
            if (original.RequiresGrad)
            {
                args[input].RequiresGrad_();
            }

            Tensor[] ys = f(args);
            var result = new double[ys.Length][];
            for (int o = 0; o < ys.Length; o++)
            {
                result[o] = o < checkedOutput.Length && checkedOutput[o] ? HostValues(ys[o]) : Array.Empty<double>();
            }

            return result;
        }

        private static double[] HostValues(Tensor t)
        {
            using Tensor detached = t.Detach();
            using Tensor converted = detached.To(DType.Float64);
            return converted.ToArray<double>();
        }
    }
}
