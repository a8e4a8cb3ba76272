using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Ember.Optim.Schedulers;

/// <summary>Whether <see cref="ReduceLROnPlateau"/> watches a quantity that should fall or rise.</summary>
public enum PlateauMode
{
    /// <summary>Lower is better (a loss).</summary>
    Min,

    /// <summary>Higher is better (an accuracy).</summary>
    Max,
}

/// <summary>How <see cref="ReduceLROnPlateau"/> decides that a value improved on the best one.</summary>
public enum ThresholdMode
{
    /// <summary>By a fraction of the best value.</summary>
    Rel,

    /// <summary>By an absolute amount.</summary>
    Abs,
}

/// <summary>
/// Cuts the learning rate by <c>factor</c> when a metric has stopped improving for more than
/// <c>patience</c> epochs (<c>ReduceLROnPlateau</c>); call <see cref="Step"/> with the metric
/// once per epoch.
/// </summary>
public sealed class ReduceLROnPlateau
{
    private readonly double factor, threshold, eps;
    private readonly long patience, cooldown;
    private readonly double[] minLrs;
    private readonly PlateauMode mode;
    private readonly ThresholdMode thresholdMode;
    private long cooldownCounter, numBadEpochs;
    private double best;
    private double[] lastLr;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="mode">Whether the metric should fall or rise.</param>
    /// <param name="factor">The rate's multiplier at each cut (&lt; 1).</param>
    /// <param name="patience">Epochs without improvement tolerated before a cut.</param>
    /// <param name="threshold">The least change that counts as an improvement.</param>
    /// <param name="thresholdMode">Whether the threshold is relative or absolute.</param>
    /// <param name="cooldown">Epochs to wait after a cut before counting again.</param>
    /// <param name="minLr">The lowest rate, for every group.</param>
    /// <param name="eps">Cuts smaller than this are skipped.</param>
    public ReduceLROnPlateau(Optimizer optimizer, PlateauMode mode = PlateauMode.Min, double factor = 0.1, long patience = 10,
                             double threshold = 1e-4, ThresholdMode thresholdMode = ThresholdMode.Rel, long cooldown = 0,
                             double minLr = 0, double eps = 1e-8)
        : this(optimizer, Enumerable.Repeat(minLr, (optimizer ?? throw new ArgumentNullException(nameof(optimizer))).ParamGroups.Count).ToArray(),
               mode, factor, patience, threshold, thresholdMode, cooldown, eps)
    {
    }

    /// <summary>Creates the scheduler with a lowest rate per parameter group (PyTorch's list <c>min_lr</c>).</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="minLrs">The lowest rate of each group, in group order.</param>
    /// <param name="mode">Whether the metric should fall or rise.</param>
    /// <param name="factor">The rate's multiplier at each cut (&lt; 1).</param>
    /// <param name="patience">Epochs without improvement tolerated before a cut.</param>
    /// <param name="threshold">The least change that counts as an improvement.</param>
    /// <param name="thresholdMode">Whether the threshold is relative or absolute.</param>
    /// <param name="cooldown">Epochs to wait after a cut before counting again.</param>
    /// <param name="eps">Cuts smaller than this are skipped.</param>
    public ReduceLROnPlateau(Optimizer optimizer, IReadOnlyList<double> minLrs, PlateauMode mode = PlateauMode.Min, double factor = 0.1,
                             long patience = 10, double threshold = 1e-4, ThresholdMode thresholdMode = ThresholdMode.Rel,
                             long cooldown = 0, double eps = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(minLrs);
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        if (!(factor < 1.0)) throw new ArgumentException("Factor should be < 1.0.", nameof(factor));
        (this.mode, this.factor, this.patience, this.threshold, this.thresholdMode, this.cooldown, this.eps) =
            (mode, factor, patience, threshold, thresholdMode, cooldown, eps);
        if (minLrs.Count != optimizer.ParamGroups.Count)
            throw new ArgumentException($"expected {optimizer.ParamGroups.Count} min_lrs, got {minLrs.Count}", nameof(minLrs));
        this.minLrs = minLrs.ToArray();
        best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        lastLr = optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
    }

    /// <summary>The optimizer driven.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Epochs stepped.</summary>
    public long LastEpoch { get; private set; }

    /// <summary>The best metric seen.</summary>
    public double Best => best;

    /// <summary>The groups' rates after the last step.</summary>
    public IReadOnlyList<double> GetLastLr() => lastLr;

    /// <summary>Records this epoch's metric and cuts the rates when it has plateaued.</summary>
    /// <param name="metric">The watched value (e.g. the validation loss).</param>
    public void Step(double metric)
    {
        LastEpoch++;
        if (IsBetter(metric))
        {
            best = metric;
            numBadEpochs = 0;
        }
        else
        {
            numBadEpochs++;
        }

        if (cooldownCounter > 0)
        {
            cooldownCounter--;
            numBadEpochs = 0;
        }

        if (numBadEpochs > patience)
        {
            var groups = Optimizer.ParamGroups;
            for (int i = 0; i < groups.Count; i++)
            {
                double old = groups[i].LearningRate, cut = Math.Max(old * factor, minLrs[i]);
                if (old - cut > eps) groups[i].LearningRate = cut;
            }

            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }

        lastLr = Optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
    }

    private bool IsBetter(double a) => (mode, thresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Rel) => a < best * (1 - threshold),
        (PlateauMode.Min, ThresholdMode.Abs) => a < best - threshold,
        (PlateauMode.Max, ThresholdMode.Rel) => a > best * (threshold + 1),
        _ => a > best + threshold,
    };

    /// <summary>The schedule's state as JSON.</summary>
    /// <returns>The state.</returns>
    public string StateDict() => JsonSerializer.Serialize(new Dictionary<string, JsonElement>
    {
        ["last_epoch"] = JsonSerializer.SerializeToElement(LastEpoch, SchedulerJson.Default.Int64),
        ["best"] = JsonSerializer.SerializeToElement(best, SchedulerJson.Default.Double),
        ["num_bad_epochs"] = JsonSerializer.SerializeToElement(numBadEpochs, SchedulerJson.Default.Int64),
        ["cooldown_counter"] = JsonSerializer.SerializeToElement(cooldownCounter, SchedulerJson.Default.Int64),
    }, SchedulerJson.Default.DictionaryStringJsonElement);

    /// <summary>Restores a state from <see cref="StateDict"/>.</summary>
    /// <param name="state">The JSON state.</param>
    public void LoadStateDict(string state)
    {
        try
        {
            var d = JsonSerializer.Deserialize(state, SchedulerJson.Default.DictionaryStringJsonElement)!;
            LastEpoch = d["last_epoch"].GetInt64();
            best = d["best"].Deserialize(SchedulerJson.Default.Double);
            numBadEpochs = d["num_bad_epochs"].GetInt64();
            cooldownCounter = d["cooldown_counter"].GetInt64();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new ArgumentException($"malformed scheduler state: {e.Message}", nameof(state), e);
        }
    }
}
