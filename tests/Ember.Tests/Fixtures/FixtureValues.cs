using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Ember.Tests.Fixtures;

/// <summary>
/// The fixtures' encodings of numbers: floats are JSON numbers or "nan"/"inf"/"-inf"; int64 values
/// beyond 2^53 are decimal strings; bools are true/false.
/// </summary>
internal static class FixtureValues
{
    public static double ToDouble(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.String => value.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            string text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            null => throw new FormatException("null number"),
        },
        _ => throw new FormatException($"not a number: {value}"),
    };

    public static long ToInt64(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out long integer) ? integer : checked((long)value.GetDouble()),
        JsonValueKind.String => long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => throw new FormatException($"not an integer: {value}"),
    };

    public static long[] ToInt64Array(JsonElement array) => array.EnumerateArray().Select(ToInt64).ToArray();

    public static int[] ToInt32Array(JsonElement array) => array.EnumerateArray().Select(e => checked((int)ToInt64(e))).ToArray();

    public static DType ParseDType(string name) => name switch
    {
        "float32" => DType.Float32,
        "float64" => DType.Float64,
        "float16" => DType.Float16,
        "bfloat16" => DType.BFloat16,
        "int8" => DType.Int8,
        "uint8" => DType.UInt8,
        "int16" => DType.Int16,
        "int32" => DType.Int32,
        "int64" => DType.Int64,
        "bool" => DType.Bool,
        _ => throw new FormatException($"unknown dtype '{name}'"),
    };

    public static string Name(DType dtype) => dtype.ToTorchString()["torch.".Length..];
}
