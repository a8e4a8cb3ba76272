using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Ember.Tests.Fixtures;

/// <summary>
/// Builds Ember tensors from the fixtures' tensor descriptions (data in row-major order, then the
/// layout transforms), and reads tensors back as doubles or longs for comparison.
/// </summary>
internal static class FixtureTensors
{
    /// <summary>
    /// The inputs of a case: tensors, references to earlier inputs (views of the same memory),
    /// wrapped numbers (managed implicit conversions) and nulls.
    /// </summary>
    public static Tensor?[] BuildInputs(JsonElement inputs)
    {
        if (inputs.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var built = new List<Tensor?>();
        foreach (JsonElement input in inputs.EnumerateArray())
        {
            if (input.ValueKind == JsonValueKind.Null)
            {
                built.Add(null);
            }
            else if (input.TryGetProperty("scalar", out JsonElement scalar))
            {
                built.Add(FixtureScalar.Parse(scalar).AsTensor());
            }
            else if (input.TryGetProperty("ref", out JsonElement reference))
            {
                Tensor target = built[reference.GetInt32()] ?? throw new FormatException("a reference to a null input");
                built.Add(ApplyLayout(target, input));
            }
            else
            {
                built.Add(Build(input));
            }
        }

        return built.ToArray();
    }

    /// <summary>A tensor from <c>{"dtype", "shape", "data", "layout"?}</c>.</summary>
    public static Tensor Build(JsonElement spec)
    {
        DType dtype = FixtureValues.ParseDType(spec.GetProperty("dtype").GetString()!);
        long[] shape = FixtureValues.ToInt64Array(spec.GetProperty("shape"));
        JsonElement[] data = spec.GetProperty("data").EnumerateArray().ToArray();
        Tensor tensor = shape.Length == 0 ? Scalar(dtype, data[0]) : FromData(dtype, data, shape);
        return ApplyLayout(tensor, spec);
    }

    // Zero-dimensional tensors come from Tensor.Scalar: Tensor.From with no shape makes a 1-D tensor.
    private static Tensor Scalar(DType dtype, JsonElement value) => dtype switch
    {
        DType.Bool => Tensor.Scalar(value.GetBoolean(), dtype),
        _ when dtype.IsFloatingPoint() => Tensor.Scalar(FixtureValues.ToDouble(value), dtype),
        _ => Tensor.Scalar(FixtureValues.ToInt64(value), dtype),
    };

    private static Tensor FromData(DType dtype, JsonElement[] data, long[] shape) => dtype switch
    {
        DType.Float32 => Tensor.From(data.Select(e => (float)FixtureValues.ToDouble(e)).ToArray(), shape),
        DType.Float64 => Tensor.From(data.Select(FixtureValues.ToDouble).ToArray(), shape),
        DType.Float16 => Tensor.From(data.Select(e => (Half)FixtureValues.ToDouble(e)).ToArray(), shape),
        DType.BFloat16 => Tensor.From(data.Select(e => (BFloat16)FixtureValues.ToDouble(e)).ToArray(), shape),
        DType.Int8 => Tensor.From(data.Select(e => checked((sbyte)FixtureValues.ToInt64(e))).ToArray(), shape),
        DType.UInt8 => Tensor.From(data.Select(e => checked((byte)FixtureValues.ToInt64(e))).ToArray(), shape),
        DType.Int16 => Tensor.From(data.Select(e => checked((short)FixtureValues.ToInt64(e))).ToArray(), shape),
        DType.Int32 => Tensor.From(data.Select(e => checked((int)FixtureValues.ToInt64(e))).ToArray(), shape),
        DType.Int64 => Tensor.From(data.Select(FixtureValues.ToInt64).ToArray(), shape),
        DType.Bool => Tensor.From(data.Select(e => e.GetBoolean()).ToArray(), shape),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>Applies the "layout" transforms (permute, transpose, slice, expand) in order.</summary>
    private static Tensor ApplyLayout(Tensor tensor, JsonElement spec)
    {
        if (!spec.TryGetProperty("layout", out JsonElement layout))
        {
            return tensor;
        }

        foreach (JsonElement step in layout.EnumerateArray())
        {
            JsonProperty transform = step.EnumerateObject().Single();
            JsonElement args = transform.Value;
            tensor = transform.Name switch
            {
                "permute" => tensor.Permute(FixtureValues.ToInt32Array(args)),
                "transpose" => tensor.Transpose(args[0].GetInt32(), args[1].GetInt32()),
                "slice" => tensor.Slice(args[0].GetInt32(), FixtureValues.ToInt64(args[1]), FixtureValues.ToInt64(args[2]), FixtureValues.ToInt64(args[3])),
                "expand" => tensor.Expand(FixtureValues.ToInt64Array(args)),
                _ => throw new FormatException($"unknown layout transform '{transform.Name}'"),
            };
        }

        return tensor;
    }

    /// <summary>The elements in row-major order as doubles (floating dtypes).</summary>
    public static double[] ReadDoubles(Tensor tensor) => tensor.DType switch
    {
        DType.Float32 => Array.ConvertAll(tensor.ToArray<float>(), v => (double)v),
        DType.Float64 => tensor.ToArray<double>(),
        DType.Float16 => Array.ConvertAll(tensor.ToArray<Half>(), v => (double)v),
        DType.BFloat16 => Array.ConvertAll(tensor.ToArray<BFloat16>(), v => (double)v),
        _ => throw new ArgumentException($"{tensor.DType} is not floating"),
    };

    /// <summary>The elements in row-major order as longs (integer and bool dtypes).</summary>
    public static long[] ReadLongs(Tensor tensor) => tensor.DType switch
    {
        DType.Int8 => Array.ConvertAll(tensor.ToArray<sbyte>(), v => (long)v),
        DType.UInt8 => Array.ConvertAll(tensor.ToArray<byte>(), v => (long)v),
        DType.Int16 => Array.ConvertAll(tensor.ToArray<short>(), v => (long)v),
        DType.Int32 => Array.ConvertAll(tensor.ToArray<int>(), v => (long)v),
        DType.Int64 => tensor.ToArray<long>(),
        DType.Bool => Array.ConvertAll(tensor.ToArray<bool>(), v => v ? 1L : 0L),
        _ => throw new ArgumentException($"{tensor.DType} is not an integer dtype"),
    };
}
