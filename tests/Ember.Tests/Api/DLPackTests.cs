using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ember.Interop;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>Tensor.FromDLPack/ToDLPack: zero-copy exchange with DLPack producers and consumers.</summary>
[TestFixture]
public sealed unsafe class DLPackTests
{
    private static int producerDeletes;

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void CountDelete(DLManagedTensor* self) => producerDeletes++;

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void CountDeleteVersioned(DLManagedTensorVersioned* self) => producerDeletes++;

    /// <summary>A producer in unmanaged memory, as another framework would hand one over: float32, row-major.</summary>
    private sealed class Producer : IDisposable
    {
        public readonly DLManagedTensor* Managed;
        public readonly DLManagedTensorVersioned* Versioned;
        public readonly float* Data;
        private readonly long* shape;

        public Producer(long[] sizes, int elements)
        {
            Data = (float*)NativeMemory.AlignedAlloc((nuint)(Math.Max(elements, 1) * sizeof(float)), 64);
            for (int i = 0; i < elements; i++)
            {
                Data[i] = i;
            }

            shape = (long*)NativeMemory.Alloc((nuint)(Math.Max(sizes.Length, 1) * sizeof(long)));
            sizes.AsSpan().CopyTo(new Span<long>(shape, sizes.Length));
            var tensor = new DLTensor
            {
                Data = Data,
                Device = new DLDevice { DeviceType = 1, DeviceId = 0 },
                NDim = sizes.Length,
                DType = new DLDataType { Code = 2, Bits = 32, Lanes = 1 },
                Shape = shape,
            };
            Managed = (DLManagedTensor*)NativeMemory.AllocZeroed((nuint)sizeof(DLManagedTensor));
            Managed->DLTensor = tensor;
            Managed->Deleter = &CountDelete;
            Versioned = (DLManagedTensorVersioned*)NativeMemory.AllocZeroed((nuint)sizeof(DLManagedTensorVersioned));
            Versioned->MajorVersion = 1;
            Versioned->DLTensor = tensor;
            Versioned->Deleter = &CountDeleteVersioned;
        }

        public void Dispose()
        {
            NativeMemory.AlignedFree(Data);
            NativeMemory.Free(shape);
            NativeMemory.Free(Managed);
            NativeMemory.Free(Versioned);
        }
    }

    [SetUp]
    public void ResetCounter() => producerDeletes = 0;

    [Test]
    public void StructsHaveTheSpecificationsLayout()
    {
        Assert.That(sizeof(DLTensor), Is.EqualTo(48));
        Assert.That(sizeof(DLManagedTensor), Is.EqualTo(64));
        Assert.That(Marshal.OffsetOf<DLManagedTensorVersioned>(nameof(DLManagedTensorVersioned.Flags)), Is.EqualTo((nint)24));
        Assert.That(Marshal.OffsetOf<DLManagedTensorVersioned>(nameof(DLManagedTensorVersioned.DLTensor)), Is.EqualTo((nint)32));
    }

