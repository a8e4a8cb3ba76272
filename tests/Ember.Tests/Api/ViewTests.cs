using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>Views share memory with their base (writes through either are seen by both); reading a non-contiguous view gives the logical order.</summary>
[TestFixture]
public sealed class ViewTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    private static Tensor Matrix() => Tensor.From(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);

    [Test]
    public void AWriteThroughAViewIsVisibleInItsBase()
    {
        Tensor t = Matrix();
        t.Select(0, 1).Fill_(0.0);
        Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 1, 2, 3, 0, 0, 0 }));

        t.T.Select(0, 0).Fill_(9.0); // column 0
        Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 9, 2, 3, 9, 0, 0 }));

        t.View(6).Slice(0, 1, 6, 2).Mul_(10L); // elements 1, 3, 5
        Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 9, 20, 3, 90, 0, 0 }));
    }

    [Test]
    public void AWriteToTheBaseIsVisibleInItsViews()
    {
        Tensor t = Matrix();
        Tensor column = t.Select(1, 2);
        Tensor flat = t.View(-1);
        t.Add_(100L);
        Assert.That(column.ToArray<float>(), Is.EqualTo(new float[] { 103, 106 }));
        Assert.That(flat.ToArray<float>(), Is.EqualTo(new float[] { 101, 102, 103, 104, 105, 106 }));
    }

    [Test]
    public void ViewsShareStorageAndCopiesDoNot()
    {
        Tensor t = Matrix();
        Assert.Multiple(() =>
        {
            Assert.That(t.T.SharesStorage(t), Is.True);
            Assert.That(t.View(3, 2).SharesStorage(t), Is.True);
            Assert.That(t.Slice(1, 0, 2).SharesStorage(t), Is.True);
            Assert.That(t.Expand(2, 2, 3).SharesStorage(t), Is.True);
            Assert.That(t.Clone().SharesStorage(t), Is.False);
            Assert.That(t.Contiguous().SharesStorage(t), Is.True, "contiguous() of a contiguous tensor is the tensor itself");
            Assert.That(t.T.Contiguous().SharesStorage(t), Is.False, "contiguous() of a transposed view copies");
            Assert.That(t.T.Reshape(6).SharesStorage(t), Is.False, "reshape of a non-contiguous view copies");
        });
    }

    [Test]
    public void ToArrayOfATransposeIsInLogicalOrder()
    {
        Tensor view = Matrix().T;
        Assert.That(view.IsContiguous, Is.False);
        Assert.That(view.Shape.ToArray(), Is.EqualTo(new long[] { 3, 2 }));
        Assert.That(view.Strides.ToArray(), Is.EqualTo(new long[] { 1, 3 }));
        Assert.That(view.ToArray<float>(), Is.EqualTo(new float[] { 1, 4, 2, 5, 3, 6 }));
    }

    [Test]
    public void ToArrayOfAStridedSliceAndAnExpandedView()
    {
        Tensor t = Tensor.Arange(10);
        Tensor strided = t.Slice(0, 1, 10, 3);
        Assert.That(strided.ToArray<long>(), Is.EqualTo(new long[] { 1, 4, 7 }));
        Assert.That(strided.StorageOffset, Is.EqualTo(1));
        Assert.That(strided.Strides.ToArray(), Is.EqualTo(new long[] { 3 }));

        Tensor expanded = Tensor.From(new int[] { 1, 2, 3 }, 3, 1).Expand(3, 2);
        Assert.That(expanded.Strides.ToArray(), Is.EqualTo(new long[] { 1, 0 }));
        Assert.That(expanded.ToArray<int>(), Is.EqualTo(new[] { 1, 1, 2, 2, 3, 3 }));
    }

    [Test]
    public void ToArrayOfAPermuted3DView()
    {
        Tensor t = Tensor.Arange(24).View(2, 3, 4).Permute(2, 0, 1);
        Assert.That(t.Shape.ToArray(), Is.EqualTo(new long[] { 4, 2, 3 }));
        long[] values = t.ToArray<long>();
        // PyTorch: torch.arange(24).view(2, 3, 4).permute(2, 0, 1).flatten()[:8]
        Assert.That(values[..8], Is.EqualTo(new long[] { 0, 4, 8, 12, 16, 20, 1, 5 }));
        Assert.That(t.Contiguous().ToArray<long>(), Is.EqualTo(values));
    }

    [Test]
    public void AnInPlaceOpThroughANonContiguousViewWritesTheRightElements()
    {
        Tensor t = Matrix();
        t.T.Slice(0, 1, 3).Neg_(); // columns 1 and 2
        Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 1, -2, -3, 4, -5, -6 }));
    }

    [Test]
    public void ViewOfAnIncompatibleLayoutIsAShapeError()
    {
        Tensor transposed = Matrix().T;
        Assert.Throws<EmberShapeException>(() => transposed.View(6));
    }
}
