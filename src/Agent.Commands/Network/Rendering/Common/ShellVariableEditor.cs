namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Edits shell-style <c>KEY=value</c> files (<c>/etc/sysconfig/network</c>, <c>rc.conf</c>,
/// SUSE's <c>config</c>) in place: assigned keys are replaced where they are, keys not yet present
/// are appended, every other line is kept as it was.
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
            var key = KeyOf(line);
            var match = key is null ? -1 : pending.FindIndex(a => a.Key == key);
            if (match < 0)
            {
                output.Add(line);
            }
            else if (done.Add(key!))
            {
                output.Add($"{key}={pending[match].Value}");
            }
        }

        output.AddRange(pending.Where(a => !done.Contains(a.Key)).Select(a => $"{a.Key}={a.Value}"));
        return Join(output);
    }

    /// <summary>Removes every assignment whose key matches <paramref name="remove"/>.</summary>
    public static string Remove(string? text, Func<string, bool> remove) =>
        Join(SplitLines(text).Where(line => KeyOf(line) is not { } key || !remove(key)).ToList());

    /// <summary>
    /// The value the file leaves <paramref name="key"/> with, unquoted, or <c>null</c>: its last
    /// assignment, as the shell (and NetworkManager's ifcfg reader) keeps it.
    /// </summary>
    public static string? Get(string? text, string key) =>
        SplitLines(text).LastOrDefault(line => KeyOf(line) == key) is { } line
            ? ValueOf(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..])
            : null;

    /// <summary>
    /// An assigned value as the shell reads the simple forms these files hold: one word, quoted or
    /// not, ended by a blank, after which a <c># comment</c> is no part of it. Quotes that do not
    /// match (an unterminated <c>"web'</c>) are kept as written rather than guessed at.
    /// </summary>
    private static string ValueOf(string assigned)
    {
        var value = assigned.Trim();
        if (value.Length > 0 && value[0] is '"' or '\'')
        {
            var close = value.IndexOf(value[0], 1);
            return close > 0 && value[(close + 1)..].TrimStart() is "" or ['#', ..] ? value[1..close] : value;
        }

        var blank = value.IndexOfAny([' ', '\t']);
        return blank < 0 ? value : value[..blank];
    }

    /// <summary>The key a line assigns, or <c>null</c> for comments and other lines.</summary>
    public static string? KeyOf(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith("export ", StringComparison.Ordinal))
        {
            trimmed = trimmed[7..].TrimStart();
        }

        var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return null;
        }

        var key = trimmed[..equals];
        return key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(key[0]) ? key : null;
    }

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

        return lines;
    }

    private static string Join(List<string> lines) => lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
}
