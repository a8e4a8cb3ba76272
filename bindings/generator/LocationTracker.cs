using System.Text.Json;

namespace Ember.BindingsGenerator;

/// <summary>
/// Follows the "current file" of clang's JSON AST dump. To save space, clang writes a location's
/// "file" only when it differs from the previous location it wrote, anywhere in the document
/// (a declaration's range, a nested parameter, a macro's spelling location...). The file of a
/// declaration is therefore only known by replaying every location in document order, which is
/// what <see cref="Visit"/> does.
/// </summary>
internal sealed class LocationTracker
{
    public string? CurrentFile { get; private set; }

    public void Visit(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (property.NameEquals("includedFrom"))
                    {
                        // Names the file that #included this one; clang does not count it as a
                        // written location, so it must not move the cursor.
                        continue;
                    }

                    if (property.NameEquals("file") && property.Value.ValueKind == JsonValueKind.String)
                    {
                        CurrentFile = property.Value.GetString();
                    }
                    else
                    {
                        Visit(property.Value);
                    }
                }

                break;

            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Visit(item);
                }

                break;
        }
    }
}
