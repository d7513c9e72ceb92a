using System.Collections.Frozen;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Places a line that must have the last word on a variable (<c>KEY=value</c>, <c>unset -v KEY</c>)
/// among a shell file's statements (<see cref="ShellStatements"/>) so that bash sourcing the file
/// runs it and nothing after it changes the variable again, checked with <see cref="ShellValueReader"/>.
/// Appending is not enough: bash never reads what follows a <c>return</c> or a syntax error, so the
/// line goes where the reader stops following the file (<see cref="Reach"/>) when nothing after
/// that names the variable, else at the end, or right before the complete command with a syntax
/// error bash stops at (<see cref="ShellSyntaxCheck"/>). A file that could still end before that line after
/// changing the variable is refused, with the file and the variable named, rather than written with
/// a value bash would not read.
/// </summary>
internal static class ShellLinePlacement
{
    /// <summary>
    /// Commands that can end the sourcing before the file's last line, or change the shell so that
    /// a later command ends it (<c>set -e</c>, <c>set -u</c>), or make an assignment fail
    /// (<c>readonly</c>, <c>declare -r</c>), or run text we do not read.
    /// </summary>
    private static readonly FrozenSet<string> MayStop = FrozenSet.Create(
        StringComparer.Ordinal,
        "return", "exit", "logout", "exec", "set", "shopt", "source", ".", "eval", "trap", "kill", "builtin", "command",
        "readonly", "declare", "typeset", "local");

    /// <summary>
    /// How many leading statements bash surely runs through as the reader follows them: the place
    /// before a <c>return</c>'s line, a syntax error's line or a construct the reader does not follow
    /// (<c>if</c>, a function, parentheses), or the end. Found by reading a variable the file does not
    /// name, set by a line put at each place in turn with nothing after it (a command after it that
    /// could set any variable, as <c>export {a,b}=1</c>, would hide that it was reached).
    /// </summary>
    public static int Reach(IReadOnlyList<string> statements)
    {
        var probe = Unnamed(statements);
        var reached = ShellValue.Known("1");
        var reach = 0;
        while (reach < statements.Count
            && ShellValueReader.Read(Join(statements.Take(reach + 1).Append($"{probe}=1")), probe) == reached)
        {
            reach++;
        }

        return reach;
    }

    /// <summary>A variable name none of the statements holds: what the file does to it, it may do to any variable.</summary>
    public static string Unnamed(IReadOnlyList<string> statements)
    {
        var probe = "GUEST_AGENT_REACH";
        while (statements.Any(s => s.Contains(probe, StringComparison.Ordinal)))
        {
            probe += "_";
        }

        return probe;
    }

    /// <summary>
    /// Adds <paramref name="line"/> at <paramref name="reach"/> (see <see cref="Reach"/>), or at the
    /// end when what follows that place names <paramref name="key"/>, so that sourcing the statements
    /// leaves the key as the line alone does.
    /// </summary>
    /// <returns>The reach after the placing: one more when the line went there, else as it was.</returns>
    /// <exception cref="InvalidNetworkDataException">No place is sure to be read last (see the class).</exception>
    public static int Place(List<string> statements, int reach, string key, string line, string file)
    {
        var target = ShellValueReader.Read(line + "\n", key);

        // A file whose last command goes on past its end (KEY=\ and a newline) would take a line put
        // after it into that command: a blank line ends the command first.
        var atEnd = ShellStatements.Split(Join(statements.Append(line))).Count > statements.Count ? line : "\n" + line;
        statements.Insert(reach, line);
        if (ShellValueReader.Read(Join(statements), key) == target && !ShellNameReach.ReachesByName(Join(statements.Skip(reach + 1)), observing: true))
        {
            // Nothing the reader does not follow after it observes the key by a name it computes
            // (if [ -v "$P" ], set in a function), as the line would change what that sees.
            return reach + 1;
        }

        statements.RemoveAt(reach);
        if (reach < statements.Count && StopAt(statements[reach]) is var stop and >= 0)
        {
            // The file stops at a return on this line, after what comes before it on the line (an
            // unset, an array): the line goes right before the return.
            var original = statements[reach];
            statements[reach] = original[..stop] + line + "; " + original[stop..];
            if (ShellValueReader.Read(Join(statements), key) == target)
            {
                return reach;
            }

            statements[reach] = original;
        }

        // What follows names the key (a condition or function that sets it, a pipeline's last
        // command): the line goes last, where bash reads it if it gets there, or right before the
        // complete command with a syntax error (a stray fi), where bash stops.
        var last = ErrorStatement(statements) ?? statements.Count;
        statements.Insert(last, last == statements.Count ? atEnd : line);
        var value = ShellValueReader.Read(Join(statements), key);
        if (value == target || (value.State == ShellValueState.Unknown && ReachesEnd(Join(statements.Take(last + 1)))))
        {
            return reach;
        }

        statements.RemoveAt(last);
        if (ShellValueReader.Trap(Join(statements), key) is { } trap)
        {
            // A trap's code runs after every line of the file: no placement is read last.
            throw new InvalidNetworkDataException(
                $"{file}: {key} cannot be {(target.State == ShellValueState.Unset ? "removed" : "set")} safely: the file sets a trap whose code may read or change it ({trap}), and it runs after the file's last line, where no line this agent writes can follow it");
        }

        throw new InvalidNetworkDataException(
            $"{file}: {key} cannot be {(target.State == ShellValueState.Unset ? "removed" : "set")} safely: the file changes it in a construct this agent does not follow and may stop before its end (a return, exit, set, eval or a syntax error)");
    }

