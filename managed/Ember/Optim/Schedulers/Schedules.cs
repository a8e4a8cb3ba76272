using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Ember.Optim.Schedulers;

/// <summary>Multiplies the rate by <c>gamma</c> every <c>stepSize</c> epochs (<c>StepLR</c>).</summary>
public sealed class StepLR : LRScheduler
{
    private readonly long stepSize;
    private readonly double gamma;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="stepSize">Epochs between decays (≥ 1).</param>
    /// <param name="gamma">The decay factor.</param>
    public StepLR(Optimizer optimizer, long stepSize, double gamma = 0.1) : base(optimizer)
    {
        Check(stepSize >= 1, nameof(stepSize), "step_size must be positive");
        (this.stepSize, this.gamma) = (stepSize, gamma);
        InitialStep();
    }

    private protected override double[] ComputeLr() =>
        LastEpoch == 0 || LastEpoch % stepSize != 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * gamma).ToArray();

    private protected override double[] ClosedFormLr() => BaseLrs.Select(b => b * Math.Pow(gamma, LastEpoch / stepSize)).ToArray();
}

/// <summary>Multiplies the rate by <c>gamma</c> at each milestone epoch (<c>MultiStepLR</c>).</summary>
public sealed class MultiStepLR : LRScheduler
{
    private readonly long[] milestones;
    private readonly double gamma;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="milestones">The epochs at which to decay (a milestone listed twice decays twice).</param>
    /// <param name="gamma">The decay factor.</param>
    public MultiStepLR(Optimizer optimizer, IEnumerable<long> milestones, double gamma = 0.1) : base(optimizer)
    {
        this.milestones = (milestones ?? throw new ArgumentNullException(nameof(milestones))).OrderBy(m => m).ToArray();
        this.gamma = gamma;
        InitialStep();
    }

    private protected override double[] ComputeLr()
    {
        int hits = milestones.Count(m => m == LastEpoch);
        return hits == 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * Math.Pow(gamma, hits)).ToArray();
    }

    private protected override double[] ClosedFormLr()
    {
        int passed = milestones.Count(m => m <= LastEpoch);
        return BaseLrs.Select(b => b * Math.Pow(gamma, passed)).ToArray();
    }
}

/// <summary>Multiplies the rate by <c>gamma</c> every epoch (<c>ExponentialLR</c>).</summary>
public sealed class ExponentialLR : LRScheduler
{
    private readonly double gamma;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="gamma">The decay factor per epoch.</param>
    public ExponentialLR(Optimizer optimizer, double gamma) : base(optimizer)
    {
        this.gamma = gamma;
        InitialStep();
    }

    private protected override double[] ComputeLr() =>
        LastEpoch == 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * gamma).ToArray();

    private protected override double[] ClosedFormLr() => BaseLrs.Select(b => b * Math.Pow(gamma, LastEpoch)).ToArray();
}

/// <summary>
/// Cosine annealing from the base rate to <c>etaMin</c> over <c>tMax</c> epochs (<c>CosineAnnealingLR</c>),
/// computed recursively from the current rate exactly as PyTorch does (so it composes with other
/// schedules), rising again after tMax.
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    private readonly long tMax;
    private readonly double etaMin;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="tMax">The half period in epochs (≥ 1).</param>
    /// <param name="etaMin">The minimum rate.</param>
    public CosineAnnealingLR(Optimizer optimizer, long tMax, double etaMin = 0.0) : base(optimizer)
    {
        Check(tMax >= 1, nameof(tMax), "T_max must be positive");
        (this.tMax, this.etaMin) = (tMax, etaMin);
        InitialStep();
    }

    private protected override double[] ComputeLr()
    {
        double[] lrs = CurrentLrs();
        if (LastEpoch == 0) return lrs;
        if ((LastEpoch - 1 - tMax) % (2 * tMax) == 0)
            return lrs.Select((lr, i) => lr + (BaseLrs[i] - etaMin) * (1 - Math.Cos(Math.PI / tMax)) / 2).ToArray();
        return lrs.Select(lr => (1 + Math.Cos(Math.PI * LastEpoch / tMax)) / (1 + Math.Cos(Math.PI * (LastEpoch - 1) / tMax)) * (lr - etaMin) + etaMin).ToArray();
    }

    private protected override double[] ClosedFormLr() =>
        BaseLrs.Select(b => etaMin + (b - etaMin) * (1 + Math.Cos(Math.PI * LastEpoch / tMax)) / 2).ToArray();
}

