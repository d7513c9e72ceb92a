using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// One walk over what the JSON context reads inside a complex type: the members it reads
/// (<see cref="HeldJsonTypes.ReadMembers"/>), the types its <c>[JsonDerivedType]</c>s name, array,
/// collection and <c>Memory&lt;T&gt;</c> items, dictionary values and a <c>Nullable&lt;T&gt;</c>'s
/// value, each type once. It gives what four checks need, so they look at the same types:
/// the raw JSON held inside (<see cref="Held"/>, <see cref="HeldJsonTypes"/>), the first
/// <c>[JsonExtensionData]</c> property never filled (<see cref="NeverFilled"/>, GA0024,
/// <see cref="ExtensionDataFaults"/>), the collections with a setter and no getter the context never
/// sets (<see cref="NeverSet"/>, GA0026, <see cref="SetOnlyCollections"/>) and the binder's walk to each node (<see cref="NodeWalkers"/>,
/// <see cref="NodeWalks"/>). A type with a converter of its own, a primitive, an enum, a well-known
/// type and raw JSON are not looked into; nor, for GA0024 and GA0026, a type a <c>JsonConverter&lt;T&gt;</c>
/// among the options' <c>Converters</c> names.
/// </summary>
internal sealed class ContractWalk
{
    private readonly KnownTypes _known;
    private readonly List<Step> _steps = [];
    private readonly Dictionary<ITypeSymbol, int> _index = new(SymbolEqualityComparer.Default);

    private ContractWalk(KnownTypes known) => _known = known;

    /// <summary>The raw JSON held anywhere inside the type walked.</summary>
    public HeldJson Held { get; private set; }

    /// <summary>Why the first <c>[JsonExtensionData]</c> property the context never fills is never filled, with the fix (GA0024), or null.</summary>
    public string? NeverFilled { get; private set; }

    /// <summary>The properties the context never sets, though they have a setter: collections without a getter it calls (GA0026; one a base type and its derived type both hold is there twice).</summary>
    public List<IPropertySymbol> NeverSet { get; } = [];

    /// <summary>The walk of <paramref name="type"/> under the context's options in <paramref name="known"/>.</summary>
    public static ContractWalk Of(ITypeSymbol type, KnownTypes known)
    {
        var walk = new ContractWalk(known);
        walk.Visit(type);
        return walk;
    }

    /// <summary>
    /// The step <paramref name="type"/> is walked by, <see cref="NodeWalkEdge.Node"/> or
    /// <see cref="NodeWalkEdge.ObjectNode"/> for a node read there, null when it is not looked into.
    /// </summary>
    private int? Visit(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return Walked(nullable, NodeWalkKind.Nullable, skip: null, element: null, () => [To(nullable.TypeArguments[0])]);
        }

        type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (_known.Is(type, _known.JsonValue))
        {
            // Its objects are refused as it is read: nothing to walk to.
            Held |= HeldJson.Text | HeldJson.Value;
            return null;
        }

        // Before the collections: a JsonObject is a dictionary of nodes, a JsonArray a list of them.
        if (HeldJsonTypes.IsNode(type, _known))
        {
            Held |= HeldJson.Text | HeldJson.Nodes;
            return NodeWalkEdge.Node;
        }

        // The context reads an object as a JsonElement, or as a node under UnknownTypeHandling = JsonNode.
        if (type.SpecialType == SpecialType.System_Object)
        {
            Held |= HeldJson.Text | (_known.ObjectsAsNodes ? HeldJson.Nodes : HeldJson.None);
            return _known.ObjectsAsNodes ? NodeWalkEdge.ObjectNode : null;
        }

        if (_known.Is(type, _known.JsonElement) || type.ToDisplayString() == "System.Text.Json.JsonDocument")
        {
            Held |= HeldJson.Text;
            return null;
        }

        var skip = type.IsReferenceType ? "value is null" : null;
        if (type is IArrayTypeSymbol array)
        {
            return Walked(type, NodeWalkKind.Items, skip, array.ElementType, () => [To(array.ElementType)]);
        }

        // A converter reads the value its own way; primitives, enums and the well-known types hold no raw JSON.
        if (type is not INamedTypeSymbol named || UnreadableReasons.HasConverter(named, _known)
            || TypeClassifier.PrimitiveOf(named, _known) != PrimitiveKind.None || named.TypeKind == TypeKind.Enum
            || WellKnownSchemas.For(named) is not null)
        {
            return null;
        }

        if (NodeWalks.Pair(named) is { } pair)
        {
            return Walked(type, NodeWalkKind.Values, skip, pair, () => [To(pair.TypeArguments[1])]);
        }

        if (SchemaBuilder.EnumerableItem(named) is { } item)
        {
            // A default ImmutableArray (a member the value left out) throws when enumerated.
            var immutable = named.OriginalDefinition.ToDisplayString() == "System.Collections.Immutable.ImmutableArray<T>";
            return Walked(type, NodeWalkKind.Items, immutable ? "value.IsDefault" : skip, item, () => [To(item)]);
        }

        if (HeldJsonTypes.MemoryItem(named) is { } spanItem)
        {
            return Walked(type, NodeWalkKind.Span, skip, spanItem, () => [To(spanItem)]);
        }

