using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using Ember.Native;

namespace Ember;

public sealed partial class Tensor
{
    /// <summary>
    /// A CPU tensor that uses <paramref name="array"/>'s memory without copying (like
    /// <c>torch.from_numpy</c>): writes through either are seen by both. The array stays pinned
    /// until the last tensor using it (views included) is released.
    /// </summary>
    /// <typeparam name="TElement">float, double, <see cref="System.Half"/>, <see cref="Ember.BFloat16"/>, sbyte, byte, short, int, long or bool.</typeparam>
    /// <param name="array">The elements in row-major order.</param>
    /// <param name="shape">The sizes; none means one dimension of <c>array.Length</c>.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="array"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> is not an element type.</exception>
    /// <exception cref="EmberShapeException">The shape's element count differs from the array's length, or a size is negative.</exception>
    public static Tensor FromBuffer<TElement>(TElement[] array, params long[] shape)
        where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        return FromBuffer(new Memory<TElement>(array), shape);
    }

    /// <summary>
    /// A CPU tensor that uses <paramref name="memory"/> without copying: writes through either are
    /// seen by both. The memory is pinned until the last tensor using it is released.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <paramref name="memory"/> may be an array, a slice of one (the tensor starts at the slice),
    /// or come from a <see cref="MemoryManager{T}"/> (native or pooled memory): it is pinned here
    /// with <see cref="Memory{T}.Pin"/>, and the <see cref="MemoryHandle"/> is disposed (for a
    /// manager, <see cref="MemoryManager{T}.Unpin"/> is called) exactly once, when the last tensor
    /// that uses the memory, views included, is disposed or finalized, on whichever thread that
    /// happens. The memory stays the caller's: Ember never disposes a manager or returns an array
    /// to a pool, and the caller must keep it valid (not free, return or reuse it) until then.
    /// </para>
    /// <para>
    /// There is no overload for <see cref="ReadOnlyMemory{T}"/>: a tensor is always writable (in-place
    /// operations, optimizers), so wrapping read-only memory would let it be written. To copy it,
    /// use <see cref="From{TElement}(ReadOnlySpan{TElement}, long[])"/>. If the memory may in fact be
    /// written and the tensor is only read, <see cref="MemoryMarshal.AsMemory{T}(ReadOnlyMemory{T})"/>
    /// makes that decision visible at the call site.
    /// </para>
    /// </remarks>
    /// <typeparam name="TElement">float, double, <see cref="System.Half"/>, <see cref="Ember.BFloat16"/>, sbyte, byte, short, int, long or bool.</typeparam>
    /// <param name="memory">The elements in row-major order.</param>
    /// <param name="shape">The sizes; none means one dimension of <c>memory.Length</c>.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="EmberDTypeException"><typeparamref name="TElement"/> is not an element type.</exception>
    /// <exception cref="EmberShapeException">The shape's element count differs from the memory's length, or a size is negative.</exception>
    public static unsafe Tensor FromBuffer<TElement>(Memory<TElement> memory, params long[] shape)
        where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        DType dtype = DTypeExtensions.FromElementType<TElement>();
        long length = memory.Length;
        ReadOnlySpan<long> sizes = shape.Length == 0 ? new ReadOnlySpan<long>(&length, 1) : shape;
        CheckElementCount(sizes, length);
        var owner = new ExternalMemory(memory.Pin(), null);
        return WrapExternal(owner, owner.Pointer, sizes, default, dtype, null);
    }

    /// <summary>
    /// A tensor over memory the caller owns (PyTorch C++'s <c>from_blob</c>), without copying.
    /// The memory must stay valid until <paramref name="release"/> is called, which happens when the
    /// last tensor using it is released (on any thread).
    /// </summary>
    /// <param name="data">The address of the first element.</param>
    /// <param name="shape">The sizes.</param>
    /// <param name="dtype">The element type.</param>
    /// <param name="strides">The strides in elements (non-negative); empty means row-major.</param>
    /// <param name="device">The device the memory belongs to (default CPU).</param>
    /// <param name="release">Called once when no tensor uses the memory any more; may be null. Exceptions it throws are logged and swallowed.</param>
    /// <returns>The new tensor.</returns>
    /// <exception cref="ArgumentException"><paramref name="strides"/> is not empty and its length differs from the shape's.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="data"/> is zero for a non-empty shape, or a stride is negative.</exception>
    /// <exception cref="EmberShapeException">A size is negative.</exception>
    public static Tensor FromBlob(nint data, ReadOnlySpan<long> shape, DType dtype, ReadOnlySpan<long> strides = default, Device? device = null, Action? release = null)
    {
        if (!strides.IsEmpty && strides.Length != shape.Length)
        {
            throw new ArgumentException($"{strides.Length} strides were given for {shape.Length} dimensions.", nameof(strides));
        }

        ExternalMemory? owner = release is null ? null : new ExternalMemory(default, release);
        return WrapExternal(owner, data, shape, strides, dtype, device);
    }

    private static unsafe Tensor WrapExternal(ExternalMemory? owner, nint data, ReadOnlySpan<long> shape, ReadOnlySpan<long> strides, DType dtype, Device? device)
    {
        void* userData = owner is null ? null : (void*)owner.HandleAddress;
        delegate* unmanaged[Cdecl]<void*, void*, void> deleter = owner is null ? null : &ReleaseExternalMemory;
        EmberTensor result = default;
        EmberStatus status;
        fixed (long* sizes = shape)
        fixed (long* steps = strides)
        {
            status = NativeMethods.ember_from_blob((void*)data, sizes, strides.IsEmpty ? null : steps, (nuint)shape.Length, dtype.ToNative(), Device.ToNative(device), deleter, userData, &result);
        }

        if (status != EmberStatus.Ok)
        {
            // Nothing holds the memory: release the pin (idempotent if the runtime already called the deleter).
            owner?.Release();
            NativeStatus.Check(status);
        }

        return FromView(result);
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static unsafe void ReleaseExternalMemory(void* data, void* userData)
    {
        // Runs on whichever thread drops the last reference; nothing may escape into native code.
        try
        {
            if (GCHandle.FromIntPtr((nint)userData).Target is ExternalMemory owner)
            {
                owner.Release();
            }
        }
        catch (Exception e)
        {
            EmberRuntime.ReportCallbackError("the release callback of external tensor memory", e);
        }
    }

    /// <summary>What keeps wrapped memory valid: a pin, and the caller's release callback.</summary>
    private sealed class ExternalMemory
    {
        private MemoryHandle pin;
        private readonly Action? release;
        private GCHandle self;
        private int released;

        public ExternalMemory(MemoryHandle pin, Action? release)
        {
            this.pin = pin;
            this.release = release;
            self = GCHandle.Alloc(this);
        }

        public unsafe nint Pointer => (nint)pin.Pointer;

        public nint HandleAddress => GCHandle.ToIntPtr(self);

        public void Release()
        {
            if (Interlocked.Exchange(ref released, 1) != 0)
            {
                return;
            }

            try
            {
                pin.Dispose();
                release?.Invoke();
            }
            finally
            {
                self.Free();
            }
        }
    }
}
