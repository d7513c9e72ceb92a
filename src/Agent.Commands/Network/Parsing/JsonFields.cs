using System.Globalization;
using System.Text.Json;

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// Lenient readers for the fields of Nova's networking JSON, where any value may be <c>null</c>
/// or missing and numbers sometimes arrive as strings.
/// </summary>
internal static class JsonFields
{
    // 2^63: every whole double below it in magnitude converts to a long exactly.
    private const double MaxWholeDouble = 9223372036854775808.0;

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
    /// lengths as numbers, some tools as strings). A number with a fraction or an exponent counts
    /// when its value is whole (<c>1.0</c>, <c>6.4e1</c>), as the original agent's <c>int()</c> took
    /// it; <c>null</c> when missing or not a whole number.
    /// </summary>
    public static long? GetInteger(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var number):
                return number;
            case JsonValueKind.Number when value.TryGetDouble(out var real) && double.IsInteger(real) && Math.Abs(real) < MaxWholeDouble:
                return (long)real;
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
