using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Finds the documentation comment a command's summary and parameter descriptions come from: the
/// method's own, a partial method's other part's, or the one an <c>&lt;inheritdoc&gt;</c> stands for.
/// </summary>
internal static class DocumentationComments
{
    // Bounds the walk along a chain of <inheritdoc>s (each level an override, an implementation or a cref).
    private const int MaxInheritance = 8;

    private static readonly Regex InheritDoc = new("<inheritdoc(?=[\\s/>])([^>]*)>", RegexOptions.CultureInvariant);
    private static readonly Regex Attribute = new("(\\w+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", RegexOptions.CultureInvariant);

    // A cref as a documentation file writes it, already resolved: "M:Sample.Base.Run".
    private static readonly Regex DocumentationId = new("^[NTFPME]:", RegexOptions.CultureInvariant);

    /// <summary>
    /// The text of the method's documentation comment, without its delimiters (empty when it has none).
    /// A partial method's is its implementation's when that has one, else its definition's, as the
    /// compiler's documentation file reads them. An <c>&lt;inheritdoc/&gt;</c> without a summary of its
    /// own stands, as the IDE and documentation tools read it, for the documentation of the member its
    /// <c>cref</c> names or, without one, of the method this one overrides or implements.
    /// </summary>
    public static string Read(IMethodSymbol method, Compilation compilation)
    {
        ISymbol owner = method;
        var (comment, declaration) = Declared(method);
        for (var depth = 0; depth < MaxInheritance && Inheritance(comment) is { } cref && Inherited(owner, cref, declaration, compilation) is { } inherited; depth++)
        {
            owner = inherited;
            (comment, declaration) = Declared(inherited);
        }

        return comment;
    }

    /// <summary>A member's own comment and the declaration that carries it (none from a referenced assembly).</summary>
    private static (string Comment, SyntaxReference? Declaration) Declared(ISymbol symbol)
    {
        var method = symbol as IMethodSymbol;
        if (method?.PartialImplementationPart is not null)
        {
            var implemented = Own(method.PartialImplementationPart);
            if (implemented.Comment.Length > 0)
            {
                return implemented;
            }
        }

        var own = Own(symbol);
        return own.Comment.Length == 0 && method?.PartialDefinitionPart is not null ? Own(method.PartialDefinitionPart) : own;
    }

    private static (string Comment, SyntaxReference? Declaration) Own(ISymbol symbol)
    {
        if (symbol.DeclaringSyntaxReferences.IsEmpty)
        {
            // A member of a referenced assembly: its documentation file's entry, when the reference has one.
            return (symbol.GetDocumentationCommentXml() ?? string.Empty, null);
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var comment = DocumentationSummary.Comment(Documented(reference.GetSyntax()));
            if (comment.Length > 0)
            {
                return (comment, reference);
            }
        }

        return (string.Empty, symbol.DeclaringSyntaxReferences[0]);
    }

    // A field's or event's declarator does not carry the comment: the declaration around it does.
    private static SyntaxNode Documented(SyntaxNode syntax) =>
        syntax is VariableDeclaratorSyntax ? syntax.Parent?.Parent as BaseFieldDeclarationSyntax ?? syntax : syntax;

    /// <summary>
    /// What an <c>&lt;inheritdoc&gt;</c> names: its <c>cref</c>, empty for a bare one, or null when the
    /// comment has none, has a summary of its own, or selects part of the inherited comment with a
    /// <c>path</c> (not read).
    /// </summary>
    private static string? Inheritance(string comment)
    {
        var element = InheritDoc.Match(comment);
        if (!element.Success || DocumentationSummary.ContentStart(comment, "<summary") >= 0)
        {
            return null;
        }

        var cref = string.Empty;
        foreach (Match attribute in Attribute.Matches(element.Groups[1].Value))
        {
            var name = attribute.Groups[1].Value;
            if (name == "path")
            {
                return null;
            }

            if (name == "cref")
            {
                cref = attribute.Groups[2].Success ? attribute.Groups[2].Value : attribute.Groups[3].Value;
            }
        }

        return cref;
    }

    private static ISymbol? Inherited(ISymbol owner, string cref, SyntaxReference? declaration, Compilation compilation)
    {
        if (cref.Length == 0)
        {
            return owner is IMethodSymbol method ? Overridden(method) : null;
        }

        if (DocumentationId.IsMatch(cref))
        {
            return DocumentationCommentId.GetFirstSymbolForDeclarationId(cref, compilation);
        }

        return declaration is not null && compilation.ContainsSyntaxTree(declaration.SyntaxTree) ? Bound(declaration, compilation) : null;
    }

    /// <summary>The method <paramref name="method"/> overrides, or else the interface method it implements.</summary>
    private static IMethodSymbol? Overridden(IMethodSymbol method)
    {
        if (method.OverriddenMethod is { } overridden)
        {
            return overridden;
        }

        foreach (var contract in method.ContainingType.AllInterfaces)
        {
            foreach (var member in contract.GetMembers().OfType<IMethodSymbol>())
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return member;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The member the <c>&lt;inheritdoc&gt;</c>'s cref names, bound by the compiler where the comment
    /// stands. A project without a documentation file does not parse its comments (they are plain
    /// trivia), so there the declaration's file is parsed again as one that does, into a compilation
    /// that differs only in it.
    /// </summary>
    private static ISymbol? Bound(SyntaxReference declaration, Compilation compilation)
    {
        var tree = declaration.SyntaxTree;
        if (tree.Options.DocumentationMode == DocumentationMode.None)
        {
            var parsed = CSharpSyntaxTree.ParseText(tree.GetText(), ((CSharpParseOptions)tree.Options).WithDocumentationMode(DocumentationMode.Parse), tree.FilePath);
            compilation = compilation.ReplaceSyntaxTree(tree, parsed);
            tree = parsed;
        }

        var start = Documented(declaration.GetSyntax()).SpanStart;
        var cref = tree.GetRoot().FindToken(start).LeadingTrivia
            .Select(trivia => trivia.GetStructure())
            .OfType<DocumentationCommentTriviaSyntax>()
            .SelectMany(comment => comment.DescendantNodes())
            .OfType<XmlCrefAttributeSyntax>()
            .FirstOrDefault(attribute => attribute.Parent is XmlEmptyElementSyntax { Name.LocalName.ValueText: "inheritdoc" } or XmlElementStartTagSyntax { Name.LocalName.ValueText: "inheritdoc" });
        return cref is null ? null : Named(compilation.GetSemanticModel(tree).GetSymbolInfo(cref.Cref));
    }

    /// <summary>
    /// The member a cref binds to. One naming a method group binds to no member (the compiler warns CS0419)
    /// but writes the overload it assumes, its first candidate, into the documentation file, where the IDE
    /// follows it: so does the generator.
    /// </summary>
    private static ISymbol? Named(SymbolInfo bound) =>
        bound.Symbol ?? (bound.CandidateReason == CandidateReason.Ambiguous && !bound.CandidateSymbols.IsEmpty ? bound.CandidateSymbols[0] : null);
}
