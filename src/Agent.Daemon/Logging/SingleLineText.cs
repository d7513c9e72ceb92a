using System.Globalization;
using System.Text;

namespace GuestAgent.Daemon.Logging;

/// <summary>
/// Makes text safe for one journal record. Messages carry host-controlled text (a request's command
/// name, an id), and journald reads stderr as a stream: a line feed or a NUL ends the record, and
/// the next one starts with a <c>&lt;N&gt;</c> priority prefix of the writer's choosing. Unchecked,
/// a host could forge entries at any priority and send escape sequences to whoever reads the log on
/// a terminal. So CR, LF and TAB become a space (as before), and every other character that could
/// end a record, drive a terminal or redraw the line is replaced by a visible escape:
/// <c>\xNN</c> for C0 controls (NUL, ESC, …), DEL and C1 controls (U+0080–U+009F), <c>\uNNNN</c>
/// for the line and paragraph separators, the bidirectional overrides and isolates, and lone
/// surrogates (which are not text and would reach the journal as U+FFFD or invalid UTF-8).
/// </summary>
internal static class SingleLineText
{
    /// <summary>Appends <paramref name="text"/> to <paramref name="line"/> with every unsafe character replaced.</summary>
    public static void Append(StringBuilder line, string text)
    {
        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                line.Append(c).Append(text[++index]);
            }
            else if (c is '\r' or '\n' or '\t')
            {
                line.Append(' ');
            }
            else if (c < ' ' || c is >= '\u007F' and <= '\u009F')
            {
                line.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else if (NeedsUnicodeEscape(c))
            {
                line.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                line.Append(c);
            }
        }
    }

    /// <summary>Whether <see cref="Append"/> would keep <paramref name="text"/> as it is: no control, separator, reordering mark or lone surrogate, and no CR, LF or TAB.</summary>
    public static bool IsSafe(string text)
    {
        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
            }
            else if (c < ' ' || c is >= '\u007F' and <= '\u009F' || NeedsUnicodeEscape(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="text"/> as one safe line, trimmed.</summary>
    public static string Of(string text)
    {
        var line = new StringBuilder(text.Length);
        Append(line, text);
        return line.ToString().Trim();
    }

    // U+2028/U+2029 break the line on many terminals and viewers; U+202A–U+202E and U+2066–U+2069
    // reorder what follows, so a line could read differently from what it holds. A surrogate reaching
    // here has no partner (pairs are copied above).
    private static bool NeedsUnicodeEscape(char c) =>
        c is >= '\u2028' and <= '\u202E' or >= '\u2066' and <= '\u2069' || char.IsSurrogate(c);
}
