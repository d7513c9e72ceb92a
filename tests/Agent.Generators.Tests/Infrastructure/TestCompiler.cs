using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using GuestAgent.Commands;
using GuestAgent.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GuestAgent.Generators.Tests.Infrastructure;

/// <summary>Builds in-memory compilations of command sources and runs the generator and analyzer on them.</summary>
internal static class TestCompiler
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview, DocumentationMode.Parse);

    /// <summary>
    /// .NET 10 reference assemblies plus the GuestAgent runtime and the logging abstractions it
    /// depends on (a command assembly gets them with the package).
    /// </summary>
    public static ImmutableArray<MetadataReference> References { get; } =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(CommandAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
    ];

    /// <summary>
    /// The System.Text.Json source generator of the installed SDK's reference pack, so test
    /// sources can declare real <c>JsonSerializerContext</c>s, as a command assembly would.
    /// </summary>
    private static readonly Lazy<ISourceGenerator[]> JsonGenerators = new(() =>
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var pack = Directory.GetDirectories(Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref"))
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version())
            .First();
        var path = Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        var reference = new AnalyzerFileReference(path, new AnalyzerAssemblyLoader());
        return [.. reference.GetGeneratorsForAllLanguages()];
    });

    /// <summary>The System.Text.Json source generator, for drivers set up by a test.</summary>
    public static ISourceGenerator[] JsonSourceGenerators => JsonGenerators.Value;

    public static CSharpCompilation CompileAssembly(string assemblyName, IEnumerable<MetadataReference>? extra, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References.AddRange(extra ?? []),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static CSharpCompilation Compile(params string[] sources) => CompileAssembly("Tests.Commands", null, sources);

    public static GeneratorDriver CreateDriver(bool trackSteps = false, bool withJson = false, AnalyzerConfigOptionsProvider? buildProperties = null) =>
        CSharpGeneratorDriver.Create(
            withJson ? [new CommandGenerator().AsSourceGenerator(), .. JsonGenerators.Value] : [new CommandGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: buildProperties,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns the output compilation and the generator's own diagnostics.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result) Generate(Compilation compilation, bool withJson = false)
    {
        var driver = CreateDriver(withJson: withJson).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (output, driver.GetRunResult());
    }

    /// <summary>The analyzer's diagnostics on a compilation (after generation, so generated code is seen too).</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var withAnalyzer = compilation.WithAnalyzers([new GuestAgent.Generators.Diagnostics.CommandAnalyzer()]);
        return await withAnalyzer.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// The analyzer's diagnostics as an editor computes them while a file is open: per document,
    /// semantic analysis only, so compilation-end diagnostics are not among them.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeDocumentsAsync(Compilation compilation)
    {
        var withAnalyzer = compilation.WithAnalyzers([new GuestAgent.Generators.Diagnostics.CommandAnalyzer()]);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            diagnostics.AddRange(await withAnalyzer.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, TestContext.Current.CancellationToken));
        }

        return diagnostics.ToImmutable();
    }

    /// <summary>Generates, checks that everything compiles without warnings, and emits the assembly.</summary>
    public static byte[] Build(Compilation compilation)
    {
        var (output, _) = Generate(compilation, withJson: true);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "Compilation failed:\n" + string.Join("\n", problems) + "\n\n" + GeneratedText(output));
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return stream.ToArray();
    }

    public static string GeneratedText(Compilation output) =>
        string.Join("\n// ----\n", output.SyntaxTrees.Where(t => t.FilePath.Contains("GuestAgent.Generators", StringComparison.Ordinal)).Select(t => t.FilePath + "\n" + t.ToString()));
}

/// <summary>Loads analyzer assemblies into the default context (test only).</summary>
internal sealed class AnalyzerAssemblyLoader : IAnalyzerAssemblyLoader
{
    public void AddDependencyLocation(string fullPath)
    {
    }

    public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
}
