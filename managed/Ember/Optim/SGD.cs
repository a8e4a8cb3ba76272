using System.Collections.Generic;

namespace Ember.Optim;

/// <summary>
/// Stochastic gradient descent with momentum, dampening, Nesterov momentum and weight decay
/// (<c>torch.optim.SGD</c>). State: <c>momentum_buffer</c> per parameter when momentum is non-zero.
/// </summary>
/// <example><code>
/// using var opt = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9, nesterov: true);
/// </code></example>
public sealed class SGD : Optimizer<SGDOptions>
{
    private static readonly string[] Names = ["momentum_buffer"];

    /// <summary>SGD over <paramref name="parameters"/> with the given options (PyTorch's argument names, in .NET casing).</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">The learning rate.</param>
    /// <param name="momentum">The momentum factor.</param>
    /// <param name="dampening">Dampening of the momentum.</param>
    /// <param name="weightDecay">The L2 penalty.</param>
    /// <param name="nesterov">Nesterov momentum.</param>
    /// <param name="maximize">Maximize instead of minimize.</param>
    public SGD(IEnumerable<Tensor> parameters, double lr = 1e-3, double momentum = 0, double dampening = 0,
               double weightDecay = 0, bool nesterov = false, bool maximize = false)
        : this(parameters, new SGDOptions
        {
            LearningRate = lr, Momentum = momentum, Dampening = dampening, WeightDecay = weightDecay,
            Nesterov = nesterov, Maximize = maximize,
        })
    {
    }

    /// <summary>SGD over one group with <paramref name="options"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="options">The options.</param>
    public SGD(IEnumerable<Tensor> parameters, SGDOptions options) : base(parameters, options, Names, OptimJson.Default.SGDOptions)
    {
    }

    /// <summary>SGD over several groups, each with its own options (<c>defaults</c> for groups added later).</summary>
    /// <param name="groups">The groups' parameters and options.</param>
    /// <param name="defaults">The default options; null for PyTorch's.</param>
    public SGD(IEnumerable<(IEnumerable<Tensor> Parameters, SGDOptions Options)> groups, SGDOptions? defaults = null)
        : base(groups, defaults ?? new SGDOptions(), Names, OptimJson.Default.SGDOptions)
    {
    }

    private protected override unsafe void StepGroup(ParamGroup<SGDOptions> group) =>
        RunFused(group, static (p, g, state, steps, n, o) =>
        {
            var status = Native.NativeMethods.ember_sgd_step(p, g, state[0], n, o.LearningRate, o.Momentum, o.Dampening,
                                                             o.WeightDecay, o.Nesterov, o.Maximize);
            for (nuint k = 0; k < n; k++) steps[k]++;
            return status;
        });
}
