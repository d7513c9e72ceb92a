using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The schema of a polymorphic type (one with <c>[JsonDerivedType]</c>s): one object schema per shape the context
/// writes or reads (<c>anyOf</c>), as .NET 10 does (probed with the source-generated context).
/// <list type="bullet">
/// <item>It writes a value of a listed type with that type's members, led by its discriminator where it has one; a value of
/// the type itself (when it is not abstract and not listed) with the type's members and no discriminator; a value of a type
/// it does not list it refuses, unless <c>UnknownDerivedTypeHandling</c> falls back to an ancestor's shape (the type's own, or
/// under <c>FallBackToNearestAncestor</c> a listed abstract type's).</item>
/// <item>It reads a listed discriminator as that derived type (one it can create: not abstract, not an interface), and a value
/// without one as the type itself where it can create it; with <c>IgnoreUnrecognizedTypeDiscriminators</c>, an unknown
/// discriminator (any string or integer) as none.</item>
/// <item>A listed derived type that a converter reads (its own <c>[JsonConverter]</c>, or one among the options') is
/// neither read nor written: the converter takes no metadata, so it throws <c>NotSupportedException</c> both ways.</item>
/// </list>
/// </summary>
internal static partial class SchemaBuilder
{
    private static string Polymorphic(INamedTypeSymbol type, IReadOnlyList<(INamedTypeSymbol Type, string? Discriminator)> derived, KnownTypes known, JsonDirection direction, int depth, bool populated)
    {
        var property = TypeDiscriminators.PropertyName(type);
        var unknownHandling = TypeDiscriminators.UnknownDerivedTypeHandling(type);
        var shapes = new List<string>();
        foreach (var (derivedType, discriminator) in derived)
        {
            // A derived type a converter reads fails every read and write through the type (its converter takes no metadata).
            var shown = !ConverterWrites(derivedType, known) && (direction == JsonDirection.Read
                ? discriminator is not null && Creatable(derivedType)
                : Creatable(derivedType) || unknownHandling == TypeDiscriminators.FallBackToNearestAncestor);
            if (shown)
            {
                shapes.Add(Shape(derivedType, known, direction, depth, populated, discriminator is null ? Discriminator.Absent(property) : Discriminator.Given(property, Object([Member("const", discriminator)]), required: true)));
            }
        }

        var listedItself = derived.Any(d => SymbolEqualityComparer.Default.Equals(d.Type, type));
        if (direction == JsonDirection.Written && ((Creatable(type) && !listedItself) || unknownHandling != 0))
        {
            shapes.Add(ObjectSchema(type, known, direction, depth, populated, Discriminator.Absent(property)));
        }
        else if (direction == JsonDirection.Read && Creatable(type))
        {
            shapes.Add(WithoutKnownDiscriminator(type, derived, property, known, depth, populated));
        }

        return shapes.Count switch
        {
            0 => "false",
            1 => shapes[0],
            _ => Object([Member("anyOf", Array(shapes))]),
        };
    }

    /// <summary>
    /// The shape the context reads as <paramref name="type"/> itself: without a discriminator, or, where unknown ones are
    /// ignored, with one it does not know.
    /// </summary>
    private static string WithoutKnownDiscriminator(INamedTypeSymbol type, IReadOnlyList<(INamedTypeSymbol Type, string? Discriminator)> derived, string property, KnownTypes known, int depth, bool populated)
    {
        if (!TypeDiscriminators.IgnoresUnknown(type))
        {
            return ObjectSchema(type, known, JsonDirection.Read, depth, populated, Discriminator.Absent(property));
        }

        var listed = derived.Select(d => d.Discriminator).OfType<string>().Distinct().ToList();
        var any = new List<KeyValuePair<string, string>> { Member("type", Array([String("string"), String("integer")])) };
        if (listed.Count > 0)
        {
            any.Add(Member("not", Object([Member("enum", Array(listed))])));
        }

        return ObjectSchema(type, known, JsonDirection.Read, depth, populated, Discriminator.Given(property, Object(any), required: false));
    }

    /// <summary>
    /// The shape of a listed derived type: a collection's items in <c>$values</c> beside its discriminator, a dictionary's
    /// entries beside it, an object's members after it (probed: <c>{"$type": "l", "$values": [1]}</c>, <c>{"$type": "m", "a": 1}</c>).
    /// </summary>
    private static string Shape(INamedTypeSymbol type, KnownTypes known, JsonDirection direction, int depth, bool populated, Discriminator discriminator) =>
        DictionaryValue(type) is { } valueType ? Dictionary(type, valueType, known, direction, depth, known.NumberHandling, discriminator)
        : EnumerableItem(type) is { } itemType ? Collection(type, itemType, known, direction, depth, known.NumberHandling, discriminator)
        : ObjectSchema(type, known, direction, depth, populated, discriminator);

    /// <summary>Whether the context can create a value of <paramref name="type"/>: not an interface, not abstract.</summary>
    private static bool Creatable(INamedTypeSymbol type) => type.TypeKind != TypeKind.Interface && !type.IsAbstract;

    /// <summary>
    /// The discriminator member a shape of a polymorphic type starts with: its name and schema, or no schema for a shape
    /// that never has the member (the context writes none, or reads the type itself only where there is none).
    /// </summary>
    private readonly record struct Discriminator(string Name, string? Schema, bool Required)
    {
        /// <summary>A shape with the discriminator member, as <paramref name="schema"/> describes it.</summary>
        public static Discriminator Given(string name, string schema, bool required) => new(name, schema, required);

        /// <summary>A shape without it.</summary>
        public static Discriminator Absent(string name) => new(name, null, Required: false);
    }
}
