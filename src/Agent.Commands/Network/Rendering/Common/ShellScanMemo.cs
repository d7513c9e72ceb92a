namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// What one read of a shell file has found so far about its nested parts, so that a part reached along several paths is
/// scanned once. The scans reach the same part again and again: an expansion in a double-quoted <c>${X:-…}</c> is looked
/// for by <see cref="ShellBracedQuotes.Split(string, int, ShellScanMemo)"/> and by the scan of the <c>${…}</c> around it; a here-document's body
/// inside a <c>$(…)</c> is checked by the scan that finds the <c>)</c> and again by the check of the substitution's
/// commands. Each path doubled the work per level of nesting (<c>"${Y:-$(echo "${Y:-$(echo "…</c> 40 deep never finished).
/// A backquoted command is not kept: with these two, it is read at most twice per level (its lexer and
/// <see cref="ShellSyntaxCheck.StopsDash"/>), which the escapes' halving of each level's text cancels. Every result kept is a pure
/// function of its key, so keeping it changes nothing read; one memo lives as long as one read (never shared, never static).
/// </summary>
internal sealed class ShellScanMemo
{
    // Positions within a text: keyed by the text's identity, as hashing a whole file per look-up would cost its length.
    private readonly Dictionary<object, Dictionary<(int From, char Open, char Close), Closed>> _closings =
        new(ReferenceEqualityComparer.Instance);

    // Whole texts cut out of a larger one (a substitution's commands): keyed by their content, as
    // the same commands are cut out again from each text that holds them, and by the shell reading them.
    private readonly Dictionary<(string Commands, bool Dash), ShellSyntaxOutcome> _substitutions = [];

    // Where each cut text lies in the first text it was cut from (its root, never a cut itself), so that a bracket
    // found there is not looked for again in each level's cut (plain $(echo $(echo …)) nesting rescanned every level's
    // whole text: its depth times its length).
    private readonly Dictionary<string, (string Root, int Offset)> _cuts = new(ReferenceEqualityComparer.Instance);

    /// <summary>The characters <see cref="ShellBracketScan.Find"/> has gone through in this read: its work, which the tests bound.</summary>
    internal long Scanned { get; set; }

    /// <summary>How many substitutions' commands this read has checked (<see cref="Substitution"/>'s misses), which the tests bound.</summary>
    internal long Checked { get; private set; }

    /// <summary>
    /// <see cref="ShellBracketScan.Closing"/>'s finding, once per text and place; in a cut text, the one in its root when
    /// that scan read nothing past the cut's end (<see cref="Closed.Reach"/>): it read the same characters, so it found the same.
    /// </summary>
    public Closed Closing(string text, int from, char open, char close)
    {
        if (!_closings.TryGetValue(text, out var found))
        {
            _closings[text] = found = [];
        }

        if (!found.TryGetValue((from, open, close), out var result))
        {
            if (!InRoot(text, from, open, close, out result))
            {
                // The scan fills this table with the expansions nested inside before this entry is added.
                var at = ShellBracketScan.Find(text, from, open, close, this, out var unread, out var met, out var reach);
                result = new(at, unread, met, at < 0 ? text.Length : reach);
            }

            found[(from, open, close)] = result;
        }

        return result;
    }

    /// <summary>The finding in a cut text's root, moved to the cut, when the root's scan found the bracket and read nothing past the cut's end.</summary>
    private bool InRoot(string text, int from, char open, char close, out Closed result)
    {
        result = default;
        if (!_cuts.TryGetValue(text, out var cut) || !_closings.TryGetValue(cut.Root, out var found)
            || !found.TryGetValue((cut.Offset + from, open, close), out var outer) || outer.Close < 0 || outer.Reach >= cut.Offset + text.Length)
        {
            return false;
        }

        result = outer with { Close = outer.Close - cut.Offset, Reach = outer.Reach - cut.Offset };
        return true;
    }

    /// <summary>
    /// <see cref="ShellSyntaxCheck.Substitution"/>'s outcome for the substitution's commands <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>),
    /// once per commands and shell.
    /// </summary>
    public ShellSyntaxOutcome Substitution(string text, int start, int end, bool dash)
    {
        var commands = text[start..end];
        if (!_substitutions.TryGetValue((commands, dash), out var outcome))
        {
            _cuts[commands] = _cuts.TryGetValue(text, out var cut) ? (cut.Root, cut.Offset + start) : (text, start);
            Checked++;
            outcome = ShellSyntaxCheck.Substitution(commands, dash, this);
            _substitutions[(commands, dash)] = outcome;
        }

        return outcome;
    }

    /// <summary>Where a bracket closes (-1: nowhere), what <see cref="ShellBracketScan.Closing"/> tells of the here-documents inside, and the last place its scan read (the text's length when it found none).</summary>
    public readonly record struct Closed(int Close, bool Unread, bool Met, int Reach);
}
