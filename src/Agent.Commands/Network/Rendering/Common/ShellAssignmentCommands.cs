namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>An assignment word of a command: the variable it sets (<c>null</c> for <c>export</c> itself or a bare name) and where it is.</summary>
/// <param name="Key">The variable, or <c>null</c> when the word assigns none.</param>
/// <param name="Start">Where the word starts in the statement.</param>
/// <param name="End">Where it ends.</param>
internal sealed record ShellAssignmentWord(string? Key, int Start, int End);

/// <summary>
/// A command made only of assignments (<c>A=1 KEY=2</c>, <c>export A KEY=2</c>) that bash runs in
/// the sourcing shell itself, so that editing its words edits what the file sets.
/// </summary>
/// <param name="Words">Its words, <c>export</c> first when it is one.</param>
/// <param name="Sure">It runs whatever came before: the first pipeline of its list, not after <c>&amp;&amp;</c> or <c>||</c>.</param>
/// <param name="InList">It is part of a list with <c>&amp;&amp;</c> or <c>||</c>: removing it leaves <c>:</c>, whose status is an assignment's.</param>
/// <param name="RemoveStart">Where removing the whole command starts.</param>
/// <param name="RemoveEnd">Where it ends (after its <c>;</c> and the blanks after it).</param>
internal sealed record ShellAssignmentCommand(IReadOnlyList<ShellAssignmentWord> Words, bool Sure, bool InList, int RemoveStart, int RemoveEnd)
{
    /// <summary>Where the command's first word starts.</summary>
    public int Start => Words[0].Start;

    /// <summary>Where its last word ends.</summary>
    public int End => Words[^1].End;
}

/// <summary>
/// The assignment commands of a statement (<see cref="ShellStatements"/>) that Set and Remove may
/// edit, found by <see cref="ShellWordLexer"/>'s positions. Left out: a command with a command word
/// (<c>KEY=v command</c>: KEY in that command's environment only), a redirection or an array, a
/// command substitution in a list (<c>KEY=$(cmd) &amp;&amp; other</c>: its status decides what runs next), a
/// command in a pipeline or in a list run in the background (bash runs those in a copy of itself:
/// they set nothing in the file's shell).
/// </summary>
/// <param name="Commands">The commands that may be edited, in order.</param>
/// <param name="Freezes">
/// The statement reaches a construct the editor does not follow (a keyword such as <c>if</c> or
/// <c>{</c>, a parenthesis, <c>;;</c>, an operator with no command): its rest and every later
/// statement are kept as they are, as removing a command there could leave <c>then fi</c>, which
/// bash refuses.
/// </param>
/// <param name="Unterminated">A quote is left open: bash stops there, and the statement is edited whole.</param>
internal sealed record ShellAssignmentCommands(IReadOnlyList<ShellAssignmentCommand> Commands, bool Freezes, bool Unterminated)
{
    private sealed record Group(List<ShellToken> Words, bool Plain, ShellToken End);

    /// <summary>The editable commands of <paramref name="statement"/>.</summary>
    public static ShellAssignmentCommands Of(string statement)
    {
        var (groups, stop) = Groups(statement);
        var commands = new List<ShellAssignmentCommand>();
        var listStart = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            if (groups[i].End.Kind == ShellTokenKind.Connector)
            {
                continue;
            }

            // groups[listStart..i] is one list: run in the background as a whole when it ends in '&'.
            var list = groups[listStart..(i + 1)];
            var background = groups[i].End.Kind == ShellTokenKind.Background;
            var inList = list.Any(g => IsListConnector(statement, g.End));
            for (var j = 0; j < list.Count; j++)
            {
                var piped = IsPipe(statement, list[j].End) || (j > 0 && IsPipe(statement, list[j - 1].End));
                var words = background || piped || !list[j].Plain || (inList && SubstitutesCommand(statement, list[j])) ? null : AssignmentWords(list[j].Words);
                if (words is not null)
                {
                    var (removeStart, removeEnd) = RemovedRange(statement, list[j]);
                    commands.Add(new ShellAssignmentCommand(words, Sure: j == 0, inList, removeStart, removeEnd));
                }
            }

            listStart = i + 1;
        }

