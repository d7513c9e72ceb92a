using GuestAgent.Generators.CodeFixes;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using static GuestAgent.Generators.Tests.CodeFixes.ListingSamples;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>
/// The GA0009 Fix All providers over what each scope covers: a document's diagnostics only, every
/// document of the project, every project of the solution (each project's edit kept when the next
/// one is made), and the types listed in source order whatever order the diagnostics come in.
/// </summary>
public sealed class FixAllScopeTests
{
    private const string Id = "GA0009";

    // A second command file of the same assembly; its command sits earlier in its file than A's
    // in Source0, so an order by position alone would list Other before Move.
    private const string MoreCommands = """
        using GuestAgent.Commands;
        namespace App;
        public sealed record Other(int N);
        public static class B { [Command("other")] public static void Run(Other other) { } }
        """;

    private const string MoveCommands = """
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(App.Json.Ctx))]

        namespace App;

        public sealed record Move(string From, string To);
        public sealed record Listed(int N);

        public static class A
        {
            [Command("move")] public static void Run(Move move) { }
        }
        """;

    [Fact]
    public async Task The_document_scope_lists_only_the_types_reported_in_that_document()
    {
        var solution = CreateSolution([MoveCommands, MoreCommands, ListingContext]);
        var fixedSolution = await FixAllAsync(solution, new AddToJsonContextCodeFix(), AddToJsonContextCodeFix.EquivalenceKey, FixAllScope.Document);

        Assert.Equal(["Listed", "Move"], await ListedAsync(fixedSolution, 0, "Source2.cs"));
    }

    [Fact]
    public async Task The_project_scope_lists_the_types_of_every_document_file_by_file()
    {
        var solution = CreateSolution([MoveCommands, MoreCommands, ListingContext]);
        var fixedSolution = await FixAllAsync(solution, new AddToJsonContextCodeFix(), AddToJsonContextCodeFix.EquivalenceKey, FixAllScope.Project);

        Assert.Equal(["Listed", "Move", "Other"], await ListedAsync(fixedSolution, 0, "Source2.cs"));
    }

    [Fact]
    public async Task The_solution_scope_lists_the_types_of_every_project_on_its_own_context()
    {
        var solution = CreateSolution([MoveCommands, ListingContext], [ListingCommands, ListingContext]);
        var fixedSolution = await FixAllAsync(solution, new AddToJsonContextCodeFix(), AddToJsonContextCodeFix.EquivalenceKey, FixAllScope.Solution);

        Assert.Equal(["Listed", "Move"], await ListedAsync(fixedSolution, 0, "Source1.cs"));
        Assert.Equal(["Listed", "Move", "System.Collections.Generic.List<Move>"], await ListedAsync(fixedSolution, 1, "Source1.cs"));
        await AssertNoneLeftAsync(fixedSolution);
    }

    [Fact]
    public async Task The_solution_scope_creates_a_context_in_each_project_without_one_and_only_there()
    {
        var withoutContext = MoveCommands.Replace("[assembly: CommandJsonContext(typeof(App.Json.Ctx))]", "", StringComparison.Ordinal);
        var moreInAnotherNamespace = MoreCommands.Replace("namespace App;", "namespace App.More;", StringComparison.Ordinal);
        // The second project declares a context no attribute names: it gets named, never a second one.
        var declared = ListingContext.Replace("public partial class Ctx", "internal partial class Ctx", StringComparison.Ordinal);
        var solution = CreateSolution([withoutContext, moreInAnotherNamespace], [withoutContext, declared]);
        var fixedSolution = await FixAllAsync(solution, new CreateJsonContextCodeFix(), CreateJsonContextCodeFix.EquivalenceKey, FixAllScope.Solution);

        var first = fixedSolution.Projects.Single(p => p.Name == "Project0");
        var created = Assert.Single(first.Documents, d => d.Name.Contains("JsonContext", StringComparison.Ordinal));
        var text = (await created.GetTextAsync(TestContext.Current.CancellationToken)).ToString();
        // In the namespace of the first reported command (Source0's), listing both files' types in file order.
        Assert.Contains("[assembly: CommandJsonContext(typeof(App.TestsCommandsJsonContext))]", text, StringComparison.Ordinal);
        Assert.Equal(["Move", "More.Other"], Listed(text));
        var second = fixedSolution.Projects.Single(p => p.Name == "Project1");
        Assert.Equal(2, second.Documents.Count());
        Assert.Equal(declared, (await second.Documents.Single(d => d.Name == "Source1.cs").GetTextAsync(TestContext.Current.CancellationToken)).ToString());
    }

