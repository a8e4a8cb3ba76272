using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ember.Native;

namespace Ember;

/// <summary>
/// Turns the status of a native call into an exception. Every call into the runtime goes through
/// <see cref="Check"/>: the success path is one inlined comparison, the failure path reads the
/// calling thread's error message (it must run on the thread that made the call, before any
/// other native call) and throws the <see cref="EmberException"/> subclass of the status.
/// </summary>
internal static class NativeStatus
{
    /// <summary>Throws when <paramref name="status"/> is not <see cref="EmberStatus.Ok"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(EmberStatus status)
    {
        if (status != EmberStatus.Ok)
        {
            Throw(status);
        }
    }

    /// <summary>The exception for a failed status, carrying the thread's last native error message.</summary>
    public static EmberException Create(EmberStatus status)
    {
        string message = LastErrorMessage();
        if (message.Length == 0)
        {
            message = "the native call failed with status " + status.ToString();
        }

        return status switch
        {
            EmberStatus.ErrInvalidArgument => new EmberArgumentException(message),
            EmberStatus.ErrShape => new EmberShapeException(message),
            EmberStatus.ErrDtype => new EmberDTypeException(message),
            EmberStatus.ErrDevice => new EmberDeviceException(message),
            EmberStatus.ErrIndex => new EmberIndexException(message),
            EmberStatus.ErrOutOfMemory => new EmberOutOfMemoryException(message),
            EmberStatus.ErrIo => new EmberIOException(message),
            EmberStatus.ErrUnsupported => new EmberUnsupportedException(message),
            EmberStatus.ErrAutograd => new EmberAutogradException(message),
            _ => new EmberInternalException(message),
        };
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(EmberStatus status) => throw Create(status);

    private static unsafe string LastErrorMessage()
    {
        byte* text = NativeMethods.ember_last_error_message();
        return text is null ? string.Empty : Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
    }
}
