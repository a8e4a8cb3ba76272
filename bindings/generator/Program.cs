using System.Text;
using System.Text.Json;
using Ember.BindingsGenerator;

// Usage: Ember.BindingsGenerator [--check] <ember.h> <NativeMethods.g.cs>
// Exit codes: 0 written or up to date; 1 --check found the file out of date; 2 error.

const string Usage = "usage: dotnet run --project bindings/generator -- [--check] <path/to/ember.h> <path/to/NativeMethods.g.cs>";

bool check = args.Contains("--check");
string[] paths = args.Where(a => a != "--check").ToArray();
if (paths.Length != 2 || paths.Any(p => p.StartsWith('-')))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

(string headerArg, string outputArg) = (paths[0], paths[1]);
string headerPath = Path.GetFullPath(headerArg);
string outputPath = Path.GetFullPath(outputArg);
if (!File.Exists(headerPath))
{
    Console.Error.WriteLine($"error: header not found: {headerArg}");
    return 2;
}

string generated;
try
{
    using JsonDocument ast = ClangRunner.DumpAst(headerPath);
    var header = new CHeader(
        AstReader.Read(ast.RootElement, headerPath),
        MacroScanner.Scan(File.ReadAllText(headerPath)));
    // Relative to the output file, so the text does not depend on where the repository lives.
    string displayPath = Path.GetRelativePath(Path.GetDirectoryName(outputPath)!, headerPath).Replace('\\', '/');
    generated = CSharpEmitter.Emit(header, new TypeMapper(header.Declarations), displayPath);
}
catch (GeneratorException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

string? existing = File.Exists(outputPath) ? File.ReadAllText(outputPath) : null;
string regenerate = $"dotnet run --project bindings/generator -- {headerArg} {outputArg}";
if (check)
{
    if (existing == generated)
    {
        Console.WriteLine($"{outputArg} is up to date with {headerArg}.");
        return 0;
    }

    Console.Error.WriteLine($"error: {outputArg} is out of date with {headerArg}.");
    Console.Error.WriteLine(existing is null ? "  The file does not exist." : "  " + FirstDifference(existing, generated));
    Console.Error.WriteLine($"  Regenerate it with: {regenerate}");
    Console.Error.WriteLine($"  then review with: git diff -- {outputArg}");
    return 1;
}

if (existing == generated)
{
    Console.WriteLine($"{outputArg} is up to date.");
    return 0;
}

Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
File.WriteAllText(outputPath, generated, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
Console.WriteLine($"wrote {outputArg}");
return 0;

static string FirstDifference(string onDisk, string expected)
{
    string[] a = onDisk.Split('\n');
    string[] b = expected.Split('\n');
    for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
    {
        string? left = i < a.Length ? a[i] : null;
        string? right = i < b.Length ? b[i] : null;
        if (left != right)
        {
            return $"First difference at line {i + 1}:\n" +
                   $"    on disk:   {left?.TrimEnd('\r') ?? "(end of file)"}{(left?.EndsWith('\r') == true ? "  [CRLF line end]" : "")}\n" +
                   $"    generated: {right ?? "(end of file)"}";
        }
    }

    return "The files differ.";
}
