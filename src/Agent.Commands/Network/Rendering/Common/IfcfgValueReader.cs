using System.Text;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// A variable of a Red Hat <c>ifcfg-*</c> file as NetworkManager's ifcfg-rh plugin reads it
/// (its <c>shvar.c</c>), which is what decides whether NetworkManager manages an interface
/// (<c>NM_CONTROLLED</c>). It reads the bash forms of one line, and differs from bash where a
/// file holds more than that:
/// <list type="bullet">
/// <item>A line assigns only as <c>KEY=</c> after blanks: <c>export KEY=v</c> and bash's
/// <c>KEY+=v</c> are no assignments to it.</item>
/// <item>No expansion: an unquoted <c>$VAR</c>, backtick or <c>~</c> is its text; in double quotes
/// one makes the value unreadable. <c>$"…"</c> is a <c>$</c> and a double-quoted string.</item>
/// <item>Any of its whitespace ends the value (a CRLF file's <c>\r</c> too), after which only
/// blanks, one <c>;</c> and a <c># comment</c> may follow; a value spanning lines, a second
/// command or an unquoted <c>|&amp;()&lt;&gt;</c> makes it unreadable.</item>
/// <item>In double quotes, <c>\'</c> and <c>\~</c> lose their backslash when the whole value has the
/// form its own old writer gave such values.</item>
/// </list>
/// An unreadable value is read as empty, as NetworkManager does.
/// </summary>
internal static class IfcfgValueReader
{
    /// <summary>The value of the key's last assignment, or <c>null</c> when no line assigns it.</summary>
    /// <param name="text">The file, or <c>null</c> when it does not exist.</param>
    /// <param name="key">A variable name.</param>
    public static string? Get(string? text, string key)
    {
        string? assigned = null;
        foreach (var line in (text ?? "").Split('\n'))
        {
            var start = 0;
            while (start < line.Length && IsSpace(line[start]))
            {
                start++;
            }

            if (line.AsSpan(start).StartsWith(key + "=", StringComparison.Ordinal))
            {
                assigned = line[(start + key.Length + 1)..];
            }
        }

        return assigned is null ? null : Unescape(assigned) ?? "";
    }

    /// <summary>The value as NetworkManager unescapes it, or <c>null</c> when it cannot.</summary>
    private static string? Unescape(string value)
    {
        var output = new StringBuilder();
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i++];
            switch (c)
            {
                case ';' or (' ' or '\t' or '\r' or '\f' or '\v'):
                    // The end of the value: blanks, at most one ';' in all, then nothing or a comment.
                    var semicolon = c == ';';
                    while (i < value.Length && (IsSpace(value[i]) || (!semicolon && (semicolon = value[i] == ';'))))
                    {
                        i++;
                    }

                    return i == value.Length || value[i] == '#' ? Checked(output) : null;
                case '\\':
                    if (i == value.Length)
                    {
                        return null;
                    }

                    output.Append(value[i++]);
                    break;
                case '\'':
                    var close = value.IndexOf('\'', i);
                    if (close < 0)
                    {
                        return null;
                    }

                    output.Append(value[i..close]);
                    i = close + 1;
                    break;
                case '"':
                    if (!DoubleQuoted(value, ref i, output))
                    {
                        return null;
                    }

                    break;
                case '$' when i < value.Length && value[i] == '\'':
                    i++;
                    if (AnsiCQuote.Decode(value, ref i, output, networkManager: true) != AnsiCQuote.Outcome.Decoded)
                    {
                        return null;
                    }

                    break;
                case '|' or '&' or '(' or ')' or '<' or '>':
                    return null;
                default:
                    output.Append(c);
                    break;
            }
        }

        return Checked(output);
    }

    private static bool DoubleQuoted(string value, ref int i, StringBuilder output)
    {
        while (i < value.Length)
        {
            var c = value[i++];
            if (c == '"')
            {
                return true;
            }

            if (c is '$' or '`' || (c == '\\' && i == value.Length))
            {
                return false;
            }

            if (c == '\\')
            {
                var escaped = value[i++];
                if (escaped is not ('$' or '`' or '"' or '\\') && !(escaped is '\'' or '~' && LooksLikeOldEscaping(value)))
                {
                    output.Append('\\');
                }

                c = escaped;
            }

            output.Append(c);
        }

        return false;
    }

    /// <summary>
    /// A whole value written as NetworkManager's old writer quoted one: a double-quoted string in
    /// which every <c>"</c>, <c>\</c>, <c>$</c>, backtick, <c>'</c> and <c>~</c> had a backslash.
    /// </summary>
    private static bool LooksLikeOldEscaping(string value)
    {
        if (!value.StartsWith('"'))
        {
            return false;
        }

        for (var k = 1; k < value.Length; k++)
        {
            switch (value[k])
            {
                case '"':
                    return k == value.Length - 1;
                case '\\':
                    if (++k == value.Length || value[k] is not ('"' or '\\' or '$' or '`' or '\'' or '~'))
                    {
                        return false;
                    }

                    break;
                case '$' or '`' or '\'' or '~':
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The value, or <c>null</c> when it holds a NUL (<c>$'\0'</c>, <c>$'\u0000'</c>): NetworkManager
    /// checks the unescaped bytes with GLib's UTF-8 check, which takes a NUL inside them for invalid.
    /// </summary>
    private static string? Checked(StringBuilder output)
    {
        var text = output.ToString();
        return text.Contains('\0', StringComparison.Ordinal) ? null : text;
    }

    // GLib's g_ascii_isspace.
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';
}
