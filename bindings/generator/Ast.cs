using System.Text.Json;

namespace Ember.BindingsGenerator;

/// <summary>Small accessors for clang's JSON AST nodes.</summary>
internal static class Ast
{
    public static string Kind(JsonElement node) => node.GetProperty("kind").GetString()!;

    public static string? Name(JsonElement node) =>
        node.TryGetProperty("name", out JsonElement name) ? name.GetString() : null;

    public static string Id(JsonElement node) => node.GetProperty("id").GetString()!;

    /// <summary>The type of a declaration or type node as clang spells it.</summary>
    public static string QualType(JsonElement node) =>
        node.GetProperty("type").GetProperty("qualType").GetString()!;

    public static bool Flag(JsonElement node, string name) =>
        node.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.True;

    public static string? String(JsonElement node, string name) =>
        node.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static IEnumerable<JsonElement> Children(JsonElement node) =>
        node.TryGetProperty("inner", out JsonElement inner) ? inner.EnumerateArray() : [];

    public static JsonElement? Child(JsonElement node, string kind)
    {
        foreach (JsonElement child in Children(node))
        {
            if (Kind(child) == kind)
            {
                return child;
            }
        }

        return null;
    }

    /// <summary>The byte offset of a location; for a macro expansion, where it was expanded.</summary>
    public static int Offset(JsonElement location) =>
        location.TryGetProperty("expansionLoc", out JsonElement expansion)
            ? expansion.GetProperty("offset").GetInt32()
            : location.GetProperty("offset").GetInt32();
}
