namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// What one read of a shell file has found so far about its nested parts, so that a part reached along several paths is
/// scanned once. The scans reach the same part again and again: an expansion in a double-quoted <c>${X:-…}</c> is looked
/// for by <see cref="ShellBracedQuotes.Split"/> and by the scan of the <c>${…}</c> around it; a here-document's body
/// inside a <c>$(…)</c> is checked by the scan that finds the <c>)</c> and again by the check of the substitution's
/// commands. Each path doubled the work per level of nesting (<c>"${Y:-$(echo "${Y:-$(echo "…</c> 40 deep never finished).
/// A backquoted command is not kept: with these two, it is read at most twice per level (its lexer and
/// <see cref="ShellSyntaxCheck.StopsDash"/>), which the escapes' halving of each level's text cancels. Every result kept is a pure
/// function of its key, so keeping it changes nothing read; one memo lives as long as one read (never shared, never static).
/// </summary>
internal sealed class ShellScanMemo
{
    // Positions within a text: keyed by the text's identity, as hashing a whole file per look-up would cost its length.
    private readonly Dictionary<object, Dictionary<(int From, char Open, char Close), (int Close, bool Unread, bool Met)>> _closings =
        new(ReferenceEqualityComparer.Instance);

    // Whole texts cut out of a larger one (a substitution's commands): keyed by their content, as
    // the same commands are cut out again from each text that holds them, and by the shell reading them.
    private readonly Dictionary<(string Commands, bool Dash), ShellSyntaxOutcome> _substitutions = [];

    /// <summary><see cref="ShellBracketScan.Closing"/>'s finding, once per text and place.</summary>
    public (int Close, bool Unread, bool Met) Closing(string text, int from, char open, char close)
    {
        if (!_closings.TryGetValue(text, out var found))
        {
            _closings[text] = found = [];
        }

        if (!found.TryGetValue((from, open, close), out var result))
        {
            // The scan fills this table with the expansions nested inside before this entry is added.
            result = (ShellBracketScan.Find(text, from, open, close, this, out var unread, out var met), unread, met);
            found[(from, open, close)] = result;
        }

        return result;
    }

    /// <summary><see cref="ShellSyntaxCheck.Substitution"/>'s outcome for a substitution's commands, once per text and shell.</summary>
    public ShellSyntaxOutcome Substitution(string commands, bool dash)
    {
        if (!_substitutions.TryGetValue((commands, dash), out var outcome))
        {
            outcome = ShellSyntaxCheck.Substitution(commands, dash, this);
            _substitutions[(commands, dash)] = outcome;
        }

        return outcome;
    }
}
