using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace GuestAgent.Commands;

/// <summary>
/// Whether every string of a JSON value (property names included) can be read as .NET text. JSON
/// may escape an unpaired UTF-16 surrogate (<c>"\ud800"</c>), which no .NET string holds, and a
/// caller of <c>TryDispatch</c> may pass bytes that are not UTF-8: <see cref="JsonElement.GetString"/>
/// throws on either. A generated registry checks a <see cref="JsonElement"/> value with this before
/// calling the command, so a command that takes its value whole answers the same binding error as
/// one that takes a typed <c>string</c> (<see cref="BindingErrors.InvalidText"/>), instead of
/// failing inside the command with an internal error.
/// </summary>
public static class JsonTextCheck
{
    /// <summary>
    /// Whether every string in <paramref name="element"/> reads as .NET text. Reads the element's
    /// own bytes: no allocation, and a value without a backslash is checked in one vectorised pass.
    /// Used by generated code; not meant to be called directly.
    /// </summary>
    /// <param name="element">A value parsed by <see cref="JsonElement.ParseValue"/>.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool IsReadable(JsonElement element) => IsReadable(JsonMarshal.GetRawUtf8Value(element));

    /// <summary>
    /// Whether <paramref name="json"/>, the UTF-8 text of one well-formed JSON value, is valid UTF-8
    /// whose <c>\u</c> escapes pair every surrogate. Well-formed JSON has backslashes only inside
    /// strings, each starting an escape, so a walk from backslash to backslash sees every escape.
    /// </summary>
    private static bool IsReadable(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return false;
        }

        var awaitingLowSurrogate = false;
        var next = json.IndexOf((byte)'\\');
        while (next >= 0)
        {
            json = json[next..];
            // The element's bytes are well-formed JSON: each backslash starts a complete escape, and
            // only a "\u" escape can name a surrogate.
            if (json[1] != (byte)'u')
            {
                if (awaitingLowSurrogate)
                {
                    return false;
                }

                json = json[2..];
            }
            else
            {
                var unit = (char)int.Parse(json.Slice(2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                if (char.IsLowSurrogate(unit) != awaitingLowSurrogate)
                {
                    return false;
                }

                awaitingLowSurrogate = char.IsHighSurrogate(unit);
                json = json[6..];
            }

            next = json.IndexOf((byte)'\\');
            // A high surrogate's partner must be the very next escape, with no text between.
            if (awaitingLowSurrogate && next != 0)
            {
                return false;
            }
        }

        return true;
    }
}
