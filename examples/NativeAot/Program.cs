// Ember in a NativeAOT executable: classifies two interleaved spirals with a small MLP.
//
// The data are generated in managed arrays and wrapped as tensors without copying (FromBuffer);
// training goes through the parts of Ember that lean on generics, delegates and JSON (DataLoader,
// modules and their hooks, Adam, the checkpoint's optimizer state), so that an AOT-incompatible
// construct in any of them would show up here, as a publish warning or as a failure at run time.
//
//   ./build.sh aot-sample        publishes it (PublishAot=true, linux-x64) and runs the executable
//
// It prints "epoch N: loss X" lines, "final loss: X", the native library it loaded and, last,
// "accuracy: NN.NN%" (of the model restored from a checkpoint); it exits 1 if the accuracy is
// below --min-accuracy (default 95).
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Ember;
using Ember.Data;
using Ember.IO;
using Ember.Native;
using Ember.NN;
using Ember.Optim;

int epochs = 60;
double minAccuracy = 95;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--epochs": epochs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--min-accuracy": minAccuracy = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"usage: NativeAot [--epochs N] [--min-accuracy PERCENT] (unknown '{args[i]}')"); return 2;
    }
}

Console.WriteLine($"NativeAOT: {!RuntimeFeature.IsDynamicCodeSupported}");
Tensor.ManualSeed(7);

// Two spirals of 500 points each, 1.5 turns, with a little noise: (x, y) -> class 0 or 1.
const int PerClass = 500, Samples = 2 * PerClass;
float[] points = new float[Samples * 2];
long[] classes = new long[Samples];
var random = new Random(7);
for (int c = 0; c < 2; c++)
{
    for (int i = 0; i < PerClass; i++)
    {
        int n = c * PerClass + i;
        double r = 0.1 + 0.9 * i / PerClass, theta = 3 * Math.PI * i / PerClass + c * Math.PI;
        points[2 * n] = (float)(r * Math.Cos(theta) + 0.02 * Gaussian(random));
        points[2 * n + 1] = (float)(r * Math.Sin(theta) + 0.02 * Gaussian(random));
        classes[n] = c;
    }
}

// Zero-copy: the tensors use the arrays' memory (pinned until the last tensor is released).
using var x = Tensor.FromBuffer(points, Samples, 2);
using var y = Tensor.FromBuffer(new Memory<long>(classes));
using var data = new TensorDataset(x, y);
var loader = DataLoader.Create(data, batchSize: 100, shuffle: true, seed: 7);

using var model = Mlp();
using var optimizer = new Adam(model.Parameters(), lr: 0.01);
using var lossFunction = new CrossEntropyLoss();
var clock = Stopwatch.StartNew();
double loss = double.NaN;
for (int epoch = 0; epoch < epochs; epoch++)
{
    double sum = 0;
    foreach (Tensor[] batch in loader.GetEpoch(epoch))
    {
        using var scope = DisposeScope.Begin();
        scope.Attach(batch[0]);
        scope.Attach(batch[1]);
        var batchLoss = lossFunction.Call(model.Call(batch[0]), batch[1]);
        optimizer.ZeroGrad();
        batchLoss.Backward();
        optimizer.Step();
        sum += batchLoss.Item<float>() * batch[0].Size(0);
    }

    loss = sum / Samples;
    if (epoch % 10 == 0 || epoch == epochs - 1)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch + 1}: loss {loss:F4}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained {epochs} epochs in {clock.Elapsed.TotalSeconds:F2} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final loss: {loss:F4}"));

// A checkpoint round trip (safetensors plus the optimizer's JSON state), then evaluation of the
// restored model, reading the predictions straight from the tensor's memory (AsSpan).
string checkpoint = Path.Combine(Path.GetTempPath(), $"ember-nativeaot-{Environment.ProcessId}.ckpt");
try
{
    Checkpoint.Save(checkpoint, model, optimizer, epoch: epochs);
    using var restored = Mlp();
    using var restoredOptimizer = new Adam(restored.Parameters(), lr: 0.01);
    CheckpointInfo info = Checkpoint.Load(checkpoint, restored, restoredOptimizer);
    restored.Eval();
    using var noGrad = Autograd.NoGrad();
    using var predictions = restored.Call(x).ArgMax(1);
    int correct = 0;
    ReadOnlySpan<long> predicted = predictions.AsReadOnlySpan<long>();
    for (int n = 0; n < Samples; n++)
        if (predicted[n] == classes[n]) correct++;
    Console.WriteLine($"restored the checkpoint of epoch {info.Epoch}");
    // Loaded at the first native call through Ember.Native's DllImport resolver, which under
    // NativeAOT finds the library next to the executable (AppContext.BaseDirectory).
    Console.WriteLine($"native library: {NativeLibraryResolver.LoadedPath}");
    double accuracy = 100.0 * correct / Samples;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {accuracy:F2}%"));
    return accuracy >= minAccuracy ? 0 : 1;
}
finally
{
    File.Delete(checkpoint);
}

static Sequential Mlp() => new(new Linear(2, 64), new Tanh(), new Linear(64, 64), new Tanh(), new Linear(64, 2));

static double Gaussian(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