/// <summary>
/// Scales the rate linearly from <c>startFactor</c> to <c>endFactor</c> of the base rate over
/// <c>totalIters</c> epochs, then keeps it (<c>LinearLR</c>; the usual warm-up).
/// </summary>
public sealed class LinearLR : LRScheduler
{
    private readonly double startFactor, endFactor;
    private readonly long totalIters;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="startFactor">The first epoch's factor, in (0, 1].</param>
    /// <param name="endFactor">The final factor, in [0, 1].</param>
    /// <param name="totalIters">Epochs to go from the start to the end factor.</param>
    public LinearLR(Optimizer optimizer, double startFactor = 1.0 / 3, double endFactor = 1.0, long totalIters = 5) : base(optimizer)
    {
        Check(startFactor > 0 && startFactor <= 1, nameof(startFactor),
              "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
        Check(endFactor >= 0 && endFactor <= 1, nameof(endFactor), "Ending multiplicative factor expected to be between 0 and 1.");
        (this.startFactor, this.endFactor, this.totalIters) = (startFactor, endFactor, totalIters);
        InitialStep();
    }

    private protected override double[] ComputeLr()
    {
        double[] lrs = CurrentLrs();
        if (LastEpoch == 0) return lrs.Select(lr => lr * startFactor).ToArray();
        if (LastEpoch > totalIters) return lrs;
        double factor = 1.0 + (endFactor - startFactor) / (totalIters * startFactor + (LastEpoch - 1) * (endFactor - startFactor));
        return lrs.Select(lr => lr * factor).ToArray();
    }

    private protected override double[] ClosedFormLr() =>
        BaseLrs.Select(b => b * (startFactor + (endFactor - startFactor) * Math.Min(totalIters, LastEpoch) / totalIters)).ToArray();
}

/// <summary>How <see cref="OneCycleLR"/> moves between its phase boundaries.</summary>
public enum AnnealStrategy
{
    /// <summary>Cosine annealing.</summary>
    Cos,

    /// <summary>Linear annealing.</summary>
    Linear,
}

/// <summary>
/// The 1cycle policy (<c>OneCycleLR</c>, Smith and Topin): the rate rises from maxLr / divFactor to
/// maxLr over the first <c>pctStart</c> of the steps and anneals to initial / finalDivFactor;
/// momentum (SGD's momentum, Adam's beta1) moves inversely between maxMomentum and baseMomentum.
/// Step it after every batch.
/// </summary>
public sealed class OneCycleLR : LRScheduler
{
    private readonly record struct Phase(double EndStep, Func<ParamGroup, double> StartLr, Func<ParamGroup, double> EndLr,
                                         bool MomentumUp);

    private readonly long totalSteps;
    private readonly AnnealStrategy anneal;
    private readonly bool cycleMomentum;
    private readonly Phase[] phases;
    private readonly double[] initialLr, maxLr, minLr;
    private readonly double baseMomentum, maxMomentum;
    private readonly bool threePhaseFlag;

    /// <summary>Creates the schedule and sets the groups' starting rate (and momentum).</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="maxLr">The peak rate.</param>
    /// <param name="totalSteps">The number of steps of the cycle (or give epochs and stepsPerEpoch).</param>
    /// <param name="epochs">With stepsPerEpoch, the number of epochs, when totalSteps is not given.</param>
    /// <param name="stepsPerEpoch">With epochs, the steps per epoch.</param>
    /// <param name="pctStart">The fraction of the cycle spent increasing the rate.</param>
    /// <param name="annealStrategy">Cosine or linear annealing.</param>
    /// <param name="cycleMomentum">Whether momentum cycles inversely to the rate.</param>
    /// <param name="baseMomentum">The lowest momentum.</param>
    /// <param name="maxMomentum">The highest momentum.</param>
    /// <param name="divFactor">initial rate = maxLr / divFactor.</param>
    /// <param name="finalDivFactor">final rate = initial rate / finalDivFactor.</param>
    /// <param name="threePhase">Whether a third phase anneals to the final rate after returning to the initial one.</param>
    public OneCycleLR(Optimizer optimizer, double maxLr, long? totalSteps = null, long? epochs = null, long? stepsPerEpoch = null,
                      double pctStart = 0.3, AnnealStrategy annealStrategy = AnnealStrategy.Cos, bool cycleMomentum = true,
                      double baseMomentum = 0.85, double maxMomentum = 0.95, double divFactor = 25.0, double finalDivFactor = 1e4,
                      bool threePhase = false)
        : this(optimizer, Enumerable.Repeat(maxLr, (optimizer ?? throw new ArgumentNullException(nameof(optimizer))).ParamGroups.Count).ToArray(),
               totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor,
               finalDivFactor, threePhase)
    {
    }

