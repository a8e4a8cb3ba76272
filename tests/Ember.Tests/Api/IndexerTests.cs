using System;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>
/// PyTorch's x[...] through the indexers: integers, Index/Range, several entries, Ellipsis/NewAxis,
/// the string syntax, tensor indices, and assignment. Expected values are PyTorch's for
/// <c>t = torch.arange(12).reshape(3, 4)</c>.
/// </summary>
[TestFixture]
public sealed class IndexerTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    private static Tensor T() => Tensor.Arange(12).View(3, 4);

    [Test]
    public void AnIntegerSelectsARow()
    {
        Tensor t = T();
        TestHelpers.AssertTensor(t[1], DType.Int64, [4], new long[] { 4, 5, 6, 7 });
        TestHelpers.AssertTensor(t[-1], DType.Int64, [4], new long[] { 8, 9, 10, 11 });
        TestHelpers.AssertTensor(t[^1], DType.Int64, [4], new long[] { 8, 9, 10, 11 });
        Assert.That(t[1].SharesStorage(t), Is.True, "basic indexing gives a view");
    }

    [Test]
    public void TwoIntegersSelectAnElement()
    {
        Tensor t = T();
        Tensor element = t[2, 1];
        Assert.That(element.Dim, Is.Zero);
        Assert.That(element.Item<long>(), Is.EqualTo(9));
    }

    [Test]
    public void ARangeSlices()
    {
        Tensor t = T();
        TestHelpers.AssertTensor(t[1..3], DType.Int64, [2, 4], new long[] { 4, 5, 6, 7, 8, 9, 10, 11 });
        TestHelpers.AssertTensor(t[.., 0], DType.Int64, [3], new long[] { 0, 4, 8 });
        TestHelpers.AssertTensor(t[..^1, 2..], DType.Int64, [2, 2], new long[] { 2, 3, 6, 7 });
        TestHelpers.AssertTensor(t[^2.., ^1], DType.Int64, [2], new long[] { 7, 11 });
    }

    [Test]
    public void EllipsisAndNewAxis()
    {
        Tensor t = T();
        TestHelpers.AssertTensor(t[TensorIndex.Ellipsis, 1], DType.Int64, [3], new long[] { 1, 5, 9 });
        Assert.That(t[TensorIndex.NewAxis].Shape.ToArray(), Is.EqualTo(new long[] { 1, 3, 4 }));
        Assert.That(t[.., TensorIndex.None, 0].Shape.ToArray(), Is.EqualTo(new long[] { 3, 1 }));
        TestHelpers.AssertTensor(t[TensorIndex.Slice(step: 2)], DType.Int64, [2, 4], new long[] { 0, 1, 2, 3, 8, 9, 10, 11 });
    }

    [Test]
    public void TheStringSyntaxIsPythons()
    {
        Tensor t = T();
        TestHelpers.AssertTensor(t["..., 1:3"], DType.Int64, [3, 2], new long[] { 1, 2, 5, 6, 9, 10 });
        TestHelpers.AssertTensor(t[":, None, -1"], DType.Int64, [3, 1], new long[] { 3, 7, 11 });
        TestHelpers.AssertTensor(t["::2"], DType.Int64, [2, 4], new long[] { 0, 1, 2, 3, 8, 9, 10, 11 });
        TestHelpers.AssertTensor(t["1, 1::2"], DType.Int64, [2], new long[] { 5, 7 });
        TestHelpers.AssertTensor(t["-3:-1, 0"], DType.Int64, [2], new long[] { 0, 4 });
    }

    [Test]
    public void TensorIndicesCopy()
    {
        Tensor t = T();
        Tensor rows = Tensor.From(new long[] { 2, 0 });
        Tensor picked = t[rows];
        TestHelpers.AssertTensor(picked, DType.Int64, [2, 4], new long[] { 8, 9, 10, 11, 0, 1, 2, 3 });
        Assert.That(picked.SharesStorage(t), Is.False, "advanced indexing copies");

        Tensor mask = t > 8L;
        TestHelpers.AssertTensor(t[mask], DType.Int64, [3], new long[] { 9, 10, 11 });
        TestHelpers.AssertTensor(t[.., Tensor.From(new long[] { 3, 1 })], DType.Int64, [3, 2], new long[] { 3, 1, 7, 5, 11, 9 });
    }

    [Test]
    public void AssignmentWritesTheSelection()
    {
        Tensor t = T();
        t[0] = 100L;
        t[1.., ^1] = -1L;
        t["2, :2"] = Tensor.From(new long[] { 7, 8 });
        Assert.That(t.ToArray<long>(), Is.EqualTo(new long[] { 100, 100, 100, 100, 4, 5, 6, -1, 7, 8, 10, -1 }));
    }

    [Test]
    public void AssignmentWithAMaskOrIndexTensorPutsValues()
    {
        Tensor t = T().To(DType.Float32);
        t[t.Lt(3L)] = 0.5;
        t[Tensor.From(new long[] { 2 }), Tensor.From(new long[] { 3 })] = 42.0;
        Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 0.5f, 0.5f, 0.5f, 3, 4, 5, 6, 7, 8, 9, 10, 42 }));
    }

    [Test]
    public void AssignmentBroadcastsAndDropsLeadingOnes()
    {
        Tensor t = Tensor.Zeros(2, 3);
        t[0] = Tensor.Ones(1, 3); // PyTorch strips the leading size-1 dim of the value
        t[..] = t + 1.0;
        Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 2, 2, 2, 1, 1, 1 }));
    }

    [Test]
    public void OutOfRangeIsAnIndexError()
    {
        Tensor t = T();
        Assert.Multiple(() =>
        {
            Assert.Throws<EmberIndexException>(() => _ = t[3]);
            Assert.Throws<EmberIndexException>(() => _ = t[0, -5]);
            Assert.Throws<EmberIndexException>(() => _ = t[0, 0, 0], "too many indices");
            Assert.Throws<EmberIndexException>(() => _ = t[TensorIndex.Ellipsis, 0, TensorIndex.Ellipsis], "two ellipses");
            Assert.Throws<EmberIndexException>(() => _ = t[Tensor.From(new long[] { 5 })]);
        });
    }

    [Test]
    public void AMalformedIndexStringIsAFormatError()
    {
        Tensor t = T();
        Assert.Throws<FormatException>(() => _ = t["1:2:3:4"]);
        Assert.Throws<FormatException>(() => _ = t["a"]);
        Assert.Throws<FormatException>(() => _ = t["::0"]);
        Assert.Throws<FormatException>(() => _ = t["1,,2"]);
    }

    [Test]
    public void HatZeroIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = T()[^0]);

    [Test]
    public void TensorIndexPrintsInPythonSyntax() =>
        Assert.That(string.Join(", ", TensorIndex.Parse("..., None, 1:3, ::2, -1, :")), Is.EqualTo("..., None, 1:3, ::2, -1, :"));
}
