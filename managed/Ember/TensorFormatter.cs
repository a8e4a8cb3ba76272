using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Ember.Native;

namespace Ember;

/// <summary>
/// PyTorch's <c>repr</c> of a tensor (torch/_tensor_str.py), reproduced exactly: the same choice
/// of integer, fixed or scientific notation from the printed values, the same widths, line
/// wrapping, <c>...</c> summarization, and the same suffixes (device, size, dtype).
/// </summary>
internal static class TensorFormatter
{
    private const string Prefix = "tensor(";

    public static unsafe string Format(Tensor tensor)
    {
        EmberTensorInfo info = tensor.Info;
        DType dtype = DTypeExtensions.FromNative(info.Dtype);
        Device device = Device.FromNative(info.Device);
        long[] shape = tensor.Shape.ToArray();
        long[] strides = tensor.Strides.ToArray();
        var suffixes = new List<string>(3);
        if (!device.IsCpu)
        {
            suffixes.Add("device='" + device.ToString() + "'");
        }

        string body;
        if (info.Numel == 0)
        {
            if (shape.Length != 1)
            {
                suffixes.Add("size=" + TensorShape.FormatTuple(shape));
            }

            if (dtype != DType.Float32)
            {
                suffixes.Add("dtype=" + dtype.ToTorchString());
            }

            body = "[]";
        }
        else
        {
            if (dtype is not (DType.Float32 or DType.Int64 or DType.Bool))
            {
                suffixes.Add("dtype=" + dtype.ToTorchString());
            }

            // Elements are read in place on the CPU; other devices are copied to the host first.
            byte* host = null;
            try
            {
                byte* data = (byte*)info.Data;
                if (!device.IsCpu)
                {
                    nuint bytes = (nuint)(info.Numel * info.ElementSize);
                    host = (byte*)NativeMemory.Alloc(bytes);
                    NativeStatus.Check(NativeMethods.ember_copy_to_buffer(tensor.Handle, host, bytes));
                    data = host;
                    long step = 1;
                    for (int d = shape.Length - 1; d >= 0; d--)
                    {
                        strides[d] = step;
                        step *= shape[d];
                    }
                }

                var reader = new ElementReader(data, dtype, (int)info.ElementSize, shape, strides);
                body = Body(reader, Prefix.Length);
            }
            finally
            {
                NativeMemory.Free(host);
                GC.KeepAlive(tensor);
            }
        }

        return AddSuffixes(Prefix + body, suffixes, Prefix.Length);
    }

    private static string Body(ElementReader reader, int indent)
    {
        bool summarize = reader.Count > PrintOptions.Threshold;
        int edge = PrintOptions.EdgeItems;
        var formatter = new ElementFormatter(reader, summarize, edge);
        var text = new StringBuilder();
        Render(text, reader, formatter, 0, 0, indent, summarize, edge);
        return text.ToString();
    }

    // _tensor_str_with_formatter: one nesting level per dimension.
    private static void Render(StringBuilder text, ElementReader reader, ElementFormatter formatter, int dim, long offset, int indent, bool summarize, int edge)
    {
        int rank = reader.Shape.Length;
        if (rank == 0)
        {
            text.Append(formatter.Format(reader, offset));
            return;
        }

        long size = reader.Shape[dim];
        bool elide = summarize && size > 2L * edge;
        if (dim == rank - 1)
        {
            RenderVector(text, reader, formatter, offset, size, indent, elide, edge);
            return;
        }

        int remaining = rank - dim;
        string separator = "," + new string('\n', remaining - 1) + new string(' ', indent + 1);
        text.Append('[');
        bool first = true;
        for (long i = 0; i < size; i++)
        {
            if (elide && i == edge)
            {
                text.Append(first ? string.Empty : separator).Append("...");
                first = false;
                i = size - edge - 1;
                continue;
            }

            if (!first)
            {
                text.Append(separator);
            }

            first = false;
            Render(text, reader, formatter, dim + 1, offset + i * reader.Strides[dim], indent + 1, summarize, edge);
        }

        text.Append(']');
    }

    // _vector_str: elements wrapped to the line width, with " ..." standing for the elided middle.
    private static void RenderVector(StringBuilder text, ElementReader reader, ElementFormatter formatter, long offset, long size, int indent, bool elide, int edge)
    {
        int elementLength = formatter.Width + 2;
        int perLine = Math.Max(1, (PrintOptions.LineWidth - indent) / elementLength);
        string lineBreak = ",\n" + new string(' ', indent + 1);
        long stride = reader.Strides[reader.Shape.Length - 1];
        text.Append('[');
        int item = 0;
        for (long i = 0; i < size; i++)
        {
            string element;
            if (elide && i == edge)
            {
                element = " ...";
                i = size - edge - 1;
            }
            else
            {
                element = formatter.Format(reader, offset + i * stride);
            }

            if (item > 0)
            {
                text.Append(item % perLine == 0 ? lineBreak : ", ");
            }

            text.Append(element);
            item++;
        }

        text.Append(']');
    }

    // _add_suffixes: a suffix goes on a new line when it would overflow the line width.
    private static string AddSuffixes(string text, List<string> suffixes, int indent)
    {
        var result = new StringBuilder(text);
        int lastLineLength = text.Length - text.LastIndexOf('\n') + 1;
        foreach (string suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > PrintOptions.LineWidth)
            {
                result.Append(",\n").Append(' ', indent).Append(suffix);
                lastLineLength = indent + suffix.Length;
            }
            else
            {
                result.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }

        return result.Append(')').ToString();
    }