    /// <summary>Creates the schedule with a peak rate per parameter group (PyTorch's list <c>max_lr</c>).</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="maxLr">The peak rate of each group, in group order.</param>
    /// <param name="totalSteps">The cycle's length in steps (or give epochs and stepsPerEpoch).</param>
    /// <param name="epochs">With stepsPerEpoch, the cycle's length in epochs.</param>
    /// <param name="stepsPerEpoch">With epochs, the steps per epoch.</param>
    /// <param name="pctStart">The fraction of the cycle spent increasing the rate.</param>
    /// <param name="annealStrategy">Cosine or linear annealing.</param>
    /// <param name="cycleMomentum">Whether momentum cycles inversely to the rate.</param>
    /// <param name="baseMomentum">The lowest momentum.</param>
    /// <param name="maxMomentum">The highest momentum.</param>
    /// <param name="divFactor">initial rate = maxLr / divFactor.</param>
    /// <param name="finalDivFactor">final rate = initial rate / finalDivFactor.</param>
    /// <param name="threePhase">Whether a third phase anneals to the final rate after returning to the initial one.</param>
    public OneCycleLR(Optimizer optimizer, IReadOnlyList<double> maxLr, long? totalSteps = null, long? epochs = null, long? stepsPerEpoch = null,
                      double pctStart = 0.3, AnnealStrategy annealStrategy = AnnealStrategy.Cos, bool cycleMomentum = true,
                      double baseMomentum = 0.85, double maxMomentum = 0.95, double divFactor = 25.0, double finalDivFactor = 1e4,
                      bool threePhase = false)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(maxLr);
        Check(maxLr.Count == optimizer.ParamGroups.Count, nameof(maxLr),
              $"expected {optimizer.ParamGroups.Count} values for max_lr, got {maxLr.Count}");
        if (totalSteps is long t)
        {
            Check(t > 0, nameof(totalSteps), $"Expected positive integer total_steps, but got {t}");
            this.totalSteps = t;
        }
        else
        {
            Check(epochs is > 0, nameof(epochs), $"Expected positive integer epochs, but got {epochs}");
            Check(stepsPerEpoch is > 0, nameof(stepsPerEpoch), $"Expected positive integer steps_per_epoch, but got {stepsPerEpoch}");
            this.totalSteps = epochs!.Value * stepsPerEpoch!.Value;
        }

        Check(pctStart >= 0 && pctStart <= 1, nameof(pctStart), $"Expected float between 0 and 1 pct_start, but got {Format(pctStart)}");
        anneal = annealStrategy;
        this.cycleMomentum = cycleMomentum;
        (this.baseMomentum, this.maxMomentum) = (baseMomentum, maxMomentum);
        var groups = optimizer.ParamGroups;
        initialLr = new double[groups.Count];
        this.maxLr = new double[groups.Count];
        minLr = new double[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            initialLr[i] = maxLr[i] / divFactor;
            this.maxLr[i] = maxLr[i];
            minLr[i] = initialLr[i] / finalDivFactor;
            groups[i].LearningRate = initialLr[i];
            groups[i].InitialLearningRate = initialLr[i];
            if (cycleMomentum)
            {
                if (!groups[i].HasMomentum)
                    throw new ArgumentException("optimizer must support momentum or beta1 with `cycle_momentum` option enabled", nameof(cycleMomentum));
                groups[i].MomentumOrBeta1 = maxMomentum;
            }
        }

        BaseLrs = initialLr;
        double s = this.totalSteps;
        phases = threePhase
            ? new[]
            {
                new Phase(pctStart * s - 1, g => Lr(g, initialLr), g => Lr(g, this.maxLr), false),
                new Phase(2 * pctStart * s - 2, g => Lr(g, this.maxLr), g => Lr(g, initialLr), true),
                new Phase(s - 1, g => Lr(g, initialLr), g => Lr(g, minLr), true),
            }
            : new[]
            {
                new Phase(pctStart * s - 1, g => Lr(g, initialLr), g => Lr(g, this.maxLr), false),
                new Phase(s - 1, g => Lr(g, this.maxLr), g => Lr(g, minLr), true),
            };
        threePhaseFlag = threePhase;
        InitialStep();
    }

    private double Lr(ParamGroup g, double[] values) => values[IndexOf(g)];

    private int IndexOf(ParamGroup g)
    {
        var groups = Optimizer.ParamGroups;
        for (int i = 0; i < groups.Count; i++) if (ReferenceEquals(groups[i], g)) return i;
        throw new InvalidOperationException("a parameter group was added after the scheduler was created");
    }

    private double Anneal(double start, double end, double pct) => anneal == AnnealStrategy.Cos
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;

