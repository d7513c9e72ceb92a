using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Types System.Text.Json writes through a converter of its own although they are neither
/// primitives of the binder nor objects (a string, a number, any JSON value): described as it
/// writes them, not by their public properties.
/// </summary>
internal static class WellKnownSchemas
{
    public static string? For(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Char)
        {
            return Object([Member("type", String("string")), Member("minLength", "1"), Member("maxLength", "1")]);
        }

        var base64 = Object([Member("type", String("string")), Member("contentEncoding", String("base64"))]);
        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return base64;
        }

        // A JSON null is no node: the binder refuses it for a non-nullable node (a nullable one adds it).
        return type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() switch
        {
            "System.DateOnly" => Object([Member("type", String("string")), Member("format", String("date"))]),
            "System.TimeSpan" or "System.TimeOnly" or "System.Uri" or "System.Version" => Object([Member("type", String("string"))]),
            "System.Memory<byte>" or "System.ReadOnlyMemory<byte>" => base64,
            "System.Int128" => Integer("-170141183460469231731687303715884105728", "170141183460469231731687303715884105727"),
            "System.UInt128" => Integer("0", "340282366920938463463374607431768211455"),
            "System.Half" => Object([Member("type", String("number"))]),
            "System.Text.Json.Nodes.JsonNode" or "System.Text.Json.JsonDocument" => Object([Member("type", Array([String("object"), String("array"), String("string"), String("number"), String("boolean")]))]),
            "System.Text.Json.Nodes.JsonObject" => Object([Member("type", String("object"))]),
            "System.Text.Json.Nodes.JsonArray" => Object([Member("type", String("array"))]),
            "System.Text.Json.Nodes.JsonValue" => Object([Member("type", Array([String("string"), String("number"), String("boolean")]))]),
            _ => null,
        };
    }

    private static string Integer(string minimum, string maximum) =>
        Object([Member("type", String("integer")), Member("minimum", minimum), Member("maximum", maximum)]);
}
