using System;
using System.Linq;
using Ember.NN;
using Ember.Optim;
using NUnit.Framework;

namespace Ember.Tests.Optim;

/// <summary>What the trajectories cannot show: groups, skipped parameters, state dicts, bad input.</summary>
[TestFixture]
public sealed class OptimizerBehaviourTests
{
    [Test]
    public void ParametersWithoutGradientsAreSkipped()
    {
        using Tensor a = Tensor.Ones(3).RequiresGrad_();
        using Tensor b = Tensor.Ones(2).RequiresGrad_();
        using var opt = new Adam([a, b], lr: 0.1);
        using (Tensor g = Tensor.Ones(3)) a.Grad = g;
        opt.Step();
        Assert.That(b.ToArray<float>(), Is.EqualTo(new[] { 1f, 1f }));
        Assert.That(a.ToArray<float>(), Is.All.EqualTo(0.9f).Within(1e-6));
        using OptimizerStateDict state = opt.StateDict();
        Assert.That(state.Tensors.Keys, Is.EquivalentTo(new[] { "state.0.exp_avg", "state.0.exp_avg_sq" }));
    }

    [Test]
    public void StepDoesNotRecordAutogradAndBumpsTheVersion()
    {
        using Tensor w = Tensor.Ones(2).RequiresGrad_();
        using Tensor y = (w * w).Sum();
        y.Backward();
        using var opt = new SGD([w], lr: 0.5);
        opt.Step();
        Assert.That(w.IsLeaf, Is.True);
        Assert.That(w.GradFn, Is.Null);
        Assert.That(w.ToArray<float>(), Is.EqualTo(new[] { 0f, 0f }));
    }

    [Test]
    public void ZeroGradClearsOrZeroes()
    {
        using Tensor w = Tensor.Ones(2).RequiresGrad_();
        using var opt = new SGD([w]);
        using (Tensor g = Tensor.Ones(2)) w.Grad = g;
        opt.ZeroGrad(setToNone: false);
        using (Tensor? g = w.Grad) Assert.That(g!.ToArray<float>(), Is.EqualTo(new[] { 0f, 0f }));
        opt.ZeroGrad();
        Assert.That(w.Grad, Is.Null);
    }

    [Test]
    public void StepWithClosureReturnsTheLoss()
    {
        using Tensor w = Tensor.From(new[] { 2.0 }, 1).RequiresGrad_();
        using var opt = new SGD([w], lr: 0.25);
        using Tensor loss = opt.Step(() =>
        {
            opt.ZeroGrad();
            Tensor l = (w * w).Sum();
            l.Backward();
            return l;
        });
        Assert.That(loss.Item<double>(), Is.EqualTo(4.0));
        Assert.That(w.Item<double>(), Is.EqualTo(1.0));
    }

    [Test]
    public void GroupsHaveTheirOwnOptionsAndCanBeChanged()
    {
        using var model = new Sequential(new Linear(3, 4), new Linear(4, 2));
        using var opt = new SGD(
            [(model[0].Parameters(), new SGDOptions { LearningRate = 0.1 }), (model[1].Parameters(), new SGDOptions { LearningRate = 0.01, Momentum = 0.9 })]);
        Assert.That(opt.Groups.Select(g => g.LearningRate), Is.EqualTo(new[] { 0.1, 0.01 }));
        opt.Groups[1].Options = opt.Groups[1].Options with { Nesterov = true };
        Assert.That(opt.Groups[1].Options.Nesterov, Is.True);
        Assert.Throws<ArgumentOutOfRangeException>(() => opt.Groups[0].Options = opt.Groups[0].Options with { Nesterov = true });
        Assert.Throws<ArgumentOutOfRangeException>(() => opt.Groups[0].LearningRate = -1);
    }

