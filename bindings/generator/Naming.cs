using System.Text;

namespace Ember.BindingsGenerator;

/// <summary>C names to C# names.</summary>
internal static class Naming
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class",
        "const", "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event",
        "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if",
        "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null",
        "object", "operator", "out", "override", "params", "private", "protected", "public", "readonly",
        "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct",
        "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    ];

    /// <summary>
    /// snake_case or SCREAMING_CASE to PascalCase: "bytes_in_use" → "BytesInUse",
    /// "ERR_OUT_OF_MEMORY" → "ErrOutOfMemory", "FLOAT32" → "Float32". A word that already has
    /// lower-case letters keeps its inner capitals.
    /// </summary>
    public static string Pascal(string name)
    {
        var result = new StringBuilder(name.Length);
        foreach (string word in name.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            bool screaming = !word.Any(char.IsLower);
            result.Append(char.ToUpperInvariant(word[0]));
            result.Append(screaming ? word[1..].ToLowerInvariant() : word[1..]);
        }

        return result.ToString();
    }

    /// <summary>Parameter names: camelCase, with C# keywords escaped ("out" → "@out").</summary>
    public static string Parameter(string name)
    {
        string pascal = Pascal(name);
        string camel = pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary>
    /// C# member names for an enum's constants. The rule: strip the longest prefix derived from
    /// the enum's type name — its words, uppercased, from all of them down to the first one —
    /// that every constant shares and that leaves each a name starting with a letter; then
    /// PascalCase the rest. ember_unary_op tries EMBER_UNARY_OP_ (not shared: EMBER_UNARY_NEG),
    /// then EMBER_UNARY_ (shared) → Neg, OpCount; ember_status falls back to EMBER_ because
    /// EMBER_OK lacks STATUS_ → Ok, ErrShape; ember_dtype → EMBER_DTYPE_ → Float32, Undefined.
    /// Deriving the prefix from the type name (rather than from whatever the constants happen to
    /// share) keeps the names stable when constants are appended.
    /// </summary>
    public static IReadOnlyList<string> EnumMembers(string enumName, IReadOnlyList<string> constants)
    {
        string[] words = enumName.ToUpperInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries);
        for (int count = words.Length; count >= 1; count--)
        {
            string prefix = string.Join('_', words[..count]) + "_";
            if (constants.All(c => c.Length > prefix.Length && c.StartsWith(prefix, StringComparison.Ordinal) && char.IsAsciiLetter(c[prefix.Length])))
            {
                return constants.Select(c => Pascal(c[prefix.Length..])).ToList();
            }
        }

        throw new GeneratorException(
            $"enum {enumName}: its constants do not share a prefix taken from the type name (such as {words[0]}_), " +
            "so no member names can be derived.");
    }
}
