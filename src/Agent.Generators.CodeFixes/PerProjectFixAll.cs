using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// Fix All for the GA0009 fixes, whose separate edits cannot be merged (each inserts at the same
/// spot of the same class, or creates or names the same context): collects the diagnostics in scope
/// and makes one edit per project from all of that project's, in source order, each edit on the
/// solution the edits before it left.
/// </summary>
internal abstract class PerProjectFixAll : FixAllProvider
{
    public sealed override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => FixAllDiagnostics.Scopes;

    public sealed override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        if (EquivalenceKey(fixAllContext) is not { } key)
        {
            return null;
        }

        var diagnostics = await FixAllDiagnostics.CollectAsync(fixAllContext).ConfigureAwait(false);
        if (diagnostics is null || diagnostics.Count == 0)
        {
            return null;
        }

        // No action rather than one that changes nothing: dotnet format then says it could not fix the id.
        foreach (var group in diagnostics.GroupBy(d => d.Project.Id))
        {
            if (await CanFixAsync(group.First().Project, [.. group.Select(d => d.Diagnostic)], key, fixAllContext.CancellationToken).ConfigureAwait(false))
            {
                return CodeAction.Create(Title, token => FixAsync(fixAllContext.Solution, key, diagnostics, token), key);
            }
        }

        return null;
    }

    /// <summary>The Fix All action's title.</summary>
    protected abstract string Title { get; }

    /// <summary>The Fix All action's equivalence key; <c>null</c> when the fix the context asks for is not one this provider makes.</summary>
    protected abstract string? EquivalenceKey(FixAllContext fixAllContext);

    /// <summary>
    /// Whether <paramref name="project"/>'s edit, for its <paramref name="diagnostics"/>, can be made
    /// under <paramref name="equivalenceKey"/> (if none can, there is no action).
    /// </summary>
    protected virtual Task<bool> CanFixAsync(Project project, IReadOnlyList<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>
    /// One project's edit, made on <paramref name="result"/>. <paramref name="project"/> is the original
    /// solution's, where the declarations the diagnostics name are found; <paramref name="model"/> is
    /// of one of its trees, enough to resolve the diagnostics, which come in source order.
    /// </summary>
    protected abstract Task<Solution> FixProjectAsync(
        Solution result, Project project, SemanticModel model, IReadOnlyList<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken);

    private async Task<Solution> FixAsync(Solution solution, string equivalenceKey, List<(Project Project, Diagnostic Diagnostic)> diagnostics, CancellationToken cancellationToken)
    {
        var result = solution;
        foreach (var group in diagnostics.GroupBy(d => d.Project.Id))
        {
            if (solution.GetProject(group.Key) is not { } project
                || await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is not { } compilation
                || compilation.SyntaxTrees.FirstOrDefault() is not { } anyTree)
            {
                continue;
            }

            var inSourceOrder = FixAllDiagnostics.InSourceOrder(group.Select(d => d.Diagnostic)).ToList();
            result = await FixProjectAsync(result, project, compilation.GetSemanticModel(anyTree), inSourceOrder, equivalenceKey, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
