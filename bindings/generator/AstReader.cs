using System.Globalization;
using System.Text.Json;

namespace Ember.BindingsGenerator;

/// <summary>
/// Turns clang's JSON AST of the header into the C model, keeping only declarations written in
/// the header itself (not those of the system headers it includes), in header order. Anything
/// outside the deliberately small subset ember.h uses is refused with a message naming it.
/// </summary>
internal sealed class AstReader
{
    private readonly string headerPath;
    private readonly byte[] source;
    private readonly List<JsonElement> nodes = [];

    // Tag definitions (enum x {...}, struct x {...}) by id → the typedef that contains them.
    private readonly Dictionary<string, JsonElement> typedefOfTag = [];
    private readonly HashSet<string> definedStructTags = [];
    private readonly HashSet<string> declaredStructTags = [];

    private AstReader(string headerPath, byte[] source)
    {
        this.headerPath = headerPath;
        this.source = source;
    }

    /// <param name="translationUnit">The root of clang's JSON dump.</param>
    /// <param name="headerPath">The header as passed to clang (an absolute path).</param>
    public static IReadOnlyList<CDecl> Read(JsonElement translationUnit, string headerPath)
    {
        var reader = new AstReader(headerPath, File.ReadAllBytes(headerPath));
        reader.CollectHeaderNodes(translationUnit);
        reader.IndexTags();
        return reader.nodes.Select(reader.ReadDeclaration).OfType<CDecl>().ToList();
    }

    private void CollectHeaderNodes(JsonElement translationUnit)
    {
        var locations = new LocationTracker();
        string fullHeaderPath = Path.GetFullPath(headerPath);
        foreach (JsonElement node in Ast.Children(translationUnit))
        {
            if (node.TryGetProperty("loc", out JsonElement loc))
            {
                locations.Visit(loc);
            }

            string? file = locations.CurrentFile;
            locations.Visit(node);
            if (file is not null && !Ast.Flag(node, "isImplicit") &&
                string.Equals(Path.GetFullPath(file), fullHeaderPath, StringComparison.Ordinal))
            {
                nodes.Add(node);
            }
        }
    }

    private void IndexTags()
    {
        var tagNodes = new Dictionary<string, JsonElement>();
        foreach (JsonElement node in nodes)
        {
            string kind = Ast.Kind(node);
            if (kind is "RecordDecl" or "EnumDecl")
            {
                tagNodes[Ast.Id(node)] = node;
                if (kind == "RecordDecl" && Ast.Name(node) is string tag)
                {
                    (Ast.Flag(node, "completeDefinition") ? definedStructTags : declaredStructTags).Add(tag);
                }
            }
        }

        foreach (JsonElement node in nodes)
        {
            if (Ast.Kind(node) == "TypedefDecl" && OwnedDefinition(node, tagNodes) is string tagId)
            {
                typedefOfTag[tagId] = node;
            }
        }
    }

    /// <summary>
    /// The id of the enum or struct defined inside <c>typedef enum x { ... } x;</c>, or null
    /// when the typedef only names an existing type.
    /// </summary>
    private static string? OwnedDefinition(JsonElement typedef, Dictionary<string, JsonElement> tagNodes) =>
        OwnedTagId(typedef) is string id && tagNodes.TryGetValue(id, out JsonElement tag) &&
        (Ast.Kind(tag) == "EnumDecl" || Ast.Flag(tag, "completeDefinition"))
            ? id
            : null;

    private CDecl? ReadDeclaration(JsonElement node)
    {
        string kind = Ast.Kind(node);
        string name = Ast.Name(node) ?? "(unnamed)";
        return kind switch
        {
            "EnumDecl" => ReadEnum(node),
            "RecordDecl" => ReadRecord(node),
            "TypedefDecl" => ReadTypedef(node),
            "FunctionDecl" => ReadFunction(node),
            // Compile-time checks of the header itself: nothing to bind.
            "StaticAssertDecl" => null,
            _ => throw new GeneratorException($"{kind} '{name}' (line {Line(node)}) is not a construct the generator maps."),
        };
    }

