using System.Collections.Generic;

namespace Ember.Optim;

/// <summary>
/// RMSprop (<c>torch.optim.RMSprop</c>), optionally centered and with momentum. State:
/// <c>square_avg</c>, <c>momentum_buffer</c> (momentum &gt; 0), <c>grad_avg</c> (centered) and the step count.
/// </summary>
public sealed class RMSprop : Optimizer<RMSpropOptions>
{
    private static readonly string[] Names = ["square_avg", "momentum_buffer", "grad_avg"];

    /// <summary>RMSprop over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">The learning rate.</param>
    /// <param name="alpha">The smoothing constant.</param>
    /// <param name="eps">The denominator's stabilizer.</param>
    /// <param name="weightDecay">The L2 penalty.</param>
    /// <param name="momentum">The momentum factor.</param>
    /// <param name="centered">Normalize by the estimated variance.</param>
    /// <param name="maximize">Maximize instead of minimize.</param>
    public RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0,
                   double momentum = 0, bool centered = false, bool maximize = false)
        : this(parameters, new RMSpropOptions
        {
            LearningRate = lr, Alpha = alpha, Eps = eps, WeightDecay = weightDecay, Momentum = momentum, Centered = centered,
            Maximize = maximize,
        })
    {
    }

    /// <summary>RMSprop over one group with <paramref name="options"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="options">The options.</param>
    public RMSprop(IEnumerable<Tensor> parameters, RMSpropOptions options)
        : base(parameters, options, Names, OptimJson.Default.RMSpropOptions)
    {
    }

    /// <summary>RMSprop over several groups, each with its own options.</summary>
    /// <param name="groups">The groups' parameters and options.</param>
    /// <param name="defaults">The default options; null for PyTorch's.</param>
    public RMSprop(IEnumerable<(IEnumerable<Tensor> Parameters, RMSpropOptions Options)> groups, RMSpropOptions? defaults = null)
        : base(groups, defaults ?? new RMSpropOptions(), Names, OptimJson.Default.RMSpropOptions)
    {
    }

    private protected override unsafe void StepGroup(ParamGroup<RMSpropOptions> group) =>
        RunFused(group, static (p, g, s, steps, n, o) =>
        {
            var status = Native.NativeMethods.ember_rmsprop_step(p, g, s[0], s[1], s[2], n, o.LearningRate, o.Alpha, o.Eps,
                                                                 o.WeightDecay, o.Momentum, o.Centered, o.Maximize);
            for (nuint k = 0; k < n; k++) steps[k]++;
            return status;
        });
}
