using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Tests.Documentation.MarkdownExamples;

namespace GuestAgent.Generators.Tests.Documentation;

/// <summary>
/// The C# of docs/authoring-commands.md compiles as a reader pastes it into one command library
/// (bare methods in a class, elided bodies filled in, the types it names but does not declare
/// declared), with the generator and the analyzer: no compiler error and no GA diagnostic. A rename
/// in the API the page shows (an attribute property, <c>FindMissingServices</c>) fails here.
/// </summary>
public sealed class AuthoringExampleTests
{
    /// <summary>What the page's examples name and leave to the reader.</summary>
    private const string ReaderTypes = """
        public sealed record WriteRequest(string Path, string Contents);
        public sealed record FileChunk(long Offset, string Data);
        public sealed record UserSpec(string Name);

        """;

    [Fact]
    public async Task The_pages_examples_compile_together_without_a_diagnostic()
    {
        var blocks = CSharpBlocks(Read("docs", "authoring-commands.md"));
        // hello, kmsactivate's stated schema, FileJson, UserJson, FindMissingServices, MotdCommands.
        Assert.Equal(6, blocks.Count);
        var units = blocks.Select((block, i) => block.StartsWith("foreach", StringComparison.Ordinal)
            ? $"public static class Host{i}\n{{\n    public static void Check(ICommandRegistry registry, IServiceProvider services, ILogger logger)\n    {{\n{block}    }}\n}}\n"
            : AsCompilationUnit(block, $"Block{i}Commands"));
        // One file per block, each with the usings a reader's file has; assembly attributes stay first.
        var sources = units.Select(unit => MarkdownExamples.Usings + unit).Append(MarkdownExamples.Usings + ReaderTypes).ToArray();

        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(sources), withJson: true);

        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(await TestCompiler.AnalyzeAsync(output));
        // The generator saw them: the commands are in the registry.
        var registry = TestCompiler.GeneratedText(output);
        Assert.All(["\"hello\"", "\"kmsactivate\"", "\"contoso.motd.set\""], name => Assert.Contains(name, registry, StringComparison.Ordinal));
    }
}
