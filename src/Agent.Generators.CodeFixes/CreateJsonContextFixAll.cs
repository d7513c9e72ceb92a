using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// Fix All for the context-creating GA0009 fix: one new context per project (an assembly names
/// one), listing every reported type once, in source order; separate fixes would each create one.
/// </summary>
internal sealed class CreateJsonContextFixAll : FixAllProvider
{
    public static CreateJsonContextFixAll Instance { get; } = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => FixAllDiagnostics.Scopes;

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var diagnostics = await FixAllDiagnostics.CollectAsync(fixAllContext).ConfigureAwait(false);
        return diagnostics is null || diagnostics.Count == 0
            ? null
            : CodeAction.Create("Create the JSON context with every missing type", token => FixAsync(fixAllContext.Solution, diagnostics, token), CreateJsonContextCodeFix.EquivalenceKey);
    }

    private static async Task<Solution> FixAsync(Solution solution, List<(Project Project, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
    {
        var result = solution;
        foreach (var group in diagnostics.GroupBy(d => d.Project.Id))
        {
            var project = solution.GetProject(group.Key);
            var compilation = project is null ? null : await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (project is null || compilation?.SyntaxTrees.FirstOrDefault() is not { } anyTree
                || JsonContextNaming.DeclaredContexts(compilation, solution).Count > 0)
            {
                continue;
            }

            var model = compilation.GetSemanticModel(anyTree);
            var ordered = FixAllDiagnostics.InSourceOrder(group.Select(d => d.Diagnostic)).ToList();
            var types = ordered.Select(d => JsonContextListing.ResolveWithoutContext(d, model)).Where(t => t is not null).Select(t => t!).ToList();
            var first = ordered.FirstOrDefault(d => JsonContextListing.ResolveWithoutContext(d, model) is not null);
            if (first?.Location.SourceTree is not { } tree || project.GetDocument(tree) is not { } document)
            {
                continue;
            }

            var namespaceName = await JsonContextCreation.NamespaceOfAsync(document, first, cancellationToken).ConfigureAwait(false);
            var name = JsonContextCreation.ContextName(compilation, namespaceName);
            var newLine = await JsonContextCreation.NewLineAsync(document, cancellationToken).ConfigureAwait(false);
            result = await JsonContextCreation.CreateAsync(result, project.Id, namespaceName, name, types, newLine, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
