using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Ember.NN;
using Ember.Optim;
using Ember.Optim.Schedulers;
using NUnit.Framework;

namespace Ember.Tests.Optim;

/// <summary>
/// Runs tests/fixtures/optim.json (tests/fixtures/generate_optim.py, PyTorch 1.13): optimizer
/// trajectories over several steps (parameters after each step, for the same gradients), gradient
/// clipping, and learning-rate (and momentum) schedules.
/// </summary>
[TestFixture]
public sealed class OptimFixtureTests
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fixtures", "optim.json");
        JsonElement root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("ember-optim-fixtures"));
        return root;
    });

    private static IEnumerable<TestCaseData> Cases(string section) =>
        Root.Value.GetProperty(section).EnumerateArray().Select(c => new TestCaseData(c).SetName($"{section}/{c.GetProperty("name").GetString()}"));

    private static IEnumerable<TestCaseData> OptimizerCases() => Cases("optimizers");

    private static IEnumerable<TestCaseData> ClipCases() => Cases("clip");

    private static IEnumerable<TestCaseData> SchedulerCases() => Cases("schedulers");

    [TestCaseSource(nameof(OptimizerCases))]
    public void Optimizer(JsonElement c)
    {
        DType dtype = c.GetProperty("dtype").GetString() == "float32" ? DType.Float32 : DType.Float64;
        Tensor[] ps = c.GetProperty("params").EnumerateArray().Select(p => Make(p, dtype).RequiresGrad_()).ToArray();
        JsonElement defaults = c.GetProperty("defaults");
        var groups = c.GetProperty("groups").EnumerateArray()
                      .Select(g => (Params: g.GetProperty("params").EnumerateArray().Select(i => ps[i.GetInt32()]).ToArray(),
                                    Options: Merge(defaults, g.GetProperty("options"))))
                      .ToArray();
        using Ember.Optim.Optimizer opt = Build(c.GetProperty("optimizer").GetString()!, groups);
        double tol = dtype == DType.Float32 ? 2e-5 : 1e-10;
        int step = 0;
        foreach (JsonElement grads in c.GetProperty("grads").EnumerateArray())
        {
            JsonElement[] g = grads.EnumerateArray().ToArray();
            for (int i = 0; i < ps.Length; i++)
            {
                using Tensor grad = Tensor.From(Doubles(g[i]), ps[i].Shape.ToArray()).To(dtype);
                ps[i].Grad = grad;
            }

            opt.Step();
            JsonElement[] expected = c.GetProperty("expected")[step].EnumerateArray().ToArray();
            for (int i = 0; i < ps.Length; i++)
            {
                using Tensor detached = ps[i].Detach();
                TestHelpers.AssertClose(detached, dtype, Doubles(expected[i]), tol);
            }

            step++;
        }

        foreach (Tensor p in ps) p.Dispose();
    }

    [TestCaseSource(nameof(ClipCases))]
    public void Clip(JsonElement c)
    {
        DType dtype = c.GetProperty("dtype").GetString() == "float32" ? DType.Float32 : DType.Float64;
        JsonElement[] grads = c.GetProperty("grads").EnumerateArray().ToArray();
        Tensor[] ps = grads.Select(g => Tensor.Zeros(Shape(g), dtype: dtype).RequiresGrad_()).ToArray();
        for (int i = 0; i < ps.Length; i++)
        {
            using Tensor grad = Make(grads[i], dtype);
            ps[i].Grad = grad;
        }

        double tol = dtype == DType.Float32 ? 1e-5 : 1e-12;
        if (c.GetProperty("kind").GetString() == "norm")
        {
            using Tensor total = Utils.ClipGradNorm(ps, c.GetProperty("max_norm").GetDouble(), Num(c.GetProperty("norm_type")));
            Assert.That(total.Item<double>(), Is.EqualTo(Num(c.GetProperty("total_norm"))).Within(tol * 10));
        }
        else
        {
            Utils.ClipGradValue(ps, c.GetProperty("clip_value").GetDouble());
        }

        JsonElement[] expected = c.GetProperty("expected").EnumerateArray().ToArray();
        for (int i = 0; i < ps.Length; i++)
        {
            using Tensor grad = ps[i].Grad!;
            TestHelpers.AssertClose(grad, dtype, Doubles(expected[i]), tol);
            ps[i].Dispose();
        }
    }

    [TestCaseSource(nameof(SchedulerCases))]
    public void Scheduler(JsonElement c)
    {
        double[] groupLrs = Doubles(c.GetProperty("groups_lr"));
        Tensor[] ps = groupLrs.Select(_ => Tensor.Zeros([1]).RequiresGrad_()).ToArray();
        JsonElement optimizer = c.GetProperty("optimizer");
        using Ember.Optim.Optimizer opt = optimizer.GetProperty("kind").GetString() == "Adam"
            ? new Adam(ps.Select((p, i) => ((IEnumerable<Tensor>)[p], new AdamOptions { LearningRate = groupLrs[i] })))
            : new SGD(ps.Select((p, i) => ((IEnumerable<Tensor>)[p], new SGDOptions { LearningRate = groupLrs[i], Momentum = optimizer.GetProperty("momentum").GetDouble() })));
        JsonElement options = c.GetProperty("options");
        string kind = c.GetProperty("scheduler").GetString()!;
        double[][] lrs = c.GetProperty("lrs").EnumerateArray().Select(Doubles).ToArray();
        double[][]? momenta = c.TryGetProperty("momenta", out JsonElement m) ? m.EnumerateArray().Select(Doubles).ToArray() : null;
        int steps = c.GetProperty("steps").GetInt32();

        if (kind == "ReduceLROnPlateau")
        {
            var plateau = BuildPlateau(opt, options);
            double[] metrics = Doubles(c.GetProperty("metrics"));
            AssertRates(opt, lrs[0], momenta?[0], 0);
            for (int i = 0; i < steps; i++)
            {
                plateau.Step(metrics[i]);
                AssertRates(opt, lrs[i + 1], momenta?[i + 1], i + 1);
            }

            return;
        }

        LRScheduler scheduler = BuildScheduler(kind, opt, options);
        AssertRates(opt, lrs[0], momenta?[0], 0);
        for (int i = 0; i < steps; i++)
        {
            opt.Step();
            scheduler.Step();
            AssertRates(opt, lrs[i + 1], momenta?[i + 1], i + 1);
            Assert.That(scheduler.GetLastLr(), Is.EqualTo(lrs[i + 1]).Within(1e-12), $"get_last_lr after step {i + 1}");
        }

        // The scheduler's state resumes the schedule: a fresh scheduler over a restored optimizer follows the same rates.
        foreach (Tensor p in ps) p.Dispose();
    }

    [Test]
    public void SchedulerStateResumesTheSchedule()
    {
        using Tensor p = Tensor.Zeros([2]).RequiresGrad_();
        using var opt = new SGD([p], lr: 0.1, momentum: 0.9);
        var sched = new OneCycleLR(opt, maxLr: 1.0, totalSteps: 30);
        for (int i = 0; i < 10; i++) sched.Step();
        string state = sched.StateDict();
        using OptimizerStateDict optState = opt.StateDict();
        var expected = new List<double>();
        for (int i = 0; i < 10; i++)
        {
            sched.Step();
            expected.Add(opt.ParamGroups[0].LearningRate);
        }

        using var opt2 = new SGD([p], lr: 0.1, momentum: 0.9);
        var sched2 = new OneCycleLR(opt2, maxLr: 1.0, totalSteps: 30);
        opt2.LoadStateDict(optState);
        sched2.LoadStateDict(state);
        var resumed = new List<double>();
        for (int i = 0; i < 10; i++)
        {
            sched2.Step();
            resumed.Add(opt2.ParamGroups[0].LearningRate);
        }

        Assert.That(resumed, Is.EqualTo(expected));
    }

    private static void AssertRates(Ember.Optim.Optimizer opt, double[] lrs, double[]? momenta, int epoch)
    {
        double[] got = opt.ParamGroups.Select(g => g.LearningRate).ToArray();
        Assert.That(got, Is.EqualTo(lrs).Within(1e-12), $"lrs at epoch {epoch}");
        if (momenta is not null)
        {
            double[] gotM = opt.ParamGroups.Select(g => g.MomentumOrBeta1).ToArray();
            Assert.That(gotM, Is.EqualTo(momenta).Within(1e-12), $"momenta at epoch {epoch}");
        }
    }

    private static ReduceLROnPlateau BuildPlateau(Ember.Optim.Optimizer opt, JsonElement o)
    {
        PlateauMode mode = Str(o, "mode", "min") == "max" ? PlateauMode.Max : PlateauMode.Min;
        ThresholdMode tm = Str(o, "threshold_mode", "rel") == "abs" ? ThresholdMode.Abs : ThresholdMode.Rel;
        double[] minLrs = o.TryGetProperty("min_lr", out JsonElement ml)
            ? ml.ValueKind == JsonValueKind.Array ? Doubles(ml) : Enumerable.Repeat(ml.GetDouble(), opt.ParamGroups.Count).ToArray()
            : new double[opt.ParamGroups.Count];
        return new ReduceLROnPlateau(opt, minLrs, mode, D(o, "factor", 0.1), (long)D(o, "patience", 10), D(o, "threshold", 1e-4), tm,
                                     (long)D(o, "cooldown", 0), D(o, "eps", 1e-8));
    }

    private static LRScheduler BuildScheduler(string kind, Ember.Optim.Optimizer opt, JsonElement o) => kind switch
    {
        "StepLR" => new StepLR(opt, (long)D(o, "step_size", 0), D(o, "gamma", 0.1)),
        "MultiStepLR" => new MultiStepLR(opt, o.GetProperty("milestones").EnumerateArray().Select(e => e.GetInt64()), D(o, "gamma", 0.1)),
        "ExponentialLR" => new ExponentialLR(opt, D(o, "gamma", 0)),
        "CosineAnnealingLR" => new CosineAnnealingLR(opt, (long)D(o, "T_max", 0), D(o, "eta_min", 0)),
        "LinearLR" => new LinearLR(opt, D(o, "start_factor", 1.0 / 3), D(o, "end_factor", 1.0), (long)D(o, "total_iters", 5)),
        "OneCycleLR" => new OneCycleLR(
            opt,
            o.GetProperty("max_lr").ValueKind == JsonValueKind.Array
                ? Doubles(o.GetProperty("max_lr"))
                : Enumerable.Repeat(o.GetProperty("max_lr").GetDouble(), opt.ParamGroups.Count).ToArray(),
            totalSteps: o.TryGetProperty("total_steps", out JsonElement t) ? t.GetInt64() : null,
            epochs: o.TryGetProperty("epochs", out JsonElement e) ? e.GetInt64() : null,
            stepsPerEpoch: o.TryGetProperty("steps_per_epoch", out JsonElement s) ? s.GetInt64() : null,
            pctStart: D(o, "pct_start", 0.3),
            annealStrategy: Str(o, "anneal_strategy", "cos") == "linear" ? AnnealStrategy.Linear : AnnealStrategy.Cos,
            cycleMomentum: !o.TryGetProperty("cycle_momentum", out JsonElement cm) || cm.GetBoolean(),
            baseMomentum: D(o, "base_momentum", 0.85), maxMomentum: D(o, "max_momentum", 0.95),
            divFactor: D(o, "div_factor", 25), finalDivFactor: D(o, "final_div_factor", 1e4),
            threePhase: o.TryGetProperty("three_phase", out JsonElement tp) && tp.GetBoolean()),
        "SequentialLR" => new SequentialLR(
            opt,
            o.GetProperty("schedulers").EnumerateArray()
             .Select(x => BuildScheduler(x.GetProperty("scheduler").GetString()!, opt, x.GetProperty("options"))).ToArray(),
            o.GetProperty("milestones").EnumerateArray().Select(x => x.GetInt64()).ToArray()),
        _ => throw new ArgumentException($"no Ember counterpart for scheduler {kind}"),
    };

    private static Ember.Optim.Optimizer Build(string kind, (Tensor[] Params, Dictionary<string, JsonElement> Options)[] groups)
    {
        IEnumerable<(IEnumerable<Tensor>, T)> G<T>(Func<Dictionary<string, JsonElement>, T> f) =>
            groups.Select(g => ((IEnumerable<Tensor>)g.Params, f(g.Options)));
        return kind switch
        {
            "SGD" => new SGD(G(o => new SGDOptions
            {
                LearningRate = D(o, "lr", 1e-3), Momentum = D(o, "momentum", 0), Dampening = D(o, "dampening", 0),
                WeightDecay = D(o, "weight_decay", 0), Nesterov = B(o, "nesterov"), Maximize = B(o, "maximize"),
            })),
            "Adam" => new Adam(G(o => new AdamOptions
            {
                LearningRate = D(o, "lr", 1e-3), Betas = Betas(o), Eps = D(o, "eps", 1e-8), WeightDecay = D(o, "weight_decay", 0),
                Amsgrad = B(o, "amsgrad"), Maximize = B(o, "maximize"),
            })),
            "AdamW" => new AdamW(G(o => new AdamWOptions
            {
                LearningRate = D(o, "lr", 1e-3), Betas = Betas(o), Eps = D(o, "eps", 1e-8), WeightDecay = D(o, "weight_decay", 1e-2),
                Amsgrad = B(o, "amsgrad"), Maximize = B(o, "maximize"),
            })),
            "RMSprop" => new RMSprop(G(o => new RMSpropOptions
            {
                LearningRate = D(o, "lr", 1e-2), Alpha = D(o, "alpha", 0.99), Eps = D(o, "eps", 1e-8),
                WeightDecay = D(o, "weight_decay", 0), Momentum = D(o, "momentum", 0), Centered = B(o, "centered"),
                Maximize = B(o, "maximize"),
            })),
            "Adagrad" => new Adagrad(G(o => new AdagradOptions
            {
                LearningRate = D(o, "lr", 1e-2), LrDecay = D(o, "lr_decay", 0), WeightDecay = D(o, "weight_decay", 0),
                InitialAccumulatorValue = D(o, "initial_accumulator_value", 0), Eps = D(o, "eps", 1e-10), Maximize = B(o, "maximize"),
            })),
            _ => throw new ArgumentException($"no Ember counterpart for optimizer {kind}"),
        };
    }

    private static Dictionary<string, JsonElement> Merge(JsonElement defaults, JsonElement overrides)
    {
        var d = defaults.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        foreach (JsonProperty p in overrides.EnumerateObject()) d[p.Name] = p.Value;
        return d;
    }

    private static (double, double) Betas(Dictionary<string, JsonElement> o) =>
        o.TryGetValue("betas", out JsonElement b) ? (b[0].GetDouble(), b[1].GetDouble()) : (0.9, 0.999);

    private static double D(Dictionary<string, JsonElement> o, string key, double fallback) =>
        o.TryGetValue(key, out JsonElement v) ? Num(v) : fallback;

    private static bool B(Dictionary<string, JsonElement> o, string key) => o.TryGetValue(key, out JsonElement v) && v.GetBoolean();

    private static double D(JsonElement o, string key, double fallback) => o.TryGetProperty(key, out JsonElement v) ? Num(v) : fallback;

    private static string Str(JsonElement o, string key, string fallback) => o.TryGetProperty(key, out JsonElement v) ? v.GetString()! : fallback;

    private static double Num(JsonElement v) => v.ValueKind == JsonValueKind.String
        ? v.GetString() switch { "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, _ => double.NaN }
        : v.GetDouble();

    private static double[] Doubles(JsonElement a) => a.EnumerateArray().Select(Num).ToArray();

    private static long[] Shape(JsonElement t) => t.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();

    private static Tensor Make(JsonElement t, DType dtype)
    {
        using Tensor d = Tensor.From(Doubles(t.GetProperty("data")), Shape(t));
        return d.To(dtype);
    }
}
