using System.Globalization;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// The clashes an author makes while typing are shown by the editor's per-document analysis, which
/// leaves out compilation-end diagnostics; only what no source names (a clash between two
/// referenced libraries, C# 11 for an aggregate over references) waits for the compilation's end.
/// </summary>
public sealed class LiveDiagnosticTests
{
    private const string Library = """
        using GuestAgent.Commands;
        namespace Team.Library;
        public static class LibraryCommands
        {
            [Command("shared")] public static string Shared() => "library";
        }
        """;

    [Fact]
    public async Task A_duplicate_name_in_one_assembly_is_reported_while_editing()
    {
        var compilation = TestCompiler.Compile(DiagnosticAssert.Usings + """
            public static class A { [Command("dup")] public static void One() { } }
            public static class B { [Command("dup")] public static void Two() { } }
            """);

        var live = await TestCompiler.AnalyzeDocumentsAsync(compilation);

        Assert.Equal(["GA0001 \"dup\"", "GA0001 \"dup\""], live.Select(Describe));
    }

    [Fact]
    public async Task A_name_also_served_by_a_referenced_library_is_reported_while_editing()
    {
        var library = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Library", null, Library));
        var app = TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(library)], """
            using GuestAgent.Commands;
            public static class AppCommands { [Command("shared")] public static string Mine() => "app"; }
            """);

        var diagnostic = Assert.Single(await TestCompiler.AnalyzeDocumentsAsync(app));

        Assert.Equal("GA0011 \"shared\"", Describe(diagnostic));
        Assert.Equal("Command name 'shared' is defined in both 'Team.App' and 'Team.Library'; if this error is suppressed, the command of 'Team.App' is the one served", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_json_context_that_is_not_a_serializer_context_is_reported_while_editing()
    {
        var compilation = TestCompiler.Compile(DiagnosticAssert.Usings + """
            [assembly: CommandJsonContext(typeof(NotAContext))]
            public sealed class NotAContext { }
            public static class A { [Command("x")] public static void Run() { } }
            """);

        var diagnostic = Assert.Single(await TestCompiler.AnalyzeDocumentsAsync(compilation));

        Assert.Equal("GA0012 CommandJsonContext(typeof(NotAContext))", Describe(diagnostic));
    }

    [Fact]
    public async Task A_clash_between_two_referenced_libraries_waits_for_the_compilation_end()
    {
        var first = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Library", null, Library));
        var second = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Copy", null, Library.Replace("Team.Library", "Team.Copy", StringComparison.Ordinal)));
        var app = TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(first), MetadataReference.CreateFromImage(second)], "public static class Program { }");

        Assert.Empty(await TestCompiler.AnalyzeDocumentsAsync(app));
        var whole = Assert.Single(await TestCompiler.AnalyzeAsync(app));
        Assert.Equal("Command name 'shared' is defined in both 'Team.Copy' and 'Team.Library'; if this error is suppressed, the command of 'Team.Copy' is the one served", whole.GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, whole.Descriptor.CustomTags);
    }

    [Fact]
    public async Task A_CSharp_10_application_of_references_only_learns_of_GA0013_at_the_compilation_end()
    {
        // No source of the application names a command: only the aggregate over its references
        // needs C# 11, and that is known once the whole compilation is.
        var library = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Library", null, Library));
        var app = CSharpCompilation.Create(
            "Team.App",
            [CSharpSyntaxTree.ParseText("public static class Program { }", TestCompiler.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp10), path: "Source0.cs", cancellationToken: TestContext.Current.CancellationToken)],
            TestCompiler.References.Add(MetadataReference.CreateFromImage(library)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        Assert.Empty(await TestCompiler.AnalyzeDocumentsAsync(app));
        var whole = Assert.Single(await TestCompiler.AnalyzeAsync(app));
        Assert.Equal("GA0013", whole.Id);
        Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, whole.Descriptor.CustomTags);
    }

    private static string Describe(Diagnostic diagnostic) => diagnostic.Id + " " + DiagnosticAssert.SpanText(diagnostic);
}
