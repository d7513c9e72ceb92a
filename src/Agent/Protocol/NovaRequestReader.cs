using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

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

        /// <summary>The bytes are not a JSON object (or not UTF-8).</summary>
        Malformed,

        /// <summary>The object has no <c>name</c> property.</summary>
        MissingName,

        /// <summary>The request nests objects and arrays deeper than <see cref="MaxDepth"/> levels (the request itself counted).</summary>
        TooDeep,
    }

    /// <summary>
    /// How deep a request may nest, the request object counted: System.Text.Json's default, which
    /// every later reader of a value keeps (the one-value check, the generated binders), so a value
    /// no command could read is refused here, with its reason, rather than by some commands only.
    /// Nova's values are strings or one flat object; Python's json (the original agent's) stops at
    /// its recursion limit, about 1000 levels.
    /// </summary>
    public const int MaxDepth = 64;

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

    /// <summary>
    /// The name of the command a request dispatches, read and decoded exactly as
    /// <see cref="NovaJsonParser"/> reads it (the last <c>name</c> wins, anything after the object makes
    /// the request malformed), for callers that must agree with the parser without running it (the
    /// daemon's start-up readiness). <c>false</c> when the request dispatches no command: malformed, no
    /// <c>name</c>, or a name that is not a string.
    /// </summary>
    /// <param name="data">The request bytes.</param>
    /// <param name="utf8Name">The name's UTF-8 bytes, as handed to <see cref="Commands.ICommandRegistry.TryDispatch"/>.</param>
    internal static bool TryReadCommandName(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> utf8Name)
    {
        Range name;
        bool nameIsString;
        var nameHasEscapes = false;
        Outcome outcome;
        if (PlainRequestScanner.TryRead(data, out name, out nameIsString, out _, out _))
        {
            outcome = nameIsString ? Outcome.Ok : Outcome.MissingName;
        }
        else
        {
            outcome = ReadGeneral(data, out name, out nameIsString, out nameHasEscapes, out _);
        }

        utf8Name = outcome == Outcome.Ok && nameIsString ? NameBytes(data, name, nameHasEscapes) : default;
        return outcome == Outcome.Ok && nameIsString;
    }

    /// <summary>Whether a request dispatches the command named <paramref name="utf8Name"/> (see <see cref="TryReadCommandName"/>).</summary>
    internal static bool IsCommand(ReadOnlySpan<byte> data, ReadOnlySpan<byte> utf8Name) =>
        TryReadCommandName(data, out var name) && name.SequenceEqual(utf8Name);

    /// <summary>
    /// The UTF-8 bytes of a string name found by <see cref="Read"/>: used in place, or decoded when
    /// written with escapes (rare). Escapes that encode no text (a lone surrogate such as
    /// <c>\ud800</c>) leave the name as written: it then matches no command and is answered as
    /// unknown, instead of failing the request.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ReadOnlySpan<byte> NameBytes(ReadOnlySpan<byte> data, Range name, bool nameHasEscapes) =>
        nameHasEscapes && DecodeEscapedName(data[(name.Start.Value - 1)..(name.End.Value + 1)]) is { } decoded
            ? decoded
            : data[name];

    /// <summary>The UTF-8 text of a quoted, escaped JSON string, or <c>null</c> when its escapes encode no text.</summary>
    private static byte[]? DecodeEscapedName(ReadOnlySpan<byte> quoted)
    {
        try
        {
            return Encoding.UTF8.GetBytes(JsonSerializer.Deserialize(quoted, ProtocolJsonContext.Default.String)!);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The general path of <see cref="Read"/>: any JSON, and the judge of malformed requests.</summary>
    internal static Outcome ReadGeneral(ReadOnlyMemory<byte> data, out Range name, out bool nameIsString, out bool nameHasEscapes, out ReadOnlyMemory<byte> value)
    {
        var outcome = ReadGeneral(data.Span, out name, out nameIsString, out nameHasEscapes, out var valueRange);
        value = valueRange is { } found ? data[found] : EmptyStringValue;
        return outcome;
    }

    /// <summary><see cref="ReadGeneral(ReadOnlyMemory{byte}, out Range, out bool, out bool, out ReadOnlyMemory{byte})"/> on a span: the value as a range, <c>null</c> when missing.</summary>
    private static Outcome ReadGeneral(ReadOnlySpan<byte> data, out Range name, out bool nameIsString, out bool nameHasEscapes, out Range? value)
    {
        name = default;
        nameIsString = false;
        nameHasEscapes = false;
        value = null;
        var foundName = false;

        // JSON text is UTF-8 (RFC 8259 §8.1), and Utf8JsonReader does not check the bytes inside a
        // string: such a value reached the commands, and one that decodes it failed as if with an
        // internal error. The original agent's json.loads refuses it: the request is malformed.
        // (The plain path never takes it: it accepts ASCII only.)
        if (!Utf8.IsValid(data))
        {
            return Outcome.Malformed;
        }

        try
        {
            // One level of room: Skip would throw at the limit with a JsonException like any syntax
            // error's, and the answer would not say why; SkipBelowLimit stops there first.
            var reader = new Utf8JsonReader(data, new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Outcome.Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = KeyIs(ref reader, "name"u8);
                var isValue = !isName && KeyIs(ref reader, "value"u8);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !SkipBelowLimit(ref reader))
                {
                    return Outcome.TooDeep;
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
                    value = start..end;
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

    /// <summary>
    /// Whether the property name the reader is on is <paramref name="key"/>. A name whose escapes encode
    /// no text (a lone surrogate, <c>"\ud800"</c>) is neither <c>name</c> nor <c>value</c>: json.loads
    /// reads it as a key of its own, but <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/>
    /// throws on it, which failed the whole request with an internal error.
    /// </summary>
    private static bool KeyIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> key)
    {
        try
        {
            return reader.ValueTextEquals(key);
        }
        catch (InvalidOperationException) when (reader.ValueIsEscaped)
        {
            return false;
        }
    }

    /// <summary>
    /// Skips the object or array the reader is on, as <see cref="Utf8JsonReader.Skip"/> does, without
    /// recursion; <c>false</c> as soon as a container opens at <see cref="MaxDepth"/> levels or more.
    /// </summary>
    private static bool SkipBelowLimit(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxDepth)
            {
                return false;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == depth)
            {
                return true;
            }
        }

        return true;
    }
}
