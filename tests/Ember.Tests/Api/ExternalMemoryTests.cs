using System;
using System.Buffers;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
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

    [Test]
    public unsafe void FromBufferOfASliceStartsAtTheSliceAndSharesItBothWays()
    {
        float[] array = Enumerable.Range(0, 10).Select(i => (float)i).ToArray();
        using Tensor t = Tensor.FromBuffer(new Memory<float>(array, 2, 6), 2, 3);
        fixed (float* third = &array[2])
        {
            Assert.That(t.DataPointer, Is.EqualTo((nint)third), "no copy: the tensor starts at the slice");
        }

        Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 2, 3, 4, 5, 6, 7 }));
        array[3] = 30;
        Assert.That(t[0, 1].Item<float>(), Is.EqualTo(30f), "a write to the array is seen by the tensor");
        t.Add_(100L);
        Assert.That(array, Is.EqualTo(new float[] { 0, 1, 102, 130, 104, 105, 106, 107, 8, 9 }), "only the slice is written");
    }

    [Test]
    public void AsSpanOfAWrappedArrayIsTheArray()
    {
        int[] array = { 1, 2, 3, 4, 5, 6 };
        using Tensor t = Tensor.FromBuffer(array, 3, 2);
        Span<int> span = t.AsSpan<int>();
        Assert.That(span.Length, Is.EqualTo(6));
        Assert.That(Unsafe.AreSame(ref span[0], ref array[0]), Is.True, "the span is the array's memory");

        span[5] = 60;
        Assert.That(array[5], Is.EqualTo(60), "a write through the span is seen in the array");
        array[0] = 10;
        Assert.That(t.AsReadOnlySpan<int>()[0], Is.EqualTo(10), "a write to the array is seen through the span");
        t.Mul_(2L);
        Assert.That(span.ToArray(), Is.EqualTo(new[] { 20, 4, 6, 8, 10, 120 }), "an in-place op is seen through the span");

        using Tensor row = t[1];
        Span<int> rowSpan = row.AsSpan<int>();
        rowSpan[0] = -1;
        Assert.That(array[2], Is.EqualTo(-1), "a contiguous view's span covers its part of the array");
    }

    [Test]
    public void AMemoryManagerIsPinnedOnceAndUnpinnedOnceAfterTheLastView()
    {
        using var manager = new NativeMemoryManager<double>(6);
        manager.GetSpan().Fill(1.5);
        Tensor t = Tensor.FromBuffer(manager.Memory, 2, 3);
        Assert.That(manager.Pins, Is.EqualTo(1));
        Assert.That(t.DataPointer, Is.EqualTo(manager.Address), "no copy: the tensor uses the native memory");

        Tensor row = t[1];
        Tensor transposed = t.T;
        Tensor flat = t.Flatten();
        t.Dispose();
        manager.GetSpan()[4] = 7;
        Assert.That(row.ToArray<double>(), Is.EqualTo(new[] { 1.5, 7, 1.5 }), "the views still read the memory");
        row.Dispose();
        transposed.Dispose();
        Assert.That(manager.Unpins, Is.Zero, "one view still uses the memory");

        flat.Fill_(2.0);
        Assert.That(manager.GetSpan().ToArray(), Is.All.EqualTo(2.0), "a write through the last view reaches the memory");
        flat.Dispose();
        Assert.That(manager.Unpins, Is.EqualTo(1), "unpinned when the last tensor is disposed");
        Assert.That(manager.Disposed, Is.False, "the manager stays the caller's");
        Assert.That(manager.Pins, Is.EqualTo(1), "pinned once for all the views");
    }

    [Test]
    public void AFinalizedTensorUnpinsItsMemory()
    {
        using var manager = new NativeMemoryManager<float>(4);
        WrapWithoutDisposing(manager);
        TestHelpers.CollectGarbage();
        Assert.That(manager.Unpins, Is.EqualTo(1), "the finalizer released the last reference");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WrapWithoutDisposing(NativeMemoryManager<float> manager)
    {
        Tensor t = Tensor.FromBuffer(manager.Memory, 2, 2);
        _ = t.Sum().Item<float>(); // the Sum result is collected as well
        GC.KeepAlive(t);
    }

    [Test]
    public void AViewKeepsAWrappedArrayAliveAfterTheBaseIsDisposed()
    {
        (WeakReference array, Tensor view) = WrapAndKeepAView();
        TestHelpers.CollectGarbage();
        Assert.That(array.IsAlive, Is.True, "the view's storage pins the array");
        Assert.That(view.ToArray<long>(), Is.EqualTo(new long[] { 3, 4 }));
        view.Dispose();
        TestHelpers.CollectGarbage();
        Assert.That(array.IsAlive, Is.False, "released with the last view");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference, Tensor) WrapAndKeepAView()
    {
        long[] array = { 1, 2, 3, 4 };
        using Tensor t = Tensor.FromBuffer(new Memory<long>(array), 2, 2);
        return (new WeakReference(array), t[1]);
    }

    [Test]
    public void TheWrongElementCountIsAShapeErrorAndPinsNothing()
    {
        using var manager = new NativeMemoryManager<float>(5);
        var e = Assert.Throws<EmberShapeException>(() => Tensor.FromBuffer(manager.Memory, 2, 3))!;
        Assert.That(e.Message, Does.Contain("[2, 3]").And.Contain("size 5"));
        Assert.Throws<EmberShapeException>(() => Tensor.FromBuffer(manager.Memory, 5, -1), "a negative size");
        Assert.Throws<EmberShapeException>(() => Tensor.FromBuffer(manager.Memory, long.MaxValue, 4), "an element count that overflows");
        Assert.That(manager.Pins, Is.Zero, "nothing is pinned when the arguments are rejected");
    }

    [Test]
    public void AnElementTypeEmberDoesNotHaveIsADTypeError()
    {
        var e = Assert.Throws<EmberDTypeException>(() => Tensor.FromBuffer(new uint[4]))!;
        Assert.That(e.Message, Does.Contain("UInt32"));
        Assert.Throws<EmberDTypeException>(() => Tensor.FromBuffer(new Memory<char>(new char[2])));
    }

    [Test]
    public void AsSpanWithTheWrongElementTypeIsADTypeError()
    {
        using Tensor t = Tensor.FromBuffer(new float[4]);
        Assert.Throws<EmberDTypeException>(() => t.AsSpan<double>());
        using Tensor matrix = Tensor.FromBuffer(new float[6], 2, 3);
        using Tensor transposed = matrix.T;
        Assert.Throws<InvalidOperationException>(() => transposed.AsSpan<float>(), "not contiguous");
    }

    [Test]
    public void EmptyMemoryIsAnEmptyTensor()
    {
        using Tensor t = Tensor.FromBuffer(Memory<float>.Empty);
        Assert.That(t.Shape.ToArray(), Is.EqualTo(new long[] { 0 }));
        Assert.That(t.AsSpan<float>().Length, Is.Zero);
        using Tensor shaped = Tensor.FromBuffer(new int[0], 3, 0);
        Assert.That(shaped.Shape.ToArray(), Is.EqualTo(new long[] { 3, 0 }));
    }

    /// <summary>Native memory behind a Memory&lt;T&gt;, counting how often it is pinned and unpinned.</summary>
    private sealed unsafe class NativeMemoryManager<T> : MemoryManager<T>
        where T : unmanaged
    {
        private readonly T* memory;
        private readonly int length;
        private int pins, unpins;

        public NativeMemoryManager(int length)
        {
            this.length = length;
            memory = (T*)NativeMemory.AllocZeroed((nuint)length, (nuint)sizeof(T));
        }

        public int Pins => Volatile.Read(ref pins);

        public int Unpins => Volatile.Read(ref unpins);

        public bool Disposed { get; private set; }

        public nint Address => (nint)memory;

        public override Span<T> GetSpan() => new(memory, length);

        public override MemoryHandle Pin(int elementIndex = 0)
        {
            Interlocked.Increment(ref pins);
            return new MemoryHandle(memory + elementIndex, default, this);
        }

        public override void Unpin() => Interlocked.Increment(ref unpins);

        protected override void Dispose(bool disposing)
        {
            if (!Disposed)
            {
                Disposed = true;
                NativeMemory.Free(memory);
            }
        }
    }
}
