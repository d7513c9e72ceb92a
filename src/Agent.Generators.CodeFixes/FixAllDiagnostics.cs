using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>The diagnostics a Fix All covers, with the project of each, for the document, project or solution scope.</summary>
internal static class FixAllDiagnostics
{
    public static IEnumerable<FixAllScope> Scopes { get; } = [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

    /// <summary>The diagnostics in the context's scope; <c>null</c> for a scope it does not support.</summary>
    public static async Task<List<(Project Project, Diagnostic Diagnostic)>?> CollectAsync(FixAllContext fixAllContext)
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

        return diagnostics;
    }

    /// <summary>Source order: by file, then position, so edits list types as the user reads them.</summary>
    public static IEnumerable<Diagnostic> InSourceOrder(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start);
}
