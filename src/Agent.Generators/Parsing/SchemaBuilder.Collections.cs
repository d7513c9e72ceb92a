using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>The schemas of collections and dictionaries, and how System.Text.Json recognises them.</summary>
internal static partial class SchemaBuilder
{
    /// <summary>
    /// A collection's schema: an array of its items, with the reference metadata the context gives it (<see cref="ReferenceMetadata"/>);
    /// for a derived type of a polymorphic type given its discriminator, an object of the discriminator and the items' <c>$values</c>.
    /// </summary>
    private static string Collection(ITypeSymbol type, ITypeSymbol itemType, KnownTypes known, JsonDirection direction, int depth, int numbers, Discriminator? discriminator = null)
    {
        var array = Object([Member("type", String("array")), Member("items", For(itemType, known, direction, depth + 1, NumberHandlings.ForItem(itemType, numbers, known)))]);
        if (discriminator is not { Schema: { } leading } given)
        {
            return ReferenceMetadata.Collection(array, type, known, direction);
        }

        var properties = new List<KeyValuePair<string, string>>();
        var required = new List<string>();
        ReferenceMetadata.AddId(type, known, direction, properties, required);
        properties.Add(Member(given.Name, leading));
        properties.Add(Member("$values", array));
        required.AddRange([String(given.Name), String("$values")]);
        return Object([
            Member("type", String("object")),
            Member("properties", Object(properties)),
            Member("required", Array(required)),
            Member("additionalProperties", "false"),
        ]);
    }

    /// <summary>
    /// A dictionary's schema: an object whose every member is a value, but for the reference metadata the context gives it
    /// and, for a derived type of a polymorphic type given its discriminator, the discriminator.
    /// </summary>
    private static string Dictionary(INamedTypeSymbol type, ITypeSymbol valueType, KnownTypes known, JsonDirection direction, int depth, int numbers, Discriminator? discriminator = null)
    {
        var properties = new List<KeyValuePair<string, string>>();
        var required = new List<string>();
        ReferenceMetadata.AddId(type, known, direction, properties, required);
        if (discriminator is { Schema: { } leading } given)
        {
            properties.Add(Member(given.Name, leading));
            required.Add(String(given.Name));
        }

        var members = new List<KeyValuePair<string, string>> { Member("type", String("object")) };
        if (properties.Count > 0)
        {
            members.Add(Member("properties", Object(properties)));
        }

        members.Add(Member("additionalProperties", For(valueType, known, direction, depth + 1, NumberHandlings.ForItem(valueType, numbers, known))));
        if (required.Count > 0)
        {
            members.Add(Member("required", Array(required)));
        }

        return Object(members);
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
