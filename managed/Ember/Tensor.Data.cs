using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ember.Native;

namespace Ember;

public sealed partial class Tensor
{
    /// <summary>
    /// A new CPU tensor holding a copy of <paramref name="data"/> (<c>torch.tensor(data)</c>), with
    /// the dtype of the element type (float: float32, long: int64, bool: bool, ...).
    /// </summary>
    /// <typeparam name="TElement">float, double, <see cref="System.Half"/>, <see cref="Ember.BFloat16"/>, sbyte, byte, short, int, long or bool.</typeparam>
    /// <param name="data">The elements in row-major order.</param>
    /// <param name="shape">The sizes; none means one dimension of <c>data.Length</c>.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> is not an element type.</exception>
    /// <exception cref="EmberShapeException">The shape's element count differs from <c>data.Length</c>, or a size is negative.</exception>
    public static unsafe Tensor From<TElement>(ReadOnlySpan<TElement> data, params long[] shape)
        where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        DType dtype = DTypeExtensions.FromElementType<TElement>();
        long length = data.Length;
        ReadOnlySpan<long> sizes = shape.Length == 0 ? new ReadOnlySpan<long>(&length, 1) : shape;
        CheckElementCount(sizes, length);
        EmberTensor result = default;
        fixed (TElement* source = data)
        fixed (long* s = sizes)
        {
            NativeStatus.Check(NativeMethods.ember_from_data(source, (nuint)data.Length * (nuint)sizeof(TElement), s, (nuint)sizes.Length, dtype.ToNative(), &result));
        }

