namespace Ember.BindingsGenerator;

/// <summary>
/// A C type as clang spells it, reduced to a base name ("int64_t", "struct ember_device",
/// "unsigned int") and a pointer depth. Qualifiers are dropped because they do not change the
/// ABI; arrays and inline function types are refused because a pointer-plus-name cannot
/// describe them (the header gives callbacks a typedef instead).
/// </summary>
internal sealed record CType(string BaseName, int PointerDepth)
{
    private static readonly HashSet<string> Qualifiers =
        ["const", "volatile", "restrict", "__restrict", "__restrict__"];

    public static CType Parse(string spelling, string context)
    {
        if (spelling.IndexOfAny(['(', '[']) >= 0)
        {
            throw new GeneratorException(
                $"{context}: type '{spelling}' is an array, an inline function type or otherwise " +
                "not a plain (pointer to a) named type; use pointer + count, or a typedef for callbacks.");
        }

        var words = new List<string>();
        int depth = 0;
        foreach (string token in spelling.Replace("*", " * ").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token == "*")
            {
                depth++;
            }
            else if (Qualifiers.Contains(token))
            {
                // `const int64_t *` and `int64_t *const` pass the same pointer.
            }
            else if (depth > 0)
            {
                throw new GeneratorException($"{context}: cannot read type '{spelling}'.");
            }
            else
            {
                words.Add(token);
            }
        }

        if (words.Count == 0)
        {
            throw new GeneratorException($"{context}: cannot read type '{spelling}'.");
        }

        return new CType(string.Join(' ', words), depth);
    }

    public override string ToString() => PointerDepth == 0 ? BaseName : $"{BaseName} {new string('*', PointerDepth)}";
}
