using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>FromBuffer/FromBlob: tensors over memory Ember does not own, without copying.</summary>
[TestFixture]
public sealed class ExternalMemoryTests
{
    [Test]
    public void FromBufferSharesTheArrayBothWays()
    {
        float[] array = { 1, 2, 3, 4, 5, 6 };
        using Tensor t = Tensor.FromBuffer(array, 2, 3);
        array[4] = 50;
        Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 1, 2, 3, 4, 50, 6 }), "a write to the array is seen by the tensor");

        t.Mul_(2L);
        Assert.That(array, Is.EqualTo(new float[] { 2, 4, 6, 8, 100, 12 }), "a write to the tensor is seen in the array");

        using Tensor column = t.Select(1, 0);
        column.Fill_(-1.0);
        Assert.That(array, Is.EqualTo(new float[] { -1, 4, 6, -1, 100, 12 }), "a write through a view is seen in the array");
    }

    [Test]
    public void FromBufferDoesNotCopy()
    {
        long[] array = { 1, 2, 3 };
        using Tensor t = Tensor.FromBuffer(array);
        Assert.That(t.DType, Is.EqualTo(DType.Int64));
        unsafe
        {
            fixed (long* first = array)
            {
                Assert.That(t.DataPointer, Is.EqualTo((nint)first));
            }
        }
    }

    [Test]
    public void AViewKeepsTheBufferInUseAfterTheBaseIsDisposed()
    {
        int[] array = { 1, 2, 3, 4 };
        Tensor t = Tensor.FromBuffer(array, 2, 2);
        Tensor view = t.T;
        t.Dispose();
        array[1] = 20;
        Assert.That(view.ToArray<int>(), Is.EqualTo(new[] { 1, 3, 20, 4 }));
        view.Dispose();
    }

    [Test]
    public void FromBufferWithTheWrongShapeIsAShapeError() =>
        Assert.Throws<EmberShapeException>(() => Tensor.FromBuffer(new float[5], 2, 3));

    [Test]
    public unsafe void FromBlobCallsReleaseOnceWhenTheLastTensorGoes()
    {
        nint memory = (nint)NativeMemory.Alloc(4 * sizeof(double));
        var data = new Span<double>((void*)memory, 4);
        data[0] = 1;
        data[1] = 2;
        data[2] = 3;
        data[3] = 4;
        int released = 0;
        Tensor t = Tensor.FromBlob(memory, [2, 2], DType.Float64, release: () =>
        {
            released++;
            NativeMemory.Free((void*)memory);
        });
        Tensor view = t[1];
        Assert.That(view.ToArray<double>(), Is.EqualTo(new double[] { 3, 4 }));

        t.Dispose();
        Assert.That(released, Is.Zero, "the view still uses the memory");
        view.Dispose();
        Assert.That(released, Is.EqualTo(1), "released when the last tensor is disposed");
    }

    [Test]
    public unsafe void FromBlobHonoursStrides()
    {
        float[] values = { 1, 2, 3, 4, 5, 6 };
        fixed (float* p = values)
        {
            using Tensor t = Tensor.FromBlob((nint)p, [3, 2], DType.Float32, [1, 3]); // the transpose of a 2x3 matrix
            Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 1, 4, 2, 5, 3, 6 }));
        }
    }

    [Test]
    public void ADisposedBufferTensorUnpinsTheArray()
    {
        WeakReference array = WrapAndForget();
        TestHelpers.CollectGarbage();
        Assert.That(array.IsAlive, Is.False, "the array is collectable once no tensor uses it");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WrapAndForget()
    {
        byte[] array = new byte[1024];
        Tensor t = Tensor.FromBuffer(array);
        t.Dispose();
        return new WeakReference(array);
    }
}
