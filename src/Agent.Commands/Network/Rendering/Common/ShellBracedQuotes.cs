namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Whether bash and dash read a <c>${…}</c> in double quotes differently: in the word of <c>-</c>, <c>=</c>, <c>+</c> or
/// <c>?</c> (with or without <c>:</c>) bash 5.2 takes a single quote as a quote, dash as a character (checked by sourcing:
/// <c>"${Y:-it's}"</c> is a quote left open to bash, the text <c>it's</c> to dash). A quote bash closes splits them only
/// where dash ends the <c>${…}</c> elsewhere (<c>'}'</c> at its first <c>}</c>; <c>'\\'b'</c>, whose backslashes dash takes
/// as a pair and whose quotes as characters; <c>'$(echo '}')'</c>, one substitution to dash), or where a substitution
/// inside bash's quote, which dash parses as it reads it, does not parse (<c>'$(fi)'</c>, <c>'`( )`'</c>: bash reads on,
/// dash stops). Checked by sourcing, both shells end up with the same lines for <c>'$HOME'</c>, <c>'${Z:-c}'</c>,
/// <c>'$(echo a)'</c>, <c>'`echo a`'</c>, <c>'a\\'</c>, <c>'a\}'</c> and <c>'a'"b"</c>. What is not followed (a <c>"</c> dash
/// reads inside bash's quote, a single quote in an inner <c>${…}</c>) counts as a split.
/// </summary>
internal static class ShellBracedQuotes
{
    /// <summary>Whether the shells split at the <c>${…}</c> in double quotes whose name starts at <paramref name="from"/>.</summary>
    public static bool Split(string text, int from, ShellScanMemo memo)
    {
        var reach = from;
        return Split(text, from, memo, ref reach);
    }

    /// <summary>
    /// As <see cref="Split(string, int, ShellScanMemo)"/>; raises <paramref name="reach"/> to the last place read (the
    /// text's length when a quote or unit is left open), which dash's reading may take past the <c>}</c> bash ends at.
    /// </summary>
    public static bool Split(string text, int from, ShellScanMemo memo, ref int reach)
    {
        // The name: a special parameter's one character, or a run of a name's.
        var special = from < text.Length && text[from] is '@' or '*' or '#' or '?' or '-' or '$' or '!';
        var index = special ? from + 1 : from;
        while (!special && index < text.Length && (char.IsAsciiLetterOrDigit(text[index]) || text[index] == '_'))
        {
            index++;
        }

        index += index < text.Length && text[index] == ':' ? 1 : 0;
        reach = Math.Max(reach, index);
        if (index >= text.Length || text[index] is not ('-' or '=' or '+' or '?'))
        {
            return false;
        }

        // bash's reading: its quotes, and inner expansions and backquotes as units.
        var word = index + 1;
        List<(int Open, int Close)> quotes = [];
        for (index = word; index < text.Length && text[index] != '}'; index++)
        {
            var c = text[index];
            if (c == '\\')
            {
                index++;
            }
            else if (c == '\'')
            {
                var close = text.IndexOf('\'', index + 1);
                if (close < 0)
                {
                    // Left open: bash reads on past the line.
                    reach = text.Length;
                    return true;
                }

                quotes.Add((index, close));
                index = close;
            }
            else if (c == '"')
            {
                // A double-quoted string inside: not followed, so a split once a quote before it may split.
                reach = Math.Max(reach, index);
                return quotes.Exists(q => !Plain(text, q));
            }
            else if (c == '`' || (c == '$' && index + 1 < text.Length && text[index + 1] is '(' or '{' or '['))
            {
                index = Unit(text, index, memo, ref reach);
                if (index < 0)
                {
                    // Left open: an error of its own.
                    return false;
                }
            }
        }

        reach = Math.Max(reach, index);
        return index < text.Length && quotes.Exists(q => !Plain(text, q)) && DashSplits(text, word, index, quotes, memo, ref reach);
    }

    /// <summary>Whether a quote holds nothing dash reads otherwise in double quotes (<c>'a'</c>): both read it alike.</summary>
    private static bool Plain(string text, (int Open, int Close) quote) =>
        text.AsSpan(quote.Open + 1, quote.Close - quote.Open - 1).IndexOfAny("}\"\\$`") < 0;

    /// <summary>Where the backquoted command or expansion at <paramref name="at"/> ends, or -1; <paramref name="reach"/> as in <see cref="Split(string, int, ShellScanMemo, ref int)"/>.</summary>
    private static int Unit(string text, int at, ShellScanMemo memo, ref int reach)
    {
        if (text[at] == '`')
        {
            var end = ShellBracketScan.BackquoteClosing(text, at + 1);
            reach = end < 0 ? text.Length : Math.Max(reach, end);
            return end;
        }

        var open = text[at + 1];
        var closed = memo.Closing(text, at + 2, open, open switch { '(' => ')', '{' => '}', _ => ']' });
        reach = Math.Max(reach, closed.Reach);
        return closed.Close;
    }

    /// <summary>
    /// dash's reading of the word from <paramref name="word"/>: a backslash escapes the next character, a single quote is a
    /// character, expansions and backquoted commands are units; whether it ends elsewhere than bash's <paramref name="end"/>,
    /// or a unit inside one of bash's <paramref name="quotes"/> is one dash stops at.
    /// </summary>
    private static bool DashSplits(string text, int word, int end, List<(int Open, int Close)> quotes, ShellScanMemo memo, ref int reach)
    {
        for (var index = word; index < text.Length; index++)
        {
            var c = text[index];
            if (c == '\\')
            {
                index++;
            }
            else if (c is '}' or '"')
            {
                reach = Math.Max(reach, index);
                return c == '"' || index != end;
            }
            else if (c == '`' || (c == '$' && index + 1 < text.Length && text[index + 1] is '(' or '{' or '['))
            {
                var unitEnd = Unit(text, index, memo, ref reach);
                var at = index;
                var inQuote = quotes.Exists(q => q.Open < at && at < q.Close);
                if (unitEnd < 0
                    || (c == '$' && text[index + 1] == '{' && text.AsSpan(index + 2, unitEnd - index - 2).Contains('\''))
                    || (inQuote && (c == '`'
                        ? ShellBracketScan.UnreadBackquoted(text, index + 1, unitEnd, quoted: true, memo)
                        : ShellSubstitutionSyntax.Of(text, index, unitEnd + 1, memo, dash: true) != ShellSyntaxOutcome.Parses)))
                {
                    return true;
                }

                index = unitEnd;
            }
        }

        reach = text.Length;
        return true;
    }
}