        // A non-generic collection (ArrayList, Hashtable, IList...): the context reads its items, a dictionary's values, as objects.
        if (named.AllInterfaces.Any(i => i.ToDisplayString() == "System.Collections.IDictionary")
            && _known.Compilation.GetTypeByMetadataName("System.Collections.DictionaryEntry") is { } entry)
        {
            var valueType = _known.Compilation.GetSpecialType(SpecialType.System_Object);
            return Walked(type, NodeWalkKind.Values, skip, entry, () => [To(valueType)]);
        }

        if (named.SpecialType == SpecialType.System_Collections_IEnumerable || named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
        {
            // Its enumerator gives object?, each item as the context put it there.
            var objectType = _known.Compilation.GetSpecialType(SpecialType.System_Object).WithNullableAnnotation(NullableAnnotation.Annotated);
            return Walked(type, NodeWalkKind.Items, skip, objectType, () => [To(objectType)]);
        }

        return Walked(type, NodeWalkKind.Members, skip, element: null, () =>
        {
            // A JsonConverter<T> of the options that names the type reads it whole, wherever it sits, so the context fills
            // or sets none of its members. The walk goes on for the binder: what the converter keeps may hold raw JSON.
            if (_known.OptionConverters.Reading(named) is null)
            {
                NeverFilled ??= ExtensionDataFaults.NeverFilledIn(named, _known);
                NeverSet.AddRange(SetOnlyCollections.In(named, _known));
            }

            return Members(named);
        });
    }

    private IEnumerable<Edge?> Members(INamedTypeSymbol type)
    {
        foreach (var derived in HeldJsonTypes.DerivedTypes(type))
        {
            yield return Visit(derived) is { } target ? new Edge(null, derived, target) : null;
        }

        foreach (var (member, memberType) in HeldJsonTypes.ReadMembers(type, _known))
        {
            yield return Visit(memberType) is { } target ? new Edge(member, null, target) : null;
        }
    }

    private Edge? To(ITypeSymbol target) => Visit(target) is { } index ? new Edge(null, null, index) : null;

    private int Walked(ITypeSymbol type, NodeWalkKind kind, string? skip, ITypeSymbol? element, System.Func<IEnumerable<Edge?>> edges)
    {
        if (_index.TryGetValue(type, out var existing))
        {
            return existing;
        }

        var index = _steps.Count;
        _index.Add(type, index);
        var step = new Step(type, kind, skip, element);
        _steps.Add(step);
        step.Edges.AddRange(edges().Where(e => e is not null).Select(e => e!.Value));
        return index;
    }

    /// <summary>
    /// The binder's walk to each node, walker 0 the type's own: the steps that reach a node,
    /// renumbered, with only the edges that do. Null when a node lies beyond a member the binder
    /// cannot read back (no getter it may call): the binder then checks the whole value's names.
    /// </summary>
    public EquatableArray<NodeWalker>? NodeWalkers()
    {
        var useful = new bool[_steps.Count];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < _steps.Count; i++)
            {
                if (!useful[i] && _steps[i].Edges.Any(e => Reaches(e, useful)))
                {
                    useful[i] = changed = true;
                }
            }
        }

        if (_steps.Where((_, i) => useful[i]).Any(step => step.Edges.Any(e => e.Member is { } member && !NodeWalks.Readable(member) && Reaches(e, useful))))
        {
            return null;
        }

        var renumbered = new int[_steps.Count];
        var next = 0;
        for (var i = 0; i < _steps.Count; i++)
        {
            renumbered[i] = useful[i] ? next++ : 0;
        }

        return _steps.Where((_, i) => useful[i])
            .Select(step => new NodeWalker(
                Display(step.Type) + (step.Type.IsReferenceType ? "?" : ""),
                step.Kind,
                step.Skip,
                step.Element is null ? null : Display(step.Element),
                step.Edges.Where(e => Reaches(e, useful))
                    .Select(e => new NodeWalkEdge(
                        e.Derived is { } derived ? Display(derived.WithNullableAnnotation(NullableAnnotation.NotAnnotated)) : e.Member is { } member ? Names.Identifier(member.Name) : "",
                        e.Derived is not null,
                        NodeWalkEdge.ReadsNode(e.Target) ? e.Target : renumbered[e.Target]))
                    .ToEquatableArray()))
            .ToEquatableArray();
    }

    private static bool Reaches(Edge edge, bool[] useful) => NodeWalkEdge.ReadsNode(edge.Target) || useful[edge.Target];

    private string Display(ITypeSymbol type) => _known.Memo.Display(type, Names.FullyQualified);

    /// <summary>One type's step: how it is walked, and where each of its members, items or derived types leads.</summary>
    private sealed class Step(ITypeSymbol type, NodeWalkKind kind, string? skip, ITypeSymbol? element)
    {
        public ITypeSymbol Type { get; } = type;

        public NodeWalkKind Kind { get; } = kind;

        public string? Skip { get; } = skip;

        /// <summary>The item type, or the key-value pair type of a dictionary, a <c>foreach</c> declares.</summary>
        public ITypeSymbol? Element { get; } = element;

        public List<Edge> Edges { get; } = [];
    }

    /// <summary>A member read (<paramref name="Member"/>), a derived type (<paramref name="Derived"/>), or an item, value or nullable's value (neither).</summary>
    private readonly record struct Edge(ISymbol? Member, ITypeSymbol? Derived, int Target);
}
