namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// The statements of an existing shell-style file (<c>/etc/conf.d/net</c>, an <c>ifcfg</c> file)
/// that are carried over below the settings a renderer writes: each statement that starts with an
/// assignment (<see cref="ShellStatements"/>: a value spanning lines stays whole, as bash reads it),
/// with the assignments of owned keys taken out of it (<c>MTU=1; IPADDR=x</c> keeps <c>MTU=1</c>).
/// Kept below the new settings, an owned key the editor cannot take out (an array, an <c>if</c>, a
/// redirection) would win over them when bash sources the file: such a statement is carried over as
/// comments, so that nothing of it runs and nothing of it is lost from sight.
/// </summary>
internal static class ShellKeptStatements
{
    /// <summary>The line put before a statement carried over as comments.</summary>
    public const string NotKeptNote = "# Not kept: it also sets a setting written above, in a form this agent cannot edit";

    /// <summary>The statements to carry over, without their final newlines.</summary>
    /// <param name="existing">The file, or <c>null</c>.</param>
    /// <param name="owned">Whether a key is one the renderer writes (or means to drop).</param>
    public static IReadOnlyList<string> Find(string? existing, Func<string, bool> owned)
    {
        var kept = new List<string>();
        foreach (var statement in ShellStatements.Split(existing))
        {
            if (ShellVariableEditor.KeyOf(statement) is null)
            {
                continue;
            }

            var rest = ShellVariableEditor.RemoveWords(statement, owned);
            if (rest.Length == 0)
            {
                continue;
            }

            rest = rest[..^1];
            if (SetsOwned(rest, owned))
            {
                kept.Add(NotKeptNote);
                kept.AddRange(statement.Split('\n').Select(line => "# " + line));
                continue;
            }

            kept.Add(rest);
        }

        return kept;
    }

    /// <summary>Whether bash sourcing the statement could leave an owned key set (to any value, known or not).</summary>
    private static bool SetsOwned(string statement, Func<string, bool> owned) =>
        ShellVariableEditor.NamesIn(statement).Any(name => owned(name) && ShellValueReader.Read(statement + "\n", name).State != ShellValueState.Unset);
}
