using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// Compiles unusual but legal command libraries the strict way a demanding project builds them:
/// every warning wave on, warnings as errors, documentation comments checked, and the generator must not fail (CS8785) or leave
/// a diagnostic of any severity in a file the user did not write.
/// </summary>
internal static class TortureCompiler
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        """;

    public static CSharpCompilation Compile(
        string[] sources,
        LanguageVersion languageVersion = LanguageVersion.Preview,
        NullableContextOptions nullable = NullableContextOptions.Enable,
        string assemblyName = "Tests.Commands")
    {
        var parse = TestCompiler.ParseOptions.WithLanguageVersion(languageVersion).WithDocumentationMode(DocumentationMode.Diagnose);
        return CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"Source{i}.cs")),
            TestCompiler.References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: nullable,
                warningLevel: 9999,
                generalDiagnosticOption: ReportDiagnostic.Error,
                specificDiagnosticOptions: [new("CS1591", ReportDiagnostic.Warn)]));
    }

    /// <summary>Generates (with the System.Text.Json generator too); returns the output and every problem found.</summary>
    public static (Compilation Output, List<string> Problems) Generate(CSharpCompilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new CommandGenerator().AsSourceGenerator(), .. TestCompiler.JsonSourceGenerators],
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var problems = generatorDiagnostics.Select(d => "generator: " + d)
            .Concat(driver.GetRunResult().Results.Where(r => r.Exception is not null).Select(r => "generator exception: " + r.Exception))
            .Concat(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && !IsUndocumentedTestSource(d)).Select(d => d.ToString()))
            .ToList();
        return (output, problems);
    }

    /// <summary>
    /// Documentation comments are checked (as with GenerateDocumentationFile), but the test sources
    /// do not document their public types: CS1591 counts only in generated files.
    /// </summary>
    private static bool IsUndocumentedTestSource(Diagnostic diagnostic) =>
        diagnostic.Id == "CS1591" && diagnostic.Location.SourceTree?.FilePath.StartsWith("Source", StringComparison.Ordinal) == true;

    /// <summary>Asserts the compilation is clean and returns the emitted assembly.</summary>
    public static byte[] Build(CSharpCompilation compilation)
    {
        var (output, problems) = Generate(compilation);
        Assert.True(problems.Count == 0, "Problems:\n" + string.Join("\n", problems) + "\n\n" + TestCompiler.GeneratedText(output));
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return stream.ToArray();
    }

    public static LoadedCommands Load(params string[] sources) => LoadedCommands.Load(Build(Compile(sources)));
}
