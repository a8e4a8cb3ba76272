using System.Text;
using System.Text.Json;

namespace Ember.BindingsGenerator;

/// <summary>
/// Reads the doc comment clang attached to a declaration. Clang decides which comment belongs
/// to which declaration (its FullComment node); the text itself is taken verbatim from the
/// header, because clang's comment parser would reinterpret Doxygen commands and HTML-looking
/// text such as "a<b".
/// </summary>
internal static class DocComments
{
    /// <summary>The cleaned doc comment of <paramref name="declaration"/>, or null.</summary>
    public static string? Read(JsonElement declaration, byte[] source)
    {
        if (Ast.Child(declaration, "FullComment") is not JsonElement fullComment)
        {
            return null;
        }

        int begin = Ast.Offset(fullComment.GetProperty("range").GetProperty("begin"));
        int open = LastIndexOf(source, "/*"u8, begin);
        int close = open < 0 ? -1 : IndexOf(source, "*/"u8, open + 2);
        if (open < 0 || close < begin)
        {
            // A `//` comment: -fparse-all-comments attaches those too, but the header's
            // convention is /** */ and `//` is used for remarks that are not documentation.
            return null;
        }

        // Clang attaches the nearest earlier comment even when another declaration sits in
        // between (in `/** a */ X = 1, Y = 2,` it gives Y the comment of X), so require that only
        // whitespace separates the comment from the start of this declaration.
        int declarationStart = Ast.Offset(declaration.GetProperty("range").GetProperty("begin"));
        bool adjacent = close + 2 <= declarationStart &&
                        source.AsSpan(close + 2, declarationStart - close - 2).IndexOfAnyExcept(" \t\r\n"u8) < 0;

        return adjacent && IsDocComment(source, open) ? Clean(Encoding.UTF8.GetString(source, open + 3, close - open - 3)) : null;
    }

    /// <summary>
    /// "/**" and "/*!" open doc comments; "/*", "/**/" and "/***..." banners do not. Ordinary
    /// comments reach us because of -fparse-all-comments and are dropped here, so section
    /// separators never become documentation.
    /// </summary>
    public static bool IsDocComment(ReadOnlySpan<byte> source, int open)
    {
        if (open + 3 >= source.Length)
        {
            return false;
        }

        byte marker = source[open + 2];
        byte next = source[open + 3];
        return marker == (byte)'!' || (marker == (byte)'*' && next != (byte)'*' && next != (byte)'/');
    }

    /// <summary>
    /// Turns the body of a block comment (without its opening "/**" and closing "*\/") into
    /// plain lines: the leading " * " decoration and surrounding blank lines are removed, and
    /// runs of blank lines become one (a paragraph break).
    /// </summary>
    public static string? Clean(string body)
    {
        var lines = new List<string>();
        foreach (string raw in body.Replace("\r", "").Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith('*'))
            {
                line = line[1..].Trim();
            }

            if (line.Length > 0 || (lines.Count > 0 && lines[^1].Length > 0))
            {
                lines.Add(line);
            }
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines.Count == 0 ? null : string.Join('\n', lines);
    }

    private static int LastIndexOf(ReadOnlySpan<byte> source, ReadOnlySpan<byte> value, int before) =>
        source[..Math.Min(before + value.Length, source.Length)].LastIndexOf(value);

    private static int IndexOf(ReadOnlySpan<byte> source, ReadOnlySpan<byte> value, int from)
    {
        int index = source[from..].IndexOf(value);
        return index < 0 ? -1 : from + index;
    }
}
