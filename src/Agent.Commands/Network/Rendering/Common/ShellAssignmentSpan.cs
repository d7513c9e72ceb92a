namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Where a line's first command assigns its first variable, found by <see cref="ShellWordLexer"/>'s
/// token positions: setting or removing that assignment edits its own text and keeps the rest of
/// the line (<c>KEY=v; OTHER=w</c>, <c>KEY=v OTHER=w</c>, a trailing comment) as it was.
/// </summary>
/// <param name="WordStart">Where the assignment word starts.</param>
/// <param name="WordEnd">Where it ends.</param>
/// <param name="RemoveEnd">Where removing it, other assignments following, ends (its blanks go with it).</param>
/// <param name="Alone">Whether it is the command's only assignment: removing it removes the command.</param>
/// <param name="CommandEnd">Where the command ends, after its <c>;</c>: the rest of the line follows.</param>
/// <param name="Assigns">
/// Whether the command sets variables for the file: not any other command, nor <c>KEY=v command</c>
/// (an assignment in the command's environment only), which are kept whole.
/// </param>
internal sealed record ShellAssignmentSpan(int WordStart, int WordEnd, int RemoveEnd, bool Alone, int CommandEnd, bool Assigns)
{
    /// <summary>
    /// The span of the first assignment of <paramref name="statement"/>'s first command (a line, with
    /// the lines its value continues onto), or <c>null</c> when the line starts with no command or an
    /// assignment ends in something other than <c>;</c> or the line's end (<c>&amp;&amp;</c>,
    /// <c>&amp;</c>, a quote left open): the caller edits the whole line then.
    /// </summary>
    public static ShellAssignmentSpan? Of(string statement)
    {
        var lexer = new ShellWordLexer(statement);
        var words = new List<ShellToken>();
        var token = lexer.Next();
        for (; token.Kind == ShellTokenKind.Word; token = lexer.Next())
        {
            words.Add(token);
        }

        var first = words.Count > 0 && Raw(statement, words[0]) == "export" ? 1 : 0;
        if (words.Count <= first)
        {
            return null;
        }

        var ends = token.Kind == ShellTokenKind.End || (token.Kind == ShellTokenKind.Separator && statement[token.Start] == ';');
        var commandEnd = ends && token.Kind != ShellTokenKind.End ? token.End : statement.Length;

        // KEY=v command runs command with KEY in its environment only: bash never sets KEY for the file.
        if (first == 0 && words.Any(w => ShellVariableEditor.KeyOf(Raw(statement, w)) is null))
        {
            return new ShellAssignmentSpan(0, 0, 0, false, commandEnd, Assigns: false);
        }

        if (!ends)
        {
            return null;
        }

        // The first assignment is the one edited; when others follow, it goes with the blanks up to the next.
        var word = words[first];
        var alone = first == words.Count - 1;
        return new ShellAssignmentSpan(word.Start, word.End, alone ? word.End : words[first + 1].Start, alone, commandEnd, Assigns: true);
    }

    private static string Raw(string statement, ShellToken word) => statement[word.Start..word.End];
}
