using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The assignments of an existing <c>/etc/conf.d/net</c> that <c>resetnetwork</c> does not own:
/// every setting of other interfaces, and settings of the configured ones other than their
/// addresses, routes and DNS (an <c>mtu_eth0</c>, for example). Values may span lines inside
/// double quotes or parentheses. Comments and shell functions (hooks) are not carried over.
/// </summary>
internal static class GentooKeptSettings
{
    private static readonly string[] OwnedPrefixes = ["config_", "routes_", "dns_servers_", "fallback_", "fallback_routes_"];

    public static IReadOnlyList<string> Find(string? existing, IReadOnlyCollection<string> configured)
    {
        var kept = new List<string>();
        var lines = (existing ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var key = ShellVariableEditor.KeyOf(lines[i]);
            if (key is null)
            {
                continue;
            }

            // Collect the whole assignment: until quotes balance and parentheses close.
            var assignment = new List<string> { lines[i].TrimEnd() };
            while (!IsComplete(string.Join('\n', assignment)) && i + 1 < lines.Length)
            {
                assignment.Add(lines[++i].TrimEnd());
            }

            if (key != "modules" && !IsOwned(key, configured))
            {
                kept.AddRange(assignment);
            }
        }

        return kept;
    }

    private static bool IsOwned(string key, IReadOnlyCollection<string> configured) =>
        configured.Any(name => OwnedPrefixes.Any(prefix => key == prefix + name));

    private static bool IsComplete(string text)
    {
        var value = text[(text.IndexOf('=', StringComparison.Ordinal) + 1)..];
        var quotes = 0;
        var depth = 0;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '\\':
                    i++;
                    break;
                case '"':
                    quotes++;
                    break;
                case '(' when quotes % 2 == 0:
                    depth++;
                    break;
                case ')' when quotes % 2 == 0:
                    depth--;
                    break;
            }
        }

        return quotes % 2 == 0 && depth <= 0;
    }
}
