using static GuestAgent.Commands.Network.Rendering.Common.ShellWords;
using static GuestAgent.Commands.Network.Rendering.Common.ShellNameReach;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// What a list of simple commands (<c>KEY=v &amp;&amp; OTHER=w | cmd</c>), run in the shell that
/// sources a file, leaves a variable with: the assignments, <c>export</c> and <c>unset</c> it
/// follows, and any other command taken to leave the variable alone unless it names it
/// (<see cref="ShellValueReader"/> walks the file and hands each list here).
/// </summary>
internal static class ShellListRunner
{
    /// <summary>
    /// A list (<c>a &amp;&amp; b || c | d</c>) run in the shell: each pipeline runs or not by the
    /// status before it, while that status is known (0 for assignments, <c>export</c> and
    /// <c>unset</c> of names written out; unknown after any expansion, which a command substitution
    /// could fail). A pipeline of several commands runs each in a copy of the shell: only its last
    /// can set a variable, under <c>shopt -s lastpipe</c>, which the reader does not follow.
    /// </summary>
    internal static ShellValue RunList(List<ListedCommand> list, string text, string key, ShellValue value)
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
                return MayReach(text[list[i].Start..list[^1].End], key) ? ShellValue.Unknown : value;
            }

            if (runs is true)
            {
                var (after, status) = Run(list[last].Words, text, key, value);
                value = last == i ? after : MayReach(text[list[last].Start..list[last].End], key) ? ShellValue.Unknown : value;
                succeeded = status;
            }

            connector = list[last].Connector;
            i = last + 1;
        }

        return value;
    }

    /// <summary>
    /// One simple command run in the shell: what it leaves the variable with, and whether it succeeds
    /// (<c>null</c>: unknown). Its words' expansions may set the variable as they expand, in the shell itself
    /// (<c>OTHER=$((KEY=3))</c>, <c>export OTHER=${KEY:=5}</c>: <see cref="ShellExpansionAssignments"/>).
    /// </summary>
    private static (ShellValue Value, bool? Succeeded) Run(List<ShellToken> words, string text, string key, ShellValue value)
    {
        var (after, succeeded) = RunWords(words, text, key, value);
        return (words.Any(w => ShellExpansionAssignments.MaySet(text[w.Start..w.End], key)) ? ShellValue.Unknown : after, succeeded);
    }

    private static (ShellValue Value, bool? Succeeded) RunWords(List<ShellToken> words, string text, string key, ShellValue value)
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
                    // Brace expansion makes one argument several (export KEY={a,b} is KEY=a KEY=b); each keeps
                    // what comes before the braces, so braces after OTHER= assign OTHER alone.
                    not false when HasUnquoted(argument, "{") && HasUnquoted(argument, "}") => ShellValue.Unknown,
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
        // (its own name aside: a command called KEY, as in "KEY =v", is no assignment to KEY), and
        // any variable when it reaches one by a name it is given (eval "${P}EY=b", let, declare -n).
        var named = Names(text[words[0].Start..rest[0].Start], key) || (arguments.Count > 0 && Names(text[arguments[0].Start..arguments[^1].End], key))
            || ReachesByName(text[rest[0].Start..rest[^1].End]);
        return (named ? ShellValue.Unknown : value, null);
    }

    /// <summary>
    /// Whether assignments or the names of <c>export</c> or <c>unset</c> succeed: for certain when
    /// each is written out (no expansion) and is a name or assigns one, else unknown.
    /// </summary>
    private static bool? Succeeds(List<ShellToken> words, bool exported) =>
        words.All(w => w.IsKnown && (IsName(w.Text) || AssignedName(w, exported) is not null)) ? true : null;

    /// <summary>A command of a list and the connector after it (<c>&amp;&amp;</c>, <c>||</c>, <c>|</c>, <c>|&amp;</c>; empty at the list's end).</summary>
    internal sealed record ListedCommand(List<ShellToken> Words, int Start, int End, string Connector);

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

    private static bool Option(ShellToken word) => word.Text.StartsWith('-') || word.Text.StartsWith('+');
}