    /// <summary>
    /// Refuses a file that makes <paramref name="key"/> read-only (<c>readonly KEY=x</c>,
    /// <c>declare -r</c>, or any <c>declare</c>, <c>typeset</c> or <c>local</c> naming it, whose
    /// options the editor does not read): bash then refuses the new assignment or <c>unset</c>, goes on
    /// and leaves the old value, which no placement can change. So is a file that declares a name
    /// reference (<c>declare -n ref=$P</c>, <c>typeset -n</c>, <c>local -n</c>, whatever it names): an
    /// assignment to the reference anywhere after it (<c>ref=b</c>, in a construct the editor's line
    /// goes before) may set the key, and which variable it sets only running the file tells; and so is a
    /// file that makes a variable read-only by a name an expansion gives (<c>readonly "${P}EY=b"</c>).
    /// </summary>
    /// <exception cref="InvalidNetworkDataException">Such a command names the key, or declares a name reference.</exception>
    public static void RefuseReadOnly(string text, string key, bool set, string file)
    {
        var lexer = new ShellWordLexer(text);
        var declares = false;
        var commandStart = true;
        for (var token = lexer.Next(); token.Kind is not (ShellTokenKind.End or ShellTokenKind.Unterminated); token = lexer.Next())
        {
            var word = token.Kind == ShellTokenKind.Word;
            declares = word && (declares || (commandStart && token is { IsPlain: true, Text: "readonly" or "declare" or "typeset" or "local" }));
            if (declares && ShellVariableEditor.NamesIn(token.Text).Contains(key))
            {
                throw new InvalidNetworkDataException(
                    $"{file}: {key} cannot be {(set ? "set" : "removed")} safely: the file makes it read-only or declares it (readonly, declare, typeset, local)");
            }

            if (declares && token.UnknownFrom == 0)
            {
                throw new InvalidNetworkDataException(
                    $"{file}: {key} cannot be {(set ? "set" : "removed")} safely: the file makes a variable read-only or declares it by a name only running it tells (readonly, declare, typeset, local)");
            }

            if (declares && token.Text.StartsWith('-') && token.Text.Contains('n', StringComparison.Ordinal))
            {
                throw new InvalidNetworkDataException(
                    $"{file}: {key} cannot be {(set ? "set" : "removed")} safely: the file declares a name reference (declare, typeset or local -n), through which it may change any variable");
            }

            // A command starts after a separator or a list's operator, or after assignments before its name.
            commandStart = !word || (commandStart && ShellWords.AssignedName(token, exported: false) is not null);
        }
    }

    /// <summary>Where the statement's first <c>return</c> or <c>exit</c> that runs on its own (at its start or after <c>;</c>) starts, or -1.</summary>
    private static int StopAt(string statement)
    {
        var lexer = new ShellWordLexer(statement);
        var commandStart = true;
        for (var token = lexer.Next(); token.Kind is not (ShellTokenKind.End or ShellTokenKind.Unterminated); token = lexer.Next())
        {
            if (commandStart && token is { Kind: ShellTokenKind.Word, IsPlain: true, Text: "return" or "exit" })
            {
                return token.Start;
            }

            commandStart = token.Kind == ShellTokenKind.Separator;
        }

        return -1;
    }

    /// <summary>The statement where the complete command with the first syntax error in the nesting of constructs starts (<see cref="ShellSyntaxCheck"/>), or <c>null</c>.</summary>
    private static int? ErrorStatement(List<string> statements)
    {
        if (ShellSyntaxCheck.Check(Join(statements)) is not { Outcome: ShellSyntaxOutcome.Error, ErrorAt: var at })
        {
            return null;
        }

        var start = 0;
        for (var i = 0; i < statements.Count; i++)
        {
            start += statements[i].Length + 1;
            if (start > at)
            {
                return i;
            }
        }

        return statements.Count;
    }

    /// <summary>
    /// Whether bash surely gets to the end of the file, as far as its words tell: no command that may stop it (<see cref="MayStop"/>), constructs that nest as bash parses them (<see cref="ShellSyntaxCheck"/>).
    /// </summary>
    private static bool ReachesEnd(string text)
    {
        if (ShellSyntaxCheck.Check(text).Outcome != ShellSyntaxOutcome.Parses)
        {
            return false;
        }

        var lexer = new ShellWordLexer(text);
        var previous = lexer.Next();
        for (var token = previous; token.Kind != ShellTokenKind.End; previous = token, token = lexer.Next())
        {
            if (token.Kind == ShellTokenKind.Word && MayStop.Contains(token.Text))
            {
                return false;
            }

            if (token.Kind == ShellTokenKind.Opaque && text[token.Start] == '(' && previous.Kind == ShellTokenKind.Word && previous.End == token.Start && text[previous.End - 1] == '=')
            {
                // An array's elements (NAME=(a .)) are no commands: on to its ')', which the syntax check found.
                do
                {
                    token = lexer.Next();
                }
                while (token.Kind is ShellTokenKind.Word or ShellTokenKind.Separator);
            }
        }

        return true;
    }

    /// <summary>The statements as a file's text, each with its newline.</summary>
    public static string Join(IEnumerable<string> statements) =>
        statements.Any() ? string.Join('\n', statements) + "\n" : "";
}
