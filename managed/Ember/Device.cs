using System;
using System.Globalization;
using Ember.Native;

namespace Ember;

/// <summary>The kind of memory a tensor lives in.</summary>
public enum DeviceType
{
    /// <summary>Host memory.</summary>
    Cpu = 0,

    /// <summary>An NVIDIA GPU (CUDA).</summary>
    Cuda = 1,

    /// <summary>An AMD GPU (HIP/ROCm).</summary>
    Hip = 2,
}

/// <summary>
/// Where a tensor lives, as PyTorch's <c>torch.device</c>: a <see cref="DeviceType"/> and an
/// ordinal. <c>default(Device)</c> is the CPU.
/// </summary>
public readonly struct Device : IEquatable<Device>
{
    /// <summary>Creates a device.</summary>
    /// <param name="type">The kind of device.</param>
    /// <param name="index">The ordinal among devices of that kind; 0 for the CPU.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative, or not 0 for the CPU.</exception>
    public Device(DeviceType type, int index = 0)
    {
        if (index < 0 || (type == DeviceType.Cpu && index != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "a device index is at least 0, and 0 for the CPU");
        }

        Type = type;
        Index = index;
    }

    /// <summary>The kind of device.</summary>
    public DeviceType Type { get; }

    /// <summary>The ordinal among devices of this kind (0 for the CPU).</summary>
    public int Index { get; }

    /// <summary>The host (CPU).</summary>
    public static Device Cpu => default;

    /// <summary>Whether this is the CPU.</summary>
    public bool IsCpu => Type == DeviceType.Cpu;

    /// <summary>A CUDA GPU.</summary>
    /// <param name="index">The GPU's ordinal.</param>
    /// <returns>The device <c>cuda:index</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static Device Cuda(int index = 0) => new(DeviceType.Cuda, index);

    /// <summary>A HIP (ROCm) GPU.</summary>
    /// <param name="index">The GPU's ordinal.</param>
    /// <returns>The device <c>hip:index</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static Device Hip(int index = 0) => new(DeviceType.Hip, index);

    /// <summary>Parses PyTorch's spelling of a device: <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>, <c>hip:0</c>.</summary>
    /// <param name="text">The device string.</param>
    /// <returns>The device.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a device string.</exception>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        int colon = span.IndexOf(':');
        ReadOnlySpan<char> kind = colon < 0 ? span : span[..colon];
        int index = 0;
        if (colon >= 0 && !int.TryParse(span[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            throw new FormatException($"'{text}' is not a device: the index after ':' must be a non-negative integer");
        }

        DeviceType type = kind switch
        {
            "cpu" => DeviceType.Cpu,
            "cuda" => DeviceType.Cuda,
            "hip" => DeviceType.Hip,
            _ => throw new FormatException($"'{text}' is not a device: expected cpu, cuda[:N] or hip[:N]"),
        };
        if (type == DeviceType.Cpu && index != 0)
        {
            throw new FormatException($"'{text}' is not a device: the CPU has only index 0");
        }

        return new Device(type, index);
    }

    /// <summary>PyTorch's spelling: <c>cpu</c>, <c>cuda:0</c>, <c>hip:1</c>.</summary>
    /// <returns>The device string.</returns>
    public override string ToString() => Type switch
    {
        DeviceType.Cpu => "cpu",
        DeviceType.Cuda => "cuda:" + Index.ToString(CultureInfo.InvariantCulture),
        DeviceType.Hip => "hip:" + Index.ToString(CultureInfo.InvariantCulture),
        _ => Type.ToString().ToLowerInvariant() + ":" + Index.ToString(CultureInfo.InvariantCulture),
    };

    /// <inheritdoc/>
    public bool Equals(Device other) => Type == other.Type && Index == other.Index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Device other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ((int)Type << 16) ^ Index;

    /// <summary>Whether two devices are the same.</summary>
    /// <param name="left">A device.</param>
    /// <param name="right">Another device.</param>
    /// <returns>True when kind and ordinal are equal.</returns>
    public static bool operator ==(Device left, Device right) => left.Equals(right);

    /// <summary>Whether two devices differ.</summary>
    /// <param name="left">A device.</param>
    /// <param name="right">Another device.</param>
    /// <returns>True when kind or ordinal differ.</returns>
    public static bool operator !=(Device left, Device right) => !left.Equals(right);

    internal EmberDevice ToNative() => new() { Type = (EmberDeviceType)(int)Type, Index = Index };

    internal static Device FromNative(EmberDevice device) =>
        new((DeviceType)(int)device.Type, device.Type == EmberDeviceType.Cpu ? 0 : device.Index);

    internal static EmberDevice ToNative(Device? device) => device is Device d ? d.ToNative() : default;
}
