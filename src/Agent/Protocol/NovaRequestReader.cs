using System.Text.Json;

namespace GuestAgent.Protocol;

/// <summary>
/// Reads <c>{"name": …, "value": …}</c> without building a document: it finds the name and the
/// raw UTF-8 text of the value, which the generated binders read in place. Plain requests (the
/// usual case) take <see cref="PlainRequestScanner"/>'s fast path; the rest a <c>Utf8JsonReader</c>.
/// </summary>
internal static class NovaRequestReader
{
    /// <summary>The JSON text of the empty string, which stands for a missing <c>value</c>.</summary>
    public static readonly ReadOnlyMemory<byte> EmptyStringValue = "\"\""u8.ToArray();

    /// <summary>Outcome of reading a request.</summary>
    public enum Outcome
    {
        /// <summary>Name and value were found.</summary>
        Ok,

        /// <summary>The bytes are not a JSON object.</summary>
        Malformed,

        /// <summary>The object has no <c>name</c> property.</summary>
        MissingName,
    }

    /// <summary>Splits a request into its name (as JSON token) and value.</summary>
    /// <param name="data">The request bytes.</param>
    /// <param name="name">The range of the name's token in <paramref name="data"/>, quotes excluded for strings.</param>
    /// <param name="nameIsString">Whether the name is a JSON string (it may then need unescaping).</param>
    /// <param name="nameHasEscapes">Whether the name string contains escapes to decode.</param>
    /// <param name="value">The value's JSON text, or <see cref="EmptyStringValue"/>.</param>
    public static Outcome Read(ReadOnlyMemory<byte> data, out Range name, out bool nameIsString, out bool nameHasEscapes, out ReadOnlyMemory<byte> value)
    {
        nameHasEscapes = false;
        if (PlainRequestScanner.TryRead(data.Span, out name, out var foundName, out var valueRange, out var foundValue))
        {
            nameIsString = foundName;
            value = foundValue ? data[valueRange] : EmptyStringValue;
            return foundName ? Outcome.Ok : Outcome.MissingName;
        }

        return ReadGeneral(data, out name, out nameIsString, out nameHasEscapes, out value);
    }

    /// <summary>The general path of <see cref="Read"/>: any JSON, and the judge of malformed requests.</summary>
    internal static Outcome ReadGeneral(ReadOnlyMemory<byte> data, out Range name, out bool nameIsString, out bool nameHasEscapes, out ReadOnlyMemory<byte> value)
    {
        name = default;
        nameIsString = false;
        nameHasEscapes = false;
        value = EmptyStringValue;
        var foundName = false;
        try
        {
            var reader = new Utf8JsonReader(data.Span, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Outcome.Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("name"u8);
                var isValue = !isName && reader.ValueTextEquals("value"u8);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                var end = (int)reader.BytesConsumed;
                if (isName)
                {
                    foundName = true;
                    nameIsString = reader.TokenType == JsonTokenType.String;
                    nameHasEscapes = nameIsString && reader.ValueIsEscaped;
                    name = nameIsString ? new Range(start + 1, end - 1) : new Range(start, end);
                }
                else if (isValue)
                {
                    value = data[start..end];
                }
            }

            // Anything after the closing brace (other than white space) makes the request malformed.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return Outcome.Malformed;
            }
        }
        catch (JsonException)
        {
            return Outcome.Malformed;
        }

        return foundName ? Outcome.Ok : Outcome.MissingName;
    }
}
