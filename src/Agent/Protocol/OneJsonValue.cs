using System.Text.Json;

namespace GuestAgent.Protocol;

/// <summary>
/// Whether a command's value is exactly one JSON value, as <see cref="CommandExecutor"/> requires
/// of what a parser hands it, so that a parser passing too wide a slice (<c>{"a":2} junk</c>) is
/// told so before any command runs, with a reason logged. A generated binding refuses bytes after
/// the value too, but only a command that reads its value: one that binds nothing never looks.
/// </summary>
internal static class OneJsonValue
{
    // As NovaRequestReader reads a whole request: a value nested deeper cannot reach a command from Nova either.
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>
    /// Checks <paramref name="value"/>: <c>null</c> when it is one JSON value (white space around it
    /// allowed), else why not, in words that quote none of it (it may hold a secret). One reader
    /// pass; no allocation unless it is refused.
    /// </summary>
    public static string? Check(ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(value, isFinalBlock: true, new JsonReaderState(Options));
        long end = -1;
        try
        {
            // The reader itself refuses no value, a truncated one and a second one (it allows one value
            // only): the loop ends without an exception only after exactly one complete value.
            while (reader.Read())
            {
                // A value ends at depth 0 with any token but the start of an object or array.
                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    end = reader.BytesConsumed;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            // After one complete value the reader refuses only what follows it.
            return end < 0
                ? $"its {value.Length} bytes are not one complete JSON value"
                : $"{value.Length - end} bytes follow the JSON value that ends at byte {end}";
        }
    }
}
