namespace Ember.Optim;

/// <summary>
/// The hyperparameters every optimizer has. Each optimizer derives an immutable record from it
/// (<see cref="SGDOptions"/>, <see cref="AdamOptions"/>...) whose defaults are PyTorch's; per-group
/// overrides are a <c>with</c> expression away: <c>options with { LearningRate = 1e-4 }</c>.
/// </summary>
public abstract record OptimizerOptions
{
    /// <summary>The learning rate (<c>lr</c>).</summary>
    public double LearningRate { get; init; }

    /// <summary>The L2 penalty (<c>weight_decay</c>); decoupled for <see cref="AdamW"/>.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Whether to maximize the objective instead of minimizing it (<c>maximize</c>).</summary>
    public bool Maximize { get; init; }

    /// <summary>Throws when an option is out of its range (the messages name PyTorch's argument).</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">An option is out of range.</exception>
    internal virtual void Validate()
    {
        Require(LearningRate >= 0, nameof(LearningRate), $"Invalid learning rate: {LearningRate}");
        Require(WeightDecay >= 0, nameof(WeightDecay), $"Invalid weight_decay value: {WeightDecay}");
    }

    private protected static void Require(bool condition, string name, string message)
    {
        if (!condition) throw new System.ArgumentOutOfRangeException(name, message);
    }
}

/// <summary>Options of <see cref="SGD"/> (<c>torch.optim.SGD</c>).</summary>
public sealed record SGDOptions : OptimizerOptions
{
    /// <summary>PyTorch's defaults: lr 1e-3, no momentum.</summary>
    public SGDOptions() => LearningRate = 1e-3;

    /// <summary>The momentum factor (<c>momentum</c>).</summary>
    public double Momentum { get; init; }

    /// <summary>Dampening of the momentum (<c>dampening</c>).</summary>
    public double Dampening { get; init; }

    /// <summary>Nesterov momentum (<c>nesterov</c>): needs a momentum and zero dampening.</summary>
    public bool Nesterov { get; init; }

    internal override void Validate()
    {
        base.Validate();
        Require(Momentum >= 0, nameof(Momentum), $"Invalid momentum value: {Momentum}");
        Require(!Nesterov || (Momentum > 0 && Dampening == 0), nameof(Nesterov),
                "Nesterov momentum requires a momentum and zero dampening");
    }
}

/// <summary>Options of <see cref="Adam"/> (<c>torch.optim.Adam</c>) and, with a 1e-2 weight decay, <see cref="AdamW"/>.</summary>
public record AdamOptions : OptimizerOptions
{
    /// <summary>PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8.</summary>
    public AdamOptions() => LearningRate = 1e-3;

    /// <summary>The running-average coefficients of the gradient and its square (<c>betas</c>).</summary>
    public (double Beta1, double Beta2) Betas { get; init; } = (0.9, 0.999);

    /// <summary>Added to the denominator for numerical stability (<c>eps</c>).</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>The AMSGrad variant: divides by the running maximum of the second moment (<c>amsgrad</c>).</summary>
    public bool Amsgrad { get; init; }

    internal override void Validate()
    {
        base.Validate();
        Require(Eps >= 0, nameof(Eps), $"Invalid epsilon value: {Eps}");
        Require(Betas.Beta1 is >= 0 and < 1, nameof(Betas), $"Invalid beta parameter at index 0: {Betas.Beta1}");
        Require(Betas.Beta2 is >= 0 and < 1, nameof(Betas), $"Invalid beta parameter at index 1: {Betas.Beta2}");
    }
}

/// <summary>Options of <see cref="AdamW"/> (<c>torch.optim.AdamW</c>): Adam's, with weight decay 1e-2 by default.</summary>
public sealed record AdamWOptions : AdamOptions
{
    /// <summary>PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2.</summary>
    public AdamWOptions() => WeightDecay = 1e-2;
}

/// <summary>Options of <see cref="RMSprop"/> (<c>torch.optim.RMSprop</c>).</summary>
public sealed record RMSpropOptions : OptimizerOptions
{
    /// <summary>PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8.</summary>
    public RMSpropOptions() => LearningRate = 1e-2;

    /// <summary>The smoothing constant of the squared-gradient average (<c>alpha</c>).</summary>
    public double Alpha { get; init; } = 0.99;

    /// <summary>Added to the denominator for numerical stability (<c>eps</c>).</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>The momentum factor (<c>momentum</c>).</summary>
    public double Momentum { get; init; }

    /// <summary>Normalizes by an estimate of the gradient's variance (<c>centered</c>).</summary>
    public bool Centered { get; init; }

    internal override void Validate()
    {
        base.Validate();
        Require(Eps >= 0, nameof(Eps), $"Invalid epsilon value: {Eps}");
        Require(Momentum >= 0, nameof(Momentum), $"Invalid momentum value: {Momentum}");
        Require(Alpha >= 0, nameof(Alpha), $"Invalid alpha value: {Alpha}");
    }
}

/// <summary>Options of <see cref="Adagrad"/> (<c>torch.optim.Adagrad</c>).</summary>
public sealed record AdagradOptions : OptimizerOptions
{
    /// <summary>PyTorch's defaults: lr 1e-2, eps 1e-10.</summary>
    public AdagradOptions() => LearningRate = 1e-2;

    /// <summary>The learning-rate decay per step (<c>lr_decay</c>).</summary>
    public double LrDecay { get; init; }

    /// <summary>The starting value of the squared-gradient sums (<c>initial_accumulator_value</c>).</summary>
    public double InitialAccumulatorValue { get; init; }

    /// <summary>Added to the denominator for numerical stability (<c>eps</c>).</summary>
    public double Eps { get; init; } = 1e-10;

    internal override void Validate()
    {
        base.Validate();
        Require(LrDecay >= 0, nameof(LrDecay), $"Invalid lr_decay value: {LrDecay}");
        Require(InitialAccumulatorValue >= 0, nameof(InitialAccumulatorValue),
                $"Invalid initial_accumulator_value value: {InitialAccumulatorValue}");
        Require(Eps >= 0, nameof(Eps), $"Invalid epsilon value: {Eps}");
    }
}
