using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Model;
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
        if (DictionaryKeys.KeyOf(type) is { } key && KeyNames(key, known, direction) is { } keyNames)
        {
            // The metadata members are names too.
            members.Add(Member("propertyNames", properties.Count == 0
                ? keyNames
                : Object([Member("anyOf", Array([keyNames, Object([Member("enum", Array(properties.Select(p => String(p.Key))))])]))])));
        }

        if (required.Count > 0)
        {
            members.Add(Member("required", Array(required)));
        }

        return Object(members);
    }

    /// <summary>
    /// The names a dictionary's keys are written with, as a <c>propertyNames</c> schema, or null for any name (a string,
    /// a <c>Uri</c>, a <c>[Flags]</c> enum, a key type a converter of its own writes). Probed on .NET 10's context: an
    /// integer in decimal without leading zeros or <c>+</c>; a floating-point number as its shortest round trip
    /// (<c>"1.5"</c>, <c>"1E+20"</c>, <c>"-0"</c>; never a named literal, whatever the number handling); a <c>bool</c> as
    /// <c>"True"</c> or <c>"False"</c>; a <c>Guid</c>, date, time or <c>Version</c> as its value; an enum by name
    /// (<see cref="EnumSchema.KeyNames"/>). As for values, the schema states what the context writes: it reads keys more
    /// loosely (<c>"+1"</c>, <c>"01"</c>, <c>"true"</c>, an enum's names in any case or its numbers).
    /// </summary>
    private static string? KeyNames(ITypeSymbol key, KnownTypes known, JsonDirection direction)
    {
        if (known.OptionConverters.MayRead(key) || ConverterWrites(key, known))
        {
            return null;
        }

        switch (TypeClassifier.PrimitiveOf(key, known))
        {
            case PrimitiveKind.Boolean:
                return Object([Member("enum", Array([String("True"), String("False")]))]);
            case PrimitiveKind.SByte or PrimitiveKind.Int16 or PrimitiveKind.Int32 or PrimitiveKind.Int64:
                return Pattern(SignedInteger);
            case PrimitiveKind.Byte or PrimitiveKind.UInt16 or PrimitiveKind.UInt32 or PrimitiveKind.UInt64:
                return Pattern(UnsignedInteger);
            case PrimitiveKind.Single or PrimitiveKind.Double or PrimitiveKind.Decimal:
                return Pattern(RealNumber);
            case PrimitiveKind.Guid:
                return Object([Member("format", String("uuid"))]);
            case PrimitiveKind.DateTime:
                return Object([Member("anyOf", WellKnownSchemas.DateTimeForms())]);
            case PrimitiveKind.DateTimeOffset:
                return Object([Member("format", String("date-time"))]);
        }

        if (key.TypeKind == TypeKind.Enum)
        {
            return EnumSchema.KeyNames(key, known, direction);
        }

        return key.SpecialType == SpecialType.System_Char
            ? Object([Member("minLength", "1"), Member("maxLength", "1")])
            : key.ToDisplayString() switch
            {
                "System.Int128" => Pattern(SignedInteger),
                "System.UInt128" => Pattern(UnsignedInteger),
                "System.Half" => Pattern(RealNumber),
                "System.DateOnly" => Object([Member("format", String("date"))]),
                _ => WellKnownSchemas.TextPattern(key) is { } pattern ? Pattern(pattern) : null,
            };
    }

    // No backslash ("[.]", not an escaped dot), so that no schema needs a JSON escape sequence.
    private const string SignedInteger = "^(0|-?[1-9][0-9]*)$";
    private const string UnsignedInteger = "^(0|[1-9][0-9]*)$";
    private const string RealNumber = "^-?(0|[1-9][0-9]*)([.][0-9]+)?(E[+-][0-9]+)?$";

    private static string Pattern(string pattern) => Object([Member("pattern", String(pattern))]);

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
