using static GuestAgent.Commands.Network.Rendering.Common.ShellListRunner;
using static GuestAgent.Commands.Network.Rendering.Common.ShellWords;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// The value a shell-style <c>KEY=value</c> file (<c>/etc/sysconfig/network</c>,
/// <c>/etc/conf.d/hostname</c>, <c>/etc/rc.conf</c>) leaves a variable with when bash sources it,
/// for the files these are: assignments (<c>KEY=v</c>, <c>export KEY=v</c>, bash's
/// <c>KEY+=v</c>), <c>unset</c>, comments, any quoting, several commands on a line.
/// </summary>
/// <remarks>
/// A value we cannot know without running the file is <see cref="ShellValueState.Unknown"/>, not
/// its text: <c>HOSTNAME=$(hostname -s)</c> does not name a host called <c>$(hostname -s)</c>, and
/// a caller that took the text would act on a value the system never had. So is a value set by a
/// command the reader does not follow, when that command names the variable (<c>read KEY</c>,
/// <c>KEY=v command</c>, <c>declare KEY=v</c>, a condition or function that names it anywhere after
/// it starts, what follows <c>&amp;&amp;</c> or <c>||</c> after a command whose status is unknown,
/// the last command of a pipeline, which <c>shopt -s lastpipe</c> runs in the shell itself), and so
/// is any variable after a command that reaches one by a computed name or runs code the file does not
/// hold (<c>eval "${P}EY=b"</c>, <c>let</c>, <c>declare</c>, <c>a[K=3]=x</c>, <c>. file</c>, <c>$CMD</c>:
/// <see cref="ShellNameReach.ReachesByName"/>), and any variable a <c>trap</c>'s code may read or set, wherever
/// the trap is (it runs after the file). Lists
/// are followed where the status is known (<c>KEY=v &amp;&amp; OTHER=w</c> sets both,
/// <c>OTHER=w || KEY=v</c> neither's KEY), and a pipeline's other commands and a list run in the
/// background (<c>KEY=v | cmd</c>, <c>KEY=v &amp;</c>) set nothing, as bash runs them in a copy of itself. A command that does not name
/// the variable is taken to leave it alone: a function the file calls that sets it is beyond a reader
/// that does not run it. A syntax error (an unclosed quote, a stray
/// <c>fi</c>, an <c>if</c> left open: <see cref="ShellSyntaxCheck"/>) ends the file where bash ends
/// it: the lines before its complete command stand (bash parses a complete command before running it). Unknown on purpose, though bash would
/// tell: any unquoted braces in an argument of <c>export</c> (brace expansion, even where <c>{a}</c>
/// expands to nothing more), a pattern or braces in one of <c>unset</c>'s (its names would be the
/// working directory's files), and an assignment to the variable before <c>export</c> or
/// <c>unset</c> (bash's own for the builtin, a POSIX shell's for good).
/// </remarks>
internal static class ShellValueReader
{
    /// <summary>What sourcing <paramref name="text"/> leaves <paramref name="key"/> with.</summary>
    /// <param name="text">The file, or <c>null</c> when it does not exist.</param>
    /// <param name="key">A variable name.</param>
    public static ShellValue Read(string? text, string key) =>
        text is null ? ShellValue.Unset : Trap(text, key) is not null ? ShellValue.Unknown : Follow(text, key);

