using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Spells a type for a message the way a person would write it: the bare name when it is the only
/// type of that name the compilation declares (or its JSON context lists), otherwise with just
/// enough of its namespace to tell it apart (<c>Other.Move</c> beside <c>App.Move</c>); a nested
/// type after the types that contain it (<c>Box.Inner</c>, <c>Outer&lt;int&gt;.Deep</c>). Only
/// worked out for a diagnostic, never on the path of valid code.
/// </summary>
internal static class ReadableTypeName
{
    public static string Of(ITypeSymbol type, KnownTypes known) => type switch
    {
        IArrayTypeSymbol array => Of(array.ElementType, known) + "[" + new string(',', array.Rank - 1) + "]",
        INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable => Of(nullable.TypeArguments[0], known) + "?",
        INamedTypeSymbol { IsTupleType: true } => type.ToDisplayString(Names.Short),
        INamedTypeSymbol { SpecialType: not SpecialType.None, IsGenericType: false } => type.ToDisplayString(Names.Short),
        // Arity, not IsGenericType: a type nested in a generic one (Outer<int>.Deep) is generic
        // through its container, whose type arguments its spelling carries, not through its own.
        INamedTypeSymbol named => Qualified(named, known)
            + (named.Arity > 0 ? "<" + string.Join(", ", named.TypeArguments.Select(a => Of(a, known))) + ">" : string.Empty),
        _ => type.ToDisplayString(Names.Short),
    };

    /// <summary>
    /// <paramref name="type"/> as messages spell it (<see cref="Names.InMessage"/>: containers, type arguments
    /// and nullable annotations), each outermost type qualified as <see cref="Of"/> qualifies it: unchanged
    /// where the compilation declares no other type of its name, <c>Left.Move</c> beside <c>Right.Move</c>.
    /// </summary>
    public static string InMessage(ITypeSymbol type, KnownTypes known)
    {
        var text = new StringBuilder();
        foreach (var part in type.ToDisplayParts(Names.InMessage))
        {
            // A keyword ('int' for Int32) or an escaped name ('@class') is not the type's name, and stays as written.
            var qualify = part.Symbol is INamedTypeSymbol { ContainingType: null, IsTupleType: false } named && part.ToString() == named.Name;
            text.Append(qualify ? Qualified((INamedTypeSymbol)part.Symbol!, known) : part.ToString());
        }

        return text.ToString();
    }

    private static string Qualified(INamedTypeSymbol type, KnownTypes known)
    {
        // A nested type's bare name binds only inside its container: it is spelled after its
        // container, which carries any qualification (and type arguments) telling it apart.
        if (type.ContainingType is { } container)
        {
            return Of(container, known) + "." + type.Name;
        }

        var path = Path(type);
        var others = known.Compilation.GetSymbolsWithName(type.Name, SymbolFilter.Type).OfType<INamedTypeSymbol>()
            .Concat(known.JsonContextTypes.OfType<INamedTypeSymbol>())
            .Where(t => t.Name == type.Name && t.Arity == type.Arity && !SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, type.OriginalDefinition))
            .Select(Path)
            .ToList();
        for (var kept = 0; kept <= path.Count; kept++)
        {
            var suffix = path.Skip(path.Count - kept).ToList();
            if (!others.Any(other => EndsWith(other, suffix)))
            {
                return string.Join(".", suffix.Append(type.Name));
            }
        }

        return "global::" + string.Join(".", path.Append(type.Name));
    }

    /// <summary>The namespaces and containing types of <paramref name="type"/>, outermost first.</summary>
    private static List<string> Path(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (var container = type.ContainingSymbol; container is not null and not INamespaceSymbol { IsGlobalNamespace: true }; container = container.ContainingSymbol)
        {
            parts.Insert(0, container.Name);
        }

        return parts;
    }

    private static bool EndsWith(List<string> path, List<string> suffix) =>
        path.Count >= suffix.Count && path.Skip(path.Count - suffix.Count).SequenceEqual(suffix, System.StringComparer.Ordinal);
}
