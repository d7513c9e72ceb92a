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
            "System.TimeSpan" or "System.TimeOnly" or "System.Version" => Object([Member("type", String("string")), Member("pattern", String(TextPattern(type)!))]),
            "System.Uri" => Object([Member("type", String("string"))]),
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

    /// <summary>
    /// The form System.Text.Json writes a <c>TimeSpan</c>, <c>TimeOnly</c> or <c>Version</c> in, as a value or a dictionary
    /// key, or null for another type. Probed on .NET 10: <c>"01:30:00"</c>, <c>"-1.02:03:04.5000000"</c> (days without
    /// leading zeros, seven fraction digits when there is a fraction); <c>"23:59:59.9999990"</c>; <c>"1.2"</c> to
    /// <c>"1.2.3.4"</c>. It reads more loosely (<c>"1:30:00"</c>, <c>"1"</c> for a day, <c>"01.2"</c>), as for numbers;
    /// a <c>TimeSpan</c>'s range is not stated.
    /// </summary>
    public static string? TextPattern(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() switch
    {
        "System.TimeSpan" => "^-?([1-9][0-9]*[.])?" + TimeOfDay + "$",
        "System.TimeOnly" => "^" + TimeOfDay + "$",
        "System.Version" => "^(0|[1-9][0-9]*)([.](0|[1-9][0-9]*)){1,3}$",
        _ => null,
    };

    /// <summary>
    /// The forms of a <c>DateTime</c>, as a value or a dictionary key: RFC 3339's <c>date-time</c> (what System.Text.Json
    /// writes for a <c>Kind</c> of <c>Utc</c>, <c>"2020-01-02T03:04:05Z"</c>, or <c>Local</c>, with its offset), or the
    /// same without an offset, which it writes for <c>Unspecified</c> (<c>"2020-01-02T00:00:00"</c>, the fraction without
    /// trailing zeros, probed on .NET 10) and <c>date-time</c> refuses. A <c>DateTimeOffset</c> always has its offset.
    /// </summary>
    public static string DateTimeForms() =>
        Array([Object([Member("format", String("date-time"))]), Object([Member("pattern", String("^[0-9]{4}-" + MonthAndDay + "T" + TimeOfDayTrimmed + "$"))])]);

    // No backslash ("[.]"), so that no schema needs a JSON escape sequence.
    private const string MonthAndDay = "(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
    private const string Clock = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]";

    // A DateTime's fraction without trailing zeros; a TimeSpan's and a TimeOnly's with all seven digits.
    private const string TimeOfDayTrimmed = Clock + "([.][0-9]{0,6}[1-9])?";
    private const string TimeOfDay = Clock + "([.][0-9]{7})?";

    private static string Integer(string minimum, string maximum) =>
        Object([Member("type", String("integer")), Member("minimum", minimum), Member("maximum", maximum)]);
}
