using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// Spells a type the way it binds at one spot: fixes write names as short as the file's usings
/// allow, and never one that a user's own type of the same name would capture.
/// </summary>
internal static class TypeSpelling
{
    /// <summary>The first of <paramref name="candidates"/> that binds to <paramref name="target"/> at <paramref name="position"/>, suffixed with <paramref name="suffix"/> when binding (attribute names).</summary>
    public static string? FirstBinding(SemanticModel model, int position, ITypeSymbol target, ImmutableArray<string> candidates, string suffix = "")
    {
        foreach (var candidate in candidates)
        {
            if (SymbolEqualityComparer.Default.Equals(Bind(model, position, candidate + suffix), target))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The type <paramref name="name"/> denotes at <paramref name="position"/>, if any.</summary>
    public static ITypeSymbol? Bind(SemanticModel model, int position, string name) =>
        model.GetSpeculativeTypeInfo(position, SyntaxFactory.ParseTypeName(name), SpeculativeBindingOption.BindAsTypeOrNamespace).Type;

    /// <summary>
    /// The shortest spelling of <paramref name="type"/> at <paramref name="position"/>, checked by
    /// binding it back; the fully qualified <paramref name="fallback"/> when that fails.
    /// </summary>
    public static TypeSyntax Minimal(SemanticModel model, int position, ITypeSymbol type, string fallback)
    {
        var minimal = type.ToMinimalDisplayString(model, position);
        return SyntaxFactory.ParseTypeName(SymbolEqualityComparer.Default.Equals(Bind(model, position, minimal), type) ? minimal : fallback);
    }

    /// <summary>
    /// How a fix writes <paramref name="listed"/> at <paramref name="position"/>: the diagnostic's
    /// own spelling when it binds there (so the message, the fix's title and its edit agree), else
    /// the shortest spelling that binds, else the fully qualified one.
    /// </summary>
    public static TypeSyntax Of(SemanticModel model, int position, ListedType listed) =>
        listed.Preferred is { } preferred && SymbolEqualityComparer.Default.Equals(Bind(model, position, preferred), listed.Type)
            ? SyntaxFactory.ParseTypeName(preferred)
            : Minimal(model, position, listed.Type, listed.FullyQualified);
}