    /// <summary>
    /// The first <c>trap</c> command of the file (as written) whose code may read or set <paramref name="key"/>
    /// (<see cref="ShellWords.MayReach"/>), or is code only running the file tells (<c>trap "$T" RETURN</c>),
    /// or <c>null</c>: it runs later, when the sourced file returns, before each command, on an error, a signal
    /// or at the shell's exit, after any line of the file, so no line has the last word on the key.
    /// </summary>
    internal static string? Trap(string text, string key)
    {
        var lexer = new ShellWordLexer(text);
        var trapping = false;
        var commandStart = true;
        var trapStart = 0;
        for (var token = lexer.Next(); token.Kind is not (ShellTokenKind.End or ShellTokenKind.Unterminated); token = lexer.Next())
        {
            var word = token.Kind == ShellTokenKind.Word;
            if (trapping && word && (!token.IsKnown || MayReach(token.Text, key)))
            {
                // The whole command, for the refusal to name: its words up to what ends it.
                var end = token.End;
                for (var rest = lexer.Next(); rest.Kind == ShellTokenKind.Word; rest = lexer.Next())
                {
                    end = rest.End;
                }

                return text[trapStart..end];
            }

            trapStart = commandStart && token is { Kind: ShellTokenKind.Word, IsPlain: true, Text: "trap" } ? token.Start : trapStart;
            trapping = word && (trapping || (commandStart && token is { IsPlain: true, Text: "trap" }));
            commandStart = !word || (commandStart && (AssignedName(token, exported: false) is not null
                || (token.IsPlain && (IsKeyword(token.Text) || token.Text is "builtin" or "command"))));
        }

        return null;
    }

    private static ShellValue Follow(string text, string key)
    {
        // A syntax error in the nesting of constructs (a stray fi, an if left open) ends the file at the
        // start of the complete command that holds it: bash never parses further.
        if (ShellSyntaxCheck.Check(text) is { Outcome: ShellSyntaxOutcome.Error } syntax)
        {
            text = text[..syntax.ErrorAt];
        }

        var lexer = new ShellWordLexer(text);
        var value = ShellValue.Unset;

        // bash parses a whole line (to a newline that ends a command: not one in quotes, in an array or
        // after && or |) before it runs any of it: a syntax error loses the commands before it on its
        // line, and a return ends the file only once its line has parsed.
        var committed = value;
        var returned = false;
        var afterConnector = false;
        var listStart = 0;
        var list = new List<ListedCommand>();
        var bodies = 0;
        while (true)
        {
            var words = new List<ShellToken>();
            var token = lexer.Next();
            var start = token.Start;
            for (; token.Kind == ShellTokenKind.Word || OpensArray(text, words, token, key) || OpensHereDocument(text, token); token = lexer.Next())
            {
                if (token.Kind == ShellTokenKind.Word)
                {
                    words.Add(token);
                    continue;
                }

                if (text[token.Start] == '<')
                {
                    SkipDelimiter(lexer);
                    continue;
                }

                // The array's assignment stands, with a value we do not read.
                words[^1] = words[^1] with { UnknownFrom = words[^1].Text.Length };
                var close = SkipArray(lexer);
                if (close.Kind != ShellTokenKind.Opaque || text[close.Start] != ')')
                {
                    return close.Kind == ShellTokenKind.Unterminated ? committed : Rest(text, start, key, value);
                }
            }

            var lineEnds = token.Kind == ShellTokenKind.Separator && text[token.Start] == '\n';
            switch (token.Kind)
            {
                case ShellTokenKind.Unterminated:
                    return committed;
                case ShellTokenKind.Opaque:
                    return Rest(text, start, key, value);
                case ShellTokenKind.End when words.Count == 0:
                    return value;
                case ShellTokenKind.Separator when words.Count == 0 && lineEnds:
                    // A blank line or one that ends in ';' (its end), or the newline a list may take after && or |.
                    if (returned && !afterConnector)
                    {
                        return value;
                    }

                    committed = afterConnector ? committed : value;
                    continue;
                case not ShellTokenKind.End when words.Count == 0:
                    // An operator with no command before it: bash stops at the syntax error.
                    return committed;
            }

            if (returned)
            {
                // Only parsed: what follows a return on its line does not run.
                if (token.Kind == ShellTokenKind.End || lineEnds)
                {
                    return value;
                }

                afterConnector = token.Kind == ShellTokenKind.Connector;
                continue;
            }

            var connected = afterConnector || token.Kind is ShellTokenKind.Connector or ShellTokenKind.Background;
            listStart = afterConnector ? listStart : start;
            afterConnector = token.Kind == ShellTokenKind.Connector;
            var name = words.FirstOrDefault(w => Assignment(w, key) is null) is { IsPlain: true } first ? first.Text : null;
            if (name is not null && (IsKeyword(name) || (connected && name is "return" or "exit")))
            {
                return Rest(text, listStart, key, value);
            }

            returned = name is "return" or "exit";
            if (!returned)
            {
                list.Add(new ListedCommand(words, start, token.Start, afterConnector ? text[token.Start..token.End] : ""));
            }

            if (!afterConnector)
            {
                // A list in the background runs in a copy of the shell: it sets nothing in this one.
                value = token.Kind == ShellTokenKind.Background ? value : RunList(list, text, key, value);
                list.Clear();
            }

            value = AfterBodies(text, lexer, ref bodies, key, value);

            if (token.Kind == ShellTokenKind.End || (returned && lineEnds))
            {
                return value;
            }

            committed = lineEnds ? value : committed;
        }
    }

