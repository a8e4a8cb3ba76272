// Ember's side of ../shared/bench: `Ember.Bench [group ...] [--quick]` prints one JSON object per line.
using Ember;
using Ember.Bench;

var groups = new Dictionary<string, Action>
{
    ["matmul"] = Workloads.Matmul,
    ["elementwise"] = Workloads.Elementwise,
    ["overhead"] = Workloads.Overhead,
};

Timing.Quick = args.Contains("--quick");
var requested = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
EmberRuntime.NumThreads = int.TryParse(Environment.GetEnvironmentVariable("BENCH_THREADS"), out int threads) ? threads : 2;
Tensor.ManualSeed(0);

foreach (var name in requested.Count > 0 ? requested : groups.Keys.ToList())
{
    if (groups.TryGetValue(name, out var run)) run();
    else Console.Error.WriteLine($"Ember.Bench: group '{name}' is not implemented yet");
}
