using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Ember.BindingsGenerator;

internal enum TypeUse
{
    Return,
    Parameter,
    Field,
}

/// <summary>
/// Maps C types to blittable C# types. Every pointer stays a raw pointer (the managed layer
/// decides about spans and strings); typedef'd enums, structs and handles become the generated
/// C# types; callbacks become unmanaged function pointers. A type not listed here is an error,
/// never a guess.
/// </summary>
internal sealed partial class TypeMapper
{
    // Fixed-size types only. C's `long` is 64-bit on Linux and 32-bit on Windows, so it has no
    // single C# equivalent and is refused; the header uses <stdint.h> types instead.
    private static readonly Dictionary<string, string> Builtins = new()
    {
        ["void"] = "void",
        ["_Bool"] = "bool",
        ["bool"] = "bool",
        ["char"] = "byte", // UTF-8 text: `const char *` → byte*
        ["signed char"] = "sbyte",
        ["unsigned char"] = "byte",
        ["short"] = "short",
        ["unsigned short"] = "ushort",
        ["int"] = "int",
        ["unsigned int"] = "uint",
        ["long long"] = "long",
        ["unsigned long long"] = "ulong",
        ["float"] = "float",
        ["double"] = "double",
        ["int8_t"] = "sbyte",
        ["int16_t"] = "short",
        ["int32_t"] = "int",
        ["int64_t"] = "long",
        ["uint8_t"] = "byte",
        ["uint16_t"] = "ushort",
        ["uint32_t"] = "uint",
        ["uint64_t"] = "ulong",
        ["size_t"] = "nuint",
        ["ptrdiff_t"] = "nint",
        ["intptr_t"] = "nint",
        ["uintptr_t"] = "nuint",
    };

    // C names ("ember_dtype", "enum ember_dtype", "struct ember_device") → C# type text.
    private readonly Dictionary<string, string> names = new(Builtins);

    public TypeMapper(IReadOnlyList<CDecl> declarations)
    {
        // Tag types first: `typedef struct x x;` may come before the definition of struct x.
        foreach (CDecl declaration in declarations)
        {
            switch (declaration)
            {
                case CEnum e:
                    Register(e.Name, TypeName(e), e.TagName is null ? null : "enum " + e.TagName);
                    break;
                case CStruct s:
                    Register(s.Name, TypeName(s), s.TagName is null ? null : "struct " + s.TagName);
                    break;
                case CHandle h:
                    Register(h.Name, TypeName(h), null);
                    break;
            }
        }

        // Then typedefs, in header order: C declares a typedef name before its first use.
        foreach (CDecl declaration in declarations)
        {
            switch (declaration)
            {
                case CFunctionPointer f:
                    Register(f.Name, FunctionPointer(f), null);
                    break;
                case CAlias a:
                    Register(a.Name, Map(a.Type, TypeUse.Field, $"typedef {a.Name}"), null);
                    break;
            }
        }
    }

    /// <summary>The C# name of a generated type: ember_tensor_info → EmberTensorInfo.</summary>
    public static string TypeName(CDecl declaration) => Naming.Pascal(declaration.Name);

    public string Map(CType type, TypeUse use, string context)
    {
        if (!names.TryGetValue(type.BaseName, out string? mapped))
        {
            string hint = type.BaseName is "long" or "unsigned long"
                ? " (its size differs between Linux and Windows; use int64_t/uint64_t or int32_t/uint32_t)"
                : type.BaseName.StartsWith("struct ", StringComparison.Ordinal)
                    ? " (a struct must be defined in the header, or be an opaque handle: typedef struct x_s *x;)"
                    : "";
            throw new GeneratorException($"{context}: unknown C type '{type}'{hint}.");
        }

        if (mapped == "void" && type.PointerDepth == 0 && use != TypeUse.Return)
        {
            throw new GeneratorException($"{context}: 'void' is only valid as a return type.");
        }

        return mapped + new string('*', type.PointerDepth);
    }

