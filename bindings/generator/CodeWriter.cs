using System.Text;
using System.Text.RegularExpressions;

namespace Ember.BindingsGenerator;

/// <summary>Builds C# text with four-space indentation and "\n" line ends on every platform.</summary>
internal sealed partial class CodeWriter
{
    public const int MaxLineLength = 120;

    private readonly StringBuilder text = new();
    private int indent;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            text.Append(' ', indent * 4).Append(line);
        }

        text.Append('\n');
    }

    /// <summary>Whether <paramref name="line"/> fits in <see cref="MaxLineLength"/> at the current indentation.</summary>
    public bool Fits(string line) => indent * 4 + line.Length <= MaxLineLength;

    public void Open(string header)
    {
        Line(header);
        Line("{");
        indent++;
    }

    public void Close(string closer = "}")
    {
        indent--;
        Line(closer);
    }

    /// <summary>
    /// A doc comment as XML documentation: one line when it fits, else the header's own line
    /// breaks; paragraphs become &lt;para&gt; elements and `code` becomes &lt;c&gt;code&lt;/c&gt;.
    /// </summary>
    public void Summary(string? doc)
    {
        if (doc is null)
        {
            return;
        }

        string[] paragraphs = ToXml(doc).Split("\n\n");
        string single = $"/// <summary>{paragraphs[0]}</summary>";
        if (paragraphs.Length == 1 && !paragraphs[0].Contains('\n') && Fits(single))
        {
            Line(single);
            return;
        }

        Line("/// <summary>");
        foreach (string paragraph in paragraphs)
        {
            if (paragraphs.Length > 1)
            {
                Line("/// <para>");
            }

            foreach (string line in paragraph.Split('\n'))
            {
                Line("/// " + line);
            }

            if (paragraphs.Length > 1)
            {
                Line("/// </para>");
            }
        }

        Line("/// </summary>");
    }

    public override string ToString() => text.ToString();

    private static string ToXml(string text) =>
        Code().Replace(text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;"), "<c>$1</c>");

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex Code();
}
