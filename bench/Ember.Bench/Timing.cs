using System.Diagnostics;
using System.Globalization;

namespace Ember.Bench;

/// <summary>Timing and output as ../shared/bench/SPEC.md prescribes: best of repeated runs after warm-up.</summary>
internal static class Timing
{
    public static bool Quick { get; set; }

    /// <summary>Best time in seconds of one call of <paramref name="fn"/> over at least minTime of timed work.</summary>
    /// <paramref name="warmupTime"/>: keep calling it this many seconds first, so that methods that
    /// run only inside it have been recompiled by the tiered JIT (which waits ~100 ms and 30 calls).
    public static double BestOf(Action fn, double? minTime = null, int warmup = 2, double warmupTime = 0)
    {
        double budget = minTime ?? (Quick ? 0.15 : 0.5);
        for (int i = 0; i < warmup; i++) fn();
        for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < warmupTime;) fn();
        double best = double.MaxValue;
        var total = Stopwatch.StartNew();
        for (int n = 1; ; n++)
        {
            long s = Stopwatch.GetTimestamp();
            fn();
            double t = Stopwatch.GetElapsedTime(s).TotalSeconds;
            best = Math.Min(best, t);
            if (total.Elapsed.TotalSeconds > budget && n >= 3) return best;
        }
    }

    public static void Emit(string name, double value, string unit, string better) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"name\": \"{name}\", \"value\": {Math.Round(value, 4)}, \"unit\": \"{unit}\", \"better\": \"{better}\"}}"));
}
