using System;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>From, ToArray&lt;T&gt;, CopyTo, Item&lt;T&gt;, AsSpan&lt;T&gt;: element types must match the dtype.</summary>
[TestFixture]
public sealed class DataAccessTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    [Test]
    public void FromInfersTheDTypeOfTheElementType()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Tensor.From(new float[] { 1 }).DType, Is.EqualTo(DType.Float32));
            Assert.That(Tensor.From(new double[] { 1 }).DType, Is.EqualTo(DType.Float64));
            Assert.That(Tensor.From(new Half[] { (Half)1 }).DType, Is.EqualTo(DType.Float16));
            Assert.That(Tensor.From(new BFloat16[] { (BFloat16)1f }).DType, Is.EqualTo(DType.BFloat16));
            Assert.That(Tensor.From(new sbyte[] { 1 }).DType, Is.EqualTo(DType.Int8));
            Assert.That(Tensor.From(new byte[] { 1 }).DType, Is.EqualTo(DType.UInt8));
            Assert.That(Tensor.From(new short[] { 1 }).DType, Is.EqualTo(DType.Int16));
            Assert.That(Tensor.From(new int[] { 1 }).DType, Is.EqualTo(DType.Int32));
            Assert.That(Tensor.From(new long[] { 1 }).DType, Is.EqualTo(DType.Int64));
            Assert.That(Tensor.From(new bool[] { true }).DType, Is.EqualTo(DType.Bool));
        });
    }

    [Test]
    public void FromAndToArrayRoundTripEveryElementType()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Tensor.From(new[] { 1.5f, -0f, float.NaN }).ToArray<float>(), Is.EqualTo(new[] { 1.5f, -0f, float.NaN }));
            Assert.That(Tensor.From(new[] { double.MaxValue, double.Epsilon }).ToArray<double>(), Is.EqualTo(new[] { double.MaxValue, double.Epsilon }));
            Assert.That(Tensor.From(new[] { (Half)0.1, Half.MaxValue }).ToArray<Half>(), Is.EqualTo(new[] { (Half)0.1, Half.MaxValue }));
            Assert.That(Tensor.From(new[] { BFloat16.FromBits(0x3F81) }).ToArray<BFloat16>()[0].Bits, Is.EqualTo((ushort)0x3F81));
            Assert.That(Tensor.From(new sbyte[] { -128, 127 }).ToArray<sbyte>(), Is.EqualTo(new sbyte[] { -128, 127 }));
            Assert.That(Tensor.From(new byte[] { 0, 255 }).ToArray<byte>(), Is.EqualTo(new byte[] { 0, 255 }));
            Assert.That(Tensor.From(new short[] { short.MinValue }).ToArray<short>(), Is.EqualTo(new[] { short.MinValue }));
            Assert.That(Tensor.From(new[] { int.MinValue, int.MaxValue }).ToArray<int>(), Is.EqualTo(new[] { int.MinValue, int.MaxValue }));
            Assert.That(Tensor.From(new[] { long.MinValue, long.MaxValue }).ToArray<long>(), Is.EqualTo(new[] { long.MinValue, long.MaxValue }));
            Assert.That(Tensor.From(new[] { true, false }).ToArray<bool>(), Is.EqualTo(new[] { true, false }));
        });
    }

    [Test]
    public void FromARectangularArrayUsesItsShape()
    {
        Tensor t = Tensor.From(new int[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        TestHelpers.AssertTensor(t, DType.Int32, [2, 3], new[] { 1, 2, 3, 4, 5, 6 });
        Tensor cube = Tensor.From(new float[2, 3, 4]);
        Assert.That(cube.Shape.ToArray(), Is.EqualTo(new long[] { 2, 3, 4 }));
    }

    [Test]
    public void FromWithAShapeThatDoesNotFitIsAShapeError()
    {
        Assert.Throws<EmberShapeException>(() => Tensor.From(new float[] { 1, 2, 3, 4, 5, 6 }, 4, 2));
        Assert.Throws<EmberShapeException>(() => Tensor.From(new float[] { 1, 2 }, -1, -2));
    }

    [Test]
    public void ToArrayWithTheWrongElementTypeIsADTypeError()
    {
        Tensor t = Tensor.Ones(3);
        Assert.Multiple(() =>
        {
            Assert.Throws<EmberDTypeException>(() => t.ToArray<double>());
            Assert.Throws<EmberDTypeException>(() => t.ToArray<int>());
            Assert.Throws<EmberDTypeException>(() => Tensor.Ones([2], DType.Bool).ToArray<byte>());
            Assert.Throws<EmberDTypeException>(() => t.ToArray<char>());
        });
    }

    [Test]
    public void CopyToChecksTheLength()
    {
        Tensor t = Tensor.Arange(4);
        long[] exact = new long[4];
        t.CopyTo<long>(exact);
        Assert.That(exact, Is.EqualTo(new long[] { 0, 1, 2, 3 }));
        Assert.Throws<ArgumentException>(() => t.CopyTo<long>(new long[3]));
    }

    [Test]
    public void ItemReadsAOneElementTensor()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Tensor.Scalar(2.5).Item<float>(), Is.EqualTo(2.5f));
            Assert.That(Tensor.Scalar(2.5).Item<double>(), Is.EqualTo(2.5));
            Assert.That(Tensor.Scalar(7L).Item<long>(), Is.EqualTo(7));
            Assert.That(Tensor.Scalar(true).Item<bool>(), Is.True);
            Assert.That(Tensor.From(new[] { 4 }, 1, 1).Item<int>(), Is.EqualTo(4), "any shape with one element");
            Assert.That(Tensor.Scalar(-2.75).Item<int>(), Is.EqualTo(-2), "converted as a C# cast: truncation");
        });
    }

    [Test]
    public void ItemOfSeveralElementsIsAnArgumentError() =>
        Assert.Throws<EmberArgumentException>(() => Tensor.Ones(2).Item<float>());

    [Test]
    public void ItemWithANonElementTypeIsADTypeError() =>
        Assert.Throws<EmberDTypeException>(() => Tensor.Scalar(1.0).Item<decimal>());

    [Test]
    public void AsSpanWritesThroughToTheTensor()
    {
        Tensor t = Tensor.Zeros(2, 3);
        Span<float> span = t.AsSpan<float>();
        Assert.That(span.Length, Is.EqualTo(6));
        span[4] = 42;
        Assert.That(t.ToArray<float>()[4], Is.EqualTo(42f));
        t.Fill_(1.0);
        Assert.That(t.AsReadOnlySpan<float>()[0], Is.EqualTo(1f), "the span reads the tensor's memory");
    }

    [Test]
    public void AsSpanWithTheWrongElementTypeIsADTypeError() =>
        Assert.Throws<EmberDTypeException>(() => Tensor.Zeros(2).AsSpan<double>());

    [Test]
    public void AsSpanOfANonContiguousViewIsRefused() =>
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2, 3).T.AsSpan<float>());

    [Test]
    public void PropertiesDescribeTheTensor()
    {
        Tensor t = Tensor.Zeros([2, 3, 4], DType.Int16);
        Assert.Multiple(() =>
        {
            Assert.That(t.Dim, Is.EqualTo(3));
            Assert.That(t.NumberOfElements, Is.EqualTo(24));
            Assert.That(t.ElementSize, Is.EqualTo(2));
            Assert.That(t.ByteSize, Is.EqualTo(48));
            Assert.That(t.Size(-1), Is.EqualTo(4));
            Assert.That(t.Stride(0), Is.EqualTo(12));
            Assert.That(t.Device, Is.EqualTo(Device.Cpu));
            Assert.That(t.IsContiguous, Is.True);
            Assert.That(t.Shape.ToString(), Is.EqualTo("[2, 3, 4]"));
        });
    }
}