    /// <summary>
    /// A bash array assignment, <c>NAME=(a b)</c> (Arch's <c>rc.conf</c> holds <c>MODULES=(…)</c> and
    /// <c>DAEMONS=(…)</c>): the parenthesis right after an assignment's <c>=</c>. The caller keeps
    /// the assignment with a value we do not read (an array's first element, as <c>$NAME</c> gives
    /// it, is no value these files mean to give a scalar).
    /// </summary>
    private static bool OpensArray(string text, List<ShellToken> words, ShellToken token, string key) =>
        token.Kind == ShellTokenKind.Opaque && text[token.Start] == '(' && words.Count > 0
        && words[^1] is { IsKnown: true } assignment && assignment.End == token.Start
        && assignment.Text.EndsWith('=') && Assignment(assignment, key) is not null;

    /// <summary>
    /// A here-document's operator (<see cref="ShellHereDocuments"/>): a redirection of the command, which
    /// runs as any other; its body is text, read at the newline that ends the line (<see cref="AfterBodies"/>).
    /// </summary>
    private static bool OpensHereDocument(string text, ShellToken token) =>
        token.Kind == ShellTokenKind.Opaque && text[token.Start] == '<' && ShellHereDocuments.Opened(text, token.Start) is not null;

    /// <summary>Moves past a here-document's second <c>&lt;</c> and its delimiter (<c>EOF</c>, <c>-EOF</c>, or <c>-</c> and <c>EOF</c> after <c>&lt;&lt;-</c>).</summary>
    private static void SkipDelimiter(ShellWordLexer lexer)
    {
        var second = lexer.Next();
        var word = lexer.Next();
        if (word is { Kind: ShellTokenKind.Word, IsPlain: true, Text: "-" } && word.Start == second.End)
        {
            lexer.Next();
        }
    }

    /// <summary>
    /// The value after the here-documents' bodies read since the last call: unknown when an unquoted
    /// one's expansions may reach the key (<c>${KEY:=5}</c>, <c>$((KEY=3))</c>, which a builtin such as
    /// <c>:</c> or <c>read</c> expands in the shell itself); a body's lines are no commands.
    /// </summary>
    private static ShellValue AfterBodies(string text, ShellWordLexer lexer, ref int bodies, string key, ShellValue value)
    {
        var reached = false;
        for (; bodies < lexer.Bodies.Count; bodies++)
        {
            reached |= lexer.ExpansionTexts(lexer.Bodies[bodies]).Any(expansion => ShellNameReach.WordReaches(expansion) || Names(expansion, key));
        }

        return reached ? ShellValue.Unknown : value;
    }

    /// <summary>Moves past an array's words and newlines: the token after them, its <c>)</c> if it is closed.</summary>
    private static ShellToken SkipArray(ShellWordLexer lexer)
    {
        var token = lexer.Next();
        while (token.Kind is ShellTokenKind.Word or ShellTokenKind.Separator)
        {
            token = lexer.Next();
        }

        return token;
    }

    /// <summary>
    /// What follows a construct the reader does not follow (a condition, loop, function, subshell,
    /// redirection, a conditional <c>return</c>): the value is unknown if any of it names the variable
    /// or reaches variables by a computed name (<c>eval "${P}EY=b"</c>: <see cref="ShellNameReach.ReachesByName"/>).
    /// </summary>
    private static ShellValue Rest(string text, int start, string key, ShellValue value) =>
        MayReach(text[start..], key) ? ShellValue.Unknown : value;
}