        return new ShellAssignmentCommands(commands, stop is ShellTokenKind.Opaque, stop is ShellTokenKind.Unterminated);
    }

    /// <summary>
    /// The statement's simple commands with what ends each, up to the end or to what stops the
    /// reading: <see cref="ShellTokenKind.Opaque"/> for a construct not followed,
    /// <see cref="ShellTokenKind.Unterminated"/> for a quote left open.
    /// </summary>
    private static (List<Group> Groups, ShellTokenKind Stop) Groups(string statement)
    {
        var lexer = new ShellWordLexer(statement);
        var groups = new List<Group>();
        while (true)
        {
            var words = new List<ShellToken>();
            var plain = true;
            var token = lexer.Next();
            while (groups.Count > 0 && groups[^1].End.Kind == ShellTokenKind.Connector && token.Kind == ShellTokenKind.Separator && statement[token.Start] == '\n')
            {
                // The newlines a list or pipeline may take after its operator.
                token = lexer.Next();
            }

            for (; token.Kind is ShellTokenKind.Word or ShellTokenKind.Opaque; token = lexer.Next())
            {
                var c = statement[token.Start];
                if (token.Kind == ShellTokenKind.Word)
                {
                    words.Add(token);
                }
                else if (c == '(' && words.Count > 0 && words[^1].End == token.Start && words[^1].Text.EndsWith('='))
                {
                    // An array (NAME=(a b)): kept as it is, its words skipped to the ')'.
                    plain = false;
                    token = lexer.Next();
                    while (token.Kind is ShellTokenKind.Word or ShellTokenKind.Separator)
                    {
                        token = lexer.Next();
                    }

                    if (token.Kind != ShellTokenKind.Opaque || statement[token.Start] != ')')
                    {
                        return (groups, token.Kind == ShellTokenKind.Unterminated ? token.Kind : ShellTokenKind.Opaque);
                    }
                }
                else if (c is '<' or '>' || (c == '&' && token.End - token.Start == 2))
                {
                    // A redirection (its target the next word): the command is kept as it is.
                    plain = false;
                }
                else
                {
                    return (groups, ShellTokenKind.Opaque);
                }
            }

            var name = words.FirstOrDefault(w => ShellWords.AssignedName(w, exported: false) is null);
            if (token.Kind == ShellTokenKind.Unterminated || (name is { IsPlain: true } && ShellWords.IsKeyword(name.Text)))
            {
                return (groups, token.Kind == ShellTokenKind.Unterminated ? token.Kind : ShellTokenKind.Opaque);
            }

            if (words.Count == 0)
            {
                // The end, or an operator with no command before it (bash's syntax error).
                return (groups, token.Kind == ShellTokenKind.End ? ShellTokenKind.End : ShellTokenKind.Opaque);
            }

            groups.Add(new Group(words, plain, token));
            if (token.Kind == ShellTokenKind.End)
            {
                return (groups, ShellTokenKind.End);
            }
        }
    }

    /// <summary>The words of a command made only of assignments (or <c>export</c> and its names), else <c>null</c>.</summary>
    private static List<ShellAssignmentWord>? AssignmentWords(List<ShellToken> words)
    {
        var export = words[0] is { IsPlain: true, Text: "export" };
        if (export ? words.Count == 1 || words.Any(w => w.Text.StartsWith('-')) : words.Any(w => ShellWords.AssignedName(w, exported: false) is null))
        {
            return null;
        }

        return words.Select((w, i) => new ShellAssignmentWord(export && i == 0 ? null : ShellWords.AssignedName(w, export), w.Start, w.End)).ToList();
    }

    /// <summary>
    /// What removing a whole command takes: its <c>;</c> and the blanks after it, or the blanks before it at
    /// the statement's end or before a newline (one inside a statement starts here-documents' bodies, which stay).
    /// </summary>
    private static (int Start, int End) RemovedRange(string statement, Group group)
    {
        var end = group.End;
        if (end.Kind == ShellTokenKind.Separator && statement[end.Start] == ';')
        {
            var after = end.End;
            while (after < statement.Length && statement[after] is ' ' or '\t')
            {
                after++;
            }

            return (group.Words[0].Start, after);
        }

        var start = group.Words[0].Start;
        while (start > 0 && statement[start - 1] is ' ' or '\t')
        {
            start--;
        }

        return (start, group.Words[^1].End);
    }

    /// <summary>
    /// Whether a command's words hold a command substitution (<c>$(</c> or a backtick as written): in
    /// a list its status is the substitution's, which the next pipeline runs by, so the command is
    /// kept as it is (replacing or removing it would change what the list runs) and the editor's own
    /// line sets or unsets the key after it.
    /// </summary>
    private static bool SubstitutesCommand(string statement, Group group) =>
        group.Words.Any(w => statement[w.Start..w.End] is var written && (written.Contains("$(", StringComparison.Ordinal) || written.Contains('`', StringComparison.Ordinal)));

    private static bool IsPipe(string statement, ShellToken end) =>
        end.Kind == ShellTokenKind.Connector && statement[end.Start..end.End] is "|" or "|&";

    private static bool IsListConnector(string statement, ShellToken end) =>
        end.Kind == ShellTokenKind.Connector && statement[end.Start..end.End] is "&&" or "||";
}
