using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Ember.Tests.Fixtures;

/// <summary>
/// Compares a result with an expected tensor as tests/fixtures/README.md ("Comparing") says: dtype
/// and shape equal; integers and bools equal; floats equal or within the case's tolerance, NaN
/// matching NaN, the sign of zero compared only with <c>signed_zeros</c>; for views, the strides of
/// dims larger than 1 and whether the storage is shared with an input.
/// </summary>
internal static class FixtureComparer
{
    private const int MaxReported = 8;

    /// <summary>Every difference found, as readable lines (empty when the result matches).</summary>
    public static List<string> Compare(Tensor actual, JsonElement expected, FixtureCase fixtureCase, IReadOnlyList<Tensor?> inputs)
    {
        var problems = new List<string>();
        string expectedDType = expected.GetProperty("dtype").GetString()!;
        long[] expectedShape = FixtureValues.ToInt64Array(expected.GetProperty("shape"));
        DType dtype = actual.DType;
        long[] shape = actual.Shape.ToArray();
        if (FixtureValues.Name(dtype) != expectedDType)
        {
            problems.Add($"dtype: got {FixtureValues.Name(dtype)}, expected {expectedDType}");
        }

        if (!shape.SequenceEqual(expectedShape))
        {
            problems.Add($"shape: got {Format(shape)}, expected {Format(expectedShape)}");
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        JsonElement data = expected.GetProperty("data");
        if (data.ValueKind == JsonValueKind.Array)
        {
            JsonElement[] values = data.EnumerateArray().ToArray();
            if (dtype.IsFloatingPoint())
            {
                CompareFloats(FixtureTensors.ReadDoubles(actual), values, fixtureCase, problems);
            }
            else
            {
                CompareIntegers(FixtureTensors.ReadLongs(actual), values, problems);
            }
        }

        if (expected.TryGetProperty("strides", out JsonElement stridesElement))
        {
            long[] expectedStrides = FixtureValues.ToInt64Array(stridesElement);
            long[] strides = actual.Strides.ToArray();
            for (int d = 0; d < shape.Length; d++)
            {
                if (shape[d] > 1 && strides[d] != expectedStrides[d])
                {
                    problems.Add($"strides: got {Format(strides)}, expected {Format(expectedStrides)} (dims of size > 1 compared)");
                    break;
                }
            }
        }

        if (expected.TryGetProperty("view_of", out JsonElement viewOf) && actual.NumberOfElements > 0)
        {
            if (viewOf.ValueKind == JsonValueKind.Number)
            {
                Tensor source = inputs[viewOf.GetInt32()]!;
                if (!actual.SharesStorage(source))
                {
                    problems.Add($"storage: expected a view of input {viewOf.GetInt32()}, got a copy");
                }
            }
            else
            {
                for (int i = 0; i < inputs.Count; i++)
                {
                    if (inputs[i] is Tensor input && actual.SharesStorage(input))
                    {
                        problems.Add($"storage: expected a copy (PyTorch copies here), got a view of input {i}");
                    }
                }
            }
        }

        return problems;
    }

    private static void CompareFloats(double[] actual, JsonElement[] expectedValues, FixtureCase fixtureCase, List<string> problems)
    {
        double[] expected = expectedValues.Select(FixtureValues.ToDouble).ToArray();
        if (actual.Length != expected.Length)
        {
            problems.Add($"element count: got {actual.Length}, expected {expected.Length}");
            return;
        }

        var wrong = new List<int>();
        for (int i = 0; i < actual.Length; i++)
        {
            if (!FloatMatches(actual[i], expected[i], fixtureCase))
            {
                wrong.Add(i);
            }
        }

        if (wrong.Count > 0)
        {
            string tolerance = fixtureCase.Tolerance is (double rtol, double atol) ? $"rtol {rtol}, atol {atol}" : "exact";
            var text = new StringBuilder($"values: {wrong.Count} of {actual.Length} differ ({tolerance}{(fixtureCase.SignedZeros ? ", signed zeros" : "")}):");
            foreach (int i in wrong.Take(MaxReported))
            {
                text.Append(CultureInfo.InvariantCulture, $"\n    [{i}] got {Show(actual[i])}, expected {Show(expected[i])}");
            }

            if (actual.Length <= 64)
            {
                text.Append("\n    got      ").Append(Format(actual.Select(Show)));
                text.Append("\n    expected ").Append(Format(expected.Select(Show)));
            }

            problems.Add(text.ToString());
        }
    }

    private static bool FloatMatches(double actual, double expected, FixtureCase fixtureCase)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (actual == expected)
        {
            return !fixtureCase.SignedZeros || expected != 0 || double.IsNegative(actual) == double.IsNegative(expected);
        }

        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return false;
        }

        return fixtureCase.Tolerance is (double rtol, double atol) && Math.Abs(actual - expected) <= atol + rtol * Math.Abs(expected);
    }

    private static void CompareIntegers(long[] actual, JsonElement[] expectedValues, List<string> problems)
    {
        long[] expected = expectedValues.Select(FixtureValues.ToInt64).ToArray();
        if (actual.Length != expected.Length)
        {
            problems.Add($"element count: got {actual.Length}, expected {expected.Length}");
            return;
        }

        int[] wrong = Enumerable.Range(0, actual.Length).Where(i => actual[i] != expected[i]).ToArray();
        if (wrong.Length > 0)
        {
            var text = new StringBuilder($"values: {wrong.Length} of {actual.Length} differ:");
            foreach (int i in wrong.Take(MaxReported))
            {
                text.Append(CultureInfo.InvariantCulture, $"\n    [{i}] got {actual[i]}, expected {expected[i]}");
            }

            if (actual.Length <= 64)
            {
                text.Append("\n    got      ").Append(Format(actual));
                text.Append("\n    expected ").Append(Format(expected));
            }

            problems.Add(text.ToString());
        }
    }

    private static string Show(double value) =>
        value == 0 && double.IsNegative(value) ? "-0" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Format<T>(IEnumerable<T> values) => "[" + string.Join(", ", values) + "]";
}
