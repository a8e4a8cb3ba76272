namespace Ember.BindingsGenerator;

// The subset of C that ember.h is allowed to use, as read from clang's AST. Types are kept as
// clang spells them (CType); TypeMapper resolves them once every declaration is known.
// Doc is the cleaned text of the declaration's doc comment ("\n" between lines, an empty line
// between paragraphs), or null.

internal abstract record CDecl(string Name, string? Doc);

internal sealed record CEnumConstant(string Name, long Value, string? Doc);

/// <summary>An enum definition; Name is its typedef name when it has one.</summary>
internal sealed record CEnum(string Name, string? TagName, string? Doc, IReadOnlyList<CEnumConstant> Constants)
    : CDecl(Name, Doc);

internal sealed record CField(string Name, CType Type, string? Doc);

/// <summary>A complete struct definition; Name is its typedef name when it has one.</summary>
internal sealed record CStruct(string Name, string? TagName, string? Doc, IReadOnlyList<CField> Fields)
    : CDecl(Name, Doc);

/// <summary><c>typedef struct x_s *x;</c> where <c>struct x_s</c> is never defined.</summary>
internal sealed record CHandle(string Name, string TagName, string? Doc) : CDecl(Name, Doc);

/// <summary><c>typedef ret (*name)(params);</c></summary>
internal sealed record CFunctionPointer(string Name, string? Doc, CType ReturnType, IReadOnlyList<CType> ParameterTypes)
    : CDecl(Name, Doc);

/// <summary>Any other typedef: another name for an existing type.</summary>
internal sealed record CAlias(string Name, string? Doc, CType Type) : CDecl(Name, Doc);

internal sealed record CParameter(string? Name, CType Type);

internal sealed record CFunction(string Name, string? Doc, CType ReturnType, IReadOnlyList<CParameter> Parameters)
    : CDecl(Name, Doc);

/// <summary>An object-like macro whose value is a numeric literal (C spelling, suffix included).</summary>
internal sealed record CMacro(string Name, string Value, string? Doc);

internal sealed record CHeader(IReadOnlyList<CDecl> Declarations, IReadOnlyList<CMacro> Macros);
