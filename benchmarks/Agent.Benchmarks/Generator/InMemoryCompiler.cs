using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using GuestAgent.Commands;
using GuestAgent.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Benchmarks.Generator;

/// <summary>Compilations of command sources against .NET 10 and the GuestAgent runtime, and drivers for the generator.</summary>
public static class InMemoryCompiler
{
    /// <summary>As a project's build parses: latest language, documentation comments parsed (summaries feed the descriptors).</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview, DocumentationMode.Parse);

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(CommandAttribute).Assembly.Location)];

    /// <summary>Parses one source file.</summary>
    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>A library compilation of the given files.</summary>
    public static CSharpCompilation Compile(string assemblyName, IEnumerable<string> sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => Parse(source, $"File{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));

    /// <summary>A fresh driver for the command generator alone, without step tracking (as a build runs it).</summary>
    public static GeneratorDriver CreateDriver() => CreateDriver(new CommandGenerator());

    /// <summary>A fresh driver for one generator, without step tracking.</summary>
    public static GeneratorDriver CreateDriver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
