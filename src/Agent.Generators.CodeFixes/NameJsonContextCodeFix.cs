using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// GA0009 when the project declares a JSON context that no <c>[assembly: CommandJsonContext]</c>
/// names: names it and lists the reported type on it. With several contexts declared, one fix per
/// context, titled with its name: which one the commands should use is the author's choice, and
/// every one of them is a correct answer (creating yet another context is not).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NameJsonContextCodeFix))]
[Shared]
public sealed class NameJsonContextCodeFix : CodeFixProvider
{
    /// <summary>The start of the fix's equivalence key, which ends with the context's <c>global::</c> name, so Fix All names the same context everywhere.</summary>
    public const string EquivalenceKeyPrefix = "GuestAgent.NameJsonContext:";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.NotInJsonContext];

    /// <summary>Names the context once and lists every type: see <see cref="NameJsonContextFixAll"/>.</summary>
    /// <returns>The Fix All provider.</returns>
    public override FixAllProvider GetFixAllProvider() => NameJsonContextFixAll.Instance;

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
            if (JsonContextListing.ResolveWithoutContext(diagnostic, model) is not { } type)
            {
                continue;
            }

            foreach (var jsonContext in JsonContextNaming.DeclaredContexts(model.Compilation, solution))
            {
                var title = JsonContextNaming.Lists(jsonContext, type.Type)
                    ? $"Name '{jsonContext.Name}' with [assembly: CommandJsonContext]"
                    : $"Name '{jsonContext.Name}' with [assembly: CommandJsonContext] and add [JsonSerializable(typeof({type.Preferred ?? type.FullyQualified}))] to it";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        token => JsonContextNaming.NameAndListAsync(solution, jsonContext, [type], token),
                        EquivalenceKeyPrefix + jsonContext.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)),
                    diagnostic);
            }
        }
    }
}