        return FromResult(result);
    }

    /// <summary>A new CPU tensor holding a copy of <paramref name="data"/> (see <see cref="From{TElement}(ReadOnlySpan{TElement}, long[])"/>).</summary>
    /// <typeparam name="TElement">float, double, <see cref="System.Half"/>, <see cref="Ember.BFloat16"/>, sbyte, byte, short, int, long or bool.</typeparam>
    /// <param name="data">The elements in row-major order.</param>
    /// <param name="shape">The sizes; none means one dimension of <c>data.Length</c>.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> is not an element type.</exception>
    /// <exception cref="EmberShapeException">The shape's element count differs from <c>data.Length</c>, or a size is negative.</exception>
    public static Tensor From<TElement>(TElement[] data, params long[] shape)
        where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return From(new ReadOnlySpan<TElement>(data), shape);
    }

    /// <summary>A new 2-D CPU tensor holding a copy of a rectangular array (<c>torch.tensor([[...], [...]])</c>).</summary>
    /// <typeparam name="TElement">float, double, <see cref="System.Half"/>, <see cref="Ember.BFloat16"/>, sbyte, byte, short, int, long or bool.</typeparam>
    /// <param name="data">The elements; the array's lengths are the shape.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> is not an element type.</exception>
    public static Tensor From<TElement>(TElement[,] data)
        where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return From(ArrayElements<TElement>(data), data.GetLength(0), data.GetLength(1));
    }

    /// <summary>A new 3-D CPU tensor holding a copy of a rectangular array.</summary>
    /// <typeparam name="TElement">float, double, <see cref="System.Half"/>, <see cref="Ember.BFloat16"/>, sbyte, byte, short, int, long or bool.</typeparam>
    /// <param name="data">The elements; the array's lengths are the shape.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> is not an element type.</exception>
    public static Tensor From<TElement>(TElement[,,] data)
        where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return From(ArrayElements<TElement>(data), data.GetLength(0), data.GetLength(1), data.GetLength(2));
    }

    /// <summary>A new 4-D CPU tensor holding a copy of a rectangular array.</summary>
    /// <typeparam name="TElement">float, double, <see cref="System.Half"/>, <see cref="Ember.BFloat16"/>, sbyte, byte, short, int, long or bool.</typeparam>
    /// <param name="data">The elements; the array's lengths are the shape.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> is not an element type.</exception>
    public static Tensor From<TElement>(TElement[,,,] data)
        where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return From(ArrayElements<TElement>(data), data.GetLength(0), data.GetLength(1), data.GetLength(2), data.GetLength(3));
    }

    /// <summary>
    /// Copies the elements, in row-major order, into a new array (any layout and device; PyTorch's
    /// <c>tolist()</c> flattened). <typeparamref name="TElement"/> must match <see cref="DType"/>.
    /// </summary>
    /// <typeparam name="TElement">The .NET type of <see cref="DType"/> (float for Float32, long for Int64, ...).</typeparam>
    /// <returns>A new array of <see cref="NumberOfElements"/> elements.</returns>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> does not match the tensor's dtype.</exception>
    /// <exception cref="InvalidOperationException">The tensor has more elements than an array can hold.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public TElement[] ToArray<TElement>()
        where TElement : unmanaged
    {
        CheckElementType<TElement>();
        long count = Info.Numel;
        if (count > Array.MaxLength)
        {
            throw new InvalidOperationException($"The tensor has {count} elements, more than an array can hold.");
        }

        TElement[] array = GC.AllocateUninitializedArray<TElement>((int)count);
        CopyTo(array.AsSpan());
        return array;
    }

    /// <summary>Copies the elements, in row-major order, into <paramref name="destination"/> (any layout and device).</summary>
    /// <typeparam name="TElement">The .NET type of <see cref="DType"/>.</typeparam>
    /// <param name="destination">Exactly <see cref="NumberOfElements"/> elements.</param>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> does not match the tensor's dtype.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/>'s length is not the element count.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe void CopyTo<TElement>(Span<TElement> destination)
        where TElement : unmanaged
    {
        CheckElementType<TElement>();
        if (destination.Length != Info.Numel)
        {
            throw new ArgumentException($"The destination holds {destination.Length} elements; the tensor has {Info.Numel}.", nameof(destination));
        }

        fixed (TElement* target = destination)
        {
            NativeStatus.Check(NativeMethods.ember_copy_to_buffer(Handle, target, (nuint)destination.Length * (nuint)sizeof(TElement)));
        }

        GC.KeepAlive(this);
    }

    /// <summary>
    /// The value of a one-element tensor (PyTorch's <c>item()</c>), converted to
    /// <typeparamref name="TElement"/> as a C# cast would (floating to integer truncates; nonzero is true).
    /// </summary>
    /// <typeparam name="TElement">float, double, <see cref="System.Half"/>, <see cref="Ember.BFloat16"/>, sbyte, byte, short, int, long or bool.</typeparam>
    /// <returns>The value.</returns>
    /// <exception cref="EmberArgumentException">The tensor does not have exactly one element.</exception>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> is not an element type.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe TElement Item<TElement>()
        where TElement : unmanaged
    {
        EmberScalar value;
        NativeStatus.Check(NativeMethods.ember_item(Handle, &value));
        GC.KeepAlive(this);
        return ConvertScalar<TElement>(value);
    }

    /// <summary>
    /// The elements of a contiguous CPU tensor as a span over its native memory (no copy; writes
    /// change the tensor).
    /// </summary>
    /// <remarks>
    /// The span does not keep the tensor alive: keep a reference to the tensor (and do not
    /// dispose it) for as long as the span is used, or the memory may be freed under it. A
    /// <c>using</c> declaration, or <see cref="GC.KeepAlive"/> after the last use of the span, does
    /// that. The span covers the tensor's own elements (a contiguous view sees its part of the
    /// storage); for a tensor made by <see cref="FromBuffer{TElement}(Memory{TElement}, long[])"/> it
    /// is the wrapped memory itself.
    /// </remarks>
    /// <typeparam name="TElement">The .NET type of <see cref="DType"/>.</typeparam>
    /// <returns>A span of <see cref="NumberOfElements"/> elements.</returns>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> does not match the tensor's dtype.</exception>
    /// <exception cref="InvalidOperationException">The tensor is not contiguous, not on the CPU, or too large for a span.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe Span<TElement> AsSpan<TElement>()
        where TElement : unmanaged
    {
        CheckElementType<TElement>();
        ref readonly EmberTensorInfo i = ref Info;
        if (i.Device.Type != EmberDeviceType.Cpu)
        {
            throw new InvalidOperationException($"AsSpan needs a CPU tensor; this one is on {Device}. Copy it with ToArray() instead.");
        }

        if (!i.IsContiguous)
        {
            throw new InvalidOperationException("AsSpan needs a contiguous tensor; call Contiguous() first, or use ToArray().");
        }

        if (i.Numel > int.MaxValue)
        {
            throw new InvalidOperationException($"The tensor has {i.Numel} elements, more than a span can hold.");
        }

        return new Span<TElement>(i.Data, (int)i.Numel);
    }

    /// <summary>The elements of a contiguous CPU tensor as a read-only span (see <see cref="AsSpan{TElement}"/> for the lifetime rule).</summary>
    /// <typeparam name="TElement">The .NET type of <see cref="DType"/>.</typeparam>
    /// <returns>A read-only span of <see cref="NumberOfElements"/> elements.</returns>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> does not match the tensor's dtype.</exception>
    /// <exception cref="InvalidOperationException">The tensor is not contiguous, not on the CPU, or too large for a span.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public ReadOnlySpan<TElement> AsReadOnlySpan<TElement>()
        where TElement : unmanaged => AsSpan<TElement>();

    private void CheckElementType<TElement>()
        where TElement : unmanaged
    {
        DType actual = DType;
        if (!DTypeExtensions.TryFromElementType<TElement>(out DType wanted) || wanted != actual)
        {
            throw new EmberDTypeException($"The tensor's dtype is {actual.ToTorchString()}; {typeof(TElement).Name} elements do not match it. Convert with To(dtype) first.");
        }
    }

    internal static TElement ConvertScalar<TElement>(EmberScalar value)
        where TElement : unmanaged
    {
        bool isFloat = value.Kind == EmberScalarKind.Float;
        double d = isFloat ? value.F : value.I;
        long l = isFloat ? (long)value.F : value.I;
        if (typeof(TElement) == typeof(float)) { float v = (float)d; return Unsafe.As<float, TElement>(ref v); }
        if (typeof(TElement) == typeof(double)) { return Unsafe.As<double, TElement>(ref d); }
        if (typeof(TElement) == typeof(System.Half)) { System.Half v = (System.Half)d; return Unsafe.As<System.Half, TElement>(ref v); }
        if (typeof(TElement) == typeof(Ember.BFloat16)) { Ember.BFloat16 v = (Ember.BFloat16)d; return Unsafe.As<Ember.BFloat16, TElement>(ref v); }
        if (typeof(TElement) == typeof(long)) { return Unsafe.As<long, TElement>(ref l); }
        if (typeof(TElement) == typeof(int)) { int v = (int)l; return Unsafe.As<int, TElement>(ref v); }
        if (typeof(TElement) == typeof(short)) { short v = (short)l; return Unsafe.As<short, TElement>(ref v); }
        if (typeof(TElement) == typeof(sbyte)) { sbyte v = (sbyte)l; return Unsafe.As<sbyte, TElement>(ref v); }
        if (typeof(TElement) == typeof(byte)) { byte v = (byte)l; return Unsafe.As<byte, TElement>(ref v); }
        if (typeof(TElement) == typeof(bool)) { bool v = isFloat ? value.F != 0 : value.I != 0; return Unsafe.As<bool, TElement>(ref v); }
        throw new EmberDTypeException($"{typeof(TElement).Name} is not an element type of Ember tensors.");
    }

    private static void CheckElementCount(ReadOnlySpan<long> sizes, long available)
    {
        long count = 1;
        foreach (long size in sizes)
        {
            if (size < 0)
            {
                throw new EmberShapeException($"Trying to create tensor with negative dimension {size}: {new TensorShape(sizes)}");
            }

            if (count != 0 && size > long.MaxValue / count)
            {
                throw new EmberShapeException($"shape '{new TensorShape(sizes)}' has more elements than a tensor can hold");
            }

            count *= size;
        }

        if (count != available)
        {
            throw new EmberShapeException($"shape '{new TensorShape(sizes)}' is invalid for input of size {available}");
        }
    }

    private static ReadOnlySpan<TElement> ArrayElements<TElement>(Array data)
        where TElement : unmanaged =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, TElement>(ref MemoryMarshal.GetArrayDataReference(data)), data.Length);
}
