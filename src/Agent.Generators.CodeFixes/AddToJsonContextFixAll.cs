using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// Fix All for GA0009: collects the diagnostics in scope, and per JSON context lists every
/// missing type once, in source order, in a single edit.
/// </summary>
internal sealed class AddToJsonContextFixAll : PerProjectFixAll
{
    public static AddToJsonContextFixAll Instance { get; } = new();

    protected override string Title => "Add every missing type to the JSON context";

    protected override string? EquivalenceKey(FixAllContext fixAllContext) => AddToJsonContextCodeFix.EquivalenceKey;

    protected override async Task<Solution> FixProjectAsync(
        Solution result, Project project, SemanticModel model, IReadOnlyList<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
    {
        // One context per assembly, but group anyway: it costs nothing and never mixes edits.
        var requests = diagnostics
            .Select(d => JsonContextListing.Resolve(d, model))
            .Where(r => r is not null)
            .Select(r => r!.Value);
        foreach (var byContext in requests.GroupBy(r => r.Context, SymbolEqualityComparer.Default))
        {
            if (JsonContextListing.Declaration(project.Solution, (INamedTypeSymbol)byContext.Key!) is { } target)
            {
                result = await JsonContextListing.AddAsync(result, target, byContext.Select(r => r.Type), cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }
}
