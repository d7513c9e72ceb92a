using System.Collections.Frozen;

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
/// the last command of a pipeline, which <c>shopt -s lastpipe</c> runs in the shell itself). Lists
/// are followed where the status is known (<c>KEY=v &amp;&amp; OTHER=w</c> sets both,
/// <c>OTHER=w || KEY=v</c> neither's KEY), and a pipeline's other commands and a list run in the
/// background (<c>KEY=v | cmd</c>, <c>KEY=v &amp;</c>) set nothing, as bash runs them in a copy of itself. A command that does not name
/// the variable is taken to leave it alone: a file that sources another or calls a function that
/// sets it is beyond a reader that does not run it. A syntax error (an unclosed quote, a stray
/// <c>fi</c>, an <c>if</c> left open: <see cref="ShellSyntaxCheck"/>) ends the file where bash ends
/// it: the lines before its complete command stand (bash parses a complete command before running it). Unknown on purpose, though bash would
/// tell: any unquoted braces in an argument of <c>export</c> (brace expansion, even where <c>{a}</c>
/// expands to nothing more), a pattern or braces in one of <c>unset</c>'s (its names would be the
/// working directory's files), and an assignment to the variable before <c>export</c> or
/// <c>unset</c> (bash's own for the builtin, a POSIX shell's for good).
/// </remarks>
internal static class ShellValueReader
{
    private static readonly FrozenSet<string> Keywords = FrozenSet.Create(
        StringComparer.Ordinal,
        "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "select",
        "function", "in", "{", "}", "!", "[[", "]]", "time", "coproc");

