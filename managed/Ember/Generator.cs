using System;
using System.Threading;
using Ember.Native;

namespace Ember;

/// <summary>
/// A random number generator (counter-based Philox, as <c>torch.Generator</c>): its state is a
/// seed and an offset (how many values it has consumed), so results are reproducible and do not
/// depend on the number of threads. Pass one to the random factories and in-place fills; omitting
/// it uses <see cref="Default"/>.
/// </summary>
public sealed class Generator : IDisposable
{
    private nint handle;

    private Generator(nint handle, bool isDefault)
    {
        this.handle = handle;
        IsDefault = isDefault;
    }

    /// <summary>Creates a generator with the given seed and offset 0.</summary>
    /// <param name="seed">The seed.</param>
    /// <exception cref="EmberOutOfMemoryException">The generator could not be allocated.</exception>
    public unsafe Generator(ulong seed)
    {
        EmberGenerator created;
        NativeStatus.Check(NativeMethods.ember_generator_create(seed, &created));
        handle = created.Handle;
    }

    /// <summary>Releases a generator nobody disposed.</summary>
    ~Generator()
    {
        Release();
    }

    /// <summary>The process-wide default generator (the one used when none is given; <c>torch.default_generator</c>).</summary>
    public static Generator Default { get; } = new(0, isDefault: true);

    /// <summary>Whether this is <see cref="Default"/>.</summary>
    public bool IsDefault { get; }

    /// <summary>The seed (PyTorch's <c>initial_seed()</c>).</summary>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    public ulong Seed => GetState().Seed;

    /// <summary>How many random values the generator has consumed since it was seeded.</summary>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    public ulong Offset => GetState().Offset;

    /// <summary>The native handle; the default generator is the NULL handle.</summary>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    internal EmberGenerator Handle
    {
        get
        {
            nint h = Volatile.Read(ref handle);
            if (h == 0 && !IsDefault)
            {
                throw new ObjectDisposedException(nameof(Generator));
            }

            return new EmberGenerator(h);
        }
    }

    /// <summary>Re-seeds the generator (offset 0), as <c>manual_seed</c>.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>This generator.</returns>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    public Generator ManualSeed(ulong seed)
    {
        if (IsDefault)
        {
            NativeStatus.Check(NativeMethods.ember_manual_seed(seed));
        }
        else
        {
            SetState(seed, 0);
        }

        return this;
    }

    /// <summary>The full state: seed and offset (PyTorch's <c>get_state()</c>).</summary>
    /// <returns>The state, for <see cref="SetState"/>.</returns>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    public unsafe (ulong Seed, ulong Offset) GetState()
    {
        ulong seed, offset;
        NativeStatus.Check(NativeMethods.ember_generator_get_state(Handle, &seed, &offset));
        GC.KeepAlive(this);
        return (seed, offset);
    }

    /// <summary>Restores a state from <see cref="GetState"/> (PyTorch's <c>set_state()</c>).</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="offset">The number of values already consumed.</param>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    public void SetState(ulong seed, ulong offset)
    {
        NativeStatus.Check(NativeMethods.ember_generator_set_state(Handle, seed, offset));
        GC.KeepAlive(this);
    }

    /// <summary>Frees the generator. Idempotent; the default generator is never freed.</summary>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    /// <summary>The handle to pass for an optional generator (NULL: the default one).</summary>
    internal static EmberGenerator HandleOf(Generator? generator) => generator is null ? default : generator.Handle;

    private void Release()
    {
        nint h = Interlocked.Exchange(ref handle, 0);
        if (h != 0)
        {
            NativeMethods.ember_generator_release(new EmberGenerator(h));
        }
    }
}
