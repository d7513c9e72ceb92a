using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// GA0009 when the project declares a JSON context that no <c>[assembly: CommandJsonContext]</c>
/// names: names it with that attribute (in the context's file, after the file's other assembly
/// attributes, else above its first member) and lists the types on it through
/// <see cref="JsonContextListing"/>, so they are spelled as the listing fix spells them.
/// </summary>
internal static class JsonContextNaming
{
    private const string CommandJsonContextMetadataName = "GuestAgent.Commands.CommandJsonContextAttribute";

    private static readonly ImmutableArray<string> AttributeSpellings =
        ["CommandJsonContext", "GuestAgent.Commands.CommandJsonContext", "global::GuestAgent.Commands.CommandJsonContext"];

    /// <summary>The JSON contexts declared in <paramref name="compilation"/>'s sources that a fix can edit, by name.</summary>
    public static IReadOnlyList<INamedTypeSymbol> DeclaredContexts(Compilation compilation, Solution solution)
    {
        if (compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext") is not { } baseContext)
        {
            return [];
        }

        return [.. compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .Where(t => t.TypeKind == TypeKind.Class && InheritsFrom(t, baseContext) && JsonContextListing.Declaration(solution, t) is not null)
            .OrderBy(t => t.ToDisplayString(), System.StringComparer.Ordinal)];
    }

    /// <summary>Whether <paramref name="context"/> already lists <paramref name="type"/>.</summary>
    public static bool Lists(INamedTypeSymbol context, ITypeSymbol type) =>
        context.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == JsonContextListing.AttributeMetadataName
            && a.ConstructorArguments.Length > 0
            && SymbolEqualityComparer.Default.Equals(a.ConstructorArguments[0].Value as ITypeSymbol, type));

    /// <summary>Names <paramref name="context"/> with <c>[assembly: CommandJsonContext]</c> and lists the <paramref name="types"/> it does not list yet.</summary>
    public static async Task<Solution> NameAndListAsync(Solution solution, INamedTypeSymbol context, IEnumerable<ListedType> types, CancellationToken cancellationToken)
    {
        if (JsonContextListing.Declaration(solution, context) is not { } target)
        {
            return solution;
        }

        var listed = await JsonContextListing.AddAsync(solution, target, types.Where(t => !Lists(context, t.Type)), cancellationToken).ConfigureAwait(false);
        var document = listed.GetDocument(target.Document);
        var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) as CompilationUnitSyntax;
        var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model?.Compilation.GetTypeByMetadataName(CommandJsonContextMetadataName) is not { } attribute)
        {
            return listed;
        }

        // Spelled as they bind at the file's top level, where the attribute goes (usings apply, namespaces do not).
        var position = root.Members.FirstOrDefault()?.FullSpan.Start ?? root.EndOfFileToken.SpanStart;
        var name = TypeSpelling.FirstBinding(model, position, attribute, AttributeSpellings, suffix: "Attribute") ?? AttributeSpellings[AttributeSpellings.Length - 1];
        var qualified = context.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var contextSpelling = TypeSpelling.Bind(model, position, qualified) is { } rebound
            ? TypeSpelling.Of(model, position, new ListedType(rebound, qualified, context.ToDisplayString()))
            : SyntaxFactory.ParseTypeName(qualified);
        var list = SyntaxFactory.AttributeList(
            SyntaxFactory.AttributeTargetSpecifier(SyntaxFactory.Token(SyntaxKind.AssemblyKeyword)),
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(
                SyntaxFactory.ParseName(name),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(SyntaxFactory.TypeOfExpression(contextSpelling)))))));
        return listed.WithDocumentSyntaxRoot(target.Document, WithAssemblyAttribute(root, list));
    }

    /// <summary>After the file's last assembly or module attribute on its own line; else above the first member, which keeps a blank line before it.</summary>
    private static CompilationUnitSyntax WithAssemblyAttribute(CompilationUnitSyntax root, AttributeListSyntax list)
    {
        var newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: (int)SyntaxKind.EndOfLineTrivia } found
            ? found
            : SyntaxFactory.LineFeed;
        if (root.AttributeLists.Count > 0)
        {
            return root.WithAttributeLists(root.AttributeLists.Add(list.WithTrailingTrivia(newLine)));
        }

        if (root.Members.FirstOrDefault() is not { } member)
        {
            return root.WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(root.EndOfFileToken.LeadingTrivia).WithTrailingTrivia(newLine)));
        }

        var placed = list.WithLeadingTrivia(member.GetLeadingTrivia()).WithTrailingTrivia(newLine);
        return root.ReplaceNode(member, member.WithLeadingTrivia(newLine)).WithAttributeLists(SyntaxFactory.SingletonList(placed));
    }

    private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
