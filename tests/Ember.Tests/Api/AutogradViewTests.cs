using NUnit.Framework;
using static Ember.Tests.Api.AutogradTests;

namespace Ember.Tests.Api;

/// <summary>Autograd through views from the managed API: view ops, slicing, in-place writes into views (values from PyTorch 1.13).</summary>
[TestFixture]
public sealed class AutogradViewTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    [Test]
    public void GradientsFlowBackThroughViewOps()
    {
        Tensor x = Tensor.Arange(0.0, 6.0, 1.0, DType.Float64).RequiresGrad_();
        Tensor y = x.View(2, 3).T * Tensor.From(new[] { 1.0, 2.0 });
        Assert.That(y.Shape.ToArray(), Is.EqualTo(new long[] { 3, 2 }));
        y.Backward(Tensor.OnesLike(y));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 1.0, 1.0, 1.0, 2.0, 2.0, 2.0 }));
    }

    [Test]
    public void ViewNodesHavePyTorchNames()
    {
        Tensor x = Tensor.Arange(0.0, 6.0, 1.0, DType.Float64).RequiresGrad_();
        Tensor m = x.View(2, 3);
        Assert.Multiple(() =>
        {
            Assert.That(m.GradFn, Is.EqualTo("ViewBackward0"));
            Assert.That(m.Transpose(0, 1).GradFn, Is.EqualTo("TransposeBackward0"));
            Assert.That(m[0].GradFn, Is.EqualTo("SelectBackward0"));
        });
    }

    [Test]
    public void AnInPlaceWriteIntoAViewIsDifferentiated()
    {
        Tensor x = Leaf(1, 2, 3);
        Tensor z = x * 1.0;
        z[1..].Mul_(10.0);
        z.Backward(Tensor.OnesLike(z));
        Assert.That(Values(x.Grad), Is.EqualTo(new[] { 1.0, 10.0, 10.0 }));
        Assert.That(z.GradFn, Is.EqualTo("CopySlices"));
    }

    [Test]
    public void GradCheckThroughATransposeAndSlices()
    {
        Tensor x = Tensor.From(new[] { 0.1, -0.2, 0.3, 0.4, -0.5, 0.6 }, 2, 3).RequiresGrad_();
        GradCheck.Check(xs => xs[0].T[1..].Exp() * xs[0].T[..2], new[] { x });
        GradCheck.CheckSecondOrder(xs => xs[0].T.Sin() * xs[0].T, new[] { x });
    }
}
