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

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => FixAllDiagnostics.Scopes;

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var diagnostics = await FixAllDiagnostics.CollectAsync(fixAllContext).ConfigureAwait(false);
        return diagnostics is null || diagnostics.Count == 0
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
            var requests = FixAllDiagnostics.InSourceOrder(group.Select(d => d.Diagnostic))
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
