using System;
using System.Collections.Generic;

namespace Ember.Optim;

/// <summary>
/// One parameter group of an optimizer (an entry of PyTorch's <c>optimizer.param_groups</c>): its
/// parameters, its options, and the optimizer state of each parameter. Schedulers and users change
/// a group's options between steps (<see cref="LearningRate"/>, or the whole options record of
/// <see cref="ParamGroup{TOptions}"/>).
/// </summary>
public abstract class ParamGroup
{
    private protected ParamGroup(Tensor[] parameters, int stateSlots)
    {
        ParameterArray = parameters;
        State = new Tensor?[stateSlots][];
        for (int s = 0; s < stateSlots; s++) State[s] = new Tensor?[parameters.Length];
        Steps = new long[parameters.Length];
    }

    /// <summary>The parameters this group updates, in order.</summary>
    public IReadOnlyList<Tensor> Parameters => ParameterArray;

    /// <summary>The learning rate (<c>group["lr"]</c>).</summary>
    public abstract double LearningRate { get; set; }

    /// <summary>The rate a learning-rate scheduler started from (<c>group["initial_lr"]</c>); null until a scheduler is attached.</summary>
    public double? InitialLearningRate { get; set; }

    /// <summary>Whether the options have a momentum or first beta that <c>OneCycleLR</c> can cycle.</summary>
    public abstract bool HasMomentum { get; }

    /// <summary>The momentum (SGD, RMSprop) or first beta (Adam, AdamW) that <c>OneCycleLR</c> cycles.</summary>
    /// <exception cref="InvalidOperationException">The optimizer has neither (<see cref="HasMomentum"/> is false).</exception>
    public abstract double MomentumOrBeta1 { get; set; }

    /// <summary>The options, as the common base record.</summary>
    public abstract OptimizerOptions BaseOptions { get; }

    internal Tensor[] ParameterArray { get; }

    /// <summary>Per-parameter state tensors: State[slot][parameter], null until the first step creates them.</summary>
    internal Tensor?[][] State { get; }

    /// <summary>Per-parameter step counts (PyTorch's <c>state["step"]</c>).</summary>
    internal long[] Steps { get; }

    internal abstract void SetOptions(OptimizerOptions options);

    internal void DisposeState()
    {
        foreach (Tensor?[] slot in State)
        {
            for (int i = 0; i < slot.Length; i++)
            {
                slot[i]?.Dispose();
                slot[i] = null;
            }
        }

        Array.Clear(Steps);
    }
}

/// <summary>A parameter group whose options are <typeparamref name="TOptions"/>.</summary>
/// <typeparam name="TOptions">The optimizer's options record.</typeparam>
public sealed class ParamGroup<TOptions> : ParamGroup where TOptions : OptimizerOptions
{
    private TOptions options;

    internal ParamGroup(Tensor[] parameters, TOptions options, int stateSlots) : base(parameters, stateSlots)
    {
        options.Validate();
        this.options = options;
    }

    /// <summary>The group's options; a new record replaces them (validated) for the next step.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public TOptions Options
    {
        get => options;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            options = value;
        }
    }

    /// <inheritdoc/>
    public override OptimizerOptions BaseOptions => options;

    /// <inheritdoc/>
    public override double LearningRate
    {
        get => options.LearningRate;
        set => Options = (TOptions)(options with { LearningRate = value });
    }

    /// <inheritdoc/>
    public override bool HasMomentum => options is SGDOptions or AdamOptions or RMSpropOptions;

    /// <inheritdoc/>
    public override double MomentumOrBeta1
    {
        get => options switch
        {
            SGDOptions o => o.Momentum,
            AdamOptions o => o.Betas.Beta1,
            RMSpropOptions o => o.Momentum,
            _ => throw NoMomentum(),
        };
        set => Options = (TOptions)(OptimizerOptions)(options switch
        {
            SGDOptions o => o with { Momentum = value },
            AdamOptions o => o with { Betas = (value, o.Betas.Beta2) },
            RMSpropOptions o => o with { Momentum = value },
            _ => throw NoMomentum(),
        });
    }

    internal override void SetOptions(OptimizerOptions value) =>
        Options = value as TOptions ?? throw new ArgumentException($"expected {typeof(TOptions).Name}, got {value.GetType().Name}", nameof(value));

    private InvalidOperationException NoMomentum() =>
        new($"{options.GetType().Name} has no momentum or beta1 to set");
}
