using System.Collections.Immutable;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The parts of an existing <c>/etc/network/interfaces</c> that describe interfaces
/// <c>resetnetwork</c> does not configure (an administrator's <c>eth2</c>, a bridge, a
/// <c>mapping</c>): they are carried over so that replacing the file does not unconfigure them.
/// Everything about the loopback and the configured interfaces (including <c>eth0:1</c> aliases),
/// comments and <c>source</c> lines are dropped: a sourced <c>interfaces.d</c> file from
/// cloud-init would define the configured interfaces a second time. <c>mapping</c> stanzas go after
/// the others: busybox's ifup refuses the whole file at an <c>allow-*</c> line that follows one
/// ("misplaced option"), which dropping the stanzas between them could bring about, and ifupdown
/// reads a mapping wherever it is.
/// </summary>
internal static class IfupdownKeptStanzas
{
    private static readonly ImmutableArray<string> StanzaKeywords = ["iface", "mapping", "auto", "source", "source-directory", "rename", "no-auto-down", "no-scripts"];

    /// <summary>
    /// The statements that name interfaces: kept for the interfaces that are not configured here. Read as
    /// options, ifupdown's <c>no-auto-down</c> and <c>no-scripts</c> (interfaces(5)) were dropped after a
    /// stanza of ours, so an interface kept up at shutdown (a network root file system) went down.
    /// </summary>
    private static bool NamesInterfaces(string keyword) =>
        keyword is "auto" or "no-auto-down" or "no-scripts" || keyword.StartsWith("allow-", StringComparison.Ordinal);

    public static IReadOnlyList<string> Find(string? existing, IReadOnlyCollection<string> configured)
    {
        var kept = new List<string>();
        var mappings = new List<string>();
        List<string>? block = null;
        foreach (var raw in (existing ?? "").Split('\n'))
        {
            var line = raw.TrimEnd();
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#'))
            {
                continue;
            }

            var keyword = words[0];
            if (!StanzaKeywords.Contains(keyword, StringComparer.Ordinal) && !keyword.StartsWith("allow-", StringComparison.Ordinal))
            {
                // An option line belongs to the iface or mapping stanza above it.
                block?.Add("    " + line.Trim());
                continue;
            }

            block = null;
            if (keyword is "iface" or "mapping")
            {
                if (words.Length > 1 && !IsOurs(words[1], configured))
                {
                    block = keyword == "mapping" ? mappings : kept;
                    block.Add(line.Trim());
                }
            }
            else if (NamesInterfaces(keyword))
            {
                var names = words.Skip(1).Where(n => !IsOurs(n, configured)).ToArray();
                if (names.Length > 0)
                {
                    kept.Add($"{keyword} {string.Join(' ', names)}");
                }
            }

            // source, source-directory and rename lines are dropped.
        }

        return [.. kept, .. mappings];
    }

    private static bool IsOurs(string name, IReadOnlyCollection<string> configured)
    {
        var physical = name.Split(':')[0];
        return physical == "lo" || configured.Contains(physical);
    }
}
