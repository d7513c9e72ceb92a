using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// Fix All for the context-naming GA0009 fix: per project, names the context the equivalence key
/// names once and lists every reported type on it in one edit, in source order (separate fixes
/// would each add the assembly attribute).
/// </summary>
internal sealed class NameJsonContextFixAll : PerProjectFixAll
{
    public static NameJsonContextFixAll Instance { get; } = new();

    protected override string Title => "Name the JSON context and add every missing type to it";

    protected override string? EquivalenceKey(FixAllContext fixAllContext) =>
        fixAllContext.CodeActionEquivalenceKey is { } key && key.StartsWith(NameJsonContextCodeFix.EquivalenceKeyPrefix, System.StringComparison.Ordinal)
            ? key
            : null;

    protected override async Task<Solution> FixProjectAsync(
        Solution result, Project project, SemanticModel model, IReadOnlyList<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
    {
        var contextName = equivalenceKey.Substring(NameJsonContextCodeFix.EquivalenceKeyPrefix.Length);
        if (TypeSpelling.Bind(model, 0, contextName) is not INamedTypeSymbol context)
        {
            return result;
        }

        var types = diagnostics
            .Select(d => JsonContextListing.ResolveWithoutContext(d, model))
            .Where(t => t is not null)
            .Select(t => t!)
            .ToList();
        return types.Count == 0
            ? result
            : await JsonContextNaming.NameAndListAsync(result, context, types, cancellationToken).ConfigureAwait(false);
    }
}
