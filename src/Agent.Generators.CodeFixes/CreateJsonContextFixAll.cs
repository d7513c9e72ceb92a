using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// Fix All for the context-creating GA0009 fix: one new context per project (an assembly names
/// one), listing every reported type once, in source order; separate fixes would each create one.
/// Where no GA0009 fix can make an edit (the assembly names a type that is not a context, GA0012),
/// there is no action, so <c>dotnet format</c> says it could not fix GA0009. A project that declares
/// a context still gets one, though it changes nothing: the naming or listing fix makes the edit
/// there, and with no action dotnet format would say it could not fix GA0009 although it did.
/// </summary>
internal sealed class CreateJsonContextFixAll : PerProjectFixAll
{
    public static CreateJsonContextFixAll Instance { get; } = new();

    protected override string Title => "Create the JSON context with every missing type";

    protected override string? EquivalenceKey(FixAllContext fixAllContext) => CreateJsonContextCodeFix.EquivalenceKey;

    protected override async Task<bool> CanFixAsync(Project project, IReadOnlyList<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken) =>
        await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is { } compilation
            && (JsonContextNaming.DeclaredContexts(compilation, project.Solution).Count > 0
                || (compilation.SyntaxTrees.FirstOrDefault() is { } anyTree
                    && diagnostics.Any(d => JsonContextListing.ResolveWithoutContext(d, compilation.GetSemanticModel(anyTree)) is not null)));

    protected override async Task<Solution> FixProjectAsync(
        Solution result, Project project, SemanticModel model, IReadOnlyList<Diagnostic> diagnostics, string equivalenceKey, CancellationToken cancellationToken)
    {
        if (JsonContextNaming.DeclaredContexts(model.Compilation, project.Solution).Count > 0)
        {
            return result;
        }

        var types = diagnostics.Select(d => JsonContextListing.ResolveWithoutContext(d, model)).Where(t => t is not null).Select(t => t!).ToList();
        var first = diagnostics.FirstOrDefault(d => JsonContextListing.ResolveWithoutContext(d, model) is not null);
        if (first?.Location.SourceTree is not { } tree || project.GetDocument(tree) is not { } document)
        {
            return result;
        }

        var namespaceName = await JsonContextCreation.NamespaceOfAsync(document, first, cancellationToken).ConfigureAwait(false);
        var name = JsonContextCreation.ContextName(model.Compilation, namespaceName);
        var newLine = await JsonContextCreation.NewLineAsync(document, cancellationToken).ConfigureAwait(false);
        return await JsonContextCreation.CreateAsync(result, project.Id, namespaceName, name, types, newLine, cancellationToken).ConfigureAwait(false);
    }
}
