using NUnit.Framework;
using static Ember.Tests.Api.AutogradTests;

namespace Ember.Tests.Api;

/// <summary>Autograd through reductions and matrix products from the managed API (values from PyTorch 1.13).</summary>
[TestFixture]
public sealed class AutogradReductionTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    [Test]
    public void SumAndMeanGiveScalarLosses()
    {
        Tensor x = Leaf(1, 2, 3);
        Tensor loss = (x * x).Sum();
        Assert.That(loss.GradFn, Is.EqualTo("SumBackward0"));
        loss.Backward();
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 2.0, 4.0, 6.0 }));

        Tensor m = Tensor.From(new[] { 1.0, 2.0, 3.0, 4.0 }, 2, 2).RequiresGrad_();
        Tensor rowMeans = m.Mean(1);
        Assert.That(rowMeans.GradFn, Is.EqualTo("MeanBackward1"));
        rowMeans.Sum().Backward();
        Assert.That(Values(m.Grad), Is.EqualTo(new[] { 0.5, 0.5, 0.5, 0.5 }));
    }

    [Test]
    public void MatMulGradientsAreTheTransposedProducts()
    {
        Tensor a = Tensor.From(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, 2, 3).RequiresGrad_();
        Tensor b = Tensor.From(new[] { 1.0, -1.0, 0.5, 2.0, 0.0, 1.0 }, 3, 2).RequiresGrad_();
        Tensor c = a.MatMul(b);
        Assert.That(c.GradFn, Is.EqualTo("MmBackward0"));
        c.Sum().Backward();
        // d/da = ones(2,2) @ b.T, d/db = a.T @ ones(2,2) (torch 1.13)
        Assert.That(Values(a.Grad), Is.EqualTo(new[] { 0.0, 2.5, 1.0, 0.0, 2.5, 1.0 }));
        Assert.That(Values(b.Grad), Is.EqualTo(new[] { 5.0, 5.0, 7.0, 7.0, 9.0, 9.0 }));
    }

    [Test]
    public void GradCheckOverMatMulSumAndBroadcasting()
    {
        Tensor a = Tensor.From(new[] { 0.1, -0.2, 0.3, 0.4, -0.5, 0.6 }, 2, 3).RequiresGrad_();
        Tensor b = Tensor.From(new[] { 0.7, -0.1, 0.2 }).RequiresGrad_();
        GradCheck.Check(xs => (xs[0] * xs[1]).Tanh().Sum(), new[] { a, b });
        GradCheck.CheckSecondOrder(xs => (xs[0] * xs[1]).Tanh().Sum(), new[] { a, b });
        GradCheck.Check(xs => xs[0].MatMul(xs[0].T).Exp(), new[] { a });
        GradCheck.CheckSecondOrder(xs => xs[0].MatMul(xs[0].T).Sin(), new[] { a });
    }

    [Test]
    public void LinearRegressionTrainsWithAutograd()
    {
        Tensor.ManualSeed(7);
        Tensor x = Tensor.Randn([64, 3], DType.Float64);
        Tensor trueW = Tensor.From(new[] { 1.5, -2.0, 0.5 }, 3, 1);
        Tensor y = x.MatMul(trueW) + 0.25;
        Tensor w = Tensor.Zeros([3, 1], DType.Float64).RequiresGrad_();
        Tensor bias = Tensor.Zeros([1], DType.Float64).RequiresGrad_();
        double first = 0, last = 0;
        for (int step = 0; step < 200; step++)
        {
            using DisposeScope stepScope = DisposeScope.Begin();
            Tensor error = x.MatMul(w) + bias - y;
            Tensor loss = (error * error).Mean();
            loss.Backward();
            using (Autograd.NoGrad())
            {
                w.Sub_(w.Grad! * 0.1);
                bias.Sub_(bias.Grad! * 0.1);
            }

            w.Grad = null;
            bias.Grad = null;
            last = loss.Item<double>();
            if (step == 0)
            {
                first = last;
            }
        }

        Assert.That(last, Is.LessThan(first * 1e-4));
        Assert.That(w.ToArray<double>(), Is.EqualTo(new[] { 1.5, -2.0, 0.5 }).Within(1e-2));
        Assert.That(bias.Item<double>(), Is.EqualTo(0.25).Within(1e-2));
    }
}
