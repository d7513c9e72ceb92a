using System.Collections.Immutable;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>
/// Drives a code fix the way an IDE does: a real C# project in an <see cref="AdhocWorkspace"/>
/// referencing the GuestAgent runtime, diagnostics from the real <c>CommandAnalyzer</c>, the
/// provider's code actions, and their operations applied to the solution.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>A project with <paramref name="sources"/> as Source0.cs, Source1.cs, …; returns the first document.</summary>
    public static Document CreateDocument(params string[] sources)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            "Tests.Commands",
            "Tests.Commands",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: TestCompiler.ParseOptions,
            metadataReferences: TestCompiler.References));
        var ids = sources.Select(_ => DocumentId.CreateNewId(projectId)).ToList();
        for (var i = 0; i < sources.Length; i++)
        {
            solution = solution.AddDocument(ids[i], $"Source{i}.cs", SourceText.From(sources[i]));
        }

        return solution.GetDocument(ids[0])!;
    }

    /// <summary>The analyzer's diagnostics with <paramref name="id"/> in <paramref name="document"/>, in source order.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document, string id)
    {
        var compilation = await document.Project.GetCompilationAsync(TestContext.Current.CancellationToken);
        var tree = await document.GetSyntaxTreeAsync(TestContext.Current.CancellationToken);
        return [.. (await TestCompiler.AnalyzeAsync(compilation!))
            .Where(d => d.Id == id && d.Location.SourceTree == tree)
            .OrderBy(d => d.Location.SourceSpan.Start)];
    }

    /// <summary>The code actions <paramref name="provider"/> offers for <paramref name="diagnostic"/>.</summary>
    public static async Task<IReadOnlyList<CodeAction>> ActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), TestContext.Current.CancellationToken);
        await provider.RegisterCodeFixesAsync(context);
        return actions;
    }

    /// <summary>
    /// Finds the <paramref name="index"/>-th <paramref name="id"/> diagnostic in the first source,
    /// applies the provider's first action and returns the fixed document.
    /// </summary>
    public static async Task<Document> FixAsync(CodeFixProvider provider, string id, int index, params string[] sources)
    {
        var document = CreateDocument(sources);
        var diagnostics = await DiagnosticsAsync(document, id);
        Assert.True(diagnostics.Length > index, $"expected at least {index + 1} {id}, got {diagnostics.Length}");
        var actions = await ActionsAsync(provider, document, diagnostics[index]);
        Assert.NotEmpty(actions);
        return await ApplyAsync(actions[0], document);
    }

    /// <summary>Computes Fix All in <paramref name="scope"/> for every <paramref name="id"/> diagnostic and applies it.</summary>
    public static async Task<Document> FixAllAsync(CodeFixProvider provider, string equivalenceKey, string id, FixAllScope scope, params string[] sources)
    {
        var document = CreateDocument(sources);
        var action = await FixAllActionAsync(provider, equivalenceKey, id, scope, document);
        Assert.NotNull(action);
        return await ApplyAsync(action, document);
    }

    /// <summary>The Fix All action in <paramref name="scope"/> for every <paramref name="id"/> diagnostic, or <c>null</c> when the provider offers none.</summary>
    public static async Task<CodeAction?> FixAllActionAsync(CodeFixProvider provider, string equivalenceKey, string id, FixAllScope scope, Document document)
    {
        var fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        Assert.Contains(scope, fixAll.GetSupportedFixAllScopes());
        var context = new FixAllContext(
            document,
            provider,
            scope,
            equivalenceKey,
            [id],
            new AnalyzerDiagnosticProvider(id),
            TestContext.Current.CancellationToken);
        return await fixAll.GetFixAsync(context);
    }

    /// <summary>The fixed document's text, after checking the fix left it compiling.</summary>
    public static async Task<string> CompilingTextAsync(Document fixedDocument)
    {
        var compilation = await fixedDocument.Project.GetCompilationAsync(TestContext.Current.CancellationToken);
        var errors = compilation!.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The fixed source does not compile:\n" + string.Join("\n", errors));
        return (await fixedDocument.GetTextAsync(TestContext.Current.CancellationToken)).ToString();
    }

    private static async Task<Document> ApplyAsync(CodeAction action, Document document)
    {
        var operations = await action.GetOperationsAsync(TestContext.Current.CancellationToken);
        var changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        return changed.GetDocument(document.Id)!;
    }

    private sealed class AnalyzerDiagnosticProvider(string id) : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            await DiagnosticsAsync(document, id);

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await GetAllDiagnosticsAsync(project, cancellationToken)).Where(d => d.Location == Location.None);

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken);
            return (await TestCompiler.AnalyzeAsync(compilation!)).Where(d => d.Id == id);
        }
    }
}
