using System.Text;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Splits a shell file into words and operators as bash does for the static forms: blanks end a
/// word, <c>#</c> starts a comment only where a word would start, backslash, single, double and
/// <c>$'…'</c> quotes, and backslash-newline joins lines. An expansion is skipped over (its end
/// found by matching brackets and quotes, which is enough for the forms these files hold) and
/// marks the word as one whose value only running it would tell.
/// </summary>
internal sealed class ShellWordLexer(string text, ShellScanMemo? memo = null)
{
    // What this read has found of the text's nested parts; a lexer inside another read shares that read's.
    private readonly ShellScanMemo _memo = memo ?? new();
    private readonly List<ShellHereDocument> _pending = [];
    private readonly List<ShellHereDocumentBody> _bodies = [];
    private int index;

    // Inside an arithmetic command, ((x << 2)), << shifts: it opens no here-document.
    private bool _arithmetic;

    /// <summary>
    /// The bodies of the here-documents read so far (<see cref="ShellHereDocuments"/>): the newline
    /// that ends their operators' line is a separator whose token spans them, so their lines are no words.
    /// </summary>
    public IReadOnlyList<ShellHereDocumentBody> Bodies => _bodies;

    /// <summary>
    /// Whether a here-document not read was met (its body's lines may pass for commands): one in <c>$(…)</c> closed on
    /// its line (<c>X=$(cat &lt;&lt;EOF)</c>: bash takes the body from the lines after, dash does not), a quoted delimiter
    /// holding a newline (<c>&lt;&lt;'E⏎F'</c>: bash and dash end it differently) or a command substitution
    /// (<c>&lt;&lt;$(echo E)</c>), one in backquotes, or a backquoted command leaving a quote open
    /// (<see cref="ShellBracketScan.UnreadBackquoted"/>), or <c>&lt;&lt;</c> in an unquoted <c>$[…]</c> (a shift to bash, a
    /// here-document to dash, which has no <c>$[</c>).
    /// </summary>
    public bool HereDocumentUnread { get; private set; }

    /// <summary>Whether a here-document's operator was met where commands are read (not an arithmetic shift), read or not, in a substitution too.</summary>
    public bool HereDocumentMet { get; private set; }

    /// <summary>The next token.</summary>
    public ShellToken Next()
    {
        SkipBlanks();
        var start = index;
        if (index == text.Length)
        {
            return Operator(ShellTokenKind.End, start);
        }

        var c = text[index];
        switch (c)
        {
            case '\n':
                index++;
                foreach (var document in _pending)
                {
                    index = ShellHereDocuments.Skip(text, index, document, out var body);
                    _bodies.Add(body);
                    HereDocumentUnread |= ShellSubstitutionSyntax.BodySplits(text, body, _memo);
                }

                _pending.Clear();
                return Operator(ShellTokenKind.Separator, start);
            case ';':
                index++;
                return Operator(Take(';') || Take('&') ? ShellTokenKind.Opaque : ShellTokenKind.Separator, start);
            case '&':
                index++;
                if (Take('>'))
                {
                    return Operator(ShellTokenKind.Opaque, start);
                }

                return Operator(Take('&') ? ShellTokenKind.Connector : ShellTokenKind.Background, start);
            case '|':
                index++;
                _ = Take('|') || Take('&');
                return Operator(ShellTokenKind.Connector, start);
            case '(' or ')' or '<' or '>':
                _arithmetic = c == '(' && Peek('(') || (_arithmetic && !(c == ')' && Peek(')')));
                var unread = false;
                var met = c == '<' && !_arithmetic && ShellHereDocuments.IsOperator(text, index);
                _pending.AddRange(met && ShellHereDocuments.Opened(text, index, out unread) is { } opened ? [opened] : []);
                (HereDocumentUnread, HereDocumentMet) = (HereDocumentUnread || unread, HereDocumentMet || met);

                index++;
                return Operator(ShellTokenKind.Opaque, start);
            default:
                return Word(start);
        }
    }

    private ShellToken Operator(ShellTokenKind kind, int start) => new(kind, start, index, "", [], -1);

