using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
        var found = Found.GetValue(text, static _ => new()).GetOrAdd((from, open, close), static (key, text) =>
            (Find(text, key.From, key.Open, key.Close, out var innerUnread, out var innerMet), innerUnread, innerMet), text);
        (unread, met) = (found.Unread, found.Met);
        return found.Close;
    }

    // What Closing found, per text: an expansion nested in a double-quoted ${X:-…} is looked for both by QuoteSplits and by
    // the scan of the ${…} around it, so each level of nesting ("${Y:-$(echo "${Y:-$(echo "…) doubled the work.
    private static readonly ConditionalWeakTable<string, ConcurrentDictionary<(int From, char Open, char Close), (int Close, bool Unread, bool Met)>> Found = new();

    private static int Find(string text, int from, char open, char close, out bool unread, out bool met)
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
                index = DoubleQuoteClosing(text, index + 1, ref unread, ref met);
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

                unread |= UnreadBackquoted(text, index + 1, end, quoted: false);
                index = end;
            }
            else if (c == '$' && index + 1 < text.Length && text[index + 1] is '(' or '{' or '[')
            {
                // An inner expansion is one unit (a ) in ${X:-)} closes no $(…)); bash's $[…] is arithmetic, its << a
                // shift, but dash has no $[ and opens a here-document there, so where commands are read it is not trusted.
                var end = Inner(text, index, ref unread, ref met);
                if (end < 0)
                {
                    return -1;
                }

                unread |= text[index + 1] == '[' && commands && arithmeticAt == 0 && text.AsSpan(index, end - index).Contains("<<", StringComparison.Ordinal);
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
                    next = ShellHereDocuments.Skip(text, next, document, out var body);
                    unread |= ShellSubstitutionSyntax.BodySplits(text, body);
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
    private static int DoubleQuoteClosing(string text, int from, ref bool unread, ref bool met)
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
                unread |= end >= 0 && UnreadBackquoted(text, index + 1, end, quoted: true);
                index = end < 0 ? text.Length : end;
            }
            else if (c == '$' && next is '(' or '{' or '[')
            {
                unread |= next == '{' && QuoteSplits(text, index + 2);
                index = Inner(text, index, ref unread, ref met) is var end and >= 0 ? end : text.Length;
            }
        }

        return -1;
    }

    /// <summary>Where the expansion whose <c>$</c> is at <paramref name="at"/> (<c>$(…)</c>, <c>${…}</c>, <c>$[…]</c>) closes, or -1.</summary>
    private static int Inner(string text, int at, ref bool unread, ref bool met)
    {
        var open = text[at + 1];
        var end = Closing(text, at + 2, open, open switch { '(' => ')', '{' => '}', _ => ']' }, out var innerUnread, out var innerMet);
        (unread, met) = (unread || innerUnread, met || innerMet);
        return end;
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
    public static bool UnreadBackquoted(string text, int from, int end, bool quoted)
    {
        var command = new StringBuilder();
        for (var index = from; index < end; index++)
        {
            var escaped = text[index] == '\\' && index + 1 < end && (text[index + 1] is '$' or '`' or '\\' || (quoted && text[index + 1] == '"'));
            command.Append(escaped ? text[++index] : text[index]);
        }

        var lexer = new ShellWordLexer(command.ToString());
        var token = lexer.Next();
        for (; token.Kind is not (ShellTokenKind.End or ShellTokenKind.Unterminated); token = lexer.Next())
        {
        }

        // A syntax error in it (X=`( )`): bash reports it when the command runs and reads on, dash stops the file.
        return lexer.HereDocumentMet || lexer.HereDocumentUnread || token.Kind == ShellTokenKind.Unterminated
            || ShellSyntaxCheck.StopsDash(command.ToString());
    }

    /// <summary>
    /// Whether bash and dash end a <c>${…}</c> in double quotes, whose name starts at <paramref name="from"/>, in different
    /// places: in the word of <c>-</c>, <c>=</c>, <c>+</c> or <c>?</c> (with or without <c>:</c>) bash 5.2 takes a single quote
    /// as a quote, dash as a character (checked by sourcing: <c>"${Y:-it's}"</c> is a quote left open to bash, the text
    /// <c>it's</c> to dash). They agree while the quoted part holds nothing dash reads otherwise in double quotes
    /// (<c>"${Y:-'a'}"</c> is <c>'a'</c> in both); a quote left open, or <c>}</c>, <c>"</c>, <c>\</c>, <c>$</c> or a backquote
    /// inside, splits them (<c>"${Y:-'}'}"</c> closes at the first <c>}</c> in dash).
    /// </summary>
    public static bool QuoteSplits(string text, int from)
    {
        // The name: a special parameter's one character, or a run of a name's.
        var special = from < text.Length && text[from] is '@' or '*' or '#' or '?' or '-' or '$' or '!';
        var index = special ? from + 1 : from;
        while (!special && index < text.Length && (char.IsAsciiLetterOrDigit(text[index]) || text[index] == '_'))
        {
            index++;
        }

        index += index < text.Length && text[index] == ':' ? 1 : 0;
        if (index >= text.Length || text[index] is not ('-' or '=' or '+' or '?'))
        {
            return false;
        }

        for (index++; index < text.Length && text[index] != '}'; index++)
        {
            if (text[index] == '\\')
            {
                index++;
            }
            else if (text[index] == '\'')
            {
                var close = text.IndexOf('\'', index + 1);
                if (close < 0 || text.AsSpan(index + 1, close - index - 1).IndexOfAny("}\"\\$`") >= 0)
                {
                    return true;
                }

                index = close;
            }
            else if (text[index] == '$' && index + 1 < text.Length && text[index + 1] is '(' or '{' or '[')
            {
                // An inner expansion is one unit (its quotes are its own).
                var open = text[index + 1];
                index = Closing(text, index + 2, open, open switch { '(' => ')', '{' => '}', _ => ']' }, out _, out _);
                if (index < 0)
                {
                    return false;
                }
            }
            else if (text[index] == '`')
            {
                index = BackquoteClosing(text, index + 1);
                if (index < 0)
                {
                    return false;
                }
            }
            else if (text[index] == '"')
            {
                // A double-quoted string inside: not followed here.
                return false;
            }
        }

        return false;
    }
}
