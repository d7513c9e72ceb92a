namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// A shell file's statements: its lines, a line joined to the one before it when bash reads them
/// as one command (inside a quoted value spanning lines, after a backslash-newline, inside an
/// array's parentheses, after <c>&amp;&amp;</c>, <c>||</c> or <c>|</c>, a here-document's body with the
/// line of its command), as <see cref="ShellWordLexer"/>
/// finds them. An edit of one statement then takes all of its lines, and a line inside another
/// value (<c>DESC="a⏎KEY=x"</c>) assigns nothing.
/// </summary>
internal static class ShellStatements
{
    /// <summary>The statements of <paramref name="text"/>, without their final newlines.</summary>
    public static List<string> Split(string? text)
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

    /// <summary>Whether the newline at a position ends a command (rather than sitting inside a word, an array or a list).</summary>
    private static Func<int, bool> CommandEnds(string text)
    {
        var ends = new HashSet<int>();
        var lexer = new ShellWordLexer(text);
        var previous = lexer.Next();
        var token = previous;
        var inArray = false;
        for (; token.Kind is not (ShellTokenKind.End or ShellTokenKind.Unterminated); previous = token, token = lexer.Next())
        {
            // NAME=( opens an array, whose newlines are blanks to bash, up to its ')'.
            inArray = token.Kind == ShellTokenKind.Opaque && text[token.Start] is var c
                ? (c == '(' && previous.Kind == ShellTokenKind.Word && previous.End == token.Start && text[previous.End - 1] == '=') || (inArray && c != ')')
                : inArray;
            if (token.Kind == ShellTokenKind.Separator && text[token.Start] == '\n' && !inArray && previous.Kind != ShellTokenKind.Connector)
            {
                // A newline that starts here-documents' bodies ends the command after them: their lines go with it.
                ends.Add(text[token.End - 1] == '\n' ? token.End - 1 : token.Start);
            }

            // A newline after && or | belongs to the list: the next one decides.
            token = token.Kind == ShellTokenKind.Separator && previous.Kind == ShellTokenKind.Connector ? previous : token;
        }

        // The shell reads nothing after a quote left open: each line from there on stays its own.
        var stop = token.Kind == ShellTokenKind.Unterminated ? token.Start : text.Length;
        return position => position >= stop || ends.Contains(position);
    }
}
