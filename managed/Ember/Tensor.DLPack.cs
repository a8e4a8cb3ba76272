using System;
using Ember.Interop;
using Ember.Native;

namespace Ember;

/// <summary>Which DLPack struct a pointer refers to.</summary>
public enum DLPackFormat
{
    /// <summary><c>DLManagedTensor</c>, DLPack before 1.0: what <c>torch.utils.dlpack.to_dlpack</c> and most producers hand out.</summary>
    Unversioned,

    /// <summary><c>DLManagedTensorVersioned</c>, DLPack 1.x (adds a version and flags such as read-only).</summary>
    Versioned,
}

public sealed partial class Tensor
{
    /// <summary>
    /// A tensor sharing the memory of a DLPack tensor from another framework (like
    /// <c>torch.from_dlpack</c>), without copying. On success the tensor owns
    /// <paramref name="managedTensor"/>: the producer's deleter runs once, when the last tensor using
    /// the memory is released. When this throws, nothing was taken and the caller still owns it.
    /// </summary>
    /// <param name="managedTensor">A <c>DLManagedTensor*</c> (or <c>DLManagedTensorVersioned*</c>).</param>
    /// <param name="format">Which of the two structs <paramref name="managedTensor"/> points to.</param>
    /// <returns>The new tensor; host memory gives a CPU tensor.</returns>
    /// <exception cref="EmberArgumentException">The pointer is zero, the struct is malformed or read-only, or a stride is negative.</exception>
    /// <exception cref="EmberDTypeException">The DLPack dtype has no Ember equivalent (complex, uint16, vector lanes...).</exception>
    /// <exception cref="EmberDeviceException">The memory is on a device this runtime has no backend for.</exception>
    public static unsafe Tensor FromDLPack(nint managedTensor, DLPackFormat format = DLPackFormat.Unversioned)
    {
        EmberTensor result = default;
        NativeStatus.Check(format switch
        {
            DLPackFormat.Unversioned => NativeMethods.ember_from_dlpack((void*)managedTensor, &result),
            DLPackFormat.Versioned => NativeMethods.ember_from_dlpack_versioned((void*)managedTensor, &result),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a DLPackFormat"),
        });
        return FromView(result);
    }

    /// <summary>
    /// Exports this tensor as a new DLPack tensor sharing its memory (like
    /// <c>torch.utils.dlpack.to_dlpack</c>). The export keeps the memory alive, even after this
    /// tensor is disposed, until its deleter runs: hand it to a consumer that calls the deleter, or
    /// call <see cref="ReleaseDLPack"/> yourself; either must happen exactly once.
    /// </summary>
    /// <param name="format">Which DLPack struct to produce.</param>
    /// <returns>A <c>DLManagedTensor*</c> (or <c>DLManagedTensorVersioned*</c>).</returns>
    /// <exception cref="EmberAutogradException">The tensor requires grad; export <see cref="Detach"/>'s result instead.</exception>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    public unsafe nint ToDLPack(DLPackFormat format = DLPackFormat.Unversioned)
    {
        void* exported = null;
        NativeStatus.Check(format switch
        {
            DLPackFormat.Unversioned => NativeMethods.ember_to_dlpack(Handle, &exported),
            DLPackFormat.Versioned => NativeMethods.ember_to_dlpack_versioned(Handle, &exported),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a DLPackFormat"),
        });
        GC.KeepAlive(this);
        return (nint)exported;
    }

    /// <summary>
    /// Calls a DLPack tensor's deleter: for an export that will not be handed to a consumer, or an
    /// import that <see cref="FromDLPack"/> refused. Zero is ignored.
    /// </summary>
    /// <param name="managedTensor">A <c>DLManagedTensor*</c> (or <c>DLManagedTensorVersioned*</c>).</param>
    /// <param name="format">Which of the two structs it points to.</param>
    public static unsafe void ReleaseDLPack(nint managedTensor, DLPackFormat format = DLPackFormat.Unversioned)
    {
        if (managedTensor == 0)
        {
            return;
        }

        switch (format)
        {
            case DLPackFormat.Unversioned:
                var legacy = (DLManagedTensor*)managedTensor;
                if (legacy->Deleter != null)
                {
                    legacy->Deleter(legacy);
                }

                break;
            case DLPackFormat.Versioned:
                var versioned = (DLManagedTensorVersioned*)managedTensor;
                if (versioned->Deleter != null)
                {
                    versioned->Deleter(versioned);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "not a DLPackFormat");
        }
    }
}
