using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Finds the raw JSON a complex parameter type holds inside it (see <see cref="HeldJson"/>): a
/// <c>JsonElement</c>, <c>JsonDocument</c>, <c>object</c> or <c>JsonNode</c> reached through the
/// members the JSON context reads, collection items, dictionary values and the derived types a
/// <c>[JsonDerivedType]</c> names. The context reads those members as it is given them, without
/// the binder's checks, so the binder checks the whole value's text first when the type holds any
/// (and walks to its nodes after the read, see <see cref="NodeWalks"/>).
/// </summary>
internal static class HeldJsonTypes
{
    public static HeldJson Of(ITypeSymbol type, KnownTypes known) =>
        Visit(type, known, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private static HeldJson Visit(ITypeSymbol type, KnownTypes known, HashSet<ITypeSymbol> visited)
    {
        type = TypeClassifier.UnwrapNullable(type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (!visited.Add(type))
        {
            return HeldJson.None;
        }

        if (known.Is(type, known.JsonValue))
        {
            return HeldJson.Text | HeldJson.Value;
        }

        // Before the collections: a JsonObject is a dictionary of nodes, a JsonArray a list of them.
        if (IsNode(type, known))
        {
            return HeldJson.Text | HeldJson.Nodes;
        }

        // The context reads an object member as a JsonElement.
        if (known.Is(type, known.JsonElement) || type.SpecialType == SpecialType.System_Object
            || type.ToDisplayString() == "System.Text.Json.JsonDocument")
        {
            return HeldJson.Text;
        }

        if (type is IArrayTypeSymbol array)
        {
            return Visit(array.ElementType, known, visited);
        }

        // A converter reads the value its own way; primitives, enums and the well-known types hold no raw JSON.
        if (type is not INamedTypeSymbol named || UnreadableReasons.HasConverter(named, known)
            || TypeClassifier.PrimitiveOf(named, known) != PrimitiveKind.None || named.TypeKind == TypeKind.Enum
            || WellKnownSchemas.For(named) is not null)
        {
            return HeldJson.None;
        }

        if ((SchemaBuilder.DictionaryValue(named) ?? SchemaBuilder.EnumerableItem(named) ?? MemoryItem(named)) is { } item)
        {
            return Visit(item, known, visited);
        }

        // A non-generic collection (ArrayList, Hashtable, IList...): the context reads its items as objects, JsonElements.
        if (named.SpecialType == SpecialType.System_Collections_IEnumerable || named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
        {
            return HeldJson.Text;
        }

        var held = HeldJson.None;
        foreach (var derived in DerivedTypes(named))
        {
            held |= Visit(derived, known, visited);
        }

        foreach (var (_, memberType) in ReadMembers(named, known))
        {
            held |= Visit(memberType, known, visited);
        }

        return held;
    }

    /// <summary>The types a <c>[JsonDerivedType]</c> on <paramref name="type"/> names.</summary>
    public static IEnumerable<ITypeSymbol> DerivedTypes(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonDerivedTypeAttribute"
                && attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is ITypeSymbol derived)
            {
                yield return derived;
            }
        }
    }

    /// <summary>
    /// The members of <paramref name="type"/> the context reads itself (not through a converter of
    /// their own), inherited ones included, a hidden one once (the most derived), with the type each is read as.
    /// </summary>
    public static IEnumerable<(ISymbol Member, ITypeSymbol Type)> ReadMembers(INamedTypeSymbol type, KnownTypes known)
    {
        var boundByConstructor = RequiredJsonMembers.BoundByConstructor(type);
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (JsonIgnoreConditions.NotRead(member, type, known, boundByConstructor)
                    || SerializedMembers.TypeOf(member, type, known, JsonDirection.Read, boundByConstructor) is not { } memberType
                    || !seen.Add(member.Name) || SchemaBuilder.AlwaysIgnored(member, known) || UnreadableReasons.HasConverter(member, known))
                {
                    continue;
                }

                yield return (member, memberType);
            }
        }
    }

    /// <summary>The item of a <c>Memory&lt;T&gt;</c> or <c>ReadOnlyMemory&lt;T&gt;</c>, which the context reads as an array (not an enumerable).</summary>
    public static ITypeSymbol? MemoryItem(INamedTypeSymbol type) =>
        type.OriginalDefinition.ToDisplayString() is "System.Memory<T>" or "System.ReadOnlyMemory<T>" ? type.TypeArguments[0] : null;

    public static bool IsNode(ITypeSymbol type, KnownTypes known)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (known.Is(current, known.JsonNode))
            {
                return true;
            }
        }

        return false;
    }
}
