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
    public static string ByMemberName(ITypeSymbol type, JsonDirection direction)
    {
        if (IsFlags(type))
        {
            // Read as "Read, Write" or the number of a combination of members' bits; written as Enum.ToString
            // gives it, always a string ("8" where no names make the value up: CommandResultFormatter.JsonEnum).
            return direction == JsonDirection.Written
                ? Object([Member("type", String("string"))])
                : Object([Member("type", Array([String("string"), String("integer")]))]);
        }

        var names = Fields(type).Select(f => String(f.Name));
        return Object([Member("type", String("string")), Member("enum", Array(names))]);
    }

    /// <summary>The enum as System.Text.Json handles it, inside a type the JSON context serializes.</summary>
    /// <param name="type">The enum.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    /// <param name="propertyConverter">The string-enum converter of the property being described, if it has one.</param>
    public static string ThroughContext(ITypeSymbol type, KnownTypes known, INamedTypeSymbol? propertyConverter)
    {
        var converter = propertyConverter ?? StringConverter(type, known);
        if (converter is null && !known.UsesStringEnumConverter)
        {
            var range = type is INamedTypeSymbol { EnumUnderlyingType: { } underlying }
                ? TypeClassifier.Range(TypeClassifier.PrimitiveOf(underlying, known))
                : null;
            return range is { } bounds
                ? Object([Member("type", String("integer")), Member("minimum", bounds.Key), Member("maximum", bounds.Value)])
                : Object([Member("type", String("integer"))]);
        }

        // Flags combine as "Read, Write", which no list of names describes; nor does a policy not known here.
        if (IsFlags(type) || StringEnumNaming.Of(converter, known) is not { } policy)
        {
            return Object([Member("type", String("string"))]);
        }

        var names = Fields(type).Select(f => String(StatedName(f) ?? JsonPropertyNames.Convert(f.Name, policy)));
        return Object([Member("type", String("string")), Member("enum", Array(names))]);
    }

    /// <summary>
    /// The string-enum converter the context writes <paramref name="type"/> (and a dictionary key of it) with, but for a
    /// property's own: the first among the options' <c>Converters</c> that writes it, else the enum's own
    /// <c>[JsonConverter]</c> (probed: before <c>UseStringEnumConverter</c>), or null.
    /// </summary>
    private static INamedTypeSymbol? StringConverter(ITypeSymbol type, KnownTypes known) =>
        known.StringEnumConverters.FirstOrDefault(c => c.Enum is null || SymbolEqualityComparer.Default.Equals(c.Enum, type)).Converter
        ?? StringConverterOn(type, type);

    /// <summary>The string-enum converter for <paramref name="enumType"/> that <paramref name="symbol"/>'s <c>[JsonConverter]</c> names, or null.</summary>
    public static INamedTypeSymbol? StringConverterOn(ISymbol symbol, ITypeSymbol enumType) =>
        symbol.GetAttributes().Where(a => Names.IsNamed(a.AttributeClass, JsonConverterAttribute) && a.ConstructorArguments.Length == 1)
            .Select(a => a.ConstructorArguments[0].Value as INamedTypeSymbol)
            .FirstOrDefault(converter => converter is not null && IsStringConverter(converter, enumType));

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
    /// <c>propertyNames</c> schema, or null for a <c>[Flags]</c> enum (any string, as for its values), one without
    /// members or one whose converter's policy is not known. Probed: a member's <c>[JsonStringEnumMemberName]</c> as it
    /// is; any other name written under the options' <c>DictionaryKeyPolicy</c> when they set one (applied to the
    /// declared name, whatever the converter), else under the string-enum converter's policy; read only as declared (in any
    /// case) or under the converter's policy: the context refuses the <c>"dark-blue"</c> it writes under
    /// <c>KebabCaseLower</c>, so a request states the converter's names. A value no member has is written as its number,
    /// which the schema leaves out as it does for the values.
    /// </summary>
    public static string? KeyNames(ITypeSymbol type, KnownTypes known, JsonDirection direction)
    {
        var fields = Fields(type);
        var converter = StringConverter(type, known);
        var naming = direction == JsonDirection.Written && known.KeyNaming != JsonPropertyNaming.AsDeclared
            ? known.KeyNaming
            : StringEnumNaming.Of(converter, known);
        if (IsFlags(type) || fields.Length == 0 || naming is not { } policy)
        {
            return null;
        }

        var names = fields.Select(f => StatedName(f) ?? JsonPropertyNames.Convert(f.Name, policy)).Distinct();
        return Object([Member("enum", Array(names.Select(String)))]);
    }

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
