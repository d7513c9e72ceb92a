using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// GA0009 when the assembly names no JSON context at all: creates a minimal one listing the
/// reported type, and names it with <c>[assembly: CommandJsonContext]</c>. Not offered when the
/// assembly names a type that is not a context (GA0012 says what to change there), nor when the
/// project declares a context that nothing names (<see cref="NameJsonContextCodeFix"/> names it).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CreateJsonContextCodeFix))]
[Shared]
public sealed class CreateJsonContextCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key of the fix: the same for every type, so Fix All creates one context listing them all.</summary>
    public const string EquivalenceKey = "GuestAgent.CreateJsonContext";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.NotInJsonContext];

    /// <summary>One context per project, listing every type: see <see cref="CreateJsonContextFixAll"/>.</summary>
    /// <returns>The Fix All provider.</returns>
    public override FixAllProvider GetFixAllProvider() => CreateJsonContextFixAll.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return;
        }

        // A context declared but not named: NameJsonContextCodeFix names it (a second one would not help).
        if (JsonContextNaming.DeclaredContexts(model.Compilation, document.Project.Solution).Count > 0)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (JsonContextListing.ResolveWithoutContext(diagnostic, model) is not { } type)
            {
                continue;
            }

            var namespaceName = await JsonContextCreation.NamespaceOfAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            var name = JsonContextCreation.ContextName(model.Compilation, namespaceName);
            var newLine = await JsonContextCreation.NewLineAsync(document, context.CancellationToken).ConfigureAwait(false);
            var title = $"Create the JSON context '{name}' with [JsonSerializable(typeof({type.Preferred ?? type.FullyQualified}))]";
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    token => JsonContextCreation.CreateAsync(document.Project.Solution, document.Project.Id, namespaceName, name, [type], newLine, token),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
