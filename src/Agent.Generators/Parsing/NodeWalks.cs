using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The walk a binder makes over a deserialized complex value to each <c>JsonNode</c>,
/// <c>JsonObject</c> or <c>JsonArray</c> it holds (<see cref="HeldJson.Nodes"/>), along the same
/// members, items, dictionary values and derived types <see cref="HeldJsonTypes"/> looks through.
/// A <c>JsonObject</c> throws on a name it holds twice only when first read, and only a node's own
/// objects can: the walk reads the nodes, so the rest of the value (a dictionary's keys, the type's
/// own members) keeps System.Text.Json's rules. Walker 0 is the type's own; a walker reaching no
/// node is left out. Null when a node lies beyond a member the binder cannot read back (no getter
/// it may call): the binder then checks the whole value's names, as before.
/// </summary>
internal static class NodeWalks
{
    public static EquatableArray<NodeWalker>? Of(ITypeSymbol type, KnownTypes known)
    {
        var builder = new Builder(known);
        builder.Visit(type);
        return builder.Complete ? builder.Useful() : null;
    }

    private sealed class Builder(KnownTypes known)
    {
        private readonly List<(NodeWalker Walker, List<NodeWalkEdge> Edges)> _walkers = [];
        private readonly Dictionary<ITypeSymbol, int> _index = new(SymbolEqualityComparer.Default);

        public bool Complete { get; private set; } = true;

        /// <summary>The walker index of <paramref name="type"/>, <see cref="NodeWalkEdge.Node"/> for a node, null when it holds none.</summary>
        public int? Visit(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                return Walker(nullable, NodeWalkKind.Nullable, skip: null, element: null, _ => [Edge("", nullable.TypeArguments[0])]);
            }

            type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            if (known.Is(type, known.JsonValue))
            {
                return null;
            }

            if (HeldJsonTypes.IsNode(type, known))
            {
                return NodeWalkEdge.Node;
            }

            var skip = type.IsReferenceType ? "value is null" : null;
            if (type is IArrayTypeSymbol array)
            {
                return Walker(type, NodeWalkKind.Items, skip, Display(array.ElementType), _ => [Edge("", array.ElementType)]);
            }

            if (type is not INamedTypeSymbol named || UnreadableReasons.HasConverter(named, known)
                || TypeClassifier.PrimitiveOf(named, known) != PrimitiveKind.None || named.TypeKind == TypeKind.Enum
                || WellKnownSchemas.For(named) is not null)
            {
                return null;
            }

            if (Dictionary(named) is { } pair)
            {
                return Walker(type, NodeWalkKind.Values, skip, Display(pair), _ => [Edge("", pair.TypeArguments[1])]);
            }

            if (SchemaBuilder.EnumerableItem(named) is { } item)
            {
                // A default ImmutableArray (a member the value left out) throws when enumerated.
                var immutable = named.OriginalDefinition.ToDisplayString() == "System.Collections.Immutable.ImmutableArray<T>";
                return Walker(type, NodeWalkKind.Items, immutable ? "value.IsDefault" : skip, Display(item), _ => [Edge("", item)]);
            }

            if (HeldJsonTypes.MemoryItem(named) is { } spanItem)
            {
                return Walker(type, NodeWalkKind.Span, skip, Display(spanItem), _ => [Edge("", spanItem)]);
            }

            return Walker(type, NodeWalkKind.Members, skip, element: null, _ => Members(named));
        }

        private IEnumerable<NodeWalkEdge?> Members(INamedTypeSymbol type)
        {
            foreach (var derived in HeldJsonTypes.DerivedTypes(type))
            {
                yield return Visit(derived) is { } target ? new NodeWalkEdge(Display(derived.WithNullableAnnotation(NullableAnnotation.NotAnnotated)), Derived: true, target) : null;
            }

            foreach (var (member, memberType) in HeldJsonTypes.ReadMembers(type, known))
            {
                if (Visit(memberType) is not { } target)
                {
                    continue;
                }

                if (!Readable(member))
                {
                    Complete = false;
                }

                yield return new NodeWalkEdge(Names.Identifier(member.Name), Derived: false, target);
            }
        }

        /// <summary>Whether the binder, in the type's assembly, may read the member back: a field, or a property with a getter, no private one.</summary>
        private static bool Readable(ISymbol member) => member switch
        {
            IFieldSymbol field => Visible(field),
            IPropertySymbol property => property.GetMethod is { } getter && Visible(getter),
            _ => false,
        };

        private static bool Visible(ISymbol symbol) =>
            symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

        private NodeWalkEdge? Edge(string access, ITypeSymbol target) =>
            Visit(target) is { } index ? new NodeWalkEdge(access, Derived: false, index) : null;

        private int Walker(ITypeSymbol type, NodeWalkKind kind, string? skip, string? element, System.Func<int, IEnumerable<NodeWalkEdge?>> edges)
        {
            if (_index.TryGetValue(type, out var existing))
            {
                return existing;
            }

            var index = _walkers.Count;
            _index.Add(type, index);
            var parameter = Display(type) + (type.IsReferenceType ? "?" : "");
            var found = new List<NodeWalkEdge>();
            _walkers.Add((new NodeWalker(parameter, kind, skip, element, EquatableArray<NodeWalkEdge>.Empty), found));
            found.AddRange(edges(index).Where(e => e is not null)!);
            return index;
        }

        /// <summary>The walkers that reach a node, renumbered, with only the steps that do.</summary>
        public EquatableArray<NodeWalker> Useful()
        {
            var useful = new bool[_walkers.Count];
            for (var changed = true; changed;)
            {
                changed = false;
                for (var i = 0; i < _walkers.Count; i++)
                {
                    if (!useful[i] && _walkers[i].Edges.Any(e => e.Target == NodeWalkEdge.Node || useful[e.Target]))
                    {
                        useful[i] = changed = true;
                    }
                }
            }

            var renumbered = new int[_walkers.Count];
            var next = 0;
            for (var i = 0; i < _walkers.Count; i++)
            {
                renumbered[i] = useful[i] ? next++ : -2;
            }

            return _walkers.Where((_, i) => useful[i])
                .Select(w => w.Walker with
                {
                    Edges = w.Edges.Where(e => e.Target == NodeWalkEdge.Node || useful[e.Target])
                        .Select(e => e.Target == NodeWalkEdge.Node ? e : e with { Target = renumbered[e.Target] }).ToEquatableArray(),
                })
                .ToEquatableArray();
        }

        private string Display(ITypeSymbol type) => known.Memo.Display(type, Names.FullyQualified);

        /// <summary>The key-value pair a dictionary enumerates, as its dictionary interface declares it.</summary>
        private static INamedTypeSymbol? Dictionary(INamedTypeSymbol type)
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
}
