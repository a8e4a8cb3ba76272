using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Ember.Data.Datasets;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST: a 4-byte magic (two zero bytes, an element-type
/// code, the number of dims), the dims as big-endian int32, then the elements, big-endian, row-major.
/// Plain or gzipped (recognised by the gzip magic bytes, whatever the file name).
/// </summary>
/// <remarks>
/// Element codes: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64. The
/// data is read straight into the tensor's memory; multi-byte elements are then byte-swapped with
/// <see cref="BinaryPrimitives"/> (vectorized; Ember has no byte-swap op). A file whose header is
/// malformed, whose data is shorter than the dims declare, or that has bytes after the data is
/// rejected with an <see cref="InvalidDataException"/> naming the file and the problem.
/// </remarks>
public static class Idx
{
    private const int MaxDims = 16;

    /// <summary>Reads an IDX file (plain or gzipped).</summary>
    /// <param name="path">The file.</param>
    /// <returns>A new CPU tensor of the file's dims and element type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid IDX file (bad magic, unknown type code, truncated, trailing bytes, corrupt gzip).</exception>
    public static Tensor Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream file = File.OpenRead(path);
        return Read(file, path);
    }

    /// <summary>Reads IDX data from a stream (plain or gzipped), up to its end.</summary>
    /// <param name="stream">The stream, positioned at the start of the IDX data.</param>
    /// <param name="sourceName">A name for error messages (default "stream").</param>
    /// <returns>A new CPU tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data is not valid IDX.</exception>
    public static Tensor Read(Stream stream, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string name = sourceName ?? "stream";
        var buffered = new BufferedStream(stream, 1 << 16);
        int b0 = buffered.ReadByte();
        int b1 = buffered.ReadByte();
        if (b0 < 0 || b1 < 0)
        {
            throw new InvalidDataException($"{name}: not an IDX file: it is shorter than the 4-byte magic number.");
        }

        if (b0 == 0x1F && b1 == 0x8B)
        {
            var rest = new PrefixedStream(new byte[] { (byte)b0, (byte)b1 }, buffered);
            try
            {
                using var gzip = new GZipStream(rest, CompressionMode.Decompress);
                return ReadPlain(gzip, name, b0: -1, b1: -1);
            }
            catch (InvalidDataException e) when (!e.Message.StartsWith(name, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{name}: corrupt gzip data: {e.Message}", e);
            }
        }

        return ReadPlain(buffered, name, b0, b1);
    }

    private static Tensor ReadPlain(Stream stream, string name, int b0, int b1)
    {
        Span<byte> magic = stackalloc byte[4];
        int have = 0;
        if (b0 >= 0)
        {
            magic[0] = (byte)b0;
            magic[1] = (byte)b1;
            have = 2;
        }

        if (ReadFully(stream, magic[have..]) < 4 - have)
        {
            throw new InvalidDataException($"{name}: not an IDX file: it is shorter than the 4-byte magic number.");
        }

        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new InvalidDataException($"{name}: not an IDX file: the magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8} does not start with two zero bytes.");
        }

        DType dtype = magic[2] switch
        {
            0x08 => DType.UInt8,
            0x09 => DType.Int8,
            0x0B => DType.Int16,
            0x0C => DType.Int32,
            0x0D => DType.Float32,
            0x0E => DType.Float64,
            _ => throw new InvalidDataException($"{name}: unknown IDX element type code 0x{magic[2]:X2} (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)."),
        };
        int ndim = magic[3];
        if (ndim == 0 || ndim > MaxDims)
        {
            throw new InvalidDataException($"{name}: the IDX header declares {ndim} dims (expected 1 to {MaxDims}).");
        }

        Span<byte> dimBytes = stackalloc byte[4 * ndim];
        if (ReadFully(stream, dimBytes) < dimBytes.Length)
        {
            throw new InvalidDataException($"{name}: truncated IDX header: expected {ndim} dims of 4 bytes.");
        }

        var shape = new long[ndim];
        long count = 1;
        for (int d = 0; d < ndim; d++)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(dimBytes.Slice(4 * d, 4));
            if (size < 0)
            {
                throw new InvalidDataException($"{name}: IDX dim {d} has a negative size ({size}).");
            }

            shape[d] = size;
            count *= size;
            if (count > int.MaxValue)
            {
                throw new InvalidDataException($"{name}: the IDX dims [{string.Join(", ", shape[..(d + 1)])}] hold more than {int.MaxValue} elements, which is unsupported.");
            }
        }

        int elementSize = dtype.ElementSize();
        long expectedBytes = count * elementSize;
        Tensor result = Tensor.Empty(shape, dtype).DetachFromDisposeScope();
        try
        {
            Span<byte> data = Bytes(result);
            int got = ReadFully(stream, data);
            if (got < data.Length)
            {
                throw new InvalidDataException($"{name}: truncated IDX file: the dims [{string.Join(", ", shape)}] need {expectedBytes} bytes of data, but only {got} follow the header.");
            }

            if (stream.ReadByte() >= 0)
            {
                long extra = 1;
                Span<byte> sink = stackalloc byte[4096];
                int n;
                while ((n = stream.Read(sink)) > 0)
                {
                    extra += n;
                }

                throw new InvalidDataException($"{name}: {extra} unexpected bytes after the {expectedBytes} bytes of data declared by the dims [{string.Join(", ", shape)}].");
            }

            if (BitConverter.IsLittleEndian)
            {
                SwapToLittleEndian(result);
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }

        // Owned like any new tensor: by the caller's current scope, if any.
        DisposeScope.Current?.Attach(result);
        return result;
    }

    private static Span<byte> Bytes(Tensor t) => t.DType switch
    {
        DType.UInt8 => t.AsSpan<byte>(),
        DType.Int8 => MemoryMarshal.AsBytes(t.AsSpan<sbyte>()),
        DType.Int16 => MemoryMarshal.AsBytes(t.AsSpan<short>()),
        DType.Int32 => MemoryMarshal.AsBytes(t.AsSpan<int>()),
        DType.Float32 => MemoryMarshal.AsBytes(t.AsSpan<float>()),
        _ => MemoryMarshal.AsBytes(t.AsSpan<double>()),
    };

    private static void SwapToLittleEndian(Tensor t)
    {
        switch (t.DType)
        {
            case DType.Int16:
                Span<short> s = t.AsSpan<short>();
                BinaryPrimitives.ReverseEndianness(s, s);
                break;
            case DType.Int32:
                Span<int> i = t.AsSpan<int>();
                BinaryPrimitives.ReverseEndianness(i, i);
                break;
            case DType.Float32:
                Span<int> f = MemoryMarshal.Cast<float, int>(t.AsSpan<float>());
                BinaryPrimitives.ReverseEndianness(f, f);
                break;
            case DType.Float64:
                Span<long> d = MemoryMarshal.Cast<double, long>(t.AsSpan<double>());
                BinaryPrimitives.ReverseEndianness(d, d);
                break;
        }
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>A read-only stream that yields a few bytes already read, then the rest of another stream.</summary>
    private sealed class PrefixedStream : Stream
    {
        private readonly byte[] prefix;
        private readonly Stream rest;
        private int used;

        public PrefixedStream(byte[] prefix, Stream rest)
        {
            this.prefix = prefix;
            this.rest = rest;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (used < prefix.Length && buffer.Length > 0)
            {
                int n = Math.Min(buffer.Length, prefix.Length - used);
                prefix.AsSpan(used, n).CopyTo(buffer);
                used += n;
                return n;
            }

            return rest.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
