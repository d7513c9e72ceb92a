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
    public static int Closing(string text, int from, char open, char close, ShellScanMemo memo, out bool unread, out bool met)
    {
        (var found, unread, met, _) = memo.Closing(text, from, open, close);
        return found;
    }

    /// <summary>
    /// The scan behind <see cref="Closing"/>, which <paramref name="memo"/> runs once per text and place. <paramref name="reach"/>:
    /// the last place it (and what it asked) read, past the bracket found only where <see cref="ShellBracedQuotes.Split(string, int, ShellScanMemo)"/> reads on.
    /// </summary>
    public static int Find(string text, int from, char open, char close, ShellScanMemo memo, out bool unread, out bool met, out int reach)
    {
        (unread, met, reach) = (false, false, from);
        // Only a command substitution holds commands; $((…)), ${…} and $[…] hold none, and << shifts there.
        var commands = open == '(' && !(from < text.Length && text[from] == '(');
        var depth = 1;
        var arithmeticAt = 0;
        List<ShellHereDocument> pending = [];

        // The ) ending an inner expansion ends no word: a # after it is text ($(echo $(echo a)#) is "a#" to both shells).
        var unitEnd = -1;
        for (var index = from; index < text.Length; index++)
        {
            memo.Scanned++;
            var c = text[index];
            if (c == '\\')
            {
                index++;
            }
            else if (c == '$' && index + 1 < text.Length && text[index + 1] == '\'')
            {
                // bash's $'…' ends at a quote no backslash escapes ($'a\'b'); dash (0.5.12) has no $'…', which the readers
                // follow bash in, as at the top level.
                index = AnsiCClosing(text, index + 2);
                if (index < 0)
                {
                    return -1;
                }
            }
            else if (c == '\'')
            {
                index = text.IndexOf(c, index + 1);
                if (index < 0)
                {
                    return -1;
                }
            }
            else if (c == '"')
            {
                // A double-quoted string ends at its first unescaped quote outside the expansions it holds.
                index = DoubleQuoteClosing(text, index + 1, memo, ref unread, ref met, ref reach);
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

                unread |= UnreadBackquoted(text, index + 1, end, quoted: false, memo);
                index = end;
            }
            else if (c == '$' && index + 1 < text.Length && text[index + 1] is '(' or '{' or '[')
            {
                // An inner expansion is one unit (a ) in ${X:-)} closes no $(…)); bash's $[…] is arithmetic, its << a
                // shift, but dash has no $[ and opens a here-document there, so where commands are read it is not trusted.
                var end = Inner(text, index, memo, ref unread, ref met, ref reach);
                if (end < 0)
                {
                    return -1;
                }

                unread |= text[index + 1] == '[' && commands && arithmeticAt == 0 && text.AsSpan(index, end - index).Contains("<<", StringComparison.Ordinal);
                index = unitEnd = end;
            }
            else if (c == '#' && commands && arithmeticAt == 0 && index - 1 != unitEnd && (index == from || text[index - 1] is ' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>'))
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
                    next = ShellHereDocuments.Skip(text, next, document, out var body);
                    unread |= ShellSubstitutionSyntax.BodySplits(text, body, memo);
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
                // An inner ((…)) is arithmetic up to its own close: its << is a shift (a $((…)) is skipped by Inner).
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
                    reach = Math.Max(reach, index);
                    return pending.Count == 0 ? index : -1;
                }
            }
        }

        return -1;
    }

    /// <summary>Where the quote that closes bash's <c>$'…'</c> opened just before <paramref name="from"/> is (a backslash escapes the next character), or -1.</summary>
    public static int AnsiCClosing(string text, int from)
    {
        for (var index = from; index < text.Length; index++)
        {
            if (text[index] == '\\')
            {
                index++;
            }
            else if (text[index] == '\'')
            {
                return index;
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
    /// Where the double quote that closes one opened just before <paramref name="from"/> is, or -1: a backslash escapes
    /// the next character, and a quote inside an expansion (<c>"$(echo ")")"</c>, <c>"`echo "`"</c>'s backquotes) closes nothing.
    /// </summary>
    private static int DoubleQuoteClosing(string text, int from, ShellScanMemo memo, ref bool unread, ref bool met, ref int reach)
    {
        for (var index = from; index < text.Length; index++)
        {
            var c = text[index];
            var next = index + 1 < text.Length ? text[index + 1] : ' ';
            if (c == '\\')
            {
                index++;
            }
            else if (c == '"')
            {
                return index;
            }
            else if (c == '`')
            {
                var end = BackquoteClosing(text, index + 1);
                unread |= end >= 0 && UnreadBackquoted(text, index + 1, end, quoted: true, memo);
                index = end < 0 ? text.Length : end;
            }
            else if (c == '$' && next is '(' or '{' or '[')
            {
                unread |= next == '{' && ShellBracedQuotes.Split(text, index + 2, memo, ref reach);
                index = Inner(text, index, memo, ref unread, ref met, ref reach) is var end and >= 0 ? end : text.Length;
            }
        }

        return -1;
    }

    /// <summary>Where the expansion whose <c>$</c> is at <paramref name="at"/> (<c>$(…)</c>, <c>${…}</c>, <c>$[…]</c>) closes, or -1.</summary>
    private static int Inner(string text, int at, ShellScanMemo memo, ref bool unread, ref bool met, ref int reach)
    {
        var open = text[at + 1];
        var inner = memo.Closing(text, at + 2, open, open switch { '(' => ')', '{' => '}', _ => ']' });
        (unread, met, reach) = (unread || inner.Unread, met || inner.Met, Math.Max(reach, inner.Reach));
        return inner.Close;
    }

    /// <summary>
    /// Whether the backquoted command between <paramref name="from"/> and <paramref name="end"/> is one the editor may not
    /// trust the lines after: it opens a here-document (whose body is found only by the closing backquote, which the editor
    /// does not read), or it leaves a quote or substitution open (<c>`echo "`</c>: bash reports it when it runs the command
    /// and reads on, dash stops the whole file). The command is read as bash reads it, after the backslash before
    /// <c>$</c>, a backquote or a backslash is taken off (and before <c>"</c> when the backquotes are in double quotes,
    /// <paramref name="quoted"/>), so an arithmetic shift (<c>`echo $((1&lt;&lt;2))`</c>, <c>`((x &lt;&lt; 2))`</c>) and a
    /// here-string (<c>&lt;&lt;&lt;</c>) open none.
    /// </summary>
    public static bool UnreadBackquoted(string text, int from, int end, bool quoted, ShellScanMemo memo)
    {
        var command = new StringBuilder();
        for (var index = from; index < end; index++)
        {
            var escaped = text[index] == '\\' && index + 1 < end && (text[index + 1] is '$' or '`' or '\\' || (quoted && text[index + 1] == '"'));
            command.Append(escaped ? text[++index] : text[index]);
        }

        return UnreadCommand(command.ToString(), memo);
    }

    /// <summary><see cref="UnreadBackquoted"/> for the command as bash reads it (unescaped).</summary>
    public static bool UnreadCommand(string command, ShellScanMemo memo)
    {
        var lexer = new ShellWordLexer(command, memo);
        var token = lexer.Next();
        for (; token.Kind is not (ShellTokenKind.End or ShellTokenKind.Unterminated); token = lexer.Next())
        {
        }

        // A syntax error in it (X=`( )`): bash reports it when the command runs and reads on, dash stops the file.
        return lexer.HereDocumentMet || lexer.HereDocumentUnread || token.Kind == ShellTokenKind.Unterminated
            || ShellSyntaxCheck.StopsDash(command, memo);
    }
}
