using static Ember.Bench.Timing;

namespace Ember.Bench;

/// <summary>The workload groups; names, shapes and units match the PyTorch peer exactly.</summary>
internal static partial class Workloads
{
    public static void Matmul()
    {
        foreach (long n in new long[] { 512, 1024, 2048 })
        {
            using var a = Tensor.Randn(n, n);
            using var b = Tensor.Randn(n, n);
            double t = BestOf(() => { using var c = a.Mm(b); });
            Emit($"matmul_f32_{n}", 2.0 * n * n * n / t / 1e9, "GFLOP/s", "higher");
        }
    }

    public static void Conv()
    {
        using var x = Tensor.Randn(32, 64, 56, 56);
        using var w = Tensor.Randn(64, 64, 3, 3);
        long[] padding = { 1 };
        double t = BestOf(() => { using var y = NN.Functional.Conv2d(x, w, padding: padding); });
        Emit("conv2d_f32_n32_c64_56x56_k3", 2.0 * 32 * 64 * 64 * 9 * 56 * 56 / t / 1e9, "GFLOP/s", "higher");
    }

    public static void Elementwise()
    {
        const long n = 16L * 1024 * 1024;
        using var a = Tensor.Randn(n);
        using var b = Tensor.Randn(n);
        using var output = Tensor.Empty(n);
        double t = BestOf(() => a.Add(b, destination: output));
        Emit("add_f32_16M", 12.0 * n / t / 1e9, "GB/s", "higher");
        t = BestOf(() => a.Exp(destination: output));
        Emit("exp_f32_16M", 8.0 * n / t / 1e9, "GB/s", "higher");
        t = BestOf(() => { using var s = a.Sum(); });
        Emit("sum_f32_16M", 4.0 * n / t / 1e9, "GB/s", "higher");
        using var x = Tensor.Randn(4096, 1024);
        t = BestOf(() => { using var s = x.Softmax(-1); });
        Emit("softmax_f32_4096x1024", 8.0 * x.NumberOfElements / t / 1e9, "GB/s", "higher");
    }

    public static void Overhead()
    {
        using var a = Tensor.Randn(8);
        using var b = Tensor.Randn(8);
        int reps = Quick ? 5000 : 20000;
        double t = BestOf(() =>
        {
            for (int i = 0; i < reps; i++)
            {
                using var c = a + b;
            }
        }, minTime: 0.3, warmupTime: 0.3);
        Emit("small_add_overhead", t / reps * 1e9, "ns/op", "lower");

        using var x = Tensor.Randn(8).RequiresGrad_();
        // The best single chain, as the peer times it (timeit over one chain).
        t = BestOf(() =>
        {
            using var scope = DisposeScope.Begin();
            Tensor y = x;
            for (int i = 0; i < 100; i++) y = y * 1.0001 + 0.001;
            y.Sum().Backward();
        }, minTime: 0.3, warmupTime: 0.3);
        Emit("autograd_chain_100", t * 1e6, "us/step", "lower");
    }
}
