using System.Runtime.CompilerServices;
using Ember.Native;

namespace Ember;

/// <summary>
/// Builds native scalars. The kind matters for type promotion as in PyTorch: a long is a Python
/// int (an int tensor plus 1 stays int), a double a Python float (an int tensor plus 1.5 becomes
/// float32), a bool a Python bool.
/// </summary>
internal static class Scalars
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static EmberScalar Of(long value) => new() { Kind = EmberScalarKind.Int, I = value };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static EmberScalar Of(double value) => new() { Kind = EmberScalarKind.Float, F = value };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static EmberScalar Of(bool value) => new() { Kind = EmberScalarKind.Bool, I = value ? 1 : 0 };

    public static string Format(EmberScalar value) => value.Kind switch
    {
        EmberScalarKind.Bool => value.I != 0 ? "True" : "False",
        EmberScalarKind.Int => value.I.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.F.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
    };
}
