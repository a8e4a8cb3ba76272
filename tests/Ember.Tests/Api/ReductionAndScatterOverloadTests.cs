using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>
/// Overloads the fixtures reach only in one form: ArgMax/ArgMin over all elements with keepDim, Add
/// and Add_ with a bool alpha, in-place Scatter_ with a reduction. Expected values are PyTorch 1.13's.
/// </summary>
[TestFixture]
public sealed class ReductionAndScatterOverloadTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    [Test]
    public void ArgMaxOverAllElementsKeepsEveryDimWithSizeOne()
    {
        // x = arange(24.).reshape(2, 3, 4); x[1, 2, 1] = 100: torch.argmax(x, keepdim=True) is tensor([[[21]]]).
        Tensor x = Tensor.Arange(24).To(DType.Float32).Reshape(2, 3, 4);
        x[1, 2, 1] = 100.0;
        TestHelpers.AssertTensor(x.ArgMax(keepDim: true), DType.Int64, [1, 1, 1], new long[] { 21 });
        TestHelpers.AssertTensor(x.ArgMin(keepDim: true), DType.Int64, [1, 1, 1], new long[] { 0 });
        TestHelpers.AssertTensor(x.ArgMax(), DType.Int64, [], new long[] { 21 });
    }

    [Test]
    public void ArgMaxOfAScalarWithKeepDimIsAScalar()
    {
        TestHelpers.AssertTensor(((Tensor)5.0).ArgMax(keepDim: true), DType.Int64, [], new long[] { 0 });
    }

    [Test]
    public void AddWithABoolAlpha()
    {
        Tensor a = Tensor.From(new[] { true, false, false }), b = Tensor.From(new[] { false, true, false });
        TestHelpers.AssertTensor(a.Add(b, true), DType.Bool, [3], new[] { true, true, false });
        TestHelpers.AssertTensor(a.Add(b, false), DType.Bool, [3], new[] { true, false, false });
        Assert.That(a.Add_(b, true), Is.SameAs(a));
        TestHelpers.AssertTensor(a, DType.Bool, [3], new[] { true, true, false });
    }

    [Test]
    public void ABoolAlphaNeedsABoolResult()
    {
        Tensor x = Tensor.Ones(2);
        var error = Assert.Throws<EmberDTypeException>(() => x.Add(x, true));
        Assert.That(error!.Message, Does.Contain("Boolean alpha only supported for Boolean results."));
        Assert.Throws<EmberDTypeException>(() => x.Add_(x, true));
    }

    [Test]
    public void ScatterInPlaceWithAReduction()
    {
        Tensor index = Tensor.From(new long[,] { { 0, 1, 0 } });
        Tensor source = Tensor.From(new[,] { { 2f, 3f, 4f } });

        Tensor product = Tensor.Ones(2, 3);
        Assert.That(product.Scatter_(0, index, source, ScatterReduction.Multiply), Is.SameAs(product));
        TestHelpers.AssertTensor(product, DType.Float32, [2, 3], new[] { 2f, 1f, 4f, 1f, 3f, 1f });

        Tensor sum = Tensor.Ones(2, 3);
        Assert.That(sum.Scatter_(0, index, source, ScatterReduction.Add), Is.SameAs(sum));
        TestHelpers.AssertTensor(sum, DType.Float32, [2, 3], new[] { 3f, 1f, 5f, 1f, 4f, 1f });
    }

    [Test]
    public void AnUndefinedScatterReductionIsAnArgumentError()
    {
        Tensor x = Tensor.Ones(2, 3);
        Tensor index = Tensor.From(new long[,] { { 0, 1, 0 } });
        Assert.Throws<EmberArgumentException>(() => x.Scatter_(0, index, x, (ScatterReduction)7));
        TestHelpers.AssertTensor(x, DType.Float32, [2, 3], new[] { 1f, 1f, 1f, 1f, 1f, 1f });
    }
}
