using System.Text;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// The body of a <c>$'…'</c> (ANSI-C quoted) string, as bash decodes it, and as NetworkManager's
/// ifcfg reader decodes the same form where the two differ.
/// </summary>
internal static class AnsiCQuote
{
    /// <summary>How a decoded string turned out.</summary>
    public enum Outcome
    {
        /// <summary>Decoded; the text is what the reader gives.</summary>
        Decoded,

        /// <summary>
        /// Decoded, but the reader's text is not one we can write down: a byte of 0x80 or more
        /// (<c>\xfa</c>, <c>\372</c>) is a raw byte, not a character, and bash writes a
        /// <c>\u</c>/<c>\U</c> beyond ASCII in the locale's encoding (or leaves it as written
        /// in the C locale), which depends on who runs the file.
        /// </summary>
        NotText,

        /// <summary>No closing quote: the shell stops there with a syntax error.</summary>
        Unterminated,
    }

    /// <summary>
    /// Decodes from <paramref name="index"/> (just after <c>$'</c>) to the closing quote, leaving
    /// <paramref name="index"/> after it.
    /// </summary>
    /// <param name="text">The text that holds the string.</param>
    /// <param name="index">Where its body starts; on return, just after the closing quote.</param>
    /// <param name="output">Receives the decoded text.</param>
    /// <param name="networkManager">
    /// Read as NetworkManager's <c>svUnescape</c> does: a <c>\u</c> beyond ASCII is its UTF-8
    /// character, <c>\c</c> is no escape, and a NUL is kept (the whole value is then unreadable for it),
    /// where bash ends only this quoted string's text there.
    /// </param>
    public static Outcome Decode(string text, ref int index, StringBuilder output, bool networkManager)
    {
        // The string ends at the first quote no backslash escapes, backslashes taken in pairs: both
        // shells find its end that way before decoding it, so no escape can reach past that quote.
        var end = index;
        while (end < text.Length && text[end] != '\'')
        {
            end += text[end] == '\\' ? 2 : 1;
        }

        if (end >= text.Length)
        {
            return Outcome.Unterminated;
        }

        var body = text[index..end];
        index = end + 1;
        var outcome = Outcome.Decoded;
        var ended = false;
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i++];
            if (c != '\\' || i == body.Length)
            {
                Append(c);
                continue;
            }

            var e = body[i++];
            switch (e)
            {
                case 'a': Append('\a'); break;
                case 'b': Append('\b'); break;
                case 'e' or 'E': Append('\u001b'); break;
                case 'f': Append('\f'); break;
                case 'n': Append('\n'); break;
                case 'r': Append('\r'); break;
                case 't': Append('\t'); break;
                case 'v': Append('\v'); break;
                case '\\' or '\'' or '"' or '?': Append(e); break;
                case >= '0' and <= '7':
                    // Three octal digits can pass 0xff: both shells keep the low eight bits (\401 is \001).
                    var octal = Digits(body, ref i, e - '0', 8, 2);
                    Byte(octal & 0xff);
                    break;
                case 'x' or 'u' or 'U' when i < body.Length && char.IsAsciiHexDigit(body[i]):
                    var value = Digits(body, ref i, 0, 16, e switch { 'x' => 2, 'u' => 4, _ => 8 });
                    if (e == 'x')
                    {
                        Byte(value);
                    }
                    else if (value < 0x80)
                    {
                        Append((char)value);
                    }
                    else if (networkManager && value <= 0x10FFFF && value is < 0xD800 or > 0xDFFF)
                    {
                        output.Append(char.ConvertFromUtf32(value));
                    }
                    else
                    {
                        outcome = Outcome.NotText;
                    }

                    break;
                case 'c' when !networkManager && i < body.Length:
                    // Control characters: ^? is DEL, the rest drop to their low five bits; bash takes
                    // \c\\ (two backslashes) as one control-backslash. A \c that ends the string stays.
                    var control = body[i++];
                    i += control == '\\' && i < body.Length && body[i] == '\\' ? 1 : 0;
                    Append(control == '?' ? '\u007f' : (char)(control & 0x1f));
                    break;
                default:
                    // Not an escape: both readers keep the backslash.
                    Append('\\');
                    Append(e);
                    break;
            }
        }

        return outcome;

        void Byte(int value)
        {
            if (value >= 0x80)
            {
                outcome = Outcome.NotText;
            }
            else
            {
                Append((char)value);
            }
        }

        void Append(char c)
        {
            // Bash's string ends at a NUL, so the rest of this quoted string is no part of the value.
            ended |= c == '\0' && !networkManager;
            if (!ended)
            {
                output.Append(c);
            }
        }
    }

    private static int Digits(string text, ref int index, int value, int radix, int more)
    {
        for (; more > 0 && index < text.Length; more--)
        {
            var c = text[index];
            var digit = radix == 8
                ? c is >= '0' and <= '7' ? c - '0' : -1
                : char.IsAsciiHexDigit(c) ? Convert.ToInt32(c.ToString(), 16) : -1;
            if (digit < 0)
            {
                break;
            }

            value = (value * radix) + digit;
            index++;
        }

        return value;
    }
}
