using System.Text.RegularExpressions;

namespace Ember.BindingsGenerator;

/// <summary>
/// Finds the header's numeric constants. Clang's AST has no macros, so this is a textual scan
/// of <c>#define EMBER_X value</c> lines; only object-like macros whose value is a numeric
/// literal are kept (EMBER_API and the include guard have none). A doc comment ending on the
/// line just above a #define documents it.
/// </summary>
internal static partial class MacroScanner
{
    private static readonly HashSet<string> Excluded = ["EMBER_API", "EMBER_H", "EMBER_BUILDING"];

    public static IReadOnlyList<CMacro> Scan(string headerText)
    {
        string[] lines = headerText.Replace("\r", "").Split('\n');
        var macros = new List<CMacro>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match define = Define().Match(lines[i]);
            if (!define.Success || Excluded.Contains(define.Groups["name"].Value))
            {
                continue;
            }

            string value = StripComments(define.Groups["value"].Value);
            while (value.Length > 2 && value[0] == '(' && value[^1] == ')')
            {
                value = value[1..^1].Trim();
            }

            if (!NumericLiteral().IsMatch(value))
            {
                continue;
            }

            string name = define.Groups["name"].Value;
            if (macros.Any(m => m.Name == name))
            {
                throw new GeneratorException($"#define {name}: defined more than once (under #if?); the value would be ambiguous.");
            }

            macros.Add(new CMacro(name, value, DocAbove(lines, i)));
        }

        return macros;
    }

    private static string StripComments(string value)
    {
        int comment = value.IndexOf("/*", StringComparison.Ordinal);
        int lineComment = value.IndexOf("//", StringComparison.Ordinal);
        int cut = comment < 0 ? lineComment : lineComment < 0 ? comment : Math.Min(comment, lineComment);
        return (cut < 0 ? value : value[..cut]).Trim();
    }

    private static string? DocAbove(string[] lines, int defineLine)
    {
        int end = defineLine - 1;
        if (end < 0 || !lines[end].TrimEnd().EndsWith("*/", StringComparison.Ordinal))
        {
            return null;
        }

        int start = end;
        while (start >= 0 && !lines[start].Contains("/*", StringComparison.Ordinal))
        {
            start--;
        }

        if (start < 0)
        {
            return null;
        }

        string comment = string.Join('\n', lines[start..(end + 1)]).Trim();
        int open = comment.IndexOf("/*", StringComparison.Ordinal);
        int close = comment.LastIndexOf("*/", StringComparison.Ordinal);
        return open == 0 && close >= 3 && DocComments.IsDocComment(System.Text.Encoding.UTF8.GetBytes(comment), 0)
            ? DocComments.Clean(comment[3..close])
            : null;
    }

    // Object-like only: a function-like macro has "(" right after its name, not whitespace.
    [GeneratedRegex(@"^\s*#\s*define\s+(?<name>EMBER_\w+)[ \t]+(?<value>.*?)\s*$")]
    private static partial Regex Define();

    [GeneratedRegex(@"^-?(0[xX][0-9a-fA-F]+|[0-9]+|[0-9]*\.[0-9]+([eE][+-]?[0-9]+)?|[0-9]+\.([eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+)[uUlLfF]*$")]
    private static partial Regex NumericLiteral();
}
