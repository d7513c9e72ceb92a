using System.ComponentModel;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GuestAgent.Commands;

/// <summary>
/// Renders the primitive results of generated commands as JSON text without a serializer context.
/// Used by generated code; not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CommandResultFormatter
{
    // The default encoder would write '+' (every time-zone offset), '\'', '<', '>' and '&' as \uXXXX
    // escapes, which the escape-free wire form (ResponseWriter) could only mangle into "/u002B";
    // the relaxed encoder escapes only what JSON requires ('"', '\\' and control characters).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A signed integer as JSON.</summary>
    public static string Json(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An unsigned integer as JSON.</summary>
    public static string Json(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A double as JSON (not-a-number and infinities are not JSON and throw).</summary>
    public static string Json(double value) => Write(value, static (w, v) => w.WriteNumberValue(v));

    /// <summary>A float as JSON (not-a-number and infinities are not JSON and throw).</summary>
    public static string Json(float value) => Write(value, static (w, v) => w.WriteNumberValue(v));

    /// <summary>A decimal as JSON.</summary>
    public static string Json(decimal value) => Write(value, static (w, v) => w.WriteNumberValue(v));

    /// <summary>A boolean as JSON.</summary>
    public static string Json(bool value) => value ? "true" : "false";

    /// <summary>A GUID as a JSON string.</summary>
    public static string Json(Guid value) => "\"" + value.ToString("D") + "\"";

    /// <summary>A date and time as an ISO 8601 JSON string.</summary>
    public static string Json(DateTime value) => Write(value, static (w, v) => w.WriteStringValue(v));

    /// <summary>A date and time with offset as an ISO 8601 JSON string.</summary>
    public static string Json(DateTimeOffset value) => Write(value, static (w, v) => w.WriteStringValue(v));

    /// <summary>
    /// An enum value as a JSON string: its member's name, its flags' names joined by commas, or, when no
    /// member names it, its number.
    /// </summary>
    public static string JsonEnum<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var text = value.ToString();

        // Enum.ToString takes no format provider: a number no member names comes out with the current
        // culture's minus sign (U+2212 under sv-SE, which the wire form turns into '?'). Enums format
        // without grouping or decimals, so the sign is the only part that can differ; no name starts with it.
        var minus = NumberFormatInfo.CurrentInfo.NegativeSign;
        if (minus != "-" && text.Length > minus.Length && text.StartsWith(minus, StringComparison.Ordinal)
            && char.IsAsciiDigit(text[minus.Length]))
        {
            text = string.Concat("-", text.AsSpan(minus.Length));
        }

        return JsonString(text);
    }

    /// <summary>Text as a JSON string.</summary>
    public static string JsonString(string? value) =>
        value is null ? "null" : Write(value, static (w, v) => w.WriteStringValue(v));

    /// <summary>
    /// A value of a complex type as JSON, through its source-generated metadata. Written with the
    /// relaxed encoder whatever the context's options say, so the text survives the escape-free wire form.
    /// </summary>
    public static string Json<T>(T value, JsonTypeInfo<T> typeInfo) =>
        Write((value, typeInfo), static (w, v) => JsonSerializer.Serialize(w, v.value, v.typeInfo));

    /// <summary>A JSON element as its JSON text.</summary>
    public static string Json(JsonElement value) => value.ValueKind == JsonValueKind.Undefined ? "null" : value.GetRawText();

    private static string Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
