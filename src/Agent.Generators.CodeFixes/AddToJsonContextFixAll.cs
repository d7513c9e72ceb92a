using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// Fix All for GA0009: collects the diagnostics in scope, and per JSON context lists every
/// missing type once, in source order, in a single edit.
/// </summary>
internal sealed class AddToJsonContextFixAll : FixAllProvider
{
    public static AddToJsonContextFixAll Instance { get; } = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var diagnostics = new List<(Project Project, Diagnostic Diagnostic)>();
        switch (fixAllContext.Scope)
        {
            case FixAllScope.Document when fixAllContext.Document is { } document:
                diagnostics.AddRange((await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false)).Select(d => (document.Project, d)));
                break;
            case FixAllScope.Project:
                diagnostics.AddRange((await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false)).Select(d => (fixAllContext.Project, d)));
                break;
            case FixAllScope.Solution:
                foreach (var project in fixAllContext.Solution.Projects)
                {
                    diagnostics.AddRange((await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false)).Select(d => (project, d)));
                }

                break;
            default:
                return null;
        }

        return diagnostics.Count == 0
            ? null
            : CodeAction.Create("Add every missing type to the JSON context", token => FixAsync(fixAllContext.Solution, diagnostics, token), AddToJsonContextCodeFix.EquivalenceKey);
    }

    private static async Task<Solution> FixAsync(Solution solution, List<(Project Project, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
    {
        var result = solution;
        foreach (var group in diagnostics.GroupBy(d => d.Project.Id))
        {
            var project = solution.GetProject(group.Key);
            var compilation = project is null ? null : await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation?.SyntaxTrees.FirstOrDefault() is not { } anyTree)
            {
                continue;
            }

            // One context per assembly, but group anyway: it costs nothing and never mixes edits.
            var model = compilation.GetSemanticModel(anyTree);
            var requests = group.Select(d => d.Diagnostic)
                .OrderBy(d => d.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .Select(d => JsonContextListing.Resolve(d, model))
                .Where(r => r is not null)
                .Select(r => r!.Value);
            foreach (var byContext in requests.GroupBy(r => r.Context, SymbolEqualityComparer.Default))
            {
                if (JsonContextListing.Declaration(solution, (INamedTypeSymbol)byContext.Key!) is { } target)
                {
                    result = await JsonContextListing.AddAsync(result, target, byContext.Select(r => r.Type), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return result;
    }
}
