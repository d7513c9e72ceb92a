using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The parts of the walk a binder makes over a deserialized complex value to each <c>JsonNode</c>,
/// <c>JsonObject</c> or <c>JsonArray</c> it holds (<c>HeldJson.Nodes</c>), and each <c>object</c>
/// under the context's <c>UnknownTypeHandling = JsonNode</c> (a node at run time), along the members,
/// items, dictionary values and derived types of the <see cref="ContractWalk"/>, which builds it
/// (<see cref="ContractWalk.NodeWalkers"/>).
/// A <c>JsonObject</c> throws on a name it holds twice only when first read, and only a node's own
/// objects can: the walk reads the nodes, so the rest of the value (a dictionary's keys, the type's
/// own members) keeps System.Text.Json's rules. Walker 0 is the type's own; a walker reaching no
/// node is left out. Null when a node lies beyond a member the binder cannot read back (no getter
/// it may call): the binder then checks the whole value's names, as before.
/// </summary>
internal static class NodeWalks
{
    /// <summary>Whether the binder, in the type's assembly, may read the member back: a field, or a property with a getter, no private one.</summary>
    public static bool Readable(ISymbol member) => member switch
    {
        IFieldSymbol field => Visible(field),
        IPropertySymbol property => property.GetMethod is { } getter && Visible(getter),
        _ => false,
    };

    private static bool Visible(ISymbol symbol) =>
        symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    /// <summary>The key-value pair a dictionary enumerates, as its dictionary interface declares it.</summary>
    public static INamedTypeSymbol? Pair(INamedTypeSymbol type)
    {
        foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
        {
            if (candidate.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IDictionary<TKey, TValue>"
                or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>")
            {
                return candidate.AllInterfaces.First(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                    .TypeArguments[0] as INamedTypeSymbol;
            }
        }

        return null;
    }
}
