using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// Adds <c>[JsonSerializable(typeof(T))]</c> lists to the assembly's JSON context (GA0009), for
/// one type (the code fix) or many in one edit (Fix All: separate edits would all insert at the
/// same spot and a merge of them would keep only one).
/// </summary>
internal static class JsonContextListing
{
    private const string AttributeNamespace = "System.Text.Json.Serialization";

    public const string AttributeMetadataName = AttributeNamespace + ".JsonSerializableAttribute";

    private static readonly ImmutableArray<string> AttributeSpellings =
        ["JsonSerializable", AttributeNamespace + ".JsonSerializable", "global::" + AttributeNamespace + ".JsonSerializable"];

    /// <summary>What the analyzer asked to list, and where: both bound in <paramref name="model"/>'s compilation.</summary>
    public static (ListedType Type, INamedTypeSymbol Context)? Resolve(Diagnostic diagnostic, SemanticModel model)
    {
        if (diagnostic.Id != DiagnosticIds.NotInJsonContext
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.JsonSerializableType, out var typeName)
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.JsonContext, out var contextName)
            || typeName is null || contextName is null
            || TypeSpelling.Bind(model, 0, typeName) is not { } type
            || TypeSpelling.Bind(model, 0, contextName) is not INamedTypeSymbol context)
        {
            return null;
        }

        diagnostic.Properties.TryGetValue(DiagnosticProperties.JsonSerializableSpelling, out var spelling);
        return (new ListedType(type, typeName, spelling), context);
    }

    /// <summary>The type to list when the assembly names no JSON context at all (the diagnostic names no context), bound in <paramref name="model"/>'s compilation.</summary>
    public static ListedType? ResolveWithoutContext(Diagnostic diagnostic, SemanticModel model)
    {
        if (diagnostic.Id != DiagnosticIds.NotInJsonContext
            || diagnostic.Properties.ContainsKey(DiagnosticProperties.JsonContext)
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.JsonSerializableType, out var typeName)
            || typeName is null
            || TypeSpelling.Bind(model, 0, typeName) is not { } type)
        {
            return null;
        }

        diagnostic.Properties.TryGetValue(DiagnosticProperties.JsonSerializableSpelling, out var spelling);
        return new ListedType(type, typeName, spelling);
    }

    /// <summary>The context's declaration in this solution's sources: the part that already lists types, else the first.</summary>
    public static (DocumentId Document, ClassDeclarationSyntax Class)? Declaration(Solution solution, INamedTypeSymbol context)
    {
        (DocumentId, ClassDeclarationSyntax)? first = null;
        foreach (var reference in context.DeclaringSyntaxReferences)
        {
            if (solution.GetDocument(reference.SyntaxTree) is not { } document || reference.GetSyntax() is not ClassDeclarationSyntax declaration)
            {
                continue;
            }

            if (declaration.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("JsonSerializable")))
            {
                return (document.Id, declaration);
            }

            first ??= (document.Id, declaration);
        }

        return first;
    }

    /// <summary>Lists <paramref name="types"/> (in order, each once) on the context declared by <paramref name="target"/>.</summary>
    public static async Task<Solution> AddAsync(
        Solution solution,
        (DocumentId Document, ClassDeclarationSyntax Class) target,
        IEnumerable<ListedType> types,
        CancellationToken cancellationToken)
    {
        var document = solution.GetDocument(target.Document);
        var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model?.Compilation.GetTypeByMetadataName(AttributeMetadataName) is not { } attribute)
        {
            return solution;
        }

        var declaration = target.Class;
        if (model.GetDeclaredSymbol(declaration, cancellationToken) is not { } context)
        {
            return solution;
        }

        var position = declaration.SpanStart;
        var name = SyntaxFactory.ParseName(
            TypeSpelling.FirstBinding(model, position, attribute, AttributeSpellings, suffix: "Attribute") ?? AttributeSpellings[AttributeSpellings.Length - 1]);
        var propertyNames = TypeInfoPropertyNames.Of(context, attribute);
        var lists = Distinct(types).Select(type => SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(
            name,
            Arguments(TypeSpelling.Of(model, position, type), propertyNames.Claim(type.Type)))))).ToList();
        if (lists.Count == 0)
        {
            return solution;
        }

        bool SameKind(AttributeListSyntax list) =>
            list.Attributes.Any(a => SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(a, cancellationToken).Type, attribute));

        var updated = AttributeListPlacement.Add(declaration, lists, SameKind, NewLine(root));
        return solution.WithDocumentSyntaxRoot(target.Document, root.ReplaceNode(declaration, updated));
    }

    /// <summary>How <see cref="AddAsync"/> spells <paramref name="type"/> at <paramref name="target"/>.</summary>
    public static async Task<string> SpellingAtAsync(Solution solution, (DocumentId Document, ClassDeclarationSyntax Class) target, ListedType type, CancellationToken cancellationToken)
    {
        var document = solution.GetDocument(target.Document);
        var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model is null
            ? type.Preferred ?? type.FullyQualified
            : TypeSpelling.Of(model, target.Class.SpanStart, type).ToString();
    }

    /// <summary><c>(typeof(T))</c>, with <c>TypeInfoPropertyName = "…"</c> when the generator's own name for T is taken.</summary>
    private static AttributeArgumentListSyntax Arguments(TypeSyntax type, string? propertyName)
    {
        var arguments = SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(SyntaxFactory.TypeOfExpression(type)));
        if (propertyName is not null)
        {
            arguments = arguments.Add(SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals("TypeInfoPropertyName"),
                null,
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(propertyName))));
        }

        return SyntaxFactory.AttributeArgumentList(arguments);
    }

    private static IEnumerable<ListedType> Distinct(IEnumerable<ListedType> types)
    {
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        return types.Where(t => seen.Add(t.Type));
    }

    private static SyntaxTrivia NewLine(SyntaxNode root)
    {
        var first = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return first.IsKind(SyntaxKind.EndOfLineTrivia) ? first : SyntaxFactory.LineFeed;
    }
}