    /// <summary>The C# type for a callback typedef: delegate* unmanaged[Cdecl]&lt;params..., ret&gt;.</summary>
    public string FunctionPointer(CFunctionPointer f)
    {
        IEnumerable<string> parameters = f.ParameterTypes.Select((p, i) => Map(p, TypeUse.Parameter, $"typedef {f.Name} parameter {i + 1}"));
        string returnType = Map(f.ReturnType, TypeUse.Return, $"typedef {f.Name} return");
        return $"delegate* unmanaged[Cdecl]<{string.Join(", ", parameters.Append(returnType))}>";
    }

    /// <summary>
    /// A numeric macro value as a C# constant, typed as C types the literal: an unsuffixed
    /// decimal is int, else long; hex and octal may also be uint/ulong; a U suffix makes it
    /// unsigned, L/LL at least 64-bit (C's long is not portable, so L is read as long long);
    /// a floating literal is double, or float with an f suffix.
    /// </summary>
    public static (string Type, string Literal) MapLiteral(CMacro macro)
    {
        Match m = IntegerLiteral().Match(macro.Value);
        if (!m.Success)
        {
            return FloatingLiteral(macro);
        }

        string digits = m.Groups["digits"].Value;
        string suffix = m.Groups["suffix"].Value.ToLowerInvariant();
        bool negative = m.Groups["sign"].Success;
        bool isDecimal = !digits.StartsWith('0') || digits == "0";
        BigInteger magnitude = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? BigInteger.Parse("0" + digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : isDecimal
                ? BigInteger.Parse(digits, CultureInfo.InvariantCulture)
                : digits.Aggregate(BigInteger.Zero, (v, c) => v * 8 + (c - '0'));
        BigInteger value = negative ? -magnitude : magnitude;

        bool unsigned = suffix.Contains('u');
        bool wide = suffix.Contains('l');
        (string Name, BigInteger Min, BigInteger Max)[] candidates =
        [
            ("int", int.MinValue, int.MaxValue),
            ("uint", uint.MinValue, uint.MaxValue),
            ("long", long.MinValue, long.MaxValue),
            ("ulong", ulong.MinValue, ulong.MaxValue),
        ];

        // C gives a negated literal the type of the literal itself; checking the final value
        // instead only matters for the most negative int, which then stays int as intended.
        foreach ((string name, BigInteger min, BigInteger max) in candidates)
        {
            bool isUnsigned = name[0] == 'u';
            bool isWide = name.Contains("long", StringComparison.Ordinal);
            if ((unsigned && !isUnsigned) || (wide && !isWide) || (isDecimal && !unsigned && isUnsigned))
            {
                continue;
            }

            if (value >= min && value <= max)
            {
                return (name, value.ToString(CultureInfo.InvariantCulture));
            }
        }

        throw new GeneratorException($"#define {macro.Name}: {macro.Value} fits no C# integer type.");
    }

    private static (string Type, string Literal) FloatingLiteral(CMacro macro)
    {
        string text = macro.Value;
        char last = char.ToLowerInvariant(text[^1]);
        if (last == 'l')
        {
            throw new GeneratorException($"#define {macro.Name}: long double has no C# equivalent.");
        }

        bool isFloat = last == 'f';
        double value = double.Parse(isFloat ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture);
        string literal = isFloat
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f"
            : value.ToString("R", CultureInfo.InvariantCulture);
        if (!isFloat && !literal.Contains('.') && !literal.Contains('E'))
        {
            literal += ".0";
        }

        return (isFloat ? "float" : "double", literal);
    }

    private void Register(string name, string csharp, string? tagName)
    {
        foreach (string? key in new[] { name, tagName })
        {
            if (key is not null && !names.TryAdd(key, csharp) && names[key] != csharp)
            {
                throw new GeneratorException($"'{key}' is declared twice with different meanings.");
            }
        }
    }

    [GeneratedRegex(@"^(?<sign>-)?(?<digits>0[xX][0-9a-fA-F]+|[0-9]+)(?<suffix>([uU]([lL]|ll|LL)?|([lL]|ll|LL)[uU]?)?)$")]
    private static partial Regex IntegerLiteral();
}
