using System.Globalization;
using System.Text;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// An author's text (a schema's member name, a type name, a value) as a diagnostic quotes it, in the notation the
/// runtime's messages and log lines use (<c>GuestAgent.Platform.EscapedText.ForLog</c>, which this netstandard2.0
/// generator cannot reference): printable characters kept, and each UTF-8 byte of <c>%</c>, <c>'</c>, <c>"</c>,
/// <c>\</c>, a control character (C0, DEL, C1), a format character (bidirectional overrides, zero-width characters,
/// the byte order mark), a line, paragraph or space separator other than the space, a private-use or unassigned code
/// point, and U+FFFD shown as <c>%XX</c>; a lone surrogate, which UTF-8 cannot hold, as U+FFFD's bytes. So a name
/// holding a NUL or a right-to-left override reads <c>a%00b</c> and <c>%E2%80%AEx</c> in the message, as the agent
/// would show it, never a raw character that cuts the line, hides, or reorders what follows it, and no two texts
/// read alike.
/// </summary>
internal static class MessageText
{
    public static string Escaped(string text)
    {
        var shown = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= ' ' and <= '~')
            {
                AppendAscii(shown, c);
                continue;
            }

            var whole = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var character = whole ? text.Substring(i, 2) : char.IsSurrogate(c) ? "\uFFFD" : c.ToString();
            if (c >= 0x80 && IsKept(character))
            {
                _ = shown.Append(character);
            }
            else
            {
                foreach (var b in Encoding.UTF8.GetBytes(character))
                {
                    AppendByte(shown, b);
                }
            }

            i += whole ? 1 : 0;
        }

        return shown.ToString();
    }

    private static void AppendAscii(StringBuilder shown, char c)
    {
        if (c is '\'' or '"' or '\\' or '%')
        {
            AppendByte(shown, (byte)c);
        }
        else
        {
            _ = shown.Append(c);
        }
    }

    private static void AppendByte(StringBuilder shown, byte b) =>
        _ = shown.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));

    // What a reader sees as the character it is; U+FFFD would read as a byte a decoder could not read.
    private static bool IsKept(string character) =>
        character != "\uFFFD" && CharUnicodeInfo.GetUnicodeCategory(character, 0) is not (UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate);
}
