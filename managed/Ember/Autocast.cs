using System;
using Ember.Native;

namespace Ember;

/// <summary>
/// Mixed precision (PyTorch's <c>torch.autocast</c>). Inside an enabled scope the matmul family
/// (<c>MatMul</c>, <c>Mm</c>, <c>Bmm</c>, <c>Addmm</c>, <c>Linear</c>) and convolutions run in
/// bfloat16 (through oneDNN: AMX or AVX512-BF16 where the CPU has them), while losses, reductions, softmax and
/// normalisations run in float32. Parameters and their gradients stay float32: the casts are
/// recorded like any op.
/// </summary>
/// <example>
/// <code>
/// using (Autocast.Enable())
/// {
///     using Tensor loss = Functional.CrossEntropy(model.Forward(x), y);   // float32
///     loss.Backward();
/// }
/// optimizer.Step();
/// </code>
/// </example>
/// <remarks>
/// The setting is per thread, like grad mode: dispose the scope on the thread that made it and
/// do not <c>await</c> inside it. Backward passes always run with autocast off (the formulas replay
/// the dtypes the forward pass used), so calling <c>Backward</c> inside or outside the scope gives
/// the same gradients.
/// </remarks>
public static class Autocast
{
    /// <summary>Whether autocast is on for the calling thread on <paramref name="device"/>.</summary>
    /// <param name="device">The device type (only <see cref="DeviceType.Cpu"/> has autocast in this build).</param>
    /// <returns>True inside an enabled scope.</returns>
    public static bool IsEnabled(DeviceType device = DeviceType.Cpu) => Get(device).Enabled;

    /// <summary>The lower-precision dtype autocast uses on <paramref name="device"/> (bfloat16 unless set otherwise).</summary>
    /// <param name="device">The device type.</param>
    /// <returns>The dtype the matmul family runs in inside an enabled scope.</returns>
    public static DType GetDType(DeviceType device = DeviceType.Cpu) => Get(device).DType;

    /// <summary>Turns autocast on for the calling thread until the returned scope is disposed.</summary>
    /// <param name="dtype">The lower-precision dtype: <see cref="DType.BFloat16"/> (default) or <see cref="DType.Float16"/>.</param>
    /// <param name="device">The device type (only <see cref="DeviceType.Cpu"/>).</param>
    /// <returns>The scope; disposing it restores the previous setting.</returns>
    /// <exception cref="EmberDTypeException"><paramref name="dtype"/> is not bfloat16 or float16.</exception>
    /// <exception cref="EmberUnsupportedException"><paramref name="device"/> has no autocast in this build.</exception>
    public static AutocastScope Enable(DType dtype = DType.BFloat16, DeviceType device = DeviceType.Cpu) =>
        new(device, true, dtype);

    /// <summary>Turns autocast off for the calling thread until the returned scope is disposed (for a region that must run in float32).</summary>
    /// <param name="device">The device type.</param>
    /// <returns>The scope; disposing it restores the previous setting.</returns>
    public static AutocastScope Disable(DeviceType device = DeviceType.Cpu) => new(device, false, GetDType(device));

    internal static unsafe (bool Enabled, DType DType) Get(DeviceType device)
    {
        bool enabled;
        EmberDtype dtype;
        NativeStatus.Check(NativeMethods.ember_get_autocast((EmberDeviceType)(int)device, &enabled, &dtype));
        return (enabled, DTypeExtensions.FromNative(dtype));
    }

    internal static void Set(DeviceType device, bool enabled, DType dtype) =>
        NativeStatus.Check(NativeMethods.ember_set_autocast((EmberDeviceType)(int)device, enabled, dtype.ToNative()));
}

/// <summary>
/// Restores the calling thread's autocast setting when disposed; returned by
/// <see cref="Autocast.Enable"/> and <see cref="Autocast.Disable"/>. Disposing the default value does nothing.
/// </summary>
public readonly struct AutocastScope : IDisposable
{
    private readonly bool active;
    private readonly DeviceType device;
    private readonly bool previousEnabled;
    private readonly DType previousDType;

    internal AutocastScope(DeviceType device, bool enabled, DType dtype)
    {
        (previousEnabled, previousDType) = Autocast.Get(device);
        Autocast.Set(device, enabled, dtype);
        this.device = device;
        active = true;
    }

    /// <summary>Restores the setting that was in effect when the scope began.</summary>
    public void Dispose()
    {
        if (active)
        {
            Autocast.Set(device, previousEnabled, previousDType);
        }
    }
}