    private CEnum ReadEnum(JsonElement node)
    {
        string name = TagTypeName(node, "enum");
        string context = $"enum {name}";
        if (node.TryGetProperty("fixedUnderlyingType", out _))
        {
            throw new GeneratorException($"{context}: enums with a fixed underlying type are not mapped; C enums are int.");
        }

        var constants = new List<CEnumConstant>();
        long next = 0;
        foreach (JsonElement child in Ast.Children(node))
        {
            switch (Ast.Kind(child))
            {
                case "FullComment":
                    break;
                case "EnumConstantDecl":
                    string constant = Ast.Name(child)!;
                    if (Ast.QualType(child) != "int")
                    {
                        // Clang widens constants that do not fit in an int (a C extension).
                        throw new GeneratorException($"{context}: {constant} does not fit in an int.");
                    }

                    // Without an initializer the value is the previous one plus one; with one,
                    // clang has already evaluated it (1 << 3, EMBER_X + 1, ...).
                    long value = next;
                    if (Ast.Children(child).FirstOrDefault(c => Ast.Kind(c) != "FullComment") is { ValueKind: JsonValueKind.Object } initializer)
                    {
                        string text = ConstantValue(initializer)
                            ?? throw new GeneratorException($"{context}: clang gives no value for {constant}.");
                        value = long.Parse(text, CultureInfo.InvariantCulture);
                    }

                    constants.Add(new CEnumConstant(constant, value, DocComments.Read(child, source)));
                    next = value + 1;
                    break;
                default:
                    throw new GeneratorException($"{context}: {Ast.Kind(child)} inside an enum is not mapped.");
            }
        }

        return new CEnum(name, Ast.Name(node), TagDoc(node), constants);
    }

    private CStruct? ReadRecord(JsonElement node)
    {
        string tagUsed = Ast.String(node, "tagUsed") ?? "struct";
        if (tagUsed != "struct")
        {
            throw new GeneratorException($"{tagUsed} '{Ast.Name(node) ?? "(anonymous)"}' (line {Line(node)}): unions are not mapped.");
        }

        if (!Ast.Flag(node, "completeDefinition"))
        {
            // A forward declaration, e.g. the struct behind an opaque handle typedef.
            return null;
        }

        string name = TagTypeName(node, "struct");
        string context = $"struct {name}";
        var fields = new List<CField>();
        foreach (JsonElement child in Ast.Children(node))
        {
            switch (Ast.Kind(child))
            {
                case "FullComment":
                    break;
                case "FieldDecl":
                    string field = Ast.Name(child) ?? throw new GeneratorException($"{context}: anonymous members are not mapped.");
                    if (Ast.Flag(child, "isBitfield"))
                    {
                        throw new GeneratorException($"{context}.{field}: bit-fields are not mapped.");
                    }

                    fields.Add(new CField(field, CType.Parse(Ast.QualType(child), $"{context}.{field}"), DocComments.Read(child, source)));
                    break;
                default:
                    // Nested records, packing and alignment attributes change the layout in ways
                    // LayoutKind.Sequential would not reproduce.
                    throw new GeneratorException($"{context}: {Ast.Kind(child)} inside a struct is not mapped.");
            }
        }

        if (fields.Count == 0)
        {
            throw new GeneratorException($"{context}: empty structs have no portable size.");
        }

        return new CStruct(name, Ast.Name(node), TagDoc(node), fields);
    }

    private CDecl? ReadTypedef(JsonElement node)
    {
        string name = Ast.Name(node)!;
        string context = $"typedef {name}";
        if (OwnedTagId(node) is string tagId && typedefOfTag.ContainsKey(tagId))
        {
            // typedef enum x { ... } x; — emitted with the enum or struct.
            return null;
        }

        string? doc = DocComments.Read(node, source);
        if (TypeNode(node) is JsonElement type && FunctionProto(type, context) is JsonElement proto)
        {
            var types = Ast.Children(proto).Select((t, i) => CType.Parse(Ast.QualType(t), i == 0 ? $"{context} return" : $"{context} parameter {i}")).ToList();
            return new CFunctionPointer(name, doc, types[0], types.Skip(1).ToList());
        }

        CType target = CType.Parse(Ast.QualType(node), context);
        if (target.PointerDepth == 1 && target.BaseName.StartsWith("struct ", StringComparison.Ordinal))
        {
            string tag = target.BaseName["struct ".Length..];
            if (declaredStructTags.Contains(tag) && !definedStructTags.Contains(tag))
            {
                return new CHandle(name, tag, doc);
            }
        }

        return new CAlias(name, doc, target);
    }

