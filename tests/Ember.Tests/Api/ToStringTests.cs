using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>
/// ToString() is PyTorch's repr, character for character. The expected strings were printed by
/// PyTorch 1.13 (<c>repr(t)</c>) for the same tensors.
/// </summary>
[TestFixture]
public sealed class ToStringTests
{
    private static IEnumerable<TestCaseData> Reprs()
    {
        static TestCaseData Case(string name, Func<Tensor> make, string repr) => new TestCaseData(make, repr).SetName("ToString." + name);

        yield return Case("Float1D", () => Tensor.From(new[] { 1.0f, 2.5f, -3.0f }),
            "tensor([ 1.0000,  2.5000, -3.0000])");
        yield return Case("Float2D", () => Tensor.From(new[] { 1f, 2f, 3f, 4f }, 2, 2),
            "tensor([[1., 2.],\n        [3., 4.]])");
        yield return Case("Int64Matrix", () => Tensor.Arange(6).View(2, 3),
            "tensor([[0, 1, 2],\n        [3, 4, 5]])");
        yield return Case("Int32", () => Tensor.From(new[] { 1, -20, 300 }),
            "tensor([  1, -20, 300], dtype=torch.int32)");
        yield return Case("Bool", () => Tensor.From(new[] { true, false, true }),
            "tensor([ True, False,  True])");
        yield return Case("Float16", () => Tensor.From(new[] { (Half)0.5, (Half)1.25, (Half)(-2.0) }),
            "tensor([ 0.5000,  1.2500, -2.0000], dtype=torch.float16)");
        yield return Case("BFloat16", () => Tensor.From(new[] { (BFloat16)0.5f, (BFloat16)1.25f, (BFloat16)(-2.0f) }),
            "tensor([ 0.5000,  1.2500, -2.0000], dtype=torch.bfloat16)");
        yield return Case("Float64", () => Tensor.From(new[] { 1.5, 2.0 }),
            "tensor([1.5000, 2.0000], dtype=torch.float64)");
        yield return Case("Empty1D", () => Tensor.Zeros(0),
            "tensor([])");
        yield return Case("Empty2D", () => Tensor.Zeros(2, 0),
            "tensor([], size=(2, 0))");
        yield return Case("EmptyInt32", () => Tensor.Zeros([0], DType.Int32),
            "tensor([], dtype=torch.int32)");
        yield return Case("ZeroDimFloat", () => Tensor.Scalar(3.5),
            "tensor(3.5000)");
        yield return Case("ZeroDimInt", () => Tensor.Scalar(7L),
            "tensor(7)");
        yield return Case("ZeroDimBool", () => Tensor.Scalar(true),
            "tensor(True)");
        yield return Case("Negative", () => Tensor.From(new[] { -1.5f, 2.25f, -0.125f }),
            "tensor([-1.5000,  2.2500, -0.1250])");
        yield return Case("SciMode", () => Tensor.From(new[] { 1e-5f, 1.0f, 1e5f }),
            "tensor([1.0000e-05, 1.0000e+00, 1.0000e+05])");
        yield return Case("NanInf", () => Tensor.From(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1.5f }),
            "tensor([   nan,    inf,   -inf, 1.5000])");
        yield return Case("LargeElided", () => Tensor.From(Enumerable.Range(0, 2000).Select(i => (float)i).ToArray()),
            "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])");
        yield return Case("LargeElided2D", () => Tensor.Arange(1200).View(40, 30),
            "tensor([[   0,    1,    2,  ...,   27,   28,   29],\n" +
            "        [  30,   31,   32,  ...,   57,   58,   59],\n" +
            "        [  60,   61,   62,  ...,   87,   88,   89],\n" +
            "        ...,\n" +
            "        [1110, 1111, 1112,  ..., 1137, 1138, 1139],\n" +
            "        [1140, 1141, 1142,  ..., 1167, 1168, 1169],\n" +
            "        [1170, 1171, 1172,  ..., 1197, 1198, 1199]])");
        yield return Case("Int8", () => Tensor.From(new sbyte[] { -128, 0, 127 }),
            "tensor([-128,    0,  127], dtype=torch.int8)");
        yield return Case("UInt8", () => Tensor.From(new byte[] { 0, 255 }),
            "tensor([  0, 255], dtype=torch.uint8)");
        yield return Case("Matrix3D", () => Tensor.From(new[] { 0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f, 1.5f, 1.75f }, 2, 2, 2),
            "tensor([[[0.0000, 0.2500],\n         [0.5000, 0.7500]],\n\n        [[1.0000, 1.2500],\n         [1.5000, 1.7500]]])");
        yield return Case("TransposedView", () => Tensor.From(new[] { 1L, 2, 3, 4, 5, 6 }, 2, 3).T,
            "tensor([[1, 4],\n        [2, 5],\n        [3, 6]])");
    }

    [TestCaseSource(nameof(Reprs))]
    public void MatchesPyTorchRepr(Func<Tensor> make, string expected)
    {
        using DisposeScope scope = DisposeScope.Begin();
        Assert.That(make().ToString(), Is.EqualTo(expected));
    }
}
