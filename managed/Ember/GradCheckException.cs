using System;

namespace Ember;

/// <summary>
/// Thrown by <see cref="GradCheck"/> when an analytical derivative (from the backward pass)
/// differs from its finite-difference estimate: names the output and input elements and both values.
/// </summary>
public sealed class GradCheckException : Exception
{
    /// <summary>Creates the exception for one mismatching Jacobian entry.</summary>
    /// <param name="order">1 for <see cref="GradCheck.Check(Func{Tensor[], Tensor}, Tensor[], double, double, double)"/>, 2 for second derivatives.</param>
    /// <param name="outputIndex">Which output of the function.</param>
    /// <param name="outputElement">The output's element (row-major flat index).</param>
    /// <param name="inputIndex">Which input of the function.</param>
    /// <param name="inputElement">The input's element (row-major flat index).</param>
    /// <param name="analytical">d(output element)/d(input element) from the backward pass.</param>
    /// <param name="numerical">The same derivative by central finite differences.</param>
    /// <param name="absoluteTolerance">The absolute tolerance of the check.</param>
    /// <param name="relativeTolerance">The relative tolerance of the check.</param>
    public GradCheckException(int order, int outputIndex, long outputElement, int inputIndex, long inputElement,
        double analytical, double numerical, double absoluteTolerance, double relativeTolerance)
        : base(FormatMessage(order, outputIndex, outputElement, inputIndex, inputElement, analytical, numerical, absoluteTolerance, relativeTolerance))
    {
        Order = order;
        OutputIndex = outputIndex;
        OutputElement = outputElement;
        InputIndex = inputIndex;
        InputElement = inputElement;
        Analytical = analytical;
        Numerical = numerical;
    }

    /// <summary>1 when first derivatives differ; 2 when second derivatives (<see cref="GradCheck.CheckSecondOrder(Func{Tensor[], Tensor}, Tensor[], Tensor[], double, double, double, Generator)"/>) differ.</summary>
    public int Order { get; }

    /// <summary>Which output of the checked function (for second order: which input's gradient).</summary>
    public int OutputIndex { get; }

    /// <summary>The output element, as a row-major flat index.</summary>
    public long OutputElement { get; }

    /// <summary>Which input of the checked function (for second order, the gradient outputs follow the inputs).</summary>
    public int InputIndex { get; }

    /// <summary>The input element, as a row-major flat index.</summary>
    public long InputElement { get; }

    /// <summary>The derivative computed by the backward pass.</summary>
    public double Analytical { get; }

    /// <summary>The derivative estimated by central finite differences.</summary>
    public double Numerical { get; }

    private static string FormatMessage(int order, int outputIndex, long outputElement, int inputIndex, long inputElement,
        double analytical, double numerical, double atol, double rtol) =>
        FormattableString.Invariant(
            $"{(order == 1 ? "Jacobian" : "Second-order Jacobian")} mismatch for output {outputIndex} with respect to input {inputIndex}: ") +
        FormattableString.Invariant(
            $"d(output[{outputElement}])/d(input[{inputElement}]) is {analytical:R} analytically but {numerical:R} numerically ") +
        FormattableString.Invariant($"(difference {Math.Abs(analytical - numerical):R}, allowed {atol:R} + {rtol:R} * |numerical|).");
}
