namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Edits shell-style <c>KEY=value</c> files (<c>/etc/sysconfig/network</c>, <c>rc.conf</c>,
/// SUSE's <c>config</c>) in place: assigned keys are replaced where they are, keys not yet present
/// are appended, every other line is kept as it was. Only an assignment's own text is edited: the
/// other commands and assignments of its line (<c>KEY=v; OTHER=w</c>, <c>KEY=v OTHER=w</c>) and a
/// trailing comment stay; <c>KEY=v command</c>, which sets KEY for that command alone, is left alone.
/// </summary>
internal static class ShellVariableEditor
{
    /// <summary>Sets each key to its value (written verbatim, so quote it yourself if needed).</summary>
    /// <param name="text">The current file, or <c>null</c> when it does not exist.</param>
    /// <param name="assignments">Keys and their new values, in the order new keys are appended.</param>
    public static string Set(string? text, IEnumerable<KeyValuePair<string, string>> assignments)
    {
        var pending = assignments.ToList();
        var lines = SplitLines(text);
        var output = new List<string>(lines.Count + pending.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            // A key's first assignment takes the new value, any later one goes: the last is what bash keeps.
            var edited = Edit(line, key => pending.FindIndex(a => a.Key == key) is var match and >= 0
                ? done.Add(key) ? $"{key}={pending[match].Value}" : ""
                : null);
            if (edited is not null)
            {
                output.Add(edited);
            }
        }

        output.AddRange(pending.Where(a => !done.Contains(a.Key)).Select(a => $"{a.Key}={a.Value}"));
        return Join(output);
    }

    /// <summary>Removes every assignment whose key matches <paramref name="remove"/>.</summary>
    public static string Remove(string? text, Func<string, bool> remove) =>
        Join(SplitLines(text).Select(line => Edit(line, key => remove(key) ? "" : null)).OfType<string>().ToList());

    /// <summary>
    /// A line (a statement) with its first assignment replaced by what <paramref name="decide"/> gives
    /// for its key (<c>null</c>: keep it, empty: remove it), the commands after a <c>;</c> edited the
    /// same way and every other byte kept; <c>null</c> when nothing but blanks is left.
    /// </summary>
    private static string? Edit(string statement, Func<string, string?> decide)
    {
        var key = KeyOf(statement);
        var span = ShellAssignmentSpan.Of(statement);
        if (span is null)
        {
            // A line we do not edit apart (KEY=v && ..., a quote left open): it goes whole, as it did.
            return key is not null && decide(key) is { } whole ? (whole.Length == 0 ? null : whole) : statement;
        }

        var replacement = key is not null && span.Assigns ? decide(key) : null;
        var head = replacement is null ? statement[..span.CommandEnd]
            : replacement.Length > 0 ? statement[..span.WordStart] + replacement + statement[span.WordEnd..span.CommandEnd]
            : span.Alone ? ""
            : statement[..span.WordStart] + statement[span.RemoveEnd..span.CommandEnd];
        var rest = span.CommandEnd < statement.Length ? Edit(statement[span.CommandEnd..], decide) ?? "" : "";
        var edited = head.Length == 0 ? rest.TrimStart(' ', '\t') : head + rest;
        return edited.Trim(' ', '\t').Length == 0 ? null : edited;
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

    /// <summary>
    /// The file's lines, a line that continues the one before it (inside a quoted value spanning
    /// lines, or after a backslash-newline) joined to it: setting or removing an assignment takes all
    /// of its lines, and a line inside another value (<c>DESC="a⏎KEY=x"</c>) assigns nothing.
    /// </summary>
    private static List<string> SplitLines(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var lines = text.Split('\n').ToList();
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var ends = CommandEnds(text);
        var statements = new List<string>(lines.Count);
        var newline = -1;
        foreach (var line in lines)
        {
            if (newline >= 0 && !ends(newline))
            {
                statements[^1] += "\n" + line;
            }
            else
            {
                statements.Add(line);
            }

            newline += line.Length + 1;
        }

        return statements;
    }

    /// <summary>Whether the newline at a position ends a command (rather than sitting inside a word).</summary>
    private static Func<int, bool> CommandEnds(string text)
    {
        var ends = new HashSet<int>();
        var lexer = new ShellWordLexer(text);
        var token = lexer.Next();
        for (; token.Kind is not (ShellTokenKind.End or ShellTokenKind.Unterminated); token = lexer.Next())
        {
            if (token.Kind == ShellTokenKind.Separator && text[token.Start] == '\n')
            {
                ends.Add(token.Start);
            }
        }

        // The shell reads nothing after a quote left open: each line from there on stays its own.
        var stop = token.Kind == ShellTokenKind.Unterminated ? token.Start : text.Length;
        return position => position >= stop || ends.Contains(position);
    }

    private static string Join(List<string> lines) => lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
}