    [Fact]
    public async Task The_solution_scope_creates_one_context_in_every_project_without_one()
    {
        var withoutContext = MoveCommands.Replace("[assembly: CommandJsonContext(typeof(App.Json.Ctx))]", "", StringComparison.Ordinal);
        var solution = CreateSolution([withoutContext], [withoutContext, MoreCommands]);
        var fixedSolution = await FixAllAsync(solution, new CreateJsonContextCodeFix(), CreateJsonContextCodeFix.EquivalenceKey, FixAllScope.Solution);

        foreach (var (project, listed) in new[] { ("Project0", new[] { "Move" }), ("Project1", new[] { "Move", "Other" }) })
        {
            var created = Assert.Single(fixedSolution.Projects.Single(p => p.Name == project).Documents, d => d.Name.Contains("JsonContext", StringComparison.Ordinal));
            Assert.Equal(listed, Listed((await created.GetTextAsync(TestContext.Current.CancellationToken)).ToString()));
        }

        await AssertNoneLeftAsync(fixedSolution);
    }

    [Fact]
    public async Task The_solution_scope_names_the_chosen_context_in_every_project_that_declares_it()
    {
        var withoutAttribute = MoveCommands.Replace("[assembly: CommandJsonContext(typeof(App.Json.Ctx))]", "", StringComparison.Ordinal);
        var solution = CreateSolution([withoutAttribute, ListingContext], [withoutAttribute, ListingContext]);
        var document = solution.Projects.Single(p => p.Name == "Project0").Documents.Single(d => d.Name == "Source0.cs");
        var diagnostic = (await DiagnosticsAsync(document.Project)).First();
        var actions = new List<CodeAction>();
        await new NameJsonContextCodeFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), TestContext.Current.CancellationToken));
        var key = Assert.Single(actions).EquivalenceKey!;

        var fixedSolution = await FixAllAsync(solution, new NameJsonContextCodeFix(), key, FixAllScope.Solution);

        foreach (var index in new[] { 0, 1 })
        {
            Assert.Equal(["Listed", "Move"], await ListedAsync(fixedSolution, index, "Source1.cs"));
        }

        await AssertNoneLeftAsync(fixedSolution);
    }

    /// <summary>One project per array (Project0, Project1, …), its sources as Source0.cs, Source1.cs, ….</summary>
    private static Solution CreateSolution(params string[][] projects)
    {
        var solution = new AdhocWorkspace().CurrentSolution;
        for (var p = 0; p < projects.Length; p++)
        {
            var projectId = ProjectId.CreateNewId();
            solution = solution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                $"Project{p}",
                "Tests.Commands",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: TestCompiler.ParseOptions,
                metadataReferences: TestCompiler.References));
            for (var i = 0; i < projects[p].Length; i++)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Source{i}.cs", SourceText.From(projects[p][i]), filePath: $"/p{p}/Source{i}.cs");
            }
        }

        return solution;
    }

    /// <summary>Fix All started from Project0's Source0.cs, as an IDE would from a diagnostic there.</summary>
    private static async Task<Solution> FixAllAsync(Solution solution, CodeFixProvider provider, string key, FixAllScope scope)
    {
        var document = solution.Projects.Single(p => p.Name == "Project0").Documents.Single(d => d.Name == "Source0.cs");
        var fixAll = provider.GetFixAllProvider()!;
        Assert.Contains(scope, fixAll.GetSupportedFixAllScopes());
        var context = new FixAllContext(document, provider, scope, key, [Id], new ReversedDiagnostics(), TestContext.Current.CancellationToken);
        var action = await fixAll.GetFixAsync(context);
        Assert.NotNull(action);
        var operations = await action.GetOperationsAsync(TestContext.Current.CancellationToken);
        return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
    }

    /// <summary>The types a project's file lists with [JsonSerializable], in order.</summary>
    private static async Task<List<string>> ListedAsync(Solution solution, int project, string file)
    {
        var document = solution.Projects.Single(p => p.Name == $"Project{project}").Documents.Single(d => d.Name == file);
        return Listed((await document.GetTextAsync(TestContext.Current.CancellationToken)).ToString());
    }

    private static List<string> Listed(string text)
    {
        const string Prefix = "[JsonSerializable(typeof(";
        return [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(l => l[Prefix.Length..l.IndexOf("))]", StringComparison.Ordinal)])];
    }

    private static async Task AssertNoneLeftAsync(Solution solution)
    {
        foreach (var project in solution.Projects)
        {
            Assert.Empty(await DiagnosticsAsync(project));
        }
    }

    private static async Task<IEnumerable<Diagnostic>> DiagnosticsAsync(Project project)
    {
        var compilation = await project.GetCompilationAsync(TestContext.Current.CancellationToken);
        return (await TestCompiler.AnalyzeAsync(compilation!)).Where(d => d.Id == Id);
    }

    /// <summary>
    /// The diagnostics in reverse source order: an IDE promises no order, so the types must come out
    /// in source order however they arrive.
    /// </summary>
    private sealed class ReversedDiagnostics : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return Reversed((await DiagnosticsAsync(document.Project)).Where(d => d.Location.SourceTree == tree));
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await DiagnosticsAsync(project)).Where(d => d.Location == Location.None);

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Reversed(await DiagnosticsAsync(project));

        private static List<Diagnostic> Reversed(IEnumerable<Diagnostic> diagnostics) =>
            [.. diagnostics.OrderByDescending(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenByDescending(d => d.Location.SourceSpan.Start)];
    }
}