    [Test]
    public void BadParametersAreRejected()
    {
        using Tensor w = Tensor.Ones(2).RequiresGrad_();
        using Tensor nonLeaf = w * 2;
        using Tensor ints = Tensor.Zeros([2], dtype: DType.Int64);
        Assert.That(() => new SGD([w, w]), Throws.ArgumentException.With.Message.Contains("more than one parameter group"));
        Assert.That(() => new SGD([nonLeaf]), Throws.ArgumentException.With.Message.Contains("non-leaf"));
        Assert.That(() => new SGD([ints]), Throws.ArgumentException.With.Message.Contains("floating-point"));
        Assert.That(() => new SGD(Array.Empty<Tensor>()), Throws.ArgumentException.With.Message.Contains("empty parameter list"));
        Assert.That(() => new Adam([w], lr: -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new Adam([w], beta2: 1.0), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("beta"));
        Assert.That(() => new SGD([w], momentum: 0, nesterov: true), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Float16ParametersGetATypedError()
    {
        using Tensor w = Tensor.Ones([2], dtype: DType.Float16).RequiresGrad_();
        using var opt = new SGD([w], lr: 0.1);
        using (Tensor g = Tensor.Ones([2], dtype: DType.Float16)) w.Grad = g;
        Assert.That(() => opt.Step(), Throws.InstanceOf<EmberDTypeException>().With.Message.Contains("float32 or float64"));
    }

    [Test]
    public void StridedGradientsAreRead()
    {
        using Tensor w = Tensor.Zeros(2, 3).RequiresGrad_();
        using var opt = new SGD([w], lr: 1);
        using (Tensor g = Tensor.From(new float[] { 1, 2, 3, 4, 5, 6 }, 3, 2))
        using (Tensor gt = g.T)
        {
            w.Grad = gt;
        }

        opt.Step();
        Assert.That(w.ToArray<float>(), Is.EqualTo(new float[] { -1, -3, -5, -2, -4, -6 }));
    }

    [Test]
    public void StateDictRoundTripContinuesTheSameTrajectory()
    {
        double[] Run(bool reload)
        {
            using Tensor w = Tensor.From(new[] { 1.0, -2.0, 3.0 }, 3).RequiresGrad_();
            var opt = new AdamW([w], lr: 0.1, amsgrad: true);
            for (int i = 0; i < 6; i++)
            {
                if (i == 3 && reload)
                {
                    using OptimizerStateDict state = opt.StateDict();
                    opt.Dispose();
                    opt = new AdamW([w], lr: 0.5);  // the loaded options replace these
                    opt.LoadStateDict(state);
                }

                opt.ZeroGrad();
                using (Tensor loss = (w * w * w).Sum()) loss.Backward();
                opt.Step();
            }

            opt.Dispose();
            return w.ToArray<double>();
        }

        Assert.That(Run(reload: true), Is.EqualTo(Run(reload: false)));
    }

    [Test]
    public void LoadStateDictRejectsAMismatchAndChangesNothing()
    {
        using Tensor a = Tensor.Ones(3).RequiresGrad_();
        using Tensor b = Tensor.Ones(4).RequiresGrad_();
        using var adam = new Adam([a], lr: 0.1);
        using (Tensor g = Tensor.Ones(3)) a.Grad = g;
        adam.Step();
        using OptimizerStateDict state = adam.StateDict();
        using var sgd = new SGD([a]);
        Assert.That(() => sgd.LoadStateDict(state), Throws.ArgumentException.With.Message.Contains("Adam"));
        using var other = new Adam([b], lr: 0.2);
        Assert.That(() => other.LoadStateDict(state), Throws.ArgumentException.With.Message.Contains("shape"));
        Assert.That(other.ParamGroups[0].LearningRate, Is.EqualTo(0.2));
        using var corrupt = new OptimizerStateDict(new System.Collections.Generic.Dictionary<string, Tensor>(), "{not json");
        Assert.That(() => adam.LoadStateDict(corrupt), Throws.ArgumentException.With.Message.Contains("malformed"));
    }

    [Test]
    public void ClipGradNormRejectsNonFiniteWhenAsked()
    {
        using Tensor w = Tensor.Ones(2).RequiresGrad_();
        using (Tensor g = Tensor.From(new[] { float.PositiveInfinity, 1f }, 2)) w.Grad = g;
        Assert.That(() => Utils.ClipGradNorm([w], 1.0, errorIfNonfinite: true),
                    Throws.InstanceOf<EmberArgumentException>().With.Message.Contains("non-finite"));
        using (Tensor? g = w.Grad) Assert.That(g!.ToArray<float>()[1], Is.EqualTo(1f), "nothing is scaled");
        using Tensor none = Utils.ClipGradNorm(Array.Empty<Tensor>(), 1.0);
        Assert.That(none.Item<float>(), Is.EqualTo(0f));
    }
}
