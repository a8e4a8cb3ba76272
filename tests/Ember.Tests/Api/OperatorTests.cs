using System;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>
/// C# operators with PyTorch's meaning and promotion: a long is a Python int (an int tensor stays
/// integral), a double a Python float (an int tensor becomes float32). Expected results are PyTorch's.
/// </summary>
[TestFixture]
public sealed class OperatorTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    private static Tensor I64() => Tensor.From(new long[] { 1, 2, 3 });

    private static Tensor I32() => Tensor.From(new[] { 1, 2, 3 });

    [Test]
    public void AnIntegerScalarKeepsTheIntegerDType()
    {
        TestHelpers.AssertTensor(I64() + 1, DType.Int64, [3], new long[] { 2, 3, 4 });
        TestHelpers.AssertTensor(I32() + 1, DType.Int32, [3], new[] { 2, 3, 4 });
        TestHelpers.AssertTensor(I32() * 3, DType.Int32, [3], new[] { 3, 6, 9 });
        TestHelpers.AssertTensor(Tensor.From(new byte[] { 1, 2 }) + 1, DType.UInt8, [2], new byte[] { 2, 3 });
    }

    [Test]
    public void AFloatScalarPromotesIntegersToFloat32()
    {
        TestHelpers.AssertTensor(I32() + 1.5, DType.Float32, [3], new[] { 2.5f, 3.5f, 4.5f });
        TestHelpers.AssertTensor(I32() * 2.5, DType.Float32, [3], new[] { 2.5f, 5f, 7.5f });
        TestHelpers.AssertTensor(I64() - 0.5, DType.Float32, [3], new[] { 0.5f, 1.5f, 2.5f });
    }

    [Test]
    public void AFloatScalarKeepsAFloatTensorsDType()
    {
        Tensor half = Tensor.From(new[] { (Half)1, (Half)2 });
        TestHelpers.AssertTensor(half + 1.5, DType.Float16, [2], new[] { (Half)2.5, (Half)3.5 });
        TestHelpers.AssertTensor(Tensor.From(new[] { 1.0, 2.0 }) * 2, DType.Float64, [2], new[] { 2.0, 4.0 });
    }

    [Test]
    public void TrueDivisionOfIntegersIsFloat32()
    {
        TestHelpers.AssertClose(I32() / 2, DType.Float32, [0.5, 1.0, 1.5]);
        TestHelpers.AssertClose(2.0 / I32(), DType.Float32, [2.0, 1.0, 2.0 / 3.0]);
        TestHelpers.AssertClose(I32() / I32(), DType.Float32, [1, 1, 1]);
    }

    [Test]
    public void ScalarFirstOperators()
    {
        TestHelpers.AssertTensor(1 - I32(), DType.Int32, [3], new[] { 0, -1, -2 });
        TestHelpers.AssertTensor(10 % I32(), DType.Int32, [3], new[] { 0, 0, 1 });
        TestHelpers.AssertTensor(Tensor.Pow(2, I32()), DType.Int32, [3], new[] { 2, 4, 8 });
        TestHelpers.AssertTensor(2 < I32(), DType.Bool, [3], new[] { false, false, true });
    }

    [Test]
    public void RemainderHasTheDivisorsSign()
    {
        TestHelpers.AssertTensor(Tensor.From(new long[] { -3, 3 }) % 2, DType.Int64, [2], new long[] { 1, 1 });
        TestHelpers.AssertClose(Tensor.From(new[] { 5.5f }) % -2.0, DType.Float32, [-0.5]);
    }

    [Test]
    public void UnaryOperators()
    {
        TestHelpers.AssertTensor(-I32(), DType.Int32, [3], new[] { -1, -2, -3 });
        TestHelpers.AssertTensor(~Tensor.From(new[] { true, false }), DType.Bool, [2], new[] { false, true });
        TestHelpers.AssertTensor(~Tensor.From(new[] { 0, 5 }), DType.Int32, [2], new[] { -1, -6 });
    }

    [Test]
    public void BitwiseOperators()
    {
        TestHelpers.AssertTensor(I32() & 1, DType.Int32, [3], new[] { 1, 0, 1 });
        TestHelpers.AssertTensor(I32() ^ 3, DType.Int32, [3], new[] { 2, 1, 0 });
        TestHelpers.AssertTensor(Tensor.From(new[] { true, false }) | true, DType.Bool, [2], new[] { true, true });
        TestHelpers.AssertTensor(I32() | I32(), DType.Int32, [3], new[] { 1, 2, 3 });
    }

    [Test]
    public void ComparisonsGiveBool()
    {
        TestHelpers.AssertTensor(I32() < 2, DType.Bool, [3], new[] { true, false, false });
        TestHelpers.AssertTensor(I32() >= 2.5, DType.Bool, [3], new[] { false, false, true });
        TestHelpers.AssertTensor(I32() <= I64(), DType.Bool, [3], new[] { true, true, true });
        TestHelpers.AssertTensor(I32().Eq(2), DType.Bool, [3], new[] { false, true, false });
    }

    [Test]
    public void TensorOperandsBroadcastAndPromote()
    {
        Tensor column = Tensor.From(new[] { 10, 20 }, 2, 1);
        TestHelpers.AssertTensor(column + I64(), DType.Int64, [2, 3], new long[] { 11, 12, 13, 21, 22, 23 });
        TestHelpers.AssertTensor(Tensor.From(new[] { true }) + Tensor.From(new[] { true }), DType.Bool, [1], new[] { true });
        TestHelpers.AssertTensor(I32() * Tensor.From(new[] { 0.5f }), DType.Float32, [3], new[] { 0.5f, 1f, 1.5f });
    }

    [Test]
    public void AZeroDimTensorDoesNotPromoteLikeADimensionedOne()
    {
        Tensor zeroDim = Tensor.Scalar(2.0, DType.Float64);
        TestHelpers.AssertTensor(Tensor.From(new[] { 1f, 2f }) * zeroDim, DType.Float32, [2], new[] { 2f, 4f });
        TestHelpers.AssertTensor(I32() + Tensor.Scalar(1L), DType.Int32, [3], new[] { 2, 3, 4 });
    }

    [Test]
    public void EqualityOperatorsKeepReferenceEquality()
    {
        Tensor a = I32();
        Tensor b = a;
#pragma warning disable CS1718 // comparison to the same variable, on purpose
        Assert.That(a == b, Is.True);
#pragma warning restore CS1718
        Assert.That(a == I32(), Is.False, "== compares references; Eq compares elements");
    }

    [Test]
    public void ImplicitNumbersActAsTensors()
    {
        Tensor condition = Tensor.From(new[] { true, false, true });
        TestHelpers.AssertTensor(Tensor.Where(condition, I32(), 0), DType.Int32, [3], new[] { 1, 0, 3 });
        TestHelpers.AssertTensor(Tensor.Where(condition, I32(), 0.5), DType.Float32, [3], new[] { 1f, 0.5f, 3f });
    }
}
