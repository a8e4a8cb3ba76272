// The main example: a small convolutional network learns Fashion-MNIST (Debian's
// dataset-fashion-mnist) on the CPU, reports loss, accuracy and throughput per epoch, saves a
// checkpoint that resumes training exactly, and ends with the line "test accuracy: NN.NN%".
//
//   dotnet run --project examples/FashionMnist -c Release -- [--epochs 5] [--batch-size 128]
//       [--lr 0.002] [--limit N] [--checkpoint path] [--resume]
using System.Diagnostics;
using Ember;
using Ember.Data;
using Ember.Data.Datasets;
using Ember.Examples;
using Ember.IO;
using Ember.NN;
using Ember.Optim;
using Microsoft.Extensions.Logging;

var options = Options.Parse(args);
using var console = new ExampleConsole("FashionMnist");
var log = console.Log;

if (!Directory.Exists(options.Root))
{
    log.LogError("Fashion-MNIST not found in {Root}: install Debian's dataset-fashion-mnist (./build.sh deps does).", options.Root);
    return 2;
}

Tensor.ManualSeed(options.Seed);
log.LogInformation("Ember {Version}, CPU kernels {Isa}, {Threads} threads", EmberRuntime.Version, EmberRuntime.CpuIsa, EmberRuntime.NumThreads);

// The whole data set fits in memory: normalise it once with tensor ops (mean/std of the training set).
using var train = LoadNormalized(options.Root, train: true, options.Limit);
using var test = LoadNormalized(options.Root, train: false, limit: null);
log.LogInformation("train {Train} images, test {Test} images", train.Count, test.Count);

using var model = new Sequential(
    new Conv2d(1, 32, 3, padding: 1), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),
    new Conv2d(32, 64, 3, padding: 1), new BatchNorm2d(64), new ReLU(), new MaxPool2d(2),
    new Flatten(), new Linear(64 * 7 * 7, 128), new ReLU(), new Dropout(0.25), new Linear(128, 10));
log.LogInformation("model: {Parameters:N0} parameters\n{Model}", model.Parameters().Sum(p => p.Numel()), model);

using var optimizer = new Adam(model.Parameters(), lr: options.LearningRate);
var loader = DataLoader.Create(train, batchSize: options.BatchSize, shuffle: true, seed: options.Seed);
var scheduler = new Ember.Optim.Schedulers.OneCycleLR(optimizer, maxLr: options.LearningRate,
    totalSteps: (int)(options.Epochs * loader.Count));
using var lossFunction = new CrossEntropyLoss();

int startEpoch = 0;
if (options.Resume && File.Exists(options.CheckpointPath))
{
    var state = Checkpoint.Load(options.CheckpointPath, model, optimizer, scheduler);
    startEpoch = (int)state.Epoch;
    log.LogInformation("resumed from {Path} at epoch {Epoch} (step {Step})", options.CheckpointPath, startEpoch, state.Step);
}

long step = startEpoch * loader.Count;
for (int epoch = startEpoch; epoch < options.Epochs; epoch++)
{
    model.Train();
    double lossSum = 0;
    long correct = 0, seen = 0;
    var clock = Stopwatch.StartNew();
    console.WithProgress($"epoch {epoch + 1}/{options.Epochs}", loader.Count, report =>
    {
        long batchIndex = 0;
        foreach (var batch in loader.GetEpoch(epoch))
        {
            using var scope = DisposeScope.Begin();
            scope.Attach(batch[0]);
            scope.Attach(batch[1]);
            var (images, labels) = (batch[0], batch[1]);
            var logits = model.Call(images);
            var loss = lossFunction.Call(logits, labels);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            scheduler.Step();
            step++;

            using (Autograd.NoGrad())
            {
                lossSum += loss.Item<float>() * images.Size(0);
                correct += logits.ArgMax(1).Eq(labels).Sum().Item<long>();
            }

            seen += images.Size(0);
            report(++batchIndex, $"loss {lossSum / seen:F4}");
        }
    });

    double seconds = clock.Elapsed.TotalSeconds;
    double testAccuracy = Evaluate(model, test);
    log.LogInformation(
        "epoch {Epoch}/{Epochs}: loss {Loss:F4}, train accuracy {TrainAcc:P2}, test accuracy {TestAcc:P2}, {Rate:N0} images/s ({Seconds:F1} s)",
        epoch + 1, options.Epochs, lossSum / seen, (double)correct / seen, testAccuracy, seen / seconds, seconds);
    Checkpoint.Save(options.CheckpointPath, model, optimizer, scheduler, epoch: epoch + 1, step: step);
}

double accuracy = Evaluate(model, test);
log.LogInformation("checkpoint saved to {Path}", options.CheckpointPath);
Console.WriteLine($"test accuracy: {accuracy * 100:F2}%");
return 0;

// Accuracy of the model on a whole data set, in evaluation mode and without recording.
static double Evaluate(Sequential model, TensorDataset data)
{
    model.Eval();
    using var _ = Autograd.NoGrad();
    long correct = 0;
    foreach (var batch in DataLoader.Create(data, batchSize: 1000))
    {
        using var scope = DisposeScope.Begin();
        scope.Attach(batch[0]);
        scope.Attach(batch[1]);
        correct += model.Call(batch[0]).ArgMax(1).Eq(batch[1]).Sum().Item<long>();
    }

    model.Train();
    return (double)correct / data.Count;
}

// Fashion-MNIST as float32 images normalised with the training set's mean and standard deviation.
static TensorDataset LoadNormalized(string root, bool train, long? limit)
{
    const double Mean = 0.2860, Std = 0.3530;
    using var raw = new FashionMnist(root, train, ImageFormat.Float32);
    long n = Math.Min(limit ?? raw.Count, raw.Count);
    using var images = raw.Images.Narrow(0, 0, n);
    using var labels = raw.Labels.Narrow(0, 0, n);
    return new TensorDataset((images - Mean) / Std, labels.Clone());
}

sealed record Options(int Epochs, int BatchSize, double LearningRate, long? Limit, string CheckpointPath, bool Resume, ulong Seed, string Root)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(5, 128, 0.004, null, Path.Combine(Path.GetTempPath(), "ember-fashion-mnist.ckpt"), false, 42,
                            FashionMnist.DefaultRoot);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--epochs" => o with { Epochs = int.Parse(Next()) },
                "--batch-size" => o with { BatchSize = int.Parse(Next()) },
                "--lr" => o with { LearningRate = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--limit" => o with { Limit = long.Parse(Next()) },
                "--checkpoint" => o with { CheckpointPath = Next() },
                "--resume" => o with { Resume = true },
                "--seed" => o with { Seed = ulong.Parse(Next()) },
                "--data" => o with { Root = Next() },
                _ => throw new ArgumentException($"unknown option {args[i]} (see the comment at the top of Program.cs)"),
            };
        }

        return o;
    }
}
