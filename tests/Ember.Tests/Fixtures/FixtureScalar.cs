using System;
using System.Globalization;
using System.Text.Json;

namespace Ember.Tests.Fixtures;

/// <summary>A number of the fixtures' <c>{"kind": "int" | "float" | "bool", "value": v}</c> form.</summary>
internal readonly struct FixtureScalar
{
    private FixtureScalar(char kind, long integer, double floating, bool boolean)
    {
        Kind = kind;
        Integer = integer;
        Floating = floating;
        Boolean = boolean;
    }

    /// <summary>'i' (a Python int), 'f' (a Python float) or 'b' (a Python bool).</summary>
    public char Kind { get; }

    public long Integer { get; }

    public double Floating { get; }

    public bool Boolean { get; }

    public bool IsFloat => Kind == 'f';

    public static FixtureScalar Parse(JsonElement element)
    {
        string kind = element.GetProperty("kind").GetString()!;
        JsonElement value = element.GetProperty("value");
        return kind switch
        {
            "int" => new FixtureScalar('i', FixtureValues.ToInt64(value), 0, false),
            "float" => new FixtureScalar('f', 0, FixtureValues.ToDouble(value), false),
            "bool" => new FixtureScalar('b', 0, 0, value.GetBoolean()),
            _ => throw new FormatException($"unknown scalar kind '{kind}'"),
        };
    }

    /// <summary>The value as a double (for overloads that take one number type for every kind).</summary>
    public double AsDouble => Kind switch { 'i' => Integer, 'f' => Floating, _ => Boolean ? 1 : 0 };

    /// <summary>
    /// The number as a managed "wrapped number": the implicit conversion a C# user writes
    /// (<c>t + (Tensor)2.5</c>, <c>Tensor.Where(c, x, 0)</c>), which promotes like a Python scalar.
    /// </summary>
    public Tensor AsTensor() => Kind switch
    {
        'i' => (Tensor)Integer,
        'f' => (Tensor)Floating,
        _ => (Tensor)Boolean,
    };

    /// <summary>Calls the overload of the scalar's kind; a missing bool overload is a managed API gap.</summary>
    public T Match<T>(Func<long, T> onInt, Func<double, T> onFloat, Func<bool, T>? onBool, string what)
    {
        switch (Kind)
        {
            case 'i':
                return onInt(Integer);
            case 'f':
                return onFloat(Floating);
            default:
                if (onBool is null)
                {
                    throw new ApiGapException($"{what} has no bool overload");
                }

                return onBool(Boolean);
        }
    }

    public override string ToString() => Kind switch
    {
        'i' => Integer.ToString(CultureInfo.InvariantCulture),
        'f' => Floating.ToString("R", CultureInfo.InvariantCulture),
        _ => Boolean ? "True" : "False",
    };
}

/// <summary>Thrown by an op mapping when the managed API has no way to express a case: the case is ignored with the reason.</summary>
internal sealed class ApiGapException : Exception
{
    public ApiGapException(string message) : base(message)
    {
    }
}
