using System;

namespace Ember;

/// <summary>
/// A <see cref="Function"/> of one tensor with one result: implement the single-tensor
/// <see cref="Forward(FunctionContext, Tensor)"/> and <see cref="Backward(FunctionContext, Tensor)"/>,
/// call <see cref="Apply(Tensor)"/>.
/// </summary>
/// <example>
/// <code>
/// sealed class Cube : UnaryFunction
/// {
///     protected override Tensor Forward(FunctionContext ctx, Tensor x)
///     {
///         ctx.SaveForBackward(x);
///         return x * x * x;
///     }
///
///     protected override Tensor? Backward(FunctionContext ctx, Tensor grad)
///     {
///         Tensor x = ctx.SavedTensors[0];
///         return grad * 3 * x * x;
///     }
/// }
///
/// Tensor y = new Cube().Apply(x);
/// </code>
/// </example>
public abstract class UnaryFunction : Function
{
    /// <summary>Applies the function to one tensor (see <see cref="Function.Apply"/>).</summary>
    /// <param name="input">The argument.</param>
    /// <returns>The result, connected to the graph when grad mode is on and <paramref name="input"/> requires grad.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Forward returned null.</exception>
    public Tensor Apply(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Apply(new[] { input })[0];
    }

    /// <summary>Computes the result (grad mode is off). Save what backward needs with <see cref="FunctionContext.SaveForBackward"/>.</summary>
    /// <param name="ctx">This application's context.</param>
    /// <param name="input">The argument.</param>
    /// <returns>The result.</returns>
    protected abstract Tensor Forward(FunctionContext ctx, Tensor input);

    /// <summary>Computes d(loss)/d(input) from d(loss)/d(result).</summary>
    /// <param name="ctx">The context the forward filled.</param>
    /// <param name="gradOutput">The gradient of the result (zeros when it received none).</param>
    /// <returns>The gradient of the input (its shape, or broadcastable to it), or null for none.</returns>
    protected abstract Tensor? Backward(FunctionContext ctx, Tensor gradOutput);

    /// <inheritdoc/>
    protected sealed override Tensor[] Forward(FunctionContext ctx, Tensor[] inputs)
    {
        if (inputs.Length != 1)
        {
            throw new ArgumentException($"{GetType().Name} takes one tensor; Apply was given {inputs.Length}.", nameof(inputs));
        }

        Tensor output = Forward(ctx, inputs[0]) ?? throw new InvalidOperationException($"{GetType().Name}.Forward returned null.");
        return new[] { output };
    }

    /// <inheritdoc/>
    protected sealed override Tensor?[] Backward(FunctionContext ctx, Tensor?[] gradOutputs)
    {
        Tensor? grad = gradOutputs[0];
        return new[] { grad is null ? null : Backward(ctx, grad) };
    }
}