    /// <summary>What sourcing <paramref name="text"/> leaves <paramref name="key"/> with.</summary>
    /// <param name="text">The file, or <c>null</c> when it does not exist.</param>
    /// <param name="key">A variable name.</param>
    public static ShellValue Read(string? text, string key)
    {
        if (text is null)
        {
            return ShellValue.Unset;
        }

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
        while (true)
        {
            var words = new List<ShellToken>();
            var token = lexer.Next();
            var start = token.Start;
            for (; token.Kind == ShellTokenKind.Word || OpensArray(text, words, token, key); token = lexer.Next())
            {
                if (token.Kind == ShellTokenKind.Word)
                {
                    words.Add(token);
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
            if (name is not null && (Keywords.Contains(name) || (connected && name is "return" or "exit")))
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
    /// A list (<c>a &amp;&amp; b || c | d</c>) run in the shell: each pipeline runs or not by the
    /// status before it, while that status is known (0 for assignments, <c>export</c> and
    /// <c>unset</c> of names written out; unknown after any expansion, which a command substitution
    /// could fail). A pipeline of several commands runs each in a copy of the shell: only its last
    /// can set a variable, under <c>shopt -s lastpipe</c>, which the reader does not follow.
    /// </summary>
    private static ShellValue RunList(List<ListedCommand> list, string text, string key, ShellValue value)
    {
        bool? succeeded = true;
        var connector = "";
        for (var i = 0; i < list.Count;)
        {
            var last = i;
            while (list[last].Connector is "|" or "|&")
            {
                last++;
            }

            bool? runs = connector switch { "" => true, "&&" => succeeded, _ => !succeeded };
            if (runs is null)
            {
                return Names(text[list[i].Start..list[^1].End], key) ? ShellValue.Unknown : value;
            }

            if (runs is true)
            {
                var (after, status) = Run(list[last].Words, text, key, value);
                value = last == i ? after : Names(text[list[last].Start..list[last].End], key) ? ShellValue.Unknown : value;
                succeeded = status;
            }

            connector = list[last].Connector;
            i = last + 1;
        }

        return value;
    }

    /// <summary>One simple command run in the shell: what it leaves the variable with, and whether it succeeds (<c>null</c>: unknown).</summary>
    private static (ShellValue Value, bool? Succeeded) Run(List<ShellToken> words, string text, string key, ShellValue value)
    {
        var assignments = words.TakeWhile(w => Assignment(w, key) is not null).ToList();
        if (assignments.Count == words.Count)
        {
            // Only assignments: they stay in the shell, in order.
            return (assignments.Aggregate(value, (current, word) => Assign(current, word, key)), Succeeds(assignments, exported: false));
        }

        var rest = words.Skip(assignments.Count).ToList();
        var name = rest[0].IsPlain ? rest[0].Text : null;
        var arguments = rest.Skip(1).ToList();
        // An assignment to KEY before export or unset is the builtin's own in bash but stays in a
        // POSIX shell: it falls to the last case, as any other command's would.
        var ownAssignment = assignments.Any(w => Assignment(w, key) is true);
        if (name is "export" && !ownAssignment && !arguments.Any(Option))
        {
            // export's NAME=value arguments are assignments, quoted or not (bash reads an unquoted one
            // as it reads an assignment: no splitting, ~ expanded); a bare NAME only exports it.
            foreach (var argument in arguments)
            {
                value = Assignment(argument, key, exported: true) switch
                {
                    // Brace expansion makes one argument several (export KEY={a,b} is KEY=a KEY=b).
                    _ when HasUnquoted(argument, "{") && HasUnquoted(argument, "}") => ShellValue.Unknown,
                    true => Assign(value, argument, key, exported: true),
                    false => value,
                    null when argument.IsKnown && !argument.Text.Contains('=', StringComparison.Ordinal) => value,
                    // A name that comes from an expansion could be any name.
                    null => ShellValue.Unknown,
                };
            }

            return (value, Succeeds(arguments, exported: true));
        }

        // unset -v names variables only (what the editor writes: a plain unset of a variable not set
        // would remove a function of that name).
        var unsetNames = name is "unset" ? arguments.SkipWhile(a => a is { IsPlain: true, Text: "-v" }).ToList() : arguments;
        if (name is "unset" && !ownAssignment && !unsetNames.Any(Option))
        {
            // unset $x, unset K{E,}Y or unset K*Y could unset any variable: a pattern's names are the
            // working directory's files.
            return (unsetNames.Any(a => !a.IsKnown || HasUnquoted(a, "{*?[")) ? ShellValue.Unknown
                : unsetNames.Any(a => a.Text == key) ? ShellValue.Unset : value, Succeeds(unsetNames, exported: false));
        }

        // Any other command: assignments before it are its own, but it may change whatever it names
        // (its own name aside: a command called KEY, as in "KEY =v", is no assignment to KEY).
        var named = Names(text[words[0].Start..rest[0].Start], key) || (arguments.Count > 0 && Names(text[arguments[0].Start..arguments[^1].End], key));
        return (named ? ShellValue.Unknown : value, null);
    }

    /// <summary>
    /// Whether assignments or the names of <c>export</c> or <c>unset</c> succeed: for certain when
    /// each is written out (no expansion) and is a name or assigns one, else unknown.
    /// </summary>
    private static bool? Succeeds(List<ShellToken> words, bool exported) =>
        words.All(w => w.IsKnown && (IsName(w.Text) || AssignedName(w, exported) is not null)) ? true : null;

    /// <summary>A command of a list and the connector after it (<c>&amp;&amp;</c>, <c>||</c>, <c>|</c>, <c>|&amp;</c>; empty at the list's end).</summary>
    private sealed record ListedCommand(List<ShellToken> Words, int Start, int End, string Connector);

    /// <summary>
    /// Whether a word assigns: <c>null</c> when it is not an assignment, <c>true</c> when it
    /// assigns <paramref name="key"/>, <c>false</c> when another variable. An assignment before a
    /// command's name is written unquoted up to its <c>=</c>; an argument of <c>export</c> may be
    /// quoted (<paramref name="exported"/>), as export reads the word after quote removal.
    /// </summary>
    private static bool? Assignment(ShellToken word, string key, bool exported = false) =>
        AssignedName(word, exported) is { } name ? name == key : null;

    /// <summary>The variable a word assigns (see <see cref="Assignment"/>), or <c>null</c> when it is no assignment.</summary>
    internal static string? AssignedName(ShellToken word, bool exported)
    {
        var equals = word.Text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || (!exported && !NameUnquoted(word, equals)) || (!word.IsKnown && word.UnknownFrom <= equals))
        {
            return null;
        }

        var name = word.Text[..(word.Text[equals - 1] == '+' ? equals - 1 : equals)];
        return IsName(name) ? name : null;
    }

    /// <summary>Whether a command's name, written plainly, is a keyword (<c>if</c>, <c>{</c>, <c>function</c>…): a construct the readers do not follow.</summary>
    internal static bool IsKeyword(string name) => Keywords.Contains(name);

    private static ShellValue Assign(ShellValue current, ShellToken word, string key, bool exported = false)
    {
        if (Assignment(word, key, exported) is not true)
        {
            return current;
        }

        var equals = word.Text.IndexOf('=', StringComparison.Ordinal);
        var assigned = word.IsKnown && !HasTilde(word, equals) ? ShellValue.Known(word.Text[(equals + 1)..]) : ShellValue.Unknown;
        if (word.Text[equals - 1] != '+' || current.State == ShellValueState.Unset)
        {
            return assigned;
        }

        // bash's += appends to the value the variable has.
        return current.State == ShellValueState.Known && assigned.State == ShellValueState.Known
            ? ShellValue.Known(current.Text + assigned.Text)
            : ShellValue.Unknown;
    }

    /// <summary>
    /// An unquoted <c>~</c> right after an assignment's unquoted <c>=</c> or an unquoted <c>:</c> is
    /// the home directory of whoever runs the file (tilde expansion). Only a word bash takes for an
    /// assignment has it: <c>export 'KEY'=~</c> gives <c>~</c>, and so does <c>KEY=''~</c>, where
    /// the quotes stand between.
    /// </summary>
    private static bool HasTilde(ShellToken word, int equals)
    {
        if (!NameUnquoted(word, equals))
        {
            return false;
        }

        for (var i = equals + 1; i < word.Text.Length; i++)
        {
            // Consecutive places mean both characters are unquoted (a quoted one's is -1, and nothing
            // unquoted stands at 0 after a name and its =) with nothing between them.
            if (word.Text[i] == '~' && word.Source[i] == word.Source[i - 1] + 1 && (i - 1 == equals || word.Text[i - 1] == ':'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an assignment's name and <c>=</c> are written unquoted, as bash needs to read the word as one.</summary>
    private static bool NameUnquoted(ShellToken word, int equals) => Enumerable.Range(0, equals + 1).All(word.IsUnquoted);

    private static bool HasUnquoted(ShellToken word, string characters) =>
        Enumerable.Range(0, word.Text.Length).Any(i => word.IsUnquoted(i) && characters.Contains(word.Text[i], StringComparison.Ordinal));

    private static bool Option(ShellToken word) => word.Text.StartsWith('-') || word.Text.StartsWith('+');

    /// <summary>
    /// What follows a construct the reader does not follow (a condition, loop, function, subshell,
    /// redirection, a conditional <c>return</c>): the value is unknown if any of it names the variable.
    /// </summary>
    private static ShellValue Rest(string text, int start, string key, ShellValue value) =>
        Names(text[start..], key) ? ShellValue.Unknown : value;

    /// <summary>Whether <paramref name="text"/> holds <paramref name="key"/> as a whole name, also where quoting splits it (<see cref="WithoutQuoting"/>).</summary>
    private static bool Names(string text, string key)
    {
        text = WithoutQuoting(text);
        for (var at = text.IndexOf(key, StringComparison.Ordinal); at >= 0; at = text.IndexOf(key, at + 1, StringComparison.Ordinal))
        {
            var end = at + key.Length;
            if ((at == 0 || !IsNameChar(text[at - 1])) && (end == text.Length || !IsNameChar(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A text with its backslash-newlines, backslashes and quote characters taken out, so that a name
    /// quoting splits is whole again: <c>export K\EY=1</c>, <c>"K"EY=1</c> as export's argument, or
    /// <c>K\⏎EY=1</c> assign KEY. Names it joins that bash keeps apart only make more values unknown.
    /// </summary>
    internal static string WithoutQuoting(string text) =>
        text.Replace("\\\n", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal)
            .Replace("'", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal);

    private static bool IsName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(IsNameChar);

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
