using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Threading;
using Ember.Native;

namespace Ember.IO;

/// <summary>
/// An opened, fully validated safetensors file (from <see cref="SafeTensors.Open(string, bool)"/>).
/// Names and metadata are read when the file is opened; each tensor is made when it is asked
/// for. Every tensor returned is a new <see cref="Tensor"/> the caller disposes, and it stays
/// valid after this object is disposed: a memory-mapped file stays mapped until the last tensor
/// aliasing it is released.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    private readonly string[] names;
    private readonly Dictionary<string, int> indexByName;
    private nint handle;

    internal unsafe SafeTensorsFile(EmberSafetensors file, bool memoryMapped)
    {
        handle = file.Handle;
        IsMemoryMapped = memoryMapped;
        try
        {
            nuint count = 0;
            NativeStatus.Check(NativeMethods.ember_safetensors_count(file, &count));
            names = new string[checked((int)count)];
            indexByName = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
            for (int i = 0; i < names.Length; i++)
            {
                byte* name = null;
                NativeStatus.Check(NativeMethods.ember_safetensors_name(file, (nuint)i, &name));
                names[i] = Marshal.PtrToStringUTF8((nint)name) ?? string.Empty;
                indexByName.Add(names[i], i);
            }

            nuint metaCount = 0;
            NativeStatus.Check(NativeMethods.ember_safetensors_metadata_count(file, &metaCount));
            var metadata = new Dictionary<string, string>(checked((int)metaCount), StringComparer.Ordinal);
            for (nuint i = 0; i < metaCount; i++)
            {
                byte* key = null;
                byte* value = null;
                NativeStatus.Check(NativeMethods.ember_safetensors_metadata_at(file, i, &key, &value));
                metadata.Add(Marshal.PtrToStringUTF8((nint)key) ?? string.Empty, Marshal.PtrToStringUTF8((nint)value) ?? string.Empty);
            }

            Metadata = new ReadOnlyDictionary<string, string>(metadata);
            Names = Array.AsReadOnly(names);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Releases the file handle if it was not disposed.</summary>
    ~SafeTensorsFile()
    {
        ReleaseHandle();
    }

    /// <summary>The tensor names, sorted by their UTF-8 bytes (as Python's <c>safe_open(...).keys()</c>).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The <c>"__metadata__"</c> entries (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The number of tensors in the file.</summary>
    public int Count => names.Length;

    /// <summary>Whether the tensors alias a memory mapping of the file instead of owning copies.</summary>
    public bool IsMemoryMapped { get; }

    /// <summary>The tensor called <paramref name="name"/> (a new tensor the caller disposes).</summary>
    /// <param name="name">The tensor's name.</param>
    /// <exception cref="KeyNotFoundException">The file has no tensor of that name.</exception>
    /// <exception cref="ObjectDisposedException">The file was disposed.</exception>
    public Tensor this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            if (!indexByName.TryGetValue(name, out int index))
            {
                throw new KeyNotFoundException($"the safetensors file has no tensor named \"{name}\"");
            }

            return Get(index);
        }
    }

    /// <summary>Whether the file has a tensor called <paramref name="name"/>.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <returns>True when it exists.</returns>
    public bool Contains(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return indexByName.ContainsKey(name);
    }

    /// <summary>Gets the tensor called <paramref name="name"/> when the file has one.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <param name="tensor">A new tensor the caller disposes, or null.</param>
    /// <returns>True when the tensor exists.</returns>
    /// <exception cref="ObjectDisposedException">The file was disposed.</exception>
    public bool TryGet(string name, [NotNullWhen(true)] out Tensor? tensor)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!indexByName.TryGetValue(name, out int index))
        {
            tensor = null;
            return false;
        }

        tensor = Get(index);
        return true;
    }

    /// <summary>Every tensor, by name in <see cref="Names"/> order (new tensors the caller disposes).</summary>
    /// <returns>The tensors by name.</returns>
    /// <exception cref="ObjectDisposedException">The file was disposed.</exception>
    public Dictionary<string, Tensor> ReadAll()
    {
        var result = new Dictionary<string, Tensor>(names.Length, StringComparer.Ordinal);
        try
        {
            for (int i = 0; i < names.Length; i++)
            {
                result.Add(names[i], Get(i));
            }
        }
        catch
        {
            foreach (Tensor t in result.Values)
            {
                t.Dispose();
            }

            throw;
        }

        return result;
    }

    /// <summary>
    /// Releases the file handle. Tensors already taken stay valid (a mapping is unmapped when the
    /// last of them is released). Idempotent.
    /// </summary>
    public void Dispose()
    {
        ReleaseHandle();
        GC.SuppressFinalize(this);
    }

    private unsafe Tensor Get(int index)
    {
        nint h = Volatile.Read(ref handle);
        ObjectDisposedException.ThrowIf(h == 0, this);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_safetensors_get_index(new EmberSafetensors(h), (nuint)index, &result));
        GC.KeepAlive(this);
        // A mapped tensor's memory is the file's pages, not an allocation to report to the GC.
        return IsMemoryMapped ? Tensor.FromView(result) : Tensor.FromResult(result);
    }

    private void ReleaseHandle()
    {
        nint h = Interlocked.Exchange(ref handle, 0);
        if (h != 0)
        {
            NativeMethods.ember_safetensors_release(new EmberSafetensors(h));
        }
    }
}