    /// <summary>Whether the character after the current one is <paramref name="c"/>.</summary>
    private bool Peek(char c) => index + 1 < text.Length && text[index + 1] == c;

    /// <summary>
    /// Where the expansions an unquoted here-document's body runs are, as written (<c>$KEY</c>, <c>${X:-d}</c>,
    /// <c>$(cmd)</c>, a backquoted command): a backslash escapes the next character; one left open runs
    /// to the body's end. A quoted body runs none.
    /// </summary>
    public static IEnumerable<(int Start, int End)> Expansions(string text, ShellHereDocumentBody body, ShellScanMemo memo)
    {
        var lexer = new ShellWordLexer(text, memo) { index = body.Start };
        while (body.Expands && lexer.index < body.End)
        {
            var c = text[lexer.index++];
            if (c == '\\')
            {
                lexer.index++;
                continue;
            }

            var start = lexer.index - 1;
            if (c == '$' && lexer.index < body.End && text[lexer.index] == '[')
            {
                // bash's old arithmetic, $[…], which a word's reading finds by its text.
                lexer.index++;
                var closed = lexer.SkipBracketed('[', ']');
                yield return (start, closed ? Math.Min(lexer.index + 1, body.End) : body.End);
                lexer.index = closed ? lexer.index + 1 : body.End;
            }
            else if (c is '$' or '`' && lexer.Expansion(c, quoted: false) is var expansion && expansion is not false)
            {
                yield return (start, expansion is true ? Math.Min(lexer.index, body.End) : body.End);
                lexer.index = expansion is true ? lexer.index : body.End;
            }
        }
    }

    /// <summary>The text of each expansion a body read by this lexer runs (<see cref="Expansions"/>).</summary>
    public IEnumerable<string> ExpansionTexts(ShellHereDocumentBody body) => Expansions(text, body, _memo).Select(e => text[e.Start..e.End]);

    private bool Take(char c)
    {
        if (index < text.Length && text[index] == c)
        {
            index++;
            return true;
        }

        return false;
    }

    private void SkipBlanks()
    {
        while (index < text.Length)
        {
            if (text[index] is ' ' or '\t')
            {
                index++;
            }
            else if (text[index] == '\\' && index + 1 < text.Length && text[index + 1] == '\n')
            {
                index += 2;
            }
            else if (text[index] == '#')
            {
                // A comment runs to the end of the line; the newline still ends the command.
                var newline = text.IndexOf('\n', index);
                index = newline < 0 ? text.Length : newline;
            }
            else
            {
                return;
            }
        }
    }

    private ShellToken Word(int start)
    {
        var value = new StringBuilder();
        var source = new List<int>();
        var joins = 0;
        var unknownFrom = -1;
        while (index < text.Length && text[index] is not (' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>'))
        {
            var c = text[index++];
            var before = value.Length;
            var ok = true;
            switch (c)
            {
                case '\\' when index < text.Length:
                    // Backslash-newline joins the lines; any other character is taken as it is.
                    if (text[index++] is var escaped && escaped != '\n')
                    {
                        value.Append(escaped);
                    }
                    else
                    {
                        joins++;
                    }

                    break;
                case '\'':
                    var close = text.IndexOf('\'', index);
                    ok = close >= 0;
                    value.Append(ok ? text[index..close] : "");
                    index = ok ? close + 1 : text.Length;
                    break;
                case '"':
                    ok = DoubleQuoted(value, ref unknownFrom);
                    break;
                case '$' when index < text.Length && text[index] == '\'':
                    index++;
                    var outcome = AnsiCQuote.Decode(text, ref index, value, networkManager: false);
                    ok = outcome != AnsiCQuote.Outcome.Unterminated;
                    unknownFrom = outcome == AnsiCQuote.Outcome.NotText && unknownFrom < 0 ? before : unknownFrom;
                    break;
                case '$' when index < text.Length && text[index] == '"':
                    // A string to translate: without a message catalogue, bash keeps it as it is.
                    index++;
                    ok = DoubleQuoted(value, ref unknownFrom);
                    break;
                case '$' or '`':
                    var expansion = Expansion(c, quoted: false);
                    ok = expansion is not null;
                    unknownFrom = expansion is true && unknownFrom < 0 ? before : unknownFrom;
                    if (expansion is false)
                    {
                        value.Append('$');
                        source.Add(index - 1 - (2 * joins));
                        continue;
                    }

                    break;
                default:
                    value.Append(c);
                    source.Add(index - 1 - (2 * joins));
                    continue;
            }

            if (!ok)
            {
                return Operator(ShellTokenKind.Unterminated, start);
            }

            source.AddRange(Enumerable.Repeat(-1, value.Length - before));
        }

        return new ShellToken(ShellTokenKind.Word, start, index, value.ToString(), source, unknownFrom);
    }

