using System;
using System.Runtime.CompilerServices;
using Ember.Native;

namespace Ember;

/// <summary>
/// The element type of a tensor, as PyTorch's <c>torch.dtype</c>. The values equal the native
/// <c>ember_dtype</c> codes. Type promotion between dtypes follows PyTorch's rules exactly.
/// </summary>
public enum DType
{
    /// <summary>32-bit IEEE float (<c>torch.float32</c>), the default floating dtype.</summary>
    Float32 = 0,

    /// <summary>64-bit IEEE float (<c>torch.float64</c>).</summary>
    Float64 = 1,

    /// <summary>16-bit IEEE half (<c>torch.float16</c>), <see cref="Half"/> in .NET.</summary>
    Float16 = 2,

    /// <summary>16-bit brain float (<c>torch.bfloat16</c>), <see cref="Ember.BFloat16"/> in .NET.</summary>
    BFloat16 = 3,

    /// <summary>Signed 8-bit integer (<c>torch.int8</c>), <see cref="sbyte"/> in .NET.</summary>
    Int8 = 4,

    /// <summary>Unsigned 8-bit integer (<c>torch.uint8</c>), <see cref="byte"/> in .NET.</summary>
    UInt8 = 5,

    /// <summary>Signed 16-bit integer (<c>torch.int16</c>), <see cref="short"/> in .NET.</summary>
    Int16 = 6,

    /// <summary>Signed 32-bit integer (<c>torch.int32</c>), <see cref="int"/> in .NET.</summary>
    Int32 = 7,

    /// <summary>Signed 64-bit integer (<c>torch.int64</c>), the default integer dtype; <see cref="long"/> in .NET.</summary>
    Int64 = 8,

    /// <summary>Boolean, one byte per element holding 0 or 1 (<c>torch.bool</c>), <see cref="bool"/> in .NET.</summary>
    Bool = 9,
}

/// <summary>Facts about <see cref="DType"/> values.</summary>
public static class DTypeExtensions
{
    /// <summary>The size of one element in bytes.</summary>
    /// <param name="dtype">The dtype.</param>
    /// <returns>1, 2, 4 or 8.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined value.</exception>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float64 or DType.Int64 => 8,
        DType.Float32 or DType.Int32 => 4,
        DType.Float16 or DType.BFloat16 or DType.Int16 => 2,
        DType.Int8 or DType.UInt8 or DType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a dtype"),
    };

    /// <summary>Whether the dtype is a floating-point type (<c>dtype.is_floating_point</c>).</summary>
    /// <param name="dtype">The dtype.</param>
    /// <returns>True for Float32, Float64, Float16 and BFloat16.</returns>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64 or DType.Float16 or DType.BFloat16;

    /// <summary>Whether the dtype is an integer type (bool excluded).</summary>
    /// <param name="dtype">The dtype.</param>
    /// <returns>True for Int8, UInt8, Int16, Int32 and Int64.</returns>
    public static bool IsIntegral(this DType dtype) => dtype is DType.Int8 or DType.UInt8 or DType.Int16 or DType.Int32 or DType.Int64;

    /// <summary>PyTorch's name of the dtype, as <c>str(dtype)</c> prints it: <c>torch.float32</c>.</summary>
    /// <param name="dtype">The dtype.</param>
    /// <returns>The name, for example <c>torch.int64</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a defined value.</exception>
    public static string ToTorchString(this DType dtype) => dtype switch
    {
        DType.Float32 => "torch.float32",
        DType.Float64 => "torch.float64",
        DType.Float16 => "torch.float16",
        DType.BFloat16 => "torch.bfloat16",
        DType.Int8 => "torch.int8",
        DType.UInt8 => "torch.uint8",
        DType.Int16 => "torch.int16",
        DType.Int32 => "torch.int32",
        DType.Int64 => "torch.int64",
        DType.Bool => "torch.bool",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a dtype"),
    };

    /// <summary>
    /// The dtype whose elements are the .NET type <typeparamref name="TElement"/>: float, double,
    /// <see cref="Half"/>, <see cref="Ember.BFloat16"/>, sbyte, byte, short, int, long or bool.
    /// </summary>
    /// <typeparam name="TElement">The element type.</typeparam>
    /// <returns>The matching dtype.</returns>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> has no dtype.</exception>
    public static DType FromElementType<TElement>() where TElement : unmanaged =>
        TryFromElementType<TElement>(out DType dtype)
            ? dtype
            : throw new EmberDTypeException($"{typeof(TElement).Name} is not an element type of Ember tensors " +
                                            "(float, double, Half, BFloat16, sbyte, byte, short, int, long, bool)");

    // typeof(T) == typeof(X) is folded by the JIT and by the AOT compiler: no reflection at run time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryFromElementType<TElement>(out DType dtype) where TElement : unmanaged
    {
        if (typeof(TElement) == typeof(float)) { dtype = DType.Float32; return true; }
        if (typeof(TElement) == typeof(double)) { dtype = DType.Float64; return true; }
        if (typeof(TElement) == typeof(Half)) { dtype = DType.Float16; return true; }
        if (typeof(TElement) == typeof(BFloat16)) { dtype = DType.BFloat16; return true; }
        if (typeof(TElement) == typeof(sbyte)) { dtype = DType.Int8; return true; }
        if (typeof(TElement) == typeof(byte)) { dtype = DType.UInt8; return true; }
        if (typeof(TElement) == typeof(short)) { dtype = DType.Int16; return true; }
        if (typeof(TElement) == typeof(int)) { dtype = DType.Int32; return true; }
        if (typeof(TElement) == typeof(long)) { dtype = DType.Int64; return true; }
        if (typeof(TElement) == typeof(bool)) { dtype = DType.Bool; return true; }
        dtype = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static EmberDtype ToNative(this DType dtype) => (EmberDtype)(int)dtype;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static EmberDtype ToNative(this DType? dtype) => dtype is DType d ? (EmberDtype)(int)d : EmberDtype.Undefined;

    internal static DType FromNative(EmberDtype dtype) => (DType)(int)dtype;
}
