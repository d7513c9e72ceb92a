namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Edits shell-style <c>KEY=value</c> files (<c>/etc/sysconfig/network</c>, <c>rc.conf</c>,
/// SUSE's <c>config</c>) in place: assigned keys are replaced where they are, keys not yet present
/// are appended, every other line is kept as it was. A key the file expands (<c>OTHER=$KEY</c>) keeps
/// its assignments, so what the file computes from it keeps its value, and is set or unset after them;
/// so does every key of a file that reaches variables by a computed name, runs code it does not hold or
/// observes every variable (<c>eval</c>, <c>${!ref}</c>, arithmetic, <c>declare</c>, <c>. file</c>,
/// <c>$CMD</c>, <c>[ -v KEY ]</c>, <c>set</c>: <see cref="ShellNameReach.ReachesByName"/>), and one with a name
/// reference (<c>declare -n</c>) or a <c>trap</c> whose code may reach the key is refused.
/// Only an assignment's own word is edited
/// (<see cref="ShellAssignmentCommands"/>): the other commands and assignments of its line
/// (<c>KEY=v; OTHER=w</c>, <c>OTHER=w KEY=v</c>, <c>KEY=v &amp;&amp; cmd</c>) and a trailing comment stay.
/// What sets nothing in the sourcing shell (<c>KEY=v command</c>, <c>KEY=v | cmd</c>, <c>KEY=v &amp;</c>)
/// is left alone, and so is everything from a construct the editor does not follow (<c>if</c>, a
/// function, parentheses) on. Where the edited file would still not give the intended value when
/// bash sources it, a line of the editor's own (<c>KEY=value</c>, <c>unset -v KEY</c>) goes where
/// bash reads it last (<see cref="ShellLinePlacement"/>), or the edit is refused.
/// </summary>
internal static class ShellVariableEditor
{
    /// <summary>Sets each key to its value (written verbatim, so quote it yourself if needed).</summary>
    /// <param name="text">The current file, or <c>null</c> when it does not exist.</param>
    /// <param name="assignments">Keys and their new values, in the order new keys are appended.</param>
    /// <param name="file">The file's path, for the error.</param>
    /// <exception cref="Parsing.InvalidNetworkDataException">A key cannot be set where bash surely reads it last (<see cref="ShellLinePlacement"/>).</exception>
    public static string Set(string? text, IEnumerable<KeyValuePair<string, string>> assignments, string file = "the file")
    {
        RefuseSplitReading(text, file);
        var pending = assignments.ToList();
        var done = new HashSet<string>(StringComparer.Ordinal);

        // A key's first assignment that surely runs takes the new value; any other goes (the last is
        // what bash keeps, and one after && or || would run or not by what came before). A key the file
        // expands (OTHER=$KEY, or any key where eval "OTHER=\$$NAME" could) keeps its assignments, so
        // what is computed from it stays as it was, and gets a line of its own below.
        var output = Edit(text, (key, sure) => pending.FindIndex(a => a.Key == key) is var match and >= 0 && !ShellWords.Expands(text, key)
            ? sure && done.Add(key) ? $"{key}={pending[match].Value}" : ""
            : null);

        // A key still not read as its new value (set in a construct not edited, such as an if or a
        // pipeline's last command, or after a return) gets a last assignment of its own.
        var reach = -1;
        foreach (var (key, value) in pending)
        {
            var line = $"{key}={value}";
            if (!done.Contains(key) || ShellValueReader.Read(Join(output), key) != ShellValueReader.Read(line + "\n", key))
            {
                reach = ShellLinePlacement.Place(output, reach < 0 ? ShellLinePlacement.Reach(output) : reach, key, line, file);
            }

            ShellLinePlacement.RefuseReadOnly(Join(output), key, set: true, file);
        }

        return Join(output);
    }

    /// <summary>
    /// Removes every assignment whose key matches <paramref name="remove"/>, where the editor edits
    /// (see the class) and the file does not expand the key; a key the file still sets after that (an
    /// array, an assignment in an <c>if</c> or with a redirection, <c>export -n</c>, one the file expands
    /// as in <c>OTHER=$KEY</c>) gets an <c>unset -v</c> where bash reads it last.
    /// </summary>
    /// <exception cref="Parsing.InvalidNetworkDataException">
    /// A key cannot be unset where bash surely reads it last (<see cref="ShellLinePlacement"/>), or the
    /// file may set a variable it never names (<c>eval "${P}EY=b"</c>, a sourced file, <c>$CMD</c>: what
    /// <see cref="ShellValueReader"/> calls unknown for a name the file does not hold), which may be one
    /// <paramref name="remove"/> matches and no <c>unset</c> can name.
    /// </exception>
    public static string Remove(string? text, Func<string, bool> remove, string file = "the file")
    {
        RefuseSplitReading(text, file);

        // A key the file expands keeps its assignments (OTHER=$KEY keeps its value) and is unset after them.
        var output = Edit(text, (key, _) => remove(key) && !ShellWords.Expands(text, key) ? "" : null);
        var reach = -1;
        foreach (var name in NamesIn(text).Where(remove))
        {
            if (ShellValueReader.Read(Join(output), name).State != ShellValueState.Unset)
            {
                reach = ShellLinePlacement.Place(output, reach < 0 ? ShellLinePlacement.Reach(output) : reach, name, $"unset -v {name}", file);
                ShellLinePlacement.RefuseReadOnly(Join(output), name, set: false, file);
            }
        }

        // A key the file sets only under a computed name (eval "${P}EY=b", a sourced file) is none of the
        // names above, and no unset can find it: such a file may set a variable it never names.
        if (ShellValueReader.Read(Join(output), ShellLinePlacement.Unnamed(output)).State != ShellValueState.Unset)
        {
            throw new Parsing.InvalidNetworkDataException(
                $"{file}: the variables to remove cannot all be found: the file may set a variable by a name only running it tells (eval, let, declare, arithmetic, a sourced file or a command named by a variable)");
        }

        return Join(output);
    }

    /// <summary>The assignments <see cref="Remove"/> edits taken out, and nothing added: what is left of one statement.</summary>
    public static string RemoveWords(string statement, Func<string, bool> remove) =>
        Join(Edit(statement, (key, _) => remove(key) ? "" : null));

    /// <summary>
    /// Every distinct name-like word of a text (a variable's name may stand anywhere: in a construct,
    /// after <c>export -n</c>), also where quoting splits it (<c>export K\EY=1</c> in an <c>if</c>).
    /// </summary>
    public static IEnumerable<string> NamesIn(string? text)
    {
        text = text is null ? null : ShellWords.WithoutQuoting(text);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; text is not null && i < text.Length; i++)
        {
            if (!IsNameStart(text[i]) || (i > 0 && (IsNameStart(text[i - 1]) || char.IsAsciiDigit(text[i - 1]))))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && (IsNameStart(text[end]) || char.IsAsciiDigit(text[end])))
            {
                end++;
            }

            if (names.Add(text[i..end]))
            {
                yield return text[i..end];
            }
        }
    }

    /// <summary>
    /// Refuses a file with a here-document the lexer does not read, or whose lines bash and dash split differently
    /// (<see cref="ShellWordLexer.HereDocumentUnread"/>): its body's lines would be edited as commands, though bash takes them as text;
    /// or where dash stops before bash (<see cref="ShellSyntaxCheck.DashStopsFirst"/>): lines only bash runs would be edited.
    /// </summary>
    private static void RefuseSplitReading(string? text, string file)
    {
        // Where dash alone may stop: a ! with no command after it, a $(( bash reads as commands (ShellSubstitutionSyntax).
        var dashAlone = text?.Contains('!', StringComparison.Ordinal) == true || text?.Contains("$((", StringComparison.Ordinal) == true;
        if (text is null || !(dashAlone || text.Contains("<<", StringComparison.Ordinal) || text.Contains('`', StringComparison.Ordinal)
            || text.Contains("${", StringComparison.Ordinal)))
        {
            return;
        }

        var lexer = new ShellWordLexer(text);
        for (var token = lexer.Next(); token.Kind is not (ShellTokenKind.End or ShellTokenKind.Unterminated); token = lexer.Next())
        {
        }

        if (lexer.HereDocumentUnread || (dashAlone && ShellSyntaxCheck.DashStopsFirst(text)))
        {
            throw new Parsing.InvalidNetworkDataException(
                $"{file}: holds a here-document the editor does not read (opened in $(…) closed on its line, in backquotes, in bash's $[…], or with a quoted delimiter spanning lines) or a form bash and dash read differently (a backquoted command left open or not parsing, a here-document's substitution that does not parse, a single quote in \"${{X:-…}}\", a ! with no command after it, a $((…) bash reads as commands): its lines could be taken for commands, so the file is left as it is");
        }
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    /// <summary>
    /// The file's statements with each assignment word replaced by what <paramref name="decide"/>
    /// gives for its key and whether it surely runs (<c>null</c>: keep it, empty: remove it), every
    /// other byte kept; a statement left with no command goes.
    /// </summary>
    private static List<string> Edit(string? text, Func<string, bool, string?> decide)
    {
        var output = new List<string>();
        var frozen = false;
        foreach (var statement in ShellStatements.Split(text))
        {
            var commands = frozen ? null : ShellAssignmentCommands.Of(statement);
            frozen |= commands is { Freezes: true };
            var edited = commands is null ? statement
                : commands.Unterminated ? EditWhole(statement, decide)
                : EditCommands(statement, commands.Commands, decide);
            if (edited is not null)
            {
                output.Add(edited);
            }
        }

        return output;
    }

    /// <summary>A statement with a quote left open (bash stops there): replaced or removed whole when it starts with the key's assignment.</summary>
    private static string? EditWhole(string statement, Func<string, bool, string?> decide) =>
        KeyOf(statement) is { } key && decide(key, true) is { } whole ? (whole.Length == 0 ? null : whole) : statement;

    private static string? EditCommands(string statement, IReadOnlyList<ShellAssignmentCommand> commands, Func<string, bool, string?> decide)
    {
        var edits = new List<(int Start, int End, string Text)>();
        foreach (var command in commands)
        {
            var words = command.Words;
            var decisions = words.Select(w => w.Key is null ? null : decide(w.Key, command.Sure)).ToList();
            if (decisions.All(d => d is null))
            {
                continue;
            }

            if (Enumerable.Range(0, words.Count).All(i => decisions[i] is "" || (i == 0 && words[0].Key is null)))
            {
                // The whole command goes (an export with it); in a list, ':' keeps the list's shape and status.
                edits.Add(command.InList ? (command.Start, command.End, ":") : (command.RemoveStart, command.RemoveEnd, ""));
                continue;
            }

            for (var i = 0; i < words.Count; i++)
            {
                if (decisions[i] is not "")
                {
                    edits.AddRange(decisions[i] is { } replacement ? [(words[i].Start, words[i].End, replacement)] : []);
                    continue;
                }

                // A run of removed words goes with the blanks up to the next word kept, or at the
                // command's end with those after the word kept before it.
                var last = i;
                while (last + 1 < words.Count && decisions[last + 1] is "")
                {
                    last++;
                }

                edits.Add(last + 1 < words.Count ? (words[i].Start, words[last + 1].Start, "") : (words[i - 1].End, words[last].End, ""));
                i = last;
            }
        }

        if (edits.Count == 0)
        {
            return statement;
        }

        // From the last edit back; one that reaches into the next (the blanks a removed command takes
        // on both sides, as in "KEY=a; KEY=b") stops where that one starts.
        var result = statement;
        var limit = statement.Length;
        foreach (var (start, end, replacement) in edits.OrderByDescending(e => e.Start))
        {
            result = result[..start] + replacement + result[Math.Min(end, limit)..];
            limit = start;
        }

        // A statement left with nothing to run (blanks, a comment about what was removed) goes.
        return new ShellWordLexer(result).Next().Kind == ShellTokenKind.End ? null : result;
    }

    /// <summary>
    /// The value sourcing the file leaves <paramref name="key"/> with (<see cref="ShellValueReader"/>),
    /// or <c>null</c> when the file does not set it or sets it to something only running the file
    /// would tell (an expansion such as <c>$(hostname)</c>): a caller then looks elsewhere rather than
    /// take the text for the value.
    /// </summary>
    public static string? Get(string? text, string key) => ShellValueReader.Read(text, key).KnownText;

    /// <summary>
    /// The key a line assigns (<c>KEY=</c>, <c>export KEY=</c>, bash's <c>KEY+=</c>, after blanks),
    /// or <c>null</c> for comments and other lines.
    /// </summary>
    public static string? KeyOf(string line)
    {
        // The shell's blanks are spaces and tabs: any other character starts a command's name.
        var trimmed = line.TrimStart(' ', '\t');
        if (trimmed.StartsWith("export", StringComparison.Ordinal) && trimmed.Length > 6 && trimmed[6] is ' ' or '\t')
        {
            trimmed = trimmed[7..].TrimStart(' ', '\t');
        }

        var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
        // KEY+=v appends to KEY: setting or removing KEY takes that line too, or it would add to the new value.
        var key = equals <= 0 ? "" : trimmed[..(trimmed[equals - 1] == '+' ? equals - 1 : equals)];
        if (key.Length == 0)
        {
            return null;
        }

        return key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(key[0]) ? key : null;
    }

    private static string Join(List<string> lines) => ShellLinePlacement.Join(lines);
}
