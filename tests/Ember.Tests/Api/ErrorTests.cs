using System;
using System.Threading;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>Errors carry the runtime's message (PyTorch's wording) in the EmberException subclass of their status.</summary>
[TestFixture]
public sealed class ErrorTests
{
    private DisposeScope scope = null!;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope.Dispose();

    [Test]
    public void ABroadcastErrorNamesBothSizes()
    {
        var error = Assert.Throws<EmberShapeException>(() => _ = Tensor.Ones(3) + Tensor.Ones(4))!;
        Assert.That(error.Message, Does.Contain("(3)").And.Contain("(4)"));
        Assert.That(error.Message, Does.Contain("must match the size of tensor b"), "PyTorch's wording");
    }

    [Test]
    public void ADimOutOfRangeIsAnIndexErrorWithTheRange()
    {
        var error = Assert.Throws<EmberIndexException>(() => Tensor.Ones(2, 3).Sum(5))!;
        Assert.That(error.Message, Does.Contain("Dimension out of range").And.Contain("[-2, 1]").And.Contain("5"));
    }

    [Test]
    public void AnImpossibleViewIsAShapeErrorWithTheShape()
    {
        var error = Assert.Throws<EmberShapeException>(() => Tensor.Ones(6).View(5))!;
        Assert.That(error.Message, Does.Contain("[5]").And.Contain("6"));
    }

    [Test]
    public void AnUnsupportedDTypeIsADTypeError()
    {
        var error = Assert.Throws<EmberDTypeException>(() => _ = Tensor.From(new[] { true }) - Tensor.From(new[] { true }))!;
        Assert.That(error.Message, Is.Not.Empty);
    }

    [Test]
    public void AllErrorsDeriveFromEmberException()
    {
        Assert.That(typeof(EmberShapeException).IsSubclassOf(typeof(EmberException)), Is.True);
        Assert.Throws(Is.InstanceOf<EmberException>(), () => Tensor.Ones(2).Select(0, 7));
    }

    [Test]
    public void TheRuntimeWorksAfterAnError()
    {
        Assert.Throws<EmberShapeException>(() => _ = Tensor.Ones(3) + Tensor.Ones(4));
        Assert.That((Tensor.Ones(3) + Tensor.Ones(3)).ToArray<float>(), Is.EqualTo(new float[] { 2, 2, 2 }));
    }

    [Test]
    public void EachThreadGetsItsOwnMessage()
    {
        string? otherMessage = null;
        var thread = new Thread(() =>
        {
            using Tensor a = Tensor.Ones(2);
            try
            {
                a.Select(0, 9);
            }
            catch (EmberException e)
            {
                otherMessage = e.Message;
            }
        });

        var error = Assert.Throws<EmberShapeException>(() => _ = Tensor.Ones(3) + Tensor.Ones(4))!;
        thread.Start();
        thread.Join();
        Assert.That(otherMessage, Does.Contain("9"));
        Assert.That(error.Message, Does.Contain("(3)"), "the other thread's failure did not change this message");
    }

    [Test]
    public void FailedOpsLeakNoNativeMemory()
    {
        scope.Dispose();
        AllocatorStats before = TestHelpers.SettledStats();
        using (DisposeScope.Begin())
        {
            Tensor a = Tensor.Ones(2, 3), b = Tensor.Ones(4);
            for (int i = 0; i < 50; i++)
            {
                Assert.Throws<EmberShapeException>(() => a.Add(b));
                Assert.Throws<EmberShapeException>(() => a.MatMul(b));
                Assert.Throws<EmberIndexException>(() => a.Sum(7));
                Assert.Throws<EmberShapeException>(() => a.Add(b, destination: Tensor.Empty(2, 3)));
                Assert.Throws<EmberShapeException>(() => Tensor.Cat(new[] { a, b }, 0));
                Assert.Throws<EmberDTypeException>(() => a.Add(a, destination: Tensor.Empty([2, 3], DType.Int32)));
            }
        }

        Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo(before.LiveTensors));
        scope = DisposeScope.Begin();
    }
}