    /// <summary>Reads elements of a strided host buffer as double (floating), long (integer) or bool.</summary>
    private readonly unsafe struct ElementReader
    {
        private readonly byte* data;
        private readonly int elementSize;

        public ElementReader(byte* data, DType dtype, int elementSize, long[] shape, long[] strides)
        {
            this.data = data;
            this.elementSize = elementSize;
            DType = dtype;
            Shape = shape;
            Strides = strides;
            long count = 1;
            foreach (long size in shape)
            {
                count *= size;
            }

            Count = count;
        }

        public DType DType { get; }

        public long[] Shape { get; }

        public long[] Strides { get; }

        public long Count { get; }

        public double ReadDouble(long offset)
        {
            byte* p = data + (offset * elementSize);
            return DType switch
            {
                DType.Float32 => *(float*)p,
                DType.Float64 => *(double*)p,
                DType.Float16 => (double)*(Half*)p,
                DType.BFloat16 => BitConverter.UInt32BitsToSingle((uint)*(ushort*)p << 16),
                _ => ReadInt64(offset),
            };
        }

        public long ReadInt64(long offset)
        {
            byte* p = data + (offset * elementSize);
            return DType switch
            {
                DType.Int8 => *(sbyte*)p,
                DType.UInt8 => *p,
                DType.Int16 => *(short*)p,
                DType.Int32 => *(int*)p,
                DType.Int64 => *(long*)p,
                DType.Bool => *p != 0 ? 1 : 0,
                _ => (long)ReadDouble(offset),
            };
        }
    }

    /// <summary>_Formatter: picks the notation and width from the values that will be printed.</summary>
    private sealed class ElementFormatter
    {
        private readonly bool floating;
        private readonly bool isBool;
        private readonly bool intMode = true;
        private readonly bool sciMode;
        private readonly int precision = PrintOptions.Precision;

        public ElementFormatter(ElementReader reader, bool summarize, int edge)
        {
            floating = reader.DType.IsFloatingPoint();
            isBool = reader.DType == DType.Bool;
            Width = 1;
            var offsets = new List<long>();
            CollectShown(reader, summarize, edge, 0, 0, offsets);
            if (!floating)
            {
                foreach (long offset in offsets)
                {
                    Width = Math.Max(Width, FormatInteger(reader, offset).Length);
                }

                return;
            }

            var values = new List<double>(offsets.Count);
            foreach (long offset in offsets)
            {
                double v = reader.ReadDouble(offset);
                if (double.IsFinite(v) && v != 0)
                {
                    values.Add(v);
                }
            }

            if (values.Count > 0)
            {
                double min = double.PositiveInfinity, max = 0;
                foreach (double v in values)
                {
                    double a = Math.Abs(v);
                    min = Math.Min(min, a);
                    max = Math.Max(max, a);
                    if (v != Math.Ceiling(v))
                    {
                        intMode = false;
                    }
                }

                if (intMode)
                {
                    sciMode = max / min > 1000.0 || max > 1.0e8;
                }
                else
                {
                    sciMode = max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4;
                }

                foreach (double v in values)
                {
                    int length = sciMode
                        ? PythonNumberFormat.Exponential(v, precision).Length
                        : intMode
                            ? PythonNumberFormat.Fixed(v, 0).Length + 1
                            : PythonNumberFormat.Fixed(v, precision).Length;
                    Width = Math.Max(Width, length);
                }
            }

            if (PrintOptions.SciMode is bool forced)
            {
                sciMode = forced;
            }
        }

        public int Width { get; }

        public string Format(ElementReader reader, long offset)
        {
            string text;
            if (floating)
            {
                double v = reader.ReadDouble(offset);
                if (sciMode)
                {
                    text = PythonNumberFormat.Exponential(v, precision);
                }
                else if (intMode)
                {
                    text = PythonNumberFormat.Fixed(v, 0);
                    if (double.IsFinite(v))
                    {
                        text += ".";
                    }
                }
                else
                {
                    text = PythonNumberFormat.Fixed(v, precision);
                }
            }
            else
            {
                text = FormatInteger(reader, offset);
            }

            return text.Length >= Width ? text : new string(' ', Width - text.Length) + text;
        }

        private string FormatInteger(ElementReader reader, long offset)
        {
            long v = reader.ReadInt64(offset);
            return isBool ? (v != 0 ? "True" : "False") : v.ToString(CultureInfo.InvariantCulture);
        }

        // get_summarized_data: the elements that will be printed (all of them unless summarizing).
        private static void CollectShown(ElementReader reader, bool summarize, int edge, int dim, long offset, List<long> offsets)
        {
            if (dim == reader.Shape.Length)
            {
                offsets.Add(offset);
                return;
            }

            long size = reader.Shape[dim];
            bool elide = summarize && size > 2L * edge;
            for (long i = 0; i < size; i++)
            {
                if (elide && i == edge)
                {
                    i = size - edge - 1;
                    continue;
                }

                CollectShown(reader, summarize, edge, dim + 1, offset + i * reader.Strides[dim], offsets);
            }
        }
    }
}
