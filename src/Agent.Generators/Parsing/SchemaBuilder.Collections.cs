using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>The schemas of collections and dictionaries, and how System.Text.Json recognises them.</summary>
internal static partial class SchemaBuilder
{
    /// <summary>A collection's schema: an array of its items, with the reference metadata the context gives it (<see cref="ReferenceMetadata"/>).</summary>
    private static string Collection(ITypeSymbol type, ITypeSymbol itemType, KnownTypes known, JsonDirection direction, int depth, int numbers)
    {
        var array = Object([Member("type", String("array")), Member("items", For(itemType, known, direction, depth + 1, NumberHandlings.ForItem(itemType, numbers, known)))]);
        return ReferenceMetadata.InPlaceOf(ReferenceMetadata.Collection(array, type, known, direction), type, known, direction, depth);
    }

    /// <summary>A dictionary's schema: an object whose every member is a value, but for the reference metadata the context gives it.</summary>
    private static string Dictionary(INamedTypeSymbol type, ITypeSymbol valueType, KnownTypes known, JsonDirection direction, int depth, int numbers)
    {
        var members = new List<KeyValuePair<string, string>> { Member("type", String("object")) };
        var id = ReferenceMetadata.IdMember(type, known, direction);
        if (id is { } metadata)
        {
            members.Add(Member("properties", Object([metadata.Member])));
        }

        members.Add(Member("additionalProperties", For(valueType, known, direction, depth + 1, NumberHandlings.ForItem(valueType, numbers, known))));
        if (id is { Required: true } required)
        {
            members.Add(Member("required", Array([String(required.Member.Key)])));
        }

        return ReferenceMetadata.InPlaceOf(Object(members), type, known, direction, depth);
    }

    /// <summary>The value type of a dictionary (an <c>IDictionary</c> or <c>IReadOnlyDictionary</c>), or null for any other type.</summary>
    public static ITypeSymbol? DictionaryValue(INamedTypeSymbol type)
    {
        foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
        {
            // System.Text.Json writes any dictionary as an object, its keys (numbers, enums, Guids...) as strings.
            if (candidate.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IDictionary<TKey, TValue>"
                    or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>")
            {
                return candidate.TypeArguments[1];
            }
        }

        return null;
    }

    /// <summary>The item type of an <c>IEnumerable&lt;T&gt;</c> other than a string, or null for any other type.</summary>
    public static ITypeSymbol? EnumerableItem(INamedTypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return null;
        }

        foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
        {
            if (candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return candidate.TypeArguments[0];
            }
        }

        return null;
    }
}
