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
/// would each add the assembly attribute). Asked with no equivalence key, as <c>dotnet format</c> asks
/// when it starts the Fix All from another id's diagnostic (see <see cref="OwnKeyBatchFixAll"/>), it
/// names the one context a project declares: the only choice the single fix would offer there.
/// A project that declares several (or none) is left alone, since which one the commands use is the author's
/// call; with no project left, there is no action, so dotnet format says it could not fix GA0009.
/// </summary>
internal sealed class NameJsonContextFixAll : PerProjectFixAll
{
    public static NameJsonContextFixAll Instance { get; } = new();

    protected override string Title => "Name the JSON context and add every missing type to it";

    // The bare prefix (no context's name after it) stands for "the project's only context".
    protected override string? EquivalenceKey(FixAllContext fixAllContext) => fixAllContext.CodeActionEquivalenceKey switch
    {
        null => NameJsonContextCodeFix.EquivalenceKeyPrefix,
        var key when key.StartsWith(NameJsonContextCodeFix.EquivalenceKeyPrefix, System.StringComparison.Ordinal) => key,
        _ => null,
    };

    protected override async Task<bool> CanFixAsync(Project project, IReadOnlyList<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken) =>
        equivalenceKey.Length > NameJsonContextCodeFix.EquivalenceKeyPrefix.Length
            || (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is { } compilation
                && JsonContextNaming.DeclaredContexts(compilation, project.Solution).Count == 1);

    protected override async Task<Solution> FixProjectAsync(
        Solution result, Project project, SemanticModel model, IReadOnlyList<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
    {
        if (ChosenContext(project, model, equivalenceKey.Substring(NameJsonContextCodeFix.EquivalenceKeyPrefix.Length)) is not { } context)
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

    private static INamedTypeSymbol? ChosenContext(Project project, SemanticModel model, string contextName)
    {
        if (contextName.Length > 0)
        {
            return TypeSpelling.Bind(model, 0, contextName) as INamedTypeSymbol;
        }

        var declared = JsonContextNaming.DeclaredContexts(model.Compilation, project.Solution);
        return declared.Count == 1 ? declared[0] : null;
    }
}
