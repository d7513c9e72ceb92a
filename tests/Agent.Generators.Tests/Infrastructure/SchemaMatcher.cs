using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GuestAgent.Generators.Tests.Infrastructure;

/// <summary>
/// Whether a JSON value matches a JSON Schema the generator wrote, for tests that check a schema against what the real
/// context writes and reads. It knows every keyword the generator writes and fails on any other, so a new keyword
/// cannot pass unchecked; the annotations (<c>description</c>, <c>default</c>, <c>contentEncoding</c>) do not constrain.
/// It asserts the formats the generator writes, as a validator with format assertion on does: RFC 3339's
/// <c>date-time</c> (an offset required) and <c>full-date</c>, RFC 9562's <c>uuid</c>.
/// </summary>
public static class SchemaMatcher
{
    private static readonly HashSet<string> Annotations = ["$schema", "description", "default", "contentEncoding"];

    /// <summary>Asserts that <paramref name="value"/> matches <paramref name="schema"/>, naming <paramref name="what"/> if not.</summary>
    public static void AssertMatches(JsonElement schema, JsonElement value, string what) =>
        Assert.True(Matches(schema, value), $"{what}: {value.GetRawText()} does not match {schema.GetRawText()}");

    /// <summary>Whether <paramref name="value"/> matches <paramref name="schema"/> (draft 2020-12, the keywords the generator writes).</summary>
    public static bool Matches(JsonElement schema, JsonElement value)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return schema.ValueKind == JsonValueKind.True;
        }

        return schema.EnumerateObject().All(keyword => Annotations.Contains(keyword.Name) || KeywordHolds(keyword.Name, keyword.Value, schema, value));
    }

    /// <summary>A pattern whose closing <c>$</c> means the end of the text, as in ECMA-262 (.NET's <c>$</c> also matches before a final newline).</summary>
    private static string EcmaEnd(string pattern) => pattern.EndsWith('$') ? pattern[..^1] + @"\z" : pattern;

    private static bool KeywordHolds(string keyword, JsonElement argument, JsonElement schema, JsonElement value) => keyword switch
    {
        "anyOf" => argument.EnumerateArray().Any(option => Matches(option, value)),
        "not" => !Matches(argument, value),
        "const" => SameJson(argument, value),
        "enum" => argument.EnumerateArray().Any(allowed => SameJson(allowed, value)),
        "type" => argument.ValueKind == JsonValueKind.Array
            ? argument.EnumerateArray().Any(type => TypeMatches(type.GetString()!, value))
            : TypeMatches(argument.GetString()!, value),
        "minimum" => value.ValueKind != JsonValueKind.Number || value.GetDouble() >= argument.GetDouble(),
        "maximum" => value.ValueKind != JsonValueKind.Number || value.GetDouble() <= argument.GetDouble(),
        "pattern" => value.ValueKind != JsonValueKind.String || Regex.IsMatch(value.GetString()!, EcmaEnd(argument.GetString()!)),
        "format" => value.ValueKind != JsonValueKind.String || FormatHolds(argument.GetString()!, value.GetString()!),
        "minLength" => value.ValueKind != JsonValueKind.String || new StringInfo(value.GetString()!).LengthInTextElements >= argument.GetInt32(),
        "maxLength" => value.ValueKind != JsonValueKind.String || new StringInfo(value.GetString()!).LengthInTextElements <= argument.GetInt32(),
        "items" => value.ValueKind != JsonValueKind.Array || value.EnumerateArray().All(item => Matches(argument, item)),
        "required" => value.ValueKind != JsonValueKind.Object || argument.EnumerateArray().All(name => value.TryGetProperty(name.GetString()!, out _)),
        "propertyNames" => value.ValueKind != JsonValueKind.Object || value.EnumerateObject().All(member => Matches(argument, JsonString(member.Name))),
        "properties" => value.ValueKind != JsonValueKind.Object
            || value.EnumerateObject().All(member => !argument.TryGetProperty(member.Name, out var memberSchema) || Matches(memberSchema, member.Value)),
        "additionalProperties" => value.ValueKind != JsonValueKind.Object
            || value.EnumerateObject().All(member => Listed(schema, member.Name) || Matches(argument, member.Value)),
        _ => throw new ArgumentException($"a keyword the matcher does not know: {keyword}"),
    };

    private static bool FormatHolds(string format, string text) => format switch
    {
        "date-time" => Regex.IsMatch(text, @"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})\z")
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date" => Regex.IsMatch(text, @"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z") && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uuid" => Regex.IsMatch(text, @"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\z"),
        _ => throw new ArgumentException("a format the generator does not write: " + format),
    };

    private static bool Listed(JsonElement schema, string name) =>
        schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(name, out _);

    private static bool SameJson(JsonElement left, JsonElement right) => JsonElement.DeepEquals(left, right);

    private static JsonElement JsonString(string text)
    {
        using var document = JsonDocument.Parse("\"" + JsonEncodedText.Encode(text) + "\"");
        return document.RootElement.Clone();
    }

    private static bool TypeMatches(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && double.IsInteger(value.GetDouble()),
        "number" => value.ValueKind == JsonValueKind.Number,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new ArgumentException("a type the generator does not write: " + type),
    };
}
