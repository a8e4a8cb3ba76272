using System.Runtime.InteropServices;

namespace Ember.Interop;

// The DLPack exchange structs (https://dmlc.github.io/dlpack/latest/c_api.html), laid out as in C
// so a pointer from Tensor.ToDLPack can be read, or one for Tensor.FromDLPack built, from C#.

/// <summary>DLPack's <c>DLDevice</c>: a device type (1 = CPU, 2 = CUDA, 3 = CUDA host, 10 = ROCm...) and an ordinal.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DLDevice
{
    /// <summary><c>DLDeviceType</c>: 1 CPU, 2 CUDA, 3 CUDA pinned host, 10 ROCm, 11 ROCm host...</summary>
    public int DeviceType;

    /// <summary>The device ordinal (0 for the CPU).</summary>
    public int DeviceId;
}

/// <summary>DLPack's <c>DLDataType</c>: a type code (0 int, 1 uint, 2 float, 4 bfloat, 5 complex, 6 bool), bits and lanes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DLDataType
{
    /// <summary><c>DLDataTypeCode</c>: 0 int, 1 uint, 2 float, 3 opaque handle, 4 bfloat, 5 complex, 6 bool.</summary>
    public byte Code;

    /// <summary>Bits per lane (8, 16, 32, 64).</summary>
    public byte Bits;

    /// <summary>Lanes per element: 1 for every tensor Ember exchanges.</summary>
    public ushort Lanes;
}

/// <summary>DLPack's <c>DLTensor</c>: the memory and its geometry.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct DLTensor
{
    /// <summary>The address of the allocation (add <see cref="ByteOffset"/> for the first element).</summary>
    public void* Data;

    /// <summary>Where the memory is.</summary>
    public DLDevice Device;

    /// <summary>The number of dimensions.</summary>
    public int NDim;

    /// <summary>The element type.</summary>
    public DLDataType DType;

    /// <summary><see cref="NDim"/> sizes.</summary>
    public long* Shape;

    /// <summary><see cref="NDim"/> strides in elements, or null for row-major.</summary>
    public long* Strides;

    /// <summary>Bytes from <see cref="Data"/> to the first element.</summary>
    public ulong ByteOffset;
}

/// <summary>DLPack's <c>DLManagedTensor</c> (before 1.0): a tensor and the deleter that gives it back to its producer.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct DLManagedTensor
{
    /// <summary>The tensor.</summary>
    public DLTensor DLTensor;

    /// <summary>The producer's context.</summary>
    public void* ManagerContext;

    /// <summary>Called once by the consumer when it no longer needs the memory; may be null.</summary>
    public delegate* unmanaged[Cdecl]<DLManagedTensor*, void> Deleter;
}

/// <summary>DLPack 1.x's <c>DLManagedTensorVersioned</c>: a version, the deleter, flags, then the tensor.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct DLManagedTensorVersioned
{
    /// <summary>Bit 0 of <see cref="Flags"/>: the memory must not be written.</summary>
    public const ulong FlagReadOnly = 1;

    /// <summary>Bit 1 of <see cref="Flags"/>: the producer copied the data for this exchange.</summary>
    public const ulong FlagIsCopied = 2;

    /// <summary>The DLPack major version (1).</summary>
    public uint MajorVersion;

    /// <summary>The DLPack minor version.</summary>
    public uint MinorVersion;

    /// <summary>The producer's context.</summary>
    public void* ManagerContext;

    /// <summary>Called once by the consumer when it no longer needs the memory; may be null.</summary>
    public delegate* unmanaged[Cdecl]<DLManagedTensorVersioned*, void> Deleter;

    /// <summary><see cref="FlagReadOnly"/>, <see cref="FlagIsCopied"/>.</summary>
    public ulong Flags;

    /// <summary>The tensor.</summary>
    public DLTensor DLTensor;
}
