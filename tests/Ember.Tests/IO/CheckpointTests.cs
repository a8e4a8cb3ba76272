using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Ember.IO;
using Ember.NN;
using Ember.Optim;
using Ember.Optim.Schedulers;
using NUnit.Framework;

namespace Ember.Tests.IO;

/// <summary>Checkpoints resume training bit for bit and reject files that are not theirs.</summary>
[TestFixture]
public sealed class CheckpointTests
{
    private string dir = "";

    [SetUp]
    public void SetUp() => dir = Directory.CreateTempSubdirectory("ember-ckpt-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(dir, recursive: true);

    private static Sequential MakeModel() =>
        new(new Linear(4, 16), new BatchNorm1d(16), new ReLU(), new Dropout(0.3), new Linear(16, 1));

    /// <summary>Trains 12 steps; with a path, saves at step 5 and resumes from the file in fresh objects.</summary>
    private static float[] Train(string? checkpoint)
    {
        Generator.Default.ManualSeed(7);
        using Tensor x = Tensor.Randn(32, 4);
        using Tensor y = Tensor.Randn(32, 1);
        var model = MakeModel();
        var opt = new Adam(model.Parameters(), lr: 0.05);
        LRScheduler sched = new StepLR(opt, stepSize: 4, gamma: 0.5);
        for (int step = 0; step < 12; step++)
        {
            if (checkpoint is not null && step == 5)
            {
                Checkpoint.Save(checkpoint, model, opt, sched, epoch: 1, step: step,
                                metadata: new Dictionary<string, string> { ["note"] = "mid-run" });
                // Disturb everything the checkpoint must restore, then load into fresh objects.
                Generator.Default.ManualSeed(12345);
                model.Dispose();
                opt.Dispose();
                model = MakeModel();
                opt = new Adam(model.Parameters(), lr: 0.05);
                sched = new StepLR(opt, stepSize: 4, gamma: 0.5);
                CheckpointInfo info = Checkpoint.Load(checkpoint, model, opt, sched);
                Assert.That((info.Epoch, info.Step, info.Metadata["note"]), Is.EqualTo((1L, 5L, "mid-run")));
            }

            using var scope = DisposeScope.Begin();
            opt.ZeroGrad();
            Tensor loss = Functional.MseLoss(model.Call(x), y);
            loss.Backward();
            opt.Step();
            sched.Step();
        }

        float[] weights = model.Parameters().SelectMany(p => p.ToArray<float>()).ToArray();
        using (var buffers = DisposeScope.Begin())
        {
            weights = weights.Concat(model.StateDict().Values.SelectMany(t => t.Float().ToArray<float>())).ToArray();
        }

        model.Dispose();
        opt.Dispose();
        return weights;
    }

    [Test]
    public void ResumedTrainingIsBitIdentical()
    {
        float[] straight = Train(null);
        float[] resumed = Train(Path.Combine(dir, "run.ckpt"));
        Assert.That(resumed, Is.EqualTo(straight));
    }

    [Test]
    public void CheckpointIsAPlainSafetensorsFile()
    {
        string path = Path.Combine(dir, "plain.ckpt");
        using var model = MakeModel();
        using var opt = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
        foreach (Tensor p in model.Parameters())
        {
            using Tensor g = Tensor.OnesLike(p);
            p.Grad = g;
        }

        opt.Step();
        Checkpoint.Save(path, model, opt, epoch: 3, step: 9);
        using SafeTensorsFile file = SafeTensors.Open(path);
        Assert.That(file.Names, Does.Contain("model.0.weight").And.Contain("optimizer.state.0.momentum_buffer"));
        Assert.That(file.Metadata["ember.checkpoint"], Is.EqualTo("1"));
    }

    [Test]
    public void LoadRejectsFilesThatAreNotCheckpointsOrDoNotFit()
    {
        string plain = Path.Combine(dir, "weights.safetensors");
        using var model = MakeModel();
        SafeTensors.Save(plain, model.StateDict());
        Assert.That(() => Checkpoint.Load(plain, model), Throws.InstanceOf<EmberIOException>().With.Message.Contains("not an Ember checkpoint"));

        string noOptimizer = Path.Combine(dir, "model-only.ckpt");
        Checkpoint.Save(noOptimizer, model);
        using var opt = new Adam(model.Parameters());
        Assert.That(() => Checkpoint.Load(noOptimizer, model, opt), Throws.InstanceOf<EmberIOException>().With.Message.Contains("no optimizer state"));

        using var other = new Sequential(new Linear(4, 3));
        Assert.That(() => Checkpoint.Load(noOptimizer, other), Throws.Exception.With.Message.Contains("0.weight").Or.Message.Contains("Missing").Or.Message.Contains("Unexpected"));

        string truncated = Path.Combine(dir, "truncated.ckpt");
        byte[] bytes = File.ReadAllBytes(noOptimizer);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.That(() => Checkpoint.Load(truncated, model), Throws.InstanceOf<EmberIOException>());
    }
}
