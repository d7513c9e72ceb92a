namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// A NetworkManager keyfile's text as GLib's GKeyFile reads it, which is how NetworkManager reads it: its blanks (not .NET's),
/// its booleans, its groups and keys. <see cref="NetworkManagerForeignKeyfiles"/> judges foreign connections with it.
/// </summary>
internal static class GKeyFileSyntax
{
    /// <summary>
    /// GLib's ASCII blanks (<c>g_ascii_isspace</c>), the ones GKeyFile and NetworkManager strip around a key and a value: not a
    /// vertical tab, nor any blank beyond ASCII (a no-break space), which .NET's <c>Trim()</c> strips too. What they keep,
    /// NetworkManager reads as part of the value (a MAC led by a vertical tab is no MAC to it, so the connection takes any device).
    /// </summary>
    internal static ReadOnlySpan<char> Blanks => " \t\n\r\f";

    /// <summary>The blanks <c>strtoll</c> also skips before a number: GLib's and a vertical tab.</summary>
    internal static ReadOnlySpan<char> BlanksBeforeNumber => " \t\n\r\f\v";

    /// <summary>
    /// Whether GKeyFile reads a boolean as false: <c>false</c> or <c>0</c> with GLib's blanks after it (<c>false\v</c> is no
    /// boolean, and NetworkManager keeps its default, true).
    /// </summary>
    internal static bool IsFalse(string? value) => value is not null && value.AsSpan().TrimEnd(Blanks) is "false" or "0";

    /// <summary>
    /// A keyfile's groups and keys as GKeyFile reads them (a repeated group merged, a repeated key's last value,
    /// values with leading blanks removed, GLib's <see cref="Blanks"/> only, a line's <c>\r</c> before its <c>\n</c> dropped,
    /// so a keyfile with Windows line ends reads as NetworkManager reads it), or <c>null</c> where GKeyFile fails: a line that is neither blank, a
    /// comment, a group (<c>[name]</c>, spaces and tabs after it) nor a key with <c>=</c>, or a key before every group.
    /// Where GKeyFile is stricter (a key's characters, UTF-8) this reads on, and may refuse what it would not load.
    /// </summary>
    internal static Dictionary<string, Dictionary<string, string>>? KeyfileGroups(string text)
    {
        var groups = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? group = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // GKeyFile drops a CR only before a LF: one ending the last line stays in the value.
            var raw = i < lines.Length - 1 && lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            var line = raw.AsSpan().TrimStart(Blanks).ToString();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                // GKeyFile's header: the name up to the first "]", then spaces and tabs only (a form feed or a no-break space there makes
                // the file no keyfile); a name not empty, without "[" or an ASCII control character ("Invalid group name").
                var close = line.IndexOf(']', StringComparison.Ordinal);
                if (close < 0 || line.AsSpan(close + 1).TrimEnd(" \t").Length != 0)
                {
                    return null;
                }

                var name = line[1..close];
                if (name.Length == 0 || name.Any(c => c is '[' or < ' ' or '\x7f'))
                {
                    return null;
                }

                group = groups.TryGetValue(name, out var known) ? known : groups[name] = new Dictionary<string, string>(StringComparer.Ordinal);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (group is null || equals <= 0)
            {
                return null;
            }

            group[line.AsSpan(0, equals).TrimEnd(Blanks).ToString()] = line.AsSpan(equals + 1).TrimStart(Blanks).ToString();
        }

        return groups;
    }
}
