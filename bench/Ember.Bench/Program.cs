// Ember's side of ../shared/bench: `Ember.Bench [group ...] [--quick]` prints one JSON object per line.
// With no group named, every group but the optional ones (e2e, and Ember's own autocast) runs, in
// SPEC.md's order.
using Ember;
using Ember.Bench;

var groups = new (string Name, Action Run, bool Optional)[]
{
    ("matmul", Workloads.Matmul, false),
    ("conv", Workloads.Conv, false),
    ("elementwise", Workloads.Elementwise, false),
    ("overhead", Workloads.Overhead, false),
    ("training", Workloads.Training, false),
    ("e2e", Workloads.E2e, true),
    ("autocast", Workloads.AutocastTraining, true),
};

Timing.Quick = args.Contains("--quick");
var requested = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
EmberRuntime.NumThreads = int.TryParse(Environment.GetEnvironmentVariable("BENCH_THREADS"), out int threads) ? threads : 2;
Tensor.ManualSeed(0);

int status = 0;
foreach (string name in requested.Where(r => !groups.Any(g => g.Name == r)))
{
    Console.Error.WriteLine($"Ember.Bench: unknown group '{name}' (groups: {string.Join(", ", groups.Select(g => g.Name))})");
    status = 2;
}

// Like the peer: the groups run in the table's order, whatever order they were named in.
foreach (var group in groups)
{
    if (requested.Count == 0 ? !group.Optional : requested.Contains(group.Name)) group.Run();
}

return status;
