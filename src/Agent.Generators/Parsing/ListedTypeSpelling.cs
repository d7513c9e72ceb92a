using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// How GA0009's <c>[JsonSerializable(typeof(...))]</c> spells a type to list on a context declared in
/// source: as it binds at the context's declaration, where the fix writes it (the part that already lists
/// types, else the first, as the fix picks it). The readable spelling (<see cref="ReadableTypeName"/>,
/// qualified only as far as the compilation's own types or the context's listed ones share its name) where
/// it binds to the type there; else the shortest spelling that does, its namespace added as the context's
/// file needs (<c>Lib.Left.Move</c>, <c>System.Collections.Generic.List&lt;Move&gt;</c>); else
/// <c>global::</c>-qualified, when a name of the context's own captures every shorter one. Two types of
/// one short name are so never spelled alike, whichever assembly declares them, and the fix, which keeps a
/// spelling that binds, writes what the message says. Worked out only as a diagnostic is reported.
/// </summary>
internal static class ListedTypeSpelling
{
    public static string At(ITypeSymbol listed, INamedTypeSymbol context, KnownTypes known)
    {
        var readable = ReadableTypeName.Of(listed, known);
        if (Declaration(context) is not { } declaration)
        {
            return readable;
        }

        var model = known.Compilation.GetSemanticModel(declaration.SyntaxTree);
        var position = declaration.SpanStart;
        if (Binds(model, position, readable, listed))
        {
            return readable;
        }

        var minimal = listed.ToMinimalDisplayString(model, position);
        return Binds(model, position, minimal, listed) ? minimal : listed.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }

    /// <summary>The declaration the fix lists types on: the part with a <c>JsonSerializable</c> already, else the first in source.</summary>
    private static ClassDeclarationSyntax? Declaration(INamedTypeSymbol context)
    {
        var parts = context.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax()).OfType<ClassDeclarationSyntax>().ToList();
        return parts.FirstOrDefault(part => part.AttributeLists.SelectMany(list => list.Attributes).Any(a => a.Name.ToString().Contains("JsonSerializable")))
            ?? parts.FirstOrDefault();
    }

    private static bool Binds(SemanticModel model, int position, string spelling, ITypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(
            model.GetSpeculativeTypeInfo(position, SyntaxFactory.ParseTypeName(spelling), SpeculativeBindingOption.BindAsTypeOrNamespace).Type,
            type);
}
