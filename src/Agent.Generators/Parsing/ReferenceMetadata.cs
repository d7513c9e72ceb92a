using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>The options' <c>ReferenceHandler</c> (<c>JsonKnownReferenceHandler</c>'s values).</summary>
internal enum ReferenceHandling
{
    None = 0,
    Preserve = 1,
    IgnoreCycles = 2,
}

/// <summary>
/// The reference metadata in the schema of a value the context reads or writes under <c>ReferenceHandler</c> (probed on
/// .NET 10's source-generated context). Under <c>Preserve</c> it writes each object, collection and dictionary of a
/// reference type with an <c>$id</c> (a string) first, a collection as <c>{"$id": …, "$values": [ … ]}</c>, and one it
/// wrote before as <c>{"$ref": …}</c> alone (never the value itself, the first it writes); it reads the same, and also a
/// collection as a plain array, an object or dictionary without an <c>$id</c>, and a struct with one. Arrays and the
/// immutable collections are not tracked: written plain, and refused with metadata. Under <c>IgnoreCycles</c> it writes
/// null for a tracked value already being written (a cycle). Strings and other simple values carry no metadata.
/// </summary>
internal static class ReferenceMetadata
{
    private const string Id = "$id";
    // $id and $ref are strings: the context refuses any other value for them.
    private static readonly string MetadataValue = Object([Member("type", String("string"))]);

    /// <summary>
    /// Lists the <c>$id</c> member a value of <paramref name="type"/> may carry (an object, a dictionary, a polymorphic type's
    /// derived collection) first among <paramref name="properties"/>, and among <paramref name="required"/> where it is always written.
    /// </summary>
    public static void AddId(ITypeSymbol type, KnownTypes known, JsonDirection direction, List<KeyValuePair<string, string>> properties, List<string> required)
    {
        if (known.References != ReferenceHandling.Preserve || !(Tracked(type) || (type.IsValueType && direction == JsonDirection.Read)))
        {
            return;
        }

        properties.Add(Member(Id, MetadataValue));
        if (direction == JsonDirection.Written && Tracked(type))
        {
            required.Add(String(Id));
        }
    }

    /// <summary>The schema of a collection of <paramref name="type"/>, <paramref name="array"/> without metadata.</summary>
    public static string Collection(string array, ITypeSymbol type, KnownTypes known, JsonDirection direction)
    {
        if (known.References != ReferenceHandling.Preserve || !Tracked(type))
        {
            return array;
        }

        var wrapped = Object([
            Member("type", String("object")),
            Member("properties", Object([Member(Id, MetadataValue), Member("$values", array)])),
            Member("required", Array([String(Id), String("$values")])),
            Member("additionalProperties", "false"),
        ]);
        return direction == JsonDirection.Written ? wrapped : Object([Member("anyOf", Array([array, wrapped]))]);
    }

    /// <summary>
    /// <paramref name="schema"/>, the schema of a value of <paramref name="type"/> below the one read or written whole
    /// (<paramref name="depth"/> above 0), admitting what the context may give in its place: a <c>$ref</c> to one given
    /// before, or under <c>IgnoreCycles</c> a written null.
    /// </summary>
    public static string InPlaceOf(string schema, ITypeSymbol type, KnownTypes known, JsonDirection direction, int depth)
    {
        if (depth == 0 || !Tracked(type) || schema == "{}")
        {
            return schema;
        }

        var alternative = known.References switch
        {
            ReferenceHandling.Preserve => Object([
                Member("type", String("object")),
                Member("properties", Object([Member("$ref", MetadataValue)])),
                Member("required", Array([String("$ref")])),
                Member("additionalProperties", "false"),
            ]),
            ReferenceHandling.IgnoreCycles when direction == JsonDirection.Written => Object([Member("type", String("null"))]),
            _ => null,
        };
        return alternative is null ? schema : Object([Member("anyOf", Array([schema, alternative]))]);
    }

    /// <summary>
    /// Whether the context tracks values of <paramref name="type"/> by reference: a class's, an interface's, not an array's
    /// nor an immutable collection's (which it could not read back in place of a reference).
    /// </summary>
    private static bool Tracked(ITypeSymbol type) =>
        !type.IsValueType && type is not IArrayTypeSymbol
        && type.ContainingNamespace?.ToDisplayString() != "System.Collections.Immutable";

    /// <summary>The metadata names a value's members go beside where unmapped ones are refused: <c>$id</c> under <c>Preserve</c>.</summary>
    public static IEnumerable<string> Names(KnownTypes known) =>
        known.References == ReferenceHandling.Preserve ? [Id] : Enumerable.Empty<string>();
}
