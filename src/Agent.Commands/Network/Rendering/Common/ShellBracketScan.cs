using System.Text;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Finds the bracket that closes an expansion (<c>$(…)</c>, <c>${…}</c>, <c>$[…]</c>) or the backquote that closes
/// a command substitution, as bash and dash read them. A command substitution is a script of its own: a here-document
/// opened in it has its body on the lines after, and that body is text, so a <c>)</c> or a quote there closes nothing
/// (checked by sourcing: <c>X=$(cat &lt;&lt;'EOF'⏎)⏎KEY=x⏎EOF⏎)</c> leaves KEY as it was, and X holds both lines); so is a
/// comment there (<c>X=$( # it's⏎ echo a )</c>). A backquoted command inside any of them is one unit, found by its
/// closing backquote (<c>X=$(echo `echo )`)</c> closes at the last <c>)</c>; <c>${Y:-`echo }`}</c> at the last <c>}</c>).
/// </summary>
internal static class ShellBracketScan
{
    /// <summary>
    /// Where the bracket that closes one opened just before <paramref name="from"/> is, or -1 when the
    /// text ends first or a here-document opened inside is left without its body (bash and dash read
    /// <c>$(cat &lt;&lt;EOF)</c> differently). <paramref name="unread"/> tells a here-document inside that
    /// is not read: one left without its body when the bracket closes, one whose delimiter the shells read
    /// differently (<see cref="ShellHereDocuments.Opened(string, int, out bool)"/>), or one in backquotes;
    /// <paramref name="met"/> any here-document's operator inside, read or not.
    /// </summary>
    public static int Closing(string text, int from, char open, char close, out bool unread, out bool met)
    {
        (unread, met) = (false, false);
        // Only a command substitution holds commands; $((…)), ${…} and $[…] hold none, and << shifts there.
        var commands = open == '(' && !(from < text.Length && text[from] == '(');
        var depth = 1;
        var arithmeticAt = 0;
        List<ShellHereDocument> pending = [];
        for (var index = from; index < text.Length; index++)
        {
            var c = text[index];
            if (c == '\\')
            {
                index++;
            }
            else if (c is '\'' or '"')
            {
                index = text.IndexOf(c, index + 1);
                if (index < 0)
                {
                    return -1;
                }
            }
            else if (c == '`')
            {
                var end = BackquoteClosing(text, index + 1);
                if (end < 0)
                {
                    return -1;
                }

                unread |= HoldsHereDocument(text, index + 1, end);
                index = end;
            }
            else if (c == '#' && commands && arithmeticAt == 0 && (index == from || text[index - 1] is ' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>'))
            {
                // A comment, where a word would start, runs to its line's end; the newline still ends the line.
                var newline = text.IndexOf('\n', index);
                if (newline < 0)
                {
                    return -1;
                }

                index = newline - 1;
            }
            else if (c == '\n' && pending.Count > 0)
            {
                // The bodies start on the next line, in the order their operators came.
                var next = index + 1;
                foreach (var document in pending)
                {
                    next = ShellHereDocuments.Skip(text, next, document, out _);
                }

                pending.Clear();
                index = next - 1;
            }
            else if (commands && arithmeticAt == 0 && c == '<')
            {
                met |= ShellHereDocuments.IsOperator(text, index);
                var opened = ShellHereDocuments.Opened(text, index, out var notRead);
                unread |= notRead;
                if (opened is { } document)
                {
                    pending.Add(document);
                    index++;
                }
            }
            else if (c == open)
            {
                // An inner ((…)) or $((…)) is arithmetic up to its own close: its << is a shift.
                arithmeticAt = commands && arithmeticAt == 0 && index + 1 < text.Length && text[index + 1] == '(' ? depth : arithmeticAt;
                depth++;
            }
            else if (c == close)
            {
                depth--;
                arithmeticAt = depth <= arithmeticAt ? 0 : arithmeticAt;
                if (depth == 0)
                {
                    unread |= pending.Count > 0;
                    return pending.Count == 0 ? index : -1;
                }
            }
        }

        return -1;
    }

    /// <summary>Where the backquote that closes one opened just before <paramref name="from"/> is (a backslash escapes the next character), or -1.</summary>
    public static int BackquoteClosing(string text, int from)
    {
        for (var index = from; index < text.Length; index++)
        {
            if (text[index] == '\\')
            {
                index++;
            }
            else if (text[index] == '`')
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether the backquoted command between <paramref name="from"/> and <paramref name="end"/> opens a here-document:
    /// its body is found only by the closing backquote, which the editor does not read. The command is read as bash
    /// reads it, after the backslash before <c>$</c>, a backquote or a backslash is taken off, so an arithmetic shift
    /// (<c>`echo $((1&lt;&lt;2))`</c>, <c>`((x &lt;&lt; 2))`</c>) and a here-string (<c>&lt;&lt;&lt;</c>) open none.
    /// </summary>
    public static bool HoldsHereDocument(string text, int from, int end)
    {
        if (!text.AsSpan(from, end - from).Contains("<<", StringComparison.Ordinal))
        {
            return false;
        }

        var command = new StringBuilder();
        for (var index = from; index < end; index++)
        {
            command.Append(text[index] == '\\' && index + 1 < end && text[index + 1] is '$' or '`' or '\\' ? text[++index] : text[index]);
        }

        var lexer = new ShellWordLexer(command.ToString());
        for (var token = lexer.Next(); token.Kind is not (ShellTokenKind.End or ShellTokenKind.Unterminated); token = lexer.Next())
        {
        }

        return lexer.HereDocumentMet || lexer.HereDocumentUnread;
    }
}
