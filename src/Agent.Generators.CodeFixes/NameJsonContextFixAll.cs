using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// Fix All for the context-naming GA0009 fix: per project, names the context the equivalence key
/// names once and lists every reported type on it in one edit, in source order (separate fixes
/// would each add the assembly attribute).
/// </summary>
internal sealed class NameJsonContextFixAll : FixAllProvider
{
    public static NameJsonContextFixAll Instance { get; } = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => FixAllDiagnostics.Scopes;

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        if (fixAllContext.CodeActionEquivalenceKey is not { } key || !key.StartsWith(NameJsonContextCodeFix.EquivalenceKeyPrefix, System.StringComparison.Ordinal))
        {
            return null;
        }

        var contextName = key.Substring(NameJsonContextCodeFix.EquivalenceKeyPrefix.Length);
        var diagnostics = await FixAllDiagnostics.CollectAsync(fixAllContext).ConfigureAwait(false);
        return diagnostics is null || diagnostics.Count == 0
            ? null
            : CodeAction.Create("Name the JSON context and add every missing type to it", token => FixAsync(fixAllContext.Solution, contextName, diagnostics, token), key);
    }

    private static async Task<Solution> FixAsync(Solution solution, string contextName, List<(Project Project, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
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

            var model = compilation.GetSemanticModel(anyTree);
            if (TypeSpelling.Bind(model, 0, contextName) is not INamedTypeSymbol context)
            {
                continue;
            }

            var types = FixAllDiagnostics.InSourceOrder(group.Select(d => d.Diagnostic))
                .Select(d => JsonContextListing.ResolveWithoutContext(d, model))
                .Where(t => t is not null)
                .Select(t => t!)
                .ToList();
            if (types.Count > 0)
            {
                result = await JsonContextNaming.NameAndListAsync(result, context, types, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }
}
