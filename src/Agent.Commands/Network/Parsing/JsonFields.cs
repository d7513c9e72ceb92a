using System.Globalization;
using System.Text.Json;

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// Lenient readers for the fields of Nova's networking JSON, where any value may be <c>null</c>
/// or missing and numbers sometimes arrive as strings.
/// </summary>
internal static class JsonFields
{
    /// <summary>The property, or <c>null</c> when it is missing or JSON <c>null</c>.</summary>
    public static JsonElement? Get(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A string property; missing or null gives <c>null</c>; any other type is an error.</summary>
    public static string? GetString(JsonElement obj, string name, string where)
    {
        var value = Get(obj, name);
        return value switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            _ => throw new InvalidNetworkDataException($"{where}: '{name}' must be a string"),
        };
    }

    /// <summary>An array property; missing or null gives an empty sequence.</summary>
    public static IEnumerable<JsonElement> GetArray(JsonElement obj, string name, string where)
    {
        var value = Get(obj, name);
        return value switch
        {
            null => [],
            { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().ToArray(),
            _ => throw new InvalidNetworkDataException($"{where}: '{name}' must be a list"),
        };
    }

    /// <summary>
    /// An integer written as a JSON number or as a string of digits (Nova writes IPv6 prefix
    /// lengths as numbers, some tools as strings). <c>null</c> when missing.
    /// </summary>
    public static long? GetInteger(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var number):
                return number;
            case JsonValueKind.String:
                var text = value.GetString()!.Trim();
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            case JsonValueKind.True:
                return 1;
            case JsonValueKind.False:
                return 0;
            default:
                return null;
        }
    }
}
