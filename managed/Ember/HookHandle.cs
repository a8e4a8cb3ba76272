using System;
using System.Threading;
using Ember.Native;

namespace Ember;

/// <summary>
/// Removes a hook registered with <see cref="Tensor.RegisterHook"/> or
/// <see cref="Tensor.RegisterPostAccumulateGradHook"/> (PyTorch's <c>RemovableHandle</c>).
/// </summary>
/// <remarks>
/// Dropping the handle without disposing it leaves the hook registered: it lives as long as the
/// tensor's graph (or the leaf) does. <see cref="Remove"/> silences the hook at once, even when
/// its tensor was disposed in the meantime (the runtime then frees the hook with the graph).
/// </remarks>
public sealed class HookHandle : IDisposable
{
    private readonly Tensor tensor;
    private readonly HookState state;
    private int removed;

    internal HookHandle(Tensor tensor, long id, HookState state)
    {
        this.tensor = tensor;
        this.state = state;
        Id = id;
    }

    /// <summary>The runtime's identifier of the hook (unique in the process).</summary>
    public long Id { get; }

    /// <summary>Whether <see cref="Remove"/> (or <see cref="Dispose"/>) was called.</summary>
    public bool IsRemoved => Volatile.Read(ref removed) != 0;

    /// <summary>Removes the hook: it does not run again. Idempotent and thread-safe.</summary>
    public void Remove()
    {
        if (Interlocked.Exchange(ref removed, 1) != 0)
        {
            return;
        }

        state.Release();
        try
        {
            if (!tensor.IsDisposed)
            {
                // Frees the hook (and its GCHandle) now. It can fail only when the hook already went
                // with the tensor's history (detach_); the flag above covers every case anyway.
                _ = NativeMethods.ember_remove_hook(tensor.Handle, Id);
                GC.KeepAlive(tensor);
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed by another thread just now: the hook goes with the graph.
        }
    }

    /// <summary>Same as <see cref="Remove"/>.</summary>
    public void Dispose() => Remove();
}