    private CFunction ReadFunction(JsonElement node)
    {
        string name = Ast.Name(node)!;
        string signature = Ast.QualType(node);
        if (Ast.Flag(node, "variadic") || signature.Contains("...", StringComparison.Ordinal))
        {
            throw new GeneratorException($"function {name}: variadic functions are not mapped.");
        }

        if (Ast.Flag(node, "inline") || Ast.String(node, "storageClass") == "static" || Ast.Child(node, "CompoundStmt") is not null)
        {
            throw new GeneratorException($"function {name}: inline, static or defined functions are not exported; declare it only.");
        }

        // The signature reads "ret (params)"; the parameter list is the last balanced "(...)".
        int depth = 0, open = -1;
        for (int i = signature.Length - 1; i >= 0 && open < 0; i--)
        {
            depth += signature[i] == ')' ? 1 : signature[i] == '(' ? -1 : 0;
            open = depth == 0 ? i : -1;
        }

        if (open <= 0 || signature[(open + 1)..^1].Trim().Length == 0)
        {
            throw new GeneratorException($"function {name}: '{signature}' has no prototype; write (void) for no parameters.");
        }

        CType returnType = CType.Parse(signature[..open].Trim(), $"function {name} return");
        var parameters = Ast.Children(node)
            .Where(c => Ast.Kind(c) == "ParmVarDecl")
            .Select((p, i) => new CParameter(Ast.Name(p), CType.Parse(Ast.QualType(p), $"function {name} parameter {Ast.Name(p) ?? i.ToString(CultureInfo.InvariantCulture)}")))
            .ToList();
        return new CFunction(name, DocComments.Read(node, source), returnType, parameters);
    }

    /// <summary>The value clang computed for a constant expression (its ConstantExpr), if any.</summary>
    private static string? ConstantValue(JsonElement expression) =>
        Ast.String(expression, "value") ?? Ast.Children(expression).Select(ConstantValue).FirstOrDefault(v => v is not null);

    /// <summary>The FunctionProtoType behind a pointer-to-function type node, if it is one.</summary>
    private static JsonElement? FunctionProto(JsonElement type, string context)
    {
        if (Ast.Kind(type) != "PointerType")
        {
            return null;
        }

        JsonElement pointee = Ast.Children(type).First();
        while (Ast.Kind(pointee) == "ParenType")
        {
            pointee = Ast.Children(pointee).First();
        }

        switch (Ast.Kind(pointee))
        {
            case "FunctionProtoType":
                if (Ast.Flag(pointee, "variadic"))
                {
                    throw new GeneratorException($"{context}: variadic callbacks are not mapped.");
                }

                if (Ast.String(pointee, "cc") is string cc && cc != "cdecl")
                {
                    throw new GeneratorException($"{context}: calling convention '{cc}' is not mapped; callbacks are cdecl.");
                }

                return pointee;
            case "FunctionNoProtoType":
                throw new GeneratorException($"{context}: callback without a prototype; write (void) for no parameters.");
            default:
                return null;
        }
    }

    /// <summary>The type node a typedef names (its first child that is not a comment).</summary>
    private static JsonElement? TypeNode(JsonElement typedef)
    {
        foreach (JsonElement child in Ast.Children(typedef))
        {
            if (Ast.Kind(child) != "FullComment")
            {
                return child;
            }
        }

        return null;
    }

    private static string? OwnedTagId(JsonElement typedef) =>
        TypeNode(typedef) is JsonElement type && type.TryGetProperty("ownedTagDecl", out JsonElement owned) ? Ast.Id(owned) : null;

    /// <summary>The C name a tag definition goes by: its typedef name, else its tag name.</summary>
    private string TagTypeName(JsonElement node, string keyword) =>
        typedefOfTag.TryGetValue(Ast.Id(node), out JsonElement typedef)
            ? Ast.Name(typedef)!
            : Ast.Name(node) ?? throw new GeneratorException($"anonymous {keyword} (line {Line(node)}) has no typedef name; give it one.");

    /// <summary>
    /// The doc comment of an enum or struct. In <c>typedef struct x {...} x;</c> the comment
    /// precedes "typedef", so it is read from the typedef, whose range starts there.
    /// </summary>
    private string? TagDoc(JsonElement node) =>
        DocComments.Read(typedefOfTag.TryGetValue(Ast.Id(node), out JsonElement typedef) ? typedef : node, source);

    private int Line(JsonElement node)
    {
        int offset = node.TryGetProperty("loc", out JsonElement loc) &&
                     (loc.TryGetProperty("offset", out _) || loc.TryGetProperty("expansionLoc", out _))
            ? Ast.Offset(loc)
            : 0;
        return 1 + source.AsSpan(0, Math.Min(offset, source.Length)).Count((byte)'\n');
    }
}
