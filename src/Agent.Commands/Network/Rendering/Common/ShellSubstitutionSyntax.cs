namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// The syntax of the commands a word's substitutions hold. bash and dash parse a <c>$(…)</c> when they read its line,
/// wherever it stands (in double quotes, <c>${…}</c>, <c>$((…))</c>, <c>$[…]</c>), so a syntax error inside ends a
/// sourced file as one outside does (checked by sourcing: <c>X=$( ( ) )⏎KEY=b</c>, <c>X="${Y:-$(fi)}"⏎KEY=b</c> leave
/// KEY unset in both). A backquoted command and the substitutions of an unquoted here-document's body are parsed by
/// bash only when they run (it reports the error and reads on) but by dash when it reads them (it stops the file:
/// <c>X=`( )`⏎KEY=b</c> and <c>: &lt;&lt;E⏎$(fi)⏎E⏎KEY=b</c> set KEY in bash only), so such an error splits the shells.
/// </summary>
internal static class ShellSubstitutionSyntax
{
    /// <summary>
    /// The worst outcome of <see cref="ShellSyntaxCheck"/> over the <c>$(…)</c> the word <c>text[start..end)</c> holds
    /// as written (not in single quotes, <c>$'…'</c> or backquotes, which bash parses when it runs them).
    /// </summary>
    public static ShellSyntaxOutcome Of(string text, int start, int end, ShellScanMemo memo, bool dash)
    {
        var outcome = ShellSyntaxOutcome.Parses;
        var quoted = false;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            var next = i + 1 < end ? text[i + 1] : '\0';
            if (c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\'' && !quoted)
            {
                i = text.IndexOf('\'', i + 1) is var close and >= 0 ? close : end;
            }
            else if (c == '$' && next == '\'' && !quoted)
            {
                i = ShellBracketScan.AnsiCClosing(text, i + 2) is var close and >= 0 ? close : end;
            }
            else if (c == '`')
            {
                i = ShellBracketScan.BackquoteClosing(text, i + 1) is var close and >= 0 ? close : end;
            }
            else if (c == '$' && next is '(' or '{' or '[')
            {
                var close = ShellBracketScan.Closing(text, i + 2, next, next switch { '(' => ')', '{' => '}', _ => ']' }, memo, out _, out _);
                if (close < 0 || close >= end)
                {
                    // Left open: the lexer's word is unterminated, an error of its own.
                    return outcome;
                }

                var commands = next == '(' && text[i + 2] != '(';
                outcome = Worst(outcome, commands ? memo.Substitution(text, i + 2, close, dash)
                    : next == '(' && !ArithmeticCloses(text, i + 3, close) ? (dash ? ShellSyntaxOutcome.Error : ShellSyntaxOutcome.Parses)
                    : Of(text, i + 2, close, memo, dash));
                i = close;
            }
        }

        return outcome;
    }

    /// <summary>
    /// Whether a here-document's body ends elsewhere to bash, dash or a line added at the end (<see cref="ShellHereDocumentBody.Splits"/>),
    /// or an unquoted one's body holds a substitution that does not parse (a <c>$(…)</c> anywhere in its
    /// expansions, a backquoted command, <see cref="ShellBracketScan.UnreadBackquoted"/>): bash reads on, dash stops the file.
    /// A quoted body has no expansions (<see cref="ShellWordLexer.Expansions"/>).
    /// </summary>
    public static bool BodySplits(string text, ShellHereDocumentBody body, ShellScanMemo memo) =>
        body.Splits || ShellWordLexer.Expansions(text, body, memo).Any(e => text[e.Start] == '`'
            ? ShellBracketScan.UnreadBackquoted(text, e.Start + 1, e.End > e.Start + 1 && text[e.End - 1] == '`' ? e.End - 1 : e.End, quoted: false, memo)
            : Of(text, e.Start, e.End, memo, dash: true) == ShellSyntaxOutcome.Error);

    /// <summary>
    /// Whether the <c>$((</c> whose commands or expression run from <paramref name="from"/> to <paramref name="close"/> is
    /// arithmetic to bash: its second <c>(</c> closes right before the last <c>)</c>. bash takes any other (<c>$(((x)) )</c>,
    /// <c>$((x)+(y))</c>) for a command substitution it parses only when it runs it (an error there is reported, the file
    /// read on), dash for arithmetic that does not parse, and stops (checked by sourcing). Parentheses are counted as
    /// written: one in quotes counts as dash's stop, so the editor refuses rather than edits wrongly.
    /// </summary>
    private static bool ArithmeticCloses(string text, int from, int close)
    {
        var depth = 0;
        for (var i = from; i < close - 1 && depth >= 0; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
        }

        return depth == 0 && close - 1 >= from && text[close - 1] == ')';
    }

    private static ShellSyntaxOutcome Worst(ShellSyntaxOutcome a, ShellSyntaxOutcome b) =>
        a == ShellSyntaxOutcome.Error || b == ShellSyntaxOutcome.Error ? ShellSyntaxOutcome.Error
        : a == ShellSyntaxOutcome.NotFollowed || b == ShellSyntaxOutcome.NotFollowed ? ShellSyntaxOutcome.NotFollowed
        : ShellSyntaxOutcome.Parses;
}
