using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Ember.Optim.Schedulers;

/// <summary>
/// A learning-rate schedule over an optimizer's parameter groups (<c>torch.optim.lr_scheduler.LRScheduler</c>).
/// Call <see cref="Step"/> once per epoch (or per batch for per-step schedules such as
/// <see cref="OneCycleLR"/>), after <see cref="Optimizer.Step()"/>. As in PyTorch, the constructor
/// already takes the first step (epoch 0) and sets the groups' rates; schedules that multiply
/// the current rate ("chainable") can be stacked on one optimizer.
/// </summary>
public abstract class LRScheduler
{
    private double[] lastLr;

    /// <summary>Creates the schedule and applies epoch 0.</summary>
    /// <param name="optimizer">The optimizer whose groups it drives.</param>
    private protected LRScheduler(Optimizer optimizer)
    {
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        BaseLrs = Optimizer.ParamGroups.Select(g => g.InitialLearningRate ??= g.LearningRate).ToArray();
        lastLr = Optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
    }

    /// <summary>The optimizer driven.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The groups' initial rates (PyTorch's <c>base_lrs</c>).</summary>
    public IReadOnlyList<double> BaseLrs { get; private protected set; }

    /// <summary>The epoch (step) count: 0 after construction, +1 per <see cref="Step"/>.</summary>
    public long LastEpoch { get; private set; } = -1;

    /// <summary>The rates set by the last step, one per group (<c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> GetLastLr() => lastLr;

    /// <summary>Advances one epoch (or step) and sets each group's learning rate.</summary>
    public void Step()
    {
        LastEpoch++;
        Apply(ComputeLr());
    }

    /// <summary>Jumps to <paramref name="epoch"/> using the closed form where the schedule has one (PyTorch's deprecated <c>step(epoch)</c>, used by <see cref="SequentialLR"/>).</summary>
    /// <param name="epoch">The epoch to set.</param>
    public void StepTo(long epoch)
    {
        LastEpoch = epoch;
        Apply(ClosedFormLr() ?? ComputeLr());
    }

    /// <summary>The rates of epoch <see cref="LastEpoch"/>, from the groups' current rates (PyTorch's chainable <c>get_lr</c>).</summary>
    private protected abstract double[] ComputeLr();

    /// <summary>The rates of epoch <see cref="LastEpoch"/> from the base rates alone, or null when the schedule has no closed form.</summary>
    private protected virtual double[]? ClosedFormLr() => null;

    /// <summary>The groups' current rates.</summary>
    private protected double[] CurrentLrs() => Optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();

    private protected void Apply(double[] lrs)
    {
        var groups = Optimizer.ParamGroups;
        for (int i = 0; i < groups.Count; i++) groups[i].LearningRate = lrs[i];
        lastLr = lrs;
    }

    /// <summary>Sets epoch 0 without computing rates (for schedules that set them themselves).</summary>
    private protected void SetEpochZero() => LastEpoch = 0;

    /// <summary>Takes the first step (epoch 0); each constructor calls it once its fields are set.</summary>
    private protected void InitialStep() => Step();

    /// <summary>The schedule's state as JSON (<c>state_dict()</c>): the epoch, last rates and schedule-specific fields.</summary>
    /// <returns>The state.</returns>
    public string StateDict()
    {
        var state = new Dictionary<string, JsonElement>
        {
            ["last_epoch"] = JsonSerializer.SerializeToElement(LastEpoch, SchedulerJson.Default.Int64),
            ["base_lrs"] = JsonSerializer.SerializeToElement(BaseLrs.ToArray(), SchedulerJson.Default.DoubleArray),
            ["last_lr"] = JsonSerializer.SerializeToElement(lastLr, SchedulerJson.Default.DoubleArray),
        };
        foreach (var (key, value) in ExtraState()) state[key] = value;
        return JsonSerializer.Serialize(state, SchedulerJson.Default.DictionaryStringJsonElement);
    }

    /// <summary>Restores a state from <see cref="StateDict"/>; the optimizer's rates are restored by its own state dict.</summary>
    /// <param name="state">The JSON state.</param>
    /// <exception cref="ArgumentException">The state is malformed or of another number of groups.</exception>
    public void LoadStateDict(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Dictionary<string, JsonElement> dict;
        try
        {
            dict = JsonSerializer.Deserialize(state, SchedulerJson.Default.DictionaryStringJsonElement)
                   ?? throw new ArgumentException("scheduler state is null", nameof(state));
            double[] baseLrs = dict["base_lrs"].Deserialize(SchedulerJson.Default.DoubleArray)!;
            double[] last = dict["last_lr"].Deserialize(SchedulerJson.Default.DoubleArray)!;
            if (baseLrs.Length != Optimizer.ParamGroups.Count || last.Length != baseLrs.Length)
                throw new ArgumentException($"scheduler state has {baseLrs.Length} groups, the optimizer {Optimizer.ParamGroups.Count}", nameof(state));
            LastEpoch = dict["last_epoch"].GetInt64();
            BaseLrs = baseLrs;
            lastLr = last;
            LoadExtraState(dict);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ArgumentException($"malformed scheduler state: {e.Message}", nameof(state), e);
        }
    }

    /// <summary>Schedule-specific state to save.</summary>
    private protected virtual IEnumerable<(string Key, JsonElement Value)> ExtraState() => [];

    /// <summary>Restores schedule-specific state.</summary>
    private protected virtual void LoadExtraState(IReadOnlyDictionary<string, JsonElement> state) { }

    private protected static JsonElement Json(long value) => JsonSerializer.SerializeToElement(value, SchedulerJson.Default.Int64);

    private protected static void Check(bool condition, string parameter, string message)
    {
        if (!condition) throw new ArgumentException(message, parameter);
    }

    private protected static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
