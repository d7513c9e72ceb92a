using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// The batch fixer for a fix that offers one kind of action, except that a Fix All asked for with
/// no equivalence key gets the fix's own. <c>dotnet format</c> asks that way whenever the diagnostic
/// it starts a Fix All from is of another id it was told to fix (it takes the first diagnostic of
/// any of them, and the key of what the fix offers there, which is nothing): the batch fixer then
/// matches none of the fix's actions and the whole id was skipped, "didn't return a Fix All action".
/// </summary>
internal sealed class OwnKeyBatchFixAll(string equivalenceKey) : FixAllProvider
{
    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => WellKnownFixAllProviders.BatchFixer.GetSupportedFixAllScopes();

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
        WellKnownFixAllProviders.BatchFixer.GetFixAsync(fixAllContext.CodeActionEquivalenceKey is null ? WithOwnKey(fixAllContext) : fixAllContext);

    private FixAllContext WithOwnKey(FixAllContext context)
    {
        var diagnostics = new SameDiagnostics(context);
        return context.Document is { } document
            ? new FixAllContext(document, context.CodeFixProvider, context.Scope, equivalenceKey, context.DiagnosticIds, diagnostics, context.CancellationToken)
            : new FixAllContext(context.Project, context.CodeFixProvider, context.Scope, equivalenceKey, context.DiagnosticIds, diagnostics, context.CancellationToken);
    }

    /// <summary>The diagnostics the original context would fix: the same ids, from the same provider.</summary>
    private sealed class SameDiagnostics(FixAllContext context) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Enumerable(context.GetAllDiagnosticsAsync(project));

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Enumerable(context.GetDocumentDiagnosticsAsync(document));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Enumerable(context.GetProjectDiagnosticsAsync(project));

        private static async Task<IEnumerable<Diagnostic>> Enumerable(Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> diagnostics) =>
            await diagnostics.ConfigureAwait(false);
    }
}