    /// <summary>The rest of a double-quoted string; <c>false</c> when it is not closed.</summary>
    private bool DoubleQuoted(StringBuilder value, ref int unknownFrom)
    {
        while (index < text.Length)
        {
            var c = text[index++];
            switch (c)
            {
                case '"':
                    return true;
                case '\\' when index < text.Length && text[index] is '$' or '`' or '"' or '\\' or '\n':
                    // Only these lose their backslash in double quotes; backslash-newline joins the lines.
                    if (text[index++] is var escaped && escaped != '\n')
                    {
                        value.Append(escaped);
                    }

                    break;
                case '$' or '`':
                    var expansion = Expansion(c, quoted: true);
                    if (expansion is null)
                    {
                        return false;
                    }

                    unknownFrom = expansion is true && unknownFrom < 0 ? value.Length : unknownFrom;
                    if (expansion is false)
                    {
                        value.Append('$');
                    }

                    break;
                default:
                    value.Append(c);
                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// Skips an expansion whose <c>$</c> or backtick was just read: <c>true</c> when there was
    /// one, <c>false</c> for a <c>$</c> that is only a dollar sign, <c>null</c> when it is not closed.
    /// <paramref name="quoted"/>: it is in double quotes (a backquoted command's <c>\"</c> is then a quote).
    /// </summary>
    private bool? Expansion(char c, bool quoted)
    {
        if (c == '`')
        {
            var closing = ShellBracketScan.BackquoteClosing(text, index);
            HereDocumentUnread |= ShellBracketScan.UnreadBackquoted(text, index, closing < 0 ? text.Length : closing, quoted, _memo);
            index = closing < 0 ? text.Length : closing;
            return Close(closing >= 0);
        }

        if (index == text.Length)
        {
            return false;
        }

        var next = text[index];
        if (next is '{' or '(' or '[')
        {
            // bash's $[…] is arithmetic, one word; dash has no $[ and splits it where a word ends, so an unquoted
            // one holding << opens a here-document there only: the editor may not trust the lines after it.
            var start = index++;
            HereDocumentUnread |= next == '{' && quoted && ShellBracedQuotes.Split(text, index, _memo);
            var closed = SkipBracketed(next, next switch { '{' => '}', '(' => ')', _ => ']' });
            HereDocumentUnread |= next == '[' && !quoted && text.AsSpan(start, index - start).Contains("<<", StringComparison.Ordinal);
            return Close(closed);
        }

        if (char.IsAsciiLetter(next) || next == '_')
        {
            while (index < text.Length && (char.IsAsciiLetterOrDigit(text[index]) || text[index] == '_'))
            {
                index++;
            }

            return true;
        }

        if (char.IsAsciiDigit(next) || next is '@' or '*' or '#' or '?' or '-' or '$' or '!')
        {
            index++;
            return true;
        }

        return false;
    }

    private bool? Close(bool closed)
    {
        if (!closed)
        {
            return null;
        }

        index++;
        return true;
    }

    /// <summary>Moves to the bracket that closes one just read (<see cref="ShellBracketScan"/>); <c>false</c> at the end of the text.</summary>
    private bool SkipBracketed(char open, char close)
    {
        var closing = ShellBracketScan.Closing(text, index, open, close, _memo, out var unread, out var met);
        HereDocumentUnread |= unread;
        HereDocumentMet |= met;
        index = closing < 0 ? text.Length : closing;
        return closing >= 0;
    }
}
