using System.Linq;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The schema of an enum. System.Text.Json reads and writes an enum as its number unless a
/// <c>JsonStringEnumConverter</c> applies (on the enum, on the property, or through the context's
/// options); the generated binder itself, for a parameter or result, always uses member names.
/// </summary>
internal static class EnumSchema
{
    private const string StringEnumConverter = "System.Text.Json.Serialization.JsonStringEnumConverter";
    private const string JsonConverterAttribute = "System.Text.Json.Serialization.JsonConverterAttribute";
    private const string MemberNameAttribute = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";
    private const string FlagsAttribute = "System.FlagsAttribute";

    /// <summary>Member names, as the generated binder reads and writes them.</summary>
    public static string ByMemberName(ITypeSymbol type)
    {
        if (IsFlags(type))
        {
            // "Read, Write" or the number of a combination of members' bits.
            return Object([Member("type", Array([String("string"), String("integer")]))]);
        }

        var names = Fields(type).Select(f => String(f.Name));
        return Object([Member("type", String("string")), Member("enum", Array(names))]);
    }

    /// <summary>The enum as System.Text.Json handles it, inside a type the JSON context serializes.</summary>
    public static string ThroughContext(ITypeSymbol type, KnownTypes known, bool propertyConverter)
    {
        if (!propertyConverter && !known.StringEnumsEverywhere && !known.StringEnumTypes.Any(t => SymbolEqualityComparer.Default.Equals(t, type))
            && !HasStringConverter(type, type))
        {
            var range = type is INamedTypeSymbol { EnumUnderlyingType: { } underlying }
                ? TypeClassifier.Range(TypeClassifier.PrimitiveOf(underlying, known))
                : null;
            return range is { } bounds
                ? Object([Member("type", String("integer")), Member("minimum", bounds.Key), Member("maximum", bounds.Value)])
                : Object([Member("type", String("integer"))]);
        }

        // Flags combine as "Read, Write", which no list of names describes.
        if (IsFlags(type))
        {
            return Object([Member("type", String("string"))]);
        }

        var names = Fields(type).Select(f => String(WireName(f)));
        return Object([Member("type", String("string")), Member("enum", Array(names))]);
    }

    /// <summary>Whether <paramref name="symbol"/> carries <c>[JsonConverter]</c> with a string-enum converter for <paramref name="enumType"/>.</summary>
    public static bool HasStringConverter(ISymbol symbol, ITypeSymbol enumType) =>
        symbol.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, JsonConverterAttribute)
            && a.ConstructorArguments.Length == 1
            && a.ConstructorArguments[0].Value is ITypeSymbol converter
            && IsStringConverter(converter, enumType));

    /// <summary>
    /// Whether <paramref name="converter"/> is (or derives from) <c>JsonStringEnumConverter</c> or
    /// <c>JsonStringEnumConverter&lt;T&gt;</c> for <paramref name="enumType"/> (any enum when null).
    /// </summary>
    public static bool IsStringConverter(ITypeSymbol converter, ITypeSymbol? enumType)
    {
        for (var current = converter as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (Names.IsNamed(current, StringEnumConverter))
            {
                return true;
            }

            if (current.IsGenericType && current.MetadataName == "JsonStringEnumConverter`1"
                && current.ContainingNamespace?.ToDisplayString() == "System.Text.Json.Serialization")
            {
                return enumType is null || SymbolEqualityComparer.Default.Equals(current.TypeArguments[0], enumType);
            }
        }

        return false;
    }

    private static IFieldSymbol[] Fields(ITypeSymbol type) =>
        [.. type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue)];

    /// <summary>
    /// The names an enum key of a dictionary is written with, whatever converter writes the enum's values, as a
    /// <c>propertyNames</c> schema, or null for a <c>[Flags]</c> enum (any string, as for its values) or one without
    /// members. Probed: a member's <c>[JsonStringEnumMemberName]</c> as it is, else its name, written under the options'
    /// <c>DictionaryKeyPolicy</c> (not their <c>PropertyNamingPolicy</c>) but read only as declared (in any case): the
    /// context refuses the <c>"dark-blue"</c> it writes under <c>KebabCaseLower</c>. A value no member has is written
    /// as its number, which the schema leaves out as it does for the values.
    /// </summary>
    public static string? KeyNames(ITypeSymbol type, KnownTypes known, JsonDirection direction)
    {
        var naming = direction == JsonDirection.Written ? known.KeyNaming : JsonPropertyNaming.AsDeclared;
        var fields = Fields(type);
        if (IsFlags(type) || fields.Length == 0)
        {
            return null;
        }

        var names = fields.Select(f => StatedName(f) ?? JsonPropertyNames.Convert(f.Name, naming)).Distinct();
        return Object([Member("enum", Array(names.Select(String)))]);
    }

    private static string WireName(IFieldSymbol field) => StatedName(field) ?? field.Name;

    /// <summary>The member's <c>[JsonStringEnumMemberName]</c>, or null.</summary>
    private static string? StatedName(IFieldSymbol field)
    {
        foreach (var attribute in field.GetAttributes())
        {
            if (Names.IsNamed(attribute.AttributeClass, MemberNameAttribute)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Whether the enum is marked <c>[Flags]</c>, so its values combine member names.</summary>
    public static bool IsFlags(ITypeSymbol type) =>
        type.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, FlagsAttribute));
}
