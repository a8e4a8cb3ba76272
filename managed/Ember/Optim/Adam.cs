using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;

namespace Ember.Optim;

/// <summary>The shared step of <see cref="Adam"/> and <see cref="AdamW"/> (one native kernel; AdamW decouples the weight decay).</summary>
/// <typeparam name="TOptions">The options record.</typeparam>
public abstract class AdamFamily<TOptions> : Optimizer<TOptions> where TOptions : AdamOptions
{
    private static readonly string[] Names = ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"];
    private readonly bool decoupled;

    private protected AdamFamily(IEnumerable<Tensor> parameters, TOptions options, JsonTypeInfo<TOptions> json, bool decoupled)
        : base(parameters, options, Names, json) => this.decoupled = decoupled;

    private protected AdamFamily(IEnumerable<(IEnumerable<Tensor> Parameters, TOptions Options)> groups, TOptions defaults,
                                 JsonTypeInfo<TOptions> json, bool decoupled)
        : base(groups, defaults, Names, json) => this.decoupled = decoupled;

    private protected override unsafe void StepGroup(ParamGroup<TOptions> group)
    {
        if (decoupled)
        {
            RunFused(group, static (p, g, s, steps, n, o) => Update(p, g, s, steps, n, o, true));
        }
        else
        {
            RunFused(group, static (p, g, s, steps, n, o) => Update(p, g, s, steps, n, o, false));
        }
    }

    private static unsafe Native.EmberStatus Update(Native.EmberTensor* p, Native.EmberTensor* g, Native.EmberTensor** s, long* steps,
                                                    nuint n, TOptions o, bool decoupled) =>
        Native.NativeMethods.ember_adam_step(p, g, s[0], s[1], s[2], steps, n, o.LearningRate, o.Betas.Beta1, o.Betas.Beta2, o.Eps,
                                             o.WeightDecay, o.Amsgrad, o.Maximize, decoupled);
}

/// <summary>
/// Adam (<c>torch.optim.Adam</c>), with the AMSGrad variant and L2 weight decay added to the gradient.
/// State: <c>exp_avg</c>, <c>exp_avg_sq</c> (and <c>max_exp_avg_sq</c> with AMSGrad) and the step count.
/// </summary>
/// <example><code>
/// using var opt = new Adam(model.Parameters(), lr: 3e-4);
/// </code></example>
public sealed class Adam : AdamFamily<AdamOptions>
{
    /// <summary>Adam over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">The learning rate.</param>
    /// <param name="beta1">The first-moment coefficient (<c>betas[0]</c>).</param>
    /// <param name="beta2">The second-moment coefficient (<c>betas[1]</c>).</param>
    /// <param name="eps">The denominator's stabilizer.</param>
    /// <param name="weightDecay">The L2 penalty.</param>
    /// <param name="amsgrad">The AMSGrad variant.</param>
    /// <param name="maximize">Maximize instead of minimize.</param>
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
                double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : this(parameters, new AdamOptions
        {
            LearningRate = lr, Betas = (beta1, beta2), Eps = eps, WeightDecay = weightDecay, Amsgrad = amsgrad, Maximize = maximize,
        })
    {
    }

    /// <summary>Adam over one group with <paramref name="options"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="options">The options.</param>
    public Adam(IEnumerable<Tensor> parameters, AdamOptions options) : base(parameters, options, OptimJson.Default.AdamOptions, false)
    {
    }

    /// <summary>Adam over several groups, each with its own options.</summary>
    /// <param name="groups">The groups' parameters and options.</param>
    /// <param name="defaults">The default options; null for PyTorch's.</param>
    public Adam(IEnumerable<(IEnumerable<Tensor> Parameters, AdamOptions Options)> groups, AdamOptions? defaults = null)
        : base(groups, defaults ?? new AdamOptions(), OptimJson.Default.AdamOptions, false)
    {
    }
}

/// <summary>
/// AdamW (<c>torch.optim.AdamW</c>): Adam with decoupled weight decay (the parameters shrink by
/// lr × weight_decay each step instead of the decay entering the moments). Default weight decay 1e-2.
/// </summary>
public sealed class AdamW : AdamFamily<AdamWOptions>
{
    /// <summary>AdamW over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="lr">The learning rate.</param>
    /// <param name="beta1">The first-moment coefficient (<c>betas[0]</c>).</param>
    /// <param name="beta2">The second-moment coefficient (<c>betas[1]</c>).</param>
    /// <param name="eps">The denominator's stabilizer.</param>
    /// <param name="weightDecay">The decoupled weight decay.</param>
    /// <param name="amsgrad">The AMSGrad variant.</param>
    /// <param name="maximize">Maximize instead of minimize.</param>
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
                 double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
        : this(parameters, new AdamWOptions
        {
            LearningRate = lr, Betas = (beta1, beta2), Eps = eps, WeightDecay = weightDecay, Amsgrad = amsgrad, Maximize = maximize,
        })
    {
    }

    /// <summary>AdamW over one group with <paramref name="options"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="options">The options.</param>
    public AdamW(IEnumerable<Tensor> parameters, AdamWOptions options) : base(parameters, options, OptimJson.Default.AdamWOptions, true)
    {
    }

    /// <summary>AdamW over several groups, each with its own options.</summary>
    /// <param name="groups">The groups' parameters and options.</param>
    /// <param name="defaults">The default options; null for PyTorch's.</param>
    public AdamW(IEnumerable<(IEnumerable<Tensor> Parameters, AdamWOptions Options)> groups, AdamWOptions? defaults = null)
        : base(groups, defaults ?? new AdamWOptions(), OptimJson.Default.AdamWOptions, true)
    {
    }
}
