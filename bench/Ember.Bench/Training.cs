using System.Diagnostics;
using Ember.Data.Datasets;
using Ember.NN;
using Ember.Optim;
using static Ember.Bench.Timing;

namespace Ember.Bench;

/// <summary>The training groups: whole optimizer steps (zero_grad, forward, backward, step), as the peer times them.</summary>
internal static partial class Workloads
{
    public static void Training()
    {
        Emit("mlp_train_step_b256", MlpStep(autocast: false) * 1e3, "ms/step", "lower");
        Emit("lenet_train_step_b128", LeNetStep(autocast: false) * 1e3, "ms/step", "lower");
        Emit("transformer_layer_train_step_b16_s128_d256", TransformerStep(autocast: false) * 1e3, "ms/step", "lower");
    }

    /// <summary>
    /// Ember's own group (the peer has no counterpart, so compare.py skips it): the training steps
    /// under <see cref="Autocast"/> bfloat16 (oneDNN: AMX or AVX512-BF16).
    /// </summary>
    public static void AutocastTraining()
    {
        Emit("mlp_train_step_b256_autocast_bf16", MlpStep(autocast: true) * 1e3, "ms/step", "lower");
        Emit("lenet_train_step_b128_autocast_bf16", LeNetStep(autocast: true) * 1e3, "ms/step", "lower");
        Emit("transformer_layer_train_step_b16_s128_d256_autocast_bf16", TransformerStep(autocast: true) * 1e3, "ms/step", "lower");
    }

    private static double MlpStep(bool autocast)
    {
        using var mlp = new Sequential(new Linear(784, 1024), new ReLU(), new Linear(1024, 1024), new ReLU(), new Linear(1024, 10));
        using var x = Tensor.Randn(256, 784);
        using var y = Tensor.RandInt(10, new long[] { 256 });
        using var opt = new SGD(mlp.Parameters(), lr: 0.01, momentum: 0.9);
        return TrainStep(x => mlp.Call(x), x, y, opt, autocast);
    }

    private static double LeNetStep(bool autocast)
    {
        using var lenet = new Sequential(
            new Conv2d(1, 6, 5, padding: 2), new ReLU(), new MaxPool2d(2),
            new Conv2d(6, 16, 5), new ReLU(), new MaxPool2d(2), new Flatten(),
            new Linear(16 * 5 * 5, 120), new ReLU(), new Linear(120, 84), new ReLU(), new Linear(84, 10));
        using var x = Tensor.Randn(128, 1, 28, 28);
        using var y = Tensor.RandInt(10, new long[] { 128 });
        using var opt = new Adam(lenet.Parameters(), lr: 1e-3);
        return TrainStep(x => lenet.Call(x), x, y, opt, autocast);
    }

    private static double TransformerStep(bool autocast)
    {
        using var layer = new TransformerEncoderLayer(256, 4, dimFeedforward: 1024, dropout: 0.0, batchFirst: true);
        using var head = new Linear(256, 10);
        using var x = Tensor.Randn(16, 128, 256);
        using var y = Tensor.RandInt(10, new long[] { 16 });
        using var opt = new AdamW(layer.Parameters().Concat(head.Parameters()), lr: 1e-3);
        return TrainStep(x => head.Call(layer.Call(x).Mean(1)), x, y, opt, autocast);
    }

    /// <summary>Best seconds of one step: zero_grad, cross-entropy of model(x) against y, backward, step.</summary>
    private static double TrainStep(Func<Tensor, Tensor> model, Tensor x, Tensor y, Optimizer opt, bool autocast) => BestOf(() =>
    {
        using var scope = DisposeScope.Begin();
        opt.ZeroGrad();
        Tensor loss;
        using (autocast ? Autocast.Enable() : default)
        {
            loss = Functional.CrossEntropy(model(x), y);
        }

        loss.Backward();
        opt.Step();
    });

    /// <summary>
    /// One training epoch of the Fashion-MNIST CNN, data already in memory and normalised by its
    /// global mean and std, random order, batch 128, Adam 1e-3; timed once, like the peer (no warm-up).
    /// </summary>
    public static void E2e()
    {
        using var raw = new FashionMnist(FashionMnist.DefaultRoot, train: true, ImageFormat.Float32);
        using var mean = raw.Images.Mean();
        using var std = raw.Images.Std();
        using var centred = raw.Images - mean;
        using var images = centred / std;
        Tensor labels = raw.Labels;
        long n = Quick ? 6400 : 60000;

        using var net = new Sequential(
            new Conv2d(1, 32, 3, padding: 1), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),
            new Conv2d(32, 64, 3, padding: 1), new BatchNorm2d(64), new ReLU(), new MaxPool2d(2),
            new Flatten(), new Dropout(0.25), new Linear(64 * 49, 128), new ReLU(), new Linear(128, 10));
        using var opt = new Adam(net.Parameters(), lr: 1e-3);
        // torch.randperm(60000)[:n]: Ember has no randperm, so the argsort of uniform draws.
        using var draws = Tensor.Rand(60000);
        using var order = draws.ArgSort();
        using var perm = order.Narrow(0, 0, n);

        var clock = Stopwatch.StartNew();
        for (long i = 0; i < n; i += 128)
        {
            using var scope = DisposeScope.Begin();
            var idx = perm.Narrow(0, i, Math.Min(128, n - i));
            opt.ZeroGrad();
            Functional.CrossEntropy(net.Call(images.IndexSelect(0, idx)), labels.IndexSelect(0, idx)).Backward();
            opt.Step();
        }

        Emit("fashion_mnist_cnn_epoch" + (Quick ? "_quick" : ""), clock.Elapsed.TotalSeconds, "s/epoch", "lower");
    }
}
