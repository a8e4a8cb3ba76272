using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Ember.NN;
using Ember.Optim;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>Autocast: which ops run in bfloat16, scope rules, and training that tracks float32.</summary>
[TestFixture]
public sealed class AutocastTests
{
    [Test]
    public void ScopesNestAndRestore()
    {
        Assert.That(Autocast.IsEnabled(), Is.False);
        Assert.That(Autocast.GetDType(), Is.EqualTo(DType.BFloat16));
        using (Autocast.Enable())
        {
            Assert.That(Autocast.IsEnabled(), Is.True);
            using (Autocast.Disable())
            {
                Assert.That(Autocast.IsEnabled(), Is.False);
            }

            using (Autocast.Enable(DType.Float16))
            {
                Assert.That(Autocast.GetDType(), Is.EqualTo(DType.Float16));
            }

            Assert.That((Autocast.IsEnabled(), Autocast.GetDType()), Is.EqualTo((true, DType.BFloat16)));
        }

        Assert.That(Autocast.IsEnabled(), Is.False);
        default(AutocastScope).Dispose();
    }

    [Test]
    public void BadArgumentsAreTyped()
    {
        Assert.Throws<EmberDTypeException>(() => Autocast.Enable(DType.Float64));
        Assert.Throws<EmberUnsupportedException>(() => Autocast.Enable(device: DeviceType.Cuda));
        Assert.That(Autocast.IsEnabled(), Is.False, "a refused scope changes nothing");
    }

    [Test]
    public void TheSettingIsPerThread()
    {
        using var scope = Autocast.Enable();
        bool seenElsewhere = true;
        var thread = new Thread(() => seenElsewhere = Autocast.IsEnabled());
        thread.Start();
        thread.Join();
        Assert.That(seenElsewhere, Is.False);
    }

    [Test]
    public void LinearRunsInBFloat16AndTheLossInFloat32()
    {
        Tensor.ManualSeed(3);
        using var layer = new Linear(16, 4);
        using Tensor x = Tensor.Randn(8, 16);
        using Tensor target = Tensor.From(new long[] { 0, 1, 2, 3, 0, 1, 2, 3 }, 8);
        using Tensor reference = layer.Forward(x);
        Tensor y, loss;
        using (Autocast.Enable())
        {
            y = layer.Forward(x);
            loss = Functional.CrossEntropy(y, target);
        }

        using (y)
        using (loss)
        {
            Assert.That(y.DType, Is.EqualTo(DType.BFloat16));
            Assert.That(loss.DType, Is.EqualTo(DType.Float32));
            using Tensor y32 = y.To(DType.Float32);
            using Tensor error = (y32 - reference).Abs().Max();
            Assert.That(error.Item<float>(), Is.LessThan(0.05f), "bfloat16 rounding only");
            loss.Backward();
            Assert.That(layer.Weight.Grad!.DType, Is.EqualTo(DType.Float32));
            Assert.That(layer.Bias!.Grad!.DType, Is.EqualTo(DType.Float32));
        }
    }

    [Test]
    public void MlpTrainingUnderAutocastTracksFloat32() =>
        AssertTracks(TrainMlp(autocast: false), TrainMlp(autocast: true), learnedBelow: 0.5, tolerance: 0.03);

    [Test]
    public void TransformerTrainingUnderAutocastTracksFloat32() =>
        AssertTracks(TrainTransformer(autocast: false), TrainTransformer(autocast: true), learnedBelow: 0.7, tolerance: 0.05);

    /// <summary>The float32 run learns, and the autocast run's loss stays near it at every step.</summary>
    private static void AssertTracks(float[] float32, float[] bfloat16, double learnedBelow, double tolerance)
    {
        TestContext.Out.WriteLine($"float32:  {string.Join(" ", float32.Select(l => l.ToString("F4")))}");
        TestContext.Out.WriteLine($"bfloat16: {string.Join(" ", bfloat16.Select(l => l.ToString("F4")))}");
        Assert.That(float32[^1], Is.LessThan(float32[0] * learnedBelow), "the float32 run learns");
        for (int i = 0; i < float32.Length; i++)
        {
            Assert.That(bfloat16[i], Is.EqualTo(float32[i]).Within(tolerance + (0.05 * float32[i])), $"step {i}");
        }
    }

    /// <summary>A 2-hidden-layer MLP on a fixed synthetic 4-class problem; the loss of every step.</summary>
    private static float[] TrainMlp(bool autocast)
    {
        Tensor.ManualSeed(11);
        using Tensor x = Tensor.Randn(256, 32);
        using Tensor projection = Tensor.Randn(32, 4);
        using Tensor target = x.MatMul(projection).ArgMax(1);
        using var model = new Sequential(new Linear(32, 64), new ReLU(), new Linear(64, 64), new ReLU(), new Linear(64, 4));
        using var optimizer = new AdamW(model.Parameters(), lr: 1e-2);
        return Train(model, optimizer, x, target, 40, autocast, logits => logits);
    }

    /// <summary>One encoder layer and a classifier on the mean token; the loss of every step.</summary>
    private static float[] TrainTransformer(bool autocast)
    {
        Tensor.ManualSeed(5);
        using Tensor x = Tensor.Randn(16, 12, 32);
        using Tensor target = x.Sum(new[] { 1, 2 }).Gt(0L).To(DType.Int64);
        using var layer = new TransformerEncoderLayer(32, 4, dimFeedforward: 64, dropout: 0.0, batchFirst: true);
        using var head = new Linear(32, 2);
        using var model = new Sequential(layer, head);
        using var optimizer = new AdamW(model.Parameters(), lr: 3e-3);
        return Train(model, optimizer, x, target, 20, autocast, logits => logits.Mean(1));
    }

    private static float[] Train(Module<Tensor, Tensor> model, Optimizer optimizer, Tensor x, Tensor target, int steps, bool autocast, Func<Tensor, Tensor> pool)
    {
        var losses = new List<float>();
        for (int step = 0; step < steps; step++)
        {
            using var scope = DisposeScope.Begin();
            optimizer.ZeroGrad();
            Tensor loss;
            using (autocast ? Autocast.Enable() : default)
            {
                loss = Functional.CrossEntropy(pool(model.Forward(x)), target);
            }

            Assert.That(loss.DType, Is.EqualTo(DType.Float32));
            loss.Backward();
            optimizer.Step();
            losses.Add(loss.Item<float>());
        }

        return losses.ToArray();
    }
}