    private protected override double[] ComputeLr()
    {
        long stepNum = LastEpoch;
        if (stepNum > totalSteps)
            throw new InvalidOperationException($"Tried to step {stepNum} times. The specified number of total steps is {totalSteps}");
        var groups = Optimizer.ParamGroups;
        var lrs = new double[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            double start = 0;
            for (int i = 0; i < phases.Length; i++)
            {
                double end = phases[i].EndStep;
                if (stepNum <= end || i == phases.Length - 1)
                {
                    double pct = (stepNum - start) / (end - start);
                    lrs[g] = Anneal(phases[i].StartLr(groups[g]), phases[i].EndLr(groups[g]), pct);
                    if (cycleMomentum)
                    {
                        // Momentum falls while the rate rises, and rises back while it falls;
                        // the third phase keeps it at its maximum.
                        bool third = threePhaseFlag && i == 2;
                        double from = third ? maxMomentum : phases[i].MomentumUp ? baseMomentum : maxMomentum;
                        double to = third ? maxMomentum : phases[i].MomentumUp ? maxMomentum : baseMomentum;
                        groups[g].MomentumOrBeta1 = Anneal(from, to, pct);
                    }

                    break;
                }

                start = end;
            }
        }

        return lrs;
    }
}

/// <summary>
/// Runs several schedules one after the other, switching at the milestone epochs (<c>SequentialLR</c>),
/// e.g. a <see cref="LinearLR"/> warm-up followed by <see cref="CosineAnnealingLR"/>. Each later
/// schedule starts from its own epoch 0 (its closed form) when it takes over.
/// </summary>
public sealed class SequentialLR : LRScheduler
{
    private readonly LRScheduler[] schedulers;
    private readonly long[] milestones;

    /// <summary>Creates the combination. The schedules must drive the same optimizer.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="schedulers">The schedules, in order.</param>
    /// <param name="milestones">The epochs at which the next schedule takes over (one fewer than schedules).</param>
    public SequentialLR(Optimizer optimizer, IReadOnlyList<LRScheduler> schedulers, IReadOnlyList<long> milestones) : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        ArgumentNullException.ThrowIfNull(milestones);
        Check(schedulers.Count >= 1, nameof(schedulers), "SequentialLR expects at least one scheduler");
        Check(milestones.Count == schedulers.Count - 1, nameof(milestones),
              $"Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers {schedulers.Count} and the number of milestones to be equal to {milestones.Count}");
        foreach (var s in schedulers)
            Check(ReferenceEquals(s.Optimizer, optimizer), nameof(schedulers), "Sequential Schedulers expects all schedulers to belong to the same optimizer");
        this.schedulers = schedulers.ToArray();
        this.milestones = milestones.ToArray();
        // Undo the first steps the schedules took when constructed, then restart the first one.
        var groups = optimizer.ParamGroups;
        for (int i = 0; i < groups.Count; i++) groups[i].LearningRate = groups[i].InitialLearningRate ?? groups[i].LearningRate;
        this.schedulers[0].StepTo(0);
        Apply(this.schedulers[0].GetLastLr().ToArray());
        SetEpochZero();
    }

    private protected override double[] ComputeLr()
    {
        int index = milestones.Count(m => m <= LastEpoch);
        LRScheduler s = schedulers[index];
        if (index > 0 && milestones[index - 1] == LastEpoch) s.StepTo(0);
        else s.Step();
        return s.GetLastLr().ToArray();
    }
}

/// <summary>
/// Steps several chainable schedules together, each multiplying the rate the previous one set
/// (<c>ChainedScheduler</c>), e.g. a step decay with an exponential one.
/// </summary>
public sealed class ChainedScheduler : LRScheduler
{
    private readonly LRScheduler[] schedulers;

    /// <summary>Creates the chain. The schedules must drive the same optimizer.</summary>
    /// <param name="schedulers">The schedules (already constructed, so epoch 0 is applied).</param>
    public ChainedScheduler(IReadOnlyList<LRScheduler> schedulers)
        : base((schedulers ?? throw new ArgumentNullException(nameof(schedulers))).Count > 0
                   ? schedulers[0].Optimizer
                   : throw new ArgumentException("ChainedScheduler expects at least one scheduler", nameof(schedulers)))
    {
        foreach (var s in schedulers)
            Check(ReferenceEquals(s.Optimizer, Optimizer), nameof(schedulers), "ChainedScheduler expects all schedulers to belong to the same optimizer");
        this.schedulers = schedulers.ToArray();
        Apply(CurrentLrs());
        SetEpochZero();
    }

    private protected override double[] ComputeLr()
    {
        foreach (var s in schedulers) s.Step();
        return CurrentLrs();
    }
}