    [Test]
    public void ImportSharesMemoryAndCallsTheDeleterOnceAfterTheLastView()
    {
        using var producer = new Producer(new long[] { 2, 3 }, 6);
        Tensor t = Tensor.FromDLPack((nint)producer.Managed);
        Assert.That(t.Shape.ToArray(), Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(t.DType, Is.EqualTo(DType.Float32));
        Assert.That(t.DataPointer, Is.EqualTo((nint)producer.Data));
        Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 0, 1, 2, 3, 4, 5 }));

        t.Fill_(3.0);
        Assert.That(producer.Data[5], Is.EqualTo(3f), "a write to the tensor reaches the producer's memory");

        Tensor view = t.T;
        t.Dispose();
        Assert.That(producerDeletes, Is.EqualTo(0), "the view still uses the memory");
        view.Dispose();
        Assert.That(producerDeletes, Is.EqualTo(1));
    }

    [Test]
    public void ImportVersioned()
    {
        using var producer = new Producer(new long[] { 3 }, 3);
        using (Tensor t = Tensor.FromDLPack((nint)producer.Versioned, DLPackFormat.Versioned))
        {
            Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 0, 1, 2 }));
        }

        Assert.That(producerDeletes, Is.EqualTo(1));
    }

    [Test]
    public void RefusedImportsAreTypedAndLeaveOwnershipWithTheCaller()
    {
        using var producer = new Producer(new long[] { 2 }, 2);
        producer.Managed->DLTensor.DType = new DLDataType { Code = 5, Bits = 64, Lanes = 1 };
        var dtype = Assert.Throws<EmberDTypeException>(() => Tensor.FromDLPack((nint)producer.Managed));
        Assert.That(dtype!.Message, Does.Contain("complex"));

        producer.Managed->DLTensor.DType = new DLDataType { Code = 2, Bits = 32, Lanes = 1 };
        producer.Managed->DLTensor.Device = new DLDevice { DeviceType = 8, DeviceId = 0 };
        var device = Assert.Throws<EmberDeviceException>(() => Tensor.FromDLPack((nint)producer.Managed));
        Assert.That(device!.Message, Does.Contain("kDLMetal"));

        producer.Versioned->Flags = DLManagedTensorVersioned.FlagReadOnly;
        var readOnly = Assert.Throws<EmberArgumentException>(() => Tensor.FromDLPack((nint)producer.Versioned, DLPackFormat.Versioned));
        Assert.That(readOnly!.Message, Does.Contain("read-only"));

        Assert.Throws<EmberArgumentException>(() => Tensor.FromDLPack(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.FromDLPack((nint)producer.Managed, (DLPackFormat)7));
        Assert.That(producerDeletes, Is.EqualTo(0));

        // The caller gives a refused tensor back to its producer itself.
        Tensor.ReleaseDLPack((nint)producer.Managed);
        Assert.That(producerDeletes, Is.EqualTo(1));
    }

    [Test]
    public void ExportDescribesAStridedViewAndKeepsItsMemoryAfterDispose()
    {
        using Tensor baseTensor = Tensor.Arange(0, 12, 1, DType.Float64).Reshape(3, 4);
        nint exported;
        using (Tensor view = baseTensor[.., 1..].T)
        {
            exported = view.ToDLPack();
            var dl = ((DLManagedTensor*)exported)->DLTensor;
            Assert.That((nint)dl.Data, Is.EqualTo(view.DataPointer));
            Assert.That(dl.NDim, Is.EqualTo(2));
            Assert.That(new[] { dl.Shape[0], dl.Shape[1] }, Is.EqualTo(new long[] { 3, 3 }));
            Assert.That(new[] { dl.Strides[0], dl.Strides[1] }, Is.EqualTo(new long[] { 1, 4 }));
            Assert.That((dl.DType.Code, dl.DType.Bits, dl.DType.Lanes), Is.EqualTo(((byte)2, (byte)64, (ushort)1)));
            Assert.That((dl.Device.DeviceType, dl.Device.DeviceId), Is.EqualTo((1, 0)));
            Assert.That(dl.ByteOffset, Is.EqualTo(0UL));
        }

        double* data = (double*)((DLManagedTensor*)exported)->DLTensor.Data;
        Assert.That(data[(1 * 1) + (2 * 4)], Is.EqualTo(10.0), "element [1, 2] of the transposed view, after the view was disposed");
        Tensor.ReleaseDLPack(exported);
    }

    [Test]
    public void RoundTripThroughTheVersionedFormatSharesMemory()
    {
        using Tensor t = Tensor.From(new[] { 1, 2, 3 }, 3);
        nint exported = t.ToDLPack(DLPackFormat.Versioned);
        var versioned = (DLManagedTensorVersioned*)exported;
        Assert.That((versioned->MajorVersion, versioned->Flags), Is.EqualTo((1u, 0UL)));
        using Tensor back = Tensor.FromDLPack(exported, DLPackFormat.Versioned);
        Assert.That(back.DataPointer, Is.EqualTo(t.DataPointer));
        back.Add_(10L);
        Assert.That(t.ToArray<int>(), Is.EqualTo(new[] { 11, 12, 13 }));
    }

    [Test]
    public void ExportRefusesTensorsThatRequireGradAndDisposedTensors()
    {
        using Tensor w = Tensor.Ones(new long[] { 2 }).RequiresGrad_();
        var e = Assert.Throws<EmberAutogradException>(() => w.ToDLPack());
        Assert.That(e!.Message, Does.Contain("detach"));
        using Tensor detached = w.Detach();
        Tensor.ReleaseDLPack(detached.ToDLPack());

        Tensor gone = Tensor.Zeros(new long[] { 1 });
        gone.Dispose();
        Assert.Throws<ObjectDisposedException>(() => gone.ToDLPack());
        Tensor.ReleaseDLPack(0);
    }
}
