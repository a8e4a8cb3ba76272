using System;
using System.Collections.Generic;
using System.Text;
using Ember.Native;

namespace Ember.IO;

/// <summary>
/// Reads and writes the safetensors format (Hugging Face's <c>.safetensors</c> files): an 8-byte
/// header length, a JSON header naming each tensor's dtype, shape and byte range, then the data.
/// Files written here are byte for byte what Python's <c>safetensors.torch.save_file</c> writes
/// for the same tensors; files are read with every header field validated (docs/safetensors.md).
/// </summary>
/// <example>
/// <code>
/// SafeTensors.Save("model.safetensors", model.StateDict(), new Dictionary&lt;string, string&gt; { ["format"] = "pt" });
/// using SafeTensorsFile file = SafeTensors.Open("model.safetensors");
/// using Tensor weight = file["fc.weight"];
/// </code>
/// </example>
public static class SafeTensors
{
    /// <summary>
    /// Writes <paramref name="tensors"/> (and optional string <paramref name="metadata"/>, stored
    /// under <c>"__metadata__"</c>) to <paramref name="path"/>, replacing any existing file. Tensors
    /// are written in the reference order (decreasing dtype alignment, then name), non-contiguous
    /// ones as their contiguous copies.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tensors">The tensors by name (names must not be <c>"__metadata__"</c>).</param>
    /// <param name="metadata">Free-form string entries; null or empty writes none.</param>
    /// <exception cref="ArgumentNullException">An argument or a tensor is null.</exception>
    /// <exception cref="ArgumentException">A name, key or value contains a NUL character.</exception>
    /// <exception cref="EmberArgumentException">A name is <c>"__metadata__"</c>.</exception>
    /// <exception cref="EmberIOException">The file cannot be written.</exception>
    public static unsafe void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var args = new Arguments(tensors, metadata);
        byte[] pathBytes = Utf8(path, nameof(path));
        fixed (byte* p = pathBytes)
        {
            nint pathPointer = (nint)p;  // a fixed local cannot be captured; the buffer stays pinned here
            args.Call((names, handles, n, keys, values, nmeta) =>
                NativeMethods.ember_safetensors_save((byte*)pathPointer, names, handles, n, keys, values, nmeta));
        }
    }

    /// <summary>The bytes <see cref="Save"/> would write, in memory.</summary>
    /// <param name="tensors">The tensors by name.</param>
    /// <param name="metadata">Free-form string entries; null or empty writes none.</param>
    /// <returns>The complete file contents.</returns>
    /// <exception cref="ArgumentNullException">An argument or a tensor is null.</exception>
    /// <exception cref="ArgumentException">A name, key or value contains a NUL character.</exception>
    /// <exception cref="EmberArgumentException">A name is <c>"__metadata__"</c>.</exception>
    public static unsafe byte[] Serialize(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var args = new Arguments(tensors, metadata);
        byte[] result = Array.Empty<byte>();
        args.Call((names, handles, n, keys, values, nmeta) =>
        {
            nuint size = 0;
            EmberStatus status = NativeMethods.ember_safetensors_serialize(names, handles, n, keys, values, nmeta, null, 0, &size);
            if (status != EmberStatus.Ok)
            {
                return status;
            }

            result = new byte[checked((int)size)];
            fixed (byte* buffer = result)
            {
                return NativeMethods.ember_safetensors_serialize(names, handles, n, keys, values, nmeta, buffer, size, &size);
            }
        });
        return result;
    }

    /// <summary>
    /// Reads every tensor of a file into memory the tensors own (the file is closed on return).
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The tensors by name, in name order (the caller disposes them).</returns>
    /// <exception cref="EmberIOException">The file cannot be read or is not a valid safetensors file; the message names the problem.</exception>
    public static Dictionary<string, Tensor> Load(string path)
    {
        using SafeTensorsFile file = Open(path, memoryMap: false);
        return file.ReadAll();
    }

    /// <summary>Reads every tensor of a safetensors file held in memory (the bytes are copied).</summary>
    /// <param name="data">The file contents.</param>
    /// <returns>The tensors by name, in name order.</returns>
    /// <exception cref="EmberIOException">The bytes are not a valid safetensors file.</exception>
    public static Dictionary<string, Tensor> Deserialize(ReadOnlySpan<byte> data)
    {
        using SafeTensorsFile file = Open(data);
        return file.ReadAll();
    }

    /// <summary>
    /// Opens and validates a file without reading its tensors yet. With
    /// <paramref name="memoryMap"/> the file is mapped (privately: writes to the tensors never
    /// reach the file) and each tensor aliases the mapping without a copy; otherwise the file is
    /// read once and each tensor taken gets its own copy. Either way the tensors stay valid after
    /// the <see cref="SafeTensorsFile"/> is disposed.
    /// </summary>
    /// <param name="path">The file to open.</param>
    /// <param name="memoryMap">Map the file instead of reading it.</param>
    /// <returns>The open file (dispose it).</returns>
    /// <exception cref="EmberIOException">The file cannot be read or is not a valid safetensors file; the message names the problem.</exception>
    public static unsafe SafeTensorsFile Open(string path, bool memoryMap = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] pathBytes = Utf8(path, nameof(path));
        EmberSafetensors handle = default;
        fixed (byte* p = pathBytes)
        {
            NativeStatus.Check(NativeMethods.ember_safetensors_open(p, memoryMap, &handle));
        }

        return new SafeTensorsFile(handle, memoryMap);
    }

    /// <summary>Opens a safetensors file held in memory (the bytes are copied).</summary>
    /// <param name="data">The file contents.</param>
    /// <returns>The open file (dispose it).</returns>
    /// <exception cref="EmberIOException">The bytes are not a valid safetensors file.</exception>
    public static unsafe SafeTensorsFile Open(ReadOnlySpan<byte> data)
    {
        EmberSafetensors handle = default;
        fixed (byte* p = data)
        {
            NativeStatus.Check(NativeMethods.ember_safetensors_open_buffer(p, (nuint)data.Length, &handle));
        }

        return new SafeTensorsFile(handle, memoryMapped: false);
    }

    /// <summary>The NUL-terminated UTF-8 form of a string that crosses as a C string.</summary>
    internal static byte[] Utf8(string s, string what)
    {
        if (s.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{what} contains a NUL character, which a C string cannot hold: \"{s.Replace("\0", "\\0", StringComparison.Ordinal)}\"", what);
        }

        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    private unsafe delegate EmberStatus NativeWrite(byte** names, EmberTensor* handles, nuint n, byte** keys, byte** values, nuint nmeta);

    /// <summary>The writer's arguments as native arrays: one pinned buffer of C strings plus pointer tables.</summary>
    private sealed class Arguments
    {
        private readonly Tensor[] tensors;
        private readonly byte[] strings;
        private readonly int[] offsets;
        private readonly int count;
        private readonly int metaCount;

        public Arguments(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
        {
            ArgumentNullException.ThrowIfNull(tensors);
            var parts = new List<byte[]>();
            this.tensors = new Tensor[tensors.Count];
            foreach (KeyValuePair<string, Tensor> entry in tensors)
            {
                if (entry.Value is null)
                {
                    throw new ArgumentNullException(nameof(tensors), $"the tensor named \"{entry.Key}\" is null");
                }

                this.tensors[count++] = entry.Value;
                parts.Add(Utf8(entry.Key, "a tensor name"));
            }

            if (metadata is not null)
            {
                foreach (KeyValuePair<string, string> entry in metadata)
                {
                    if (entry.Value is null)
                    {
                        throw new ArgumentNullException(nameof(metadata), $"the metadata value of \"{entry.Key}\" is null");
                    }

                    parts.Add(Utf8(entry.Key, "a metadata key"));
                    parts.Add(Utf8(entry.Value, "a metadata value"));
                    metaCount++;
                }
            }

            offsets = new int[parts.Count];
            int total = 0;
            for (int i = 0; i < parts.Count; i++)
            {
                offsets[i] = total;
                total += parts[i].Length;
            }

            strings = new byte[Math.Max(total, 1)];
            for (int i = 0; i < parts.Count; i++)
            {
                parts[i].CopyTo(strings, offsets[i]);
            }
        }

        public unsafe void Call(NativeWrite write)
        {
            var handles = new EmberTensor[count];
            for (int i = 0; i < count; i++)
            {
                handles[i] = tensors[i].Handle;
            }

            var names = new nint[count];
            var keys = new nint[metaCount];
            var values = new nint[metaCount];
            EmberStatus status;
            fixed (byte* text = strings)
            fixed (EmberTensor* h = handles)
            fixed (nint* n = names)
            fixed (nint* k = keys)
            fixed (nint* v = values)
            {
                for (int i = 0; i < count; i++)
                {
                    n[i] = (nint)(text + offsets[i]);
                }

                for (int i = 0; i < metaCount; i++)
                {
                    k[i] = (nint)(text + offsets[count + 2 * i]);
                    v[i] = (nint)(text + offsets[count + 2 * i + 1]);
                }

                status = write((byte**)n, h, (nuint)count, (byte**)k, (byte**)v, (nuint)metaCount);
            }

            GC.KeepAlive(tensors);
            NativeStatus.Check(status);
        }
    }
}
