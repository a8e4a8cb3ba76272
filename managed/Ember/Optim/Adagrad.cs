using System.Collections.Generic;

namespace Ember.Optim;

/// <summary>Adagrad (<c>torch.optim.Adagrad</c>). State: <c>sum</c> of squared gradients and the step count.</summary>
public sealed class Adagrad : Optimizer<AdagradOptions>
{
    private static readonly string[] Names = ["sum"];

    /// <summary>Adagrad over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">The learning rate.</param>
    /// <param name="lrDecay">The learning-rate decay.</param>
    /// <param name="weightDecay">The L2 penalty.</param>
    /// <param name="initialAccumulatorValue">The sums' starting value.</param>
    /// <param name="eps">The denominator's stabilizer.</param>
    /// <param name="maximize">Maximize instead of minimize.</param>
    public Adagrad(IEnumerable<Tensor> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0,
                   double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : this(parameters, new AdagradOptions
        {
            LearningRate = lr, LrDecay = lrDecay, WeightDecay = weightDecay, InitialAccumulatorValue = initialAccumulatorValue,
            Eps = eps, Maximize = maximize,
        })
    {
    }

    /// <summary>Adagrad over one group with <paramref name="options"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="options">The options.</param>
    public Adagrad(IEnumerable<Tensor> parameters, AdagradOptions options)
        : base(parameters, options, Names, OptimJson.Default.AdagradOptions)
    {
    }

    /// <summary>Adagrad over several groups, each with its own options.</summary>
    /// <param name="groups">The groups' parameters and options.</param>
    /// <param name="defaults">The default options; null for PyTorch's.</param>
    public Adagrad(IEnumerable<(IEnumerable<Tensor> Parameters, AdagradOptions Options)> groups, AdagradOptions? defaults = null)
        : base(groups, defaults ?? new AdagradOptions(), Names, OptimJson.Default.AdagradOptions)
    {
    }

    private protected override unsafe void StepGroup(ParamGroup<AdagradOptions> group) =>
        RunFused(group, static (p, g, s, steps, n, o) =>
            Native.NativeMethods.ember_adagrad_step(p, g, s[0], steps, n, o.LearningRate, o.LrDecay, o.WeightDecay,
                                                    o.InitialAccumulatorValue, o.Eps, o.Maximize));
}
