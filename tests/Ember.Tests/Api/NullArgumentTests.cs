using System;
using System.Collections.Generic;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>Null references where a tensor or an array is required throw ArgumentNullException (not a native error, not a crash).</summary>
[TestFixture]
public sealed class NullArgumentTests
{
    private static readonly Tensor Null = null!;

    private static IEnumerable<TestCaseData> Calls()
    {
        static TestCaseData Case(string name, Action<Tensor> call) => new TestCaseData(call).SetName("NullArgument." + name);

        yield return Case("From(array)", _ => Tensor.From((float[])null!));
        yield return Case("From(shape)", _ => Tensor.From(new float[] { 1 }, null!));
        yield return Case("FromBuffer", _ => Tensor.FromBuffer((float[])null!));
        yield return Case("Zeros(params)", _ => Tensor.Zeros((long[])null!));
        yield return Case("EmptyLike", _ => Tensor.EmptyLike(Null));
        yield return Case("FullLike", _ => Tensor.FullLike(Null, 1.0));
        yield return Case("Add", t => t.Add(Null));
        yield return Case("operator+", t => _ = t + Null);
        yield return Case("operator+ left", t => _ = Null + t);
        yield return Case("operator* scalar", _ => _ = Null * 2.0);
        yield return Case("Div", t => t.Div(Null));
        yield return Case("Eq", t => t.Eq(Null));
        yield return Case("Where condition", t => Tensor.Where(Null, t, t));
        yield return Case("Lerp", t => t.Lerp(Null, t));
        yield return Case("MaskedFill", t => t.MaskedFill(Null, 1.0));
        yield return Case("Copy_", t => t.Copy_(Null));
        yield return Case("MatMul", t => t.MatMul(Null));
        yield return Case("Cat list", _ => Tensor.Cat(null!));
        yield return Case("Cat element", t => Tensor.Cat(new[] { t, Null }));
        yield return Case("Stack list", _ => Tensor.Stack(null!));
        yield return Case("IndexSelect", t => t.IndexSelect(0, Null));
        yield return Case("Gather", t => t.Gather(0, Null));
        yield return Case("Index", t => t.Index(null!));
        yield return Case("IndexPut values", t => t.IndexPut(new Tensor?[] { null }, Null));
        yield return Case("SharesStorage", t => t.SharesStorage(Null));
        yield return Case("ExpandAs", t => t.ExpandAs(Null));
        yield return Case("Squeeze", t => t.Squeeze(null!));
        yield return Case("indexer setter", t => t[0] = Null);
        yield return Case("indexer string", t => _ = t[(string)null!]);
        yield return Case("TensorIndex.Parse", _ => TensorIndex.Parse(null!));
        yield return Case("TensorIndex.FromTensor", _ => TensorIndex.FromTensor(Null));
        yield return Case("DisposeScope.Keep", _ =>
        {
            using DisposeScope scope = DisposeScope.Begin();
            scope.Keep(Null);
        });
        yield return Case("DisposeScope.Attach", _ =>
        {
            using DisposeScope scope = DisposeScope.Begin();
            scope.Attach(Null);
        });
        yield return Case("Device.Parse", _ => Device.Parse(null!));
    }

    [TestCaseSource(nameof(Calls))]
    public void ThrowsArgumentNullException(Action<Tensor> call)
    {
        using Tensor t = Tensor.Ones(2, 2);
        Assert.Throws<ArgumentNullException>(() => call(t));
    }
}
