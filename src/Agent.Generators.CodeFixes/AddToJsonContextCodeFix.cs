using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// GA0009: adds <c>[JsonSerializable(typeof(T))]</c> for the reported type to the assembly's JSON
/// context, in whichever file declares it. Offered only when the analyzer named a valid context
/// declared in this solution's sources (with no context there is nothing unambiguous to do).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddToJsonContextCodeFix))]
[Shared]
public sealed class AddToJsonContextCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key of the fix: the same for every type, so Fix All applies it everywhere.</summary>
    public const string EquivalenceKey = "GuestAgent.AddToJsonContext";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.NotInJsonContext];

    /// <summary>
    /// Not the batch fixer: every fix inserts at the same spot of the same class, and merging such
    /// edits keeps only one; <see cref="AddToJsonContextFixAll"/> lists all types in one edit.
    /// </summary>
    /// <returns>The Fix All provider for GA0009.</returns>
    public override FixAllProvider GetFixAllProvider() => AddToJsonContextFixAll.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return;
        }

        var solution = context.Document.Project.Solution;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (JsonContextListing.Resolve(diagnostic, model) is not { } request
                || JsonContextListing.Declaration(solution, request.Context) is not { } target)
            {
                continue;
            }

            // Titled with what the edit writes at the context, which is the message's spelling where it binds there.
            var spelling = await JsonContextListing.SpellingAtAsync(solution, target, request.Type, context.CancellationToken).ConfigureAwait(false);
            var title = $"Add [JsonSerializable(typeof({spelling}))] to '{request.Context.Name}'";
            context.RegisterCodeFix(
                CodeAction.Create(title, token => JsonContextListing.AddAsync(solution, target, [request.Type], token), EquivalenceKey),
                diagnostic);
        }
    }
}
