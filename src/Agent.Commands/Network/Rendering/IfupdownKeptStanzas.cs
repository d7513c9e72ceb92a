using System.Collections.Immutable;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The parts of an existing <c>/etc/network/interfaces</c> that describe interfaces
/// <c>resetnetwork</c> does not configure (an administrator's <c>eth2</c>, a bridge, a
/// <c>mapping</c>): they are carried over so that replacing the file does not unconfigure them.
/// Everything about the loopback and the configured interfaces (including <c>eth0:1</c> aliases),
/// comments and <c>source</c> lines are dropped: a sourced <c>interfaces.d</c> file from
/// cloud-init would define the configured interfaces a second time. A <c>rename</c> pair is kept
/// unless it names one of ours (dropped with a warning): we configure an interface by the kernel name
/// its MAC gives, and ifup would rename it away before bringing up our stanza, or another onto it.
/// <c>mapping</c> stanzas go after the others: busybox's ifup refuses the whole file at an <c>allow-*</c> line that follows one
/// ("misplaced option"), which dropping the stanzas between them could bring about, and ifupdown
/// reads a mapping wherever it is. An interface the file marks as ours (<see cref="MarkerPrefix"/>, written
/// since session 62 above each interface's block) is dropped like a configured one when a later
/// <c>resetnetwork</c> leaves it out, as networkd's and NetworkManager's files of ours are: a detached
/// VIF's kept <c>auto eth1</c> made Debian's <c>ifup -a</c> (networking.service, every boot) fail.
/// An unmarked stanza is an administrator's (or an earlier version's: nothing tells them apart) and is kept.
/// </summary>
internal static class IfupdownKeptStanzas
{
    /// <summary>
    /// The comment that starts the marker line above each interface block the renderer writes,
    /// followed by the interface's name: every statement of that interface in the file is ours.
    /// </summary>
    public const string MarkerPrefix = "# Configured by guest-agent: ";

    /// <summary>The marker line of <paramref name="interfaceName"/>'s block.</summary>
    public static string Marker(string interfaceName) => MarkerPrefix + interfaceName;

    private static readonly ImmutableArray<string> StanzaKeywords = ["iface", "mapping", "auto", "source", "source-directory", "rename", "no-auto-down", "no-scripts"];

    /// <summary>
    /// The statements that name interfaces: kept for the interfaces that are not configured here. Read as
    /// options, ifupdown's <c>no-auto-down</c> and <c>no-scripts</c> (interfaces(5)) were dropped after a
    /// stanza of ours, so an interface kept up at shutdown (a network root file system) went down.
    /// </summary>
    private static bool NamesInterfaces(string keyword) =>
        keyword is "auto" or "no-auto-down" or "no-scripts" || keyword.StartsWith("allow-", StringComparison.Ordinal);

    /// <summary>The kept lines, and a warning for each <c>rename</c> pair left out.</summary>
    public static (IReadOnlyList<string> Lines, IReadOnlyList<string> Warnings) Find(string? existing, IReadOnlyCollection<string> configured)
    {
        var kept = new List<string>();
        var warnings = new List<string>();
        var mappings = new List<string>();
        List<string>? block = null;
        var ours = Marked((existing ?? "").Split('\n')).Concat(configured).ToHashSet(StringComparer.Ordinal);

        // Statements as ifupdown reads them: a line continued with a backslash read whole (its second half was taken
        // for an option, and a kept half ending in the backslash swallowed the line written after it) and kept
        // joined on one line, which ifupdown reads the same.
        foreach (var line in IfupdownLines.Read(existing ?? ""))
        {
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
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
                if (words.Length > 1 && !IsOurs(words[1], ours))
                {
                    block = keyword == "mapping" ? mappings : kept;
                    block.Add(line.Trim());
                }
            }
            else if (NamesInterfaces(keyword))
            {
                var names = words.Skip(1).Where(n => !IsOurs(n, ours)).ToArray();
                if (names.Length > 0)
                {
                    kept.Add($"{keyword} {string.Join(' ', names)}");
                }
            }
            else if (keyword == "rename")
            {
                var pairs = words.Skip(1).Where(pair => KeepsRename(pair, configured, warnings)).ToArray();
                if (pairs.Length > 0)
                {
                    kept.Add($"rename {string.Join(' ', pairs)}");
                }
            }

            // source and source-directory lines are dropped.
        }

        // A line ifupdown ended at the space after its last backslash keeps a space there: written trimmed, it would
        // go on in the line written after it (an iface line of a kept stanza, which was then lost).
        return ([.. kept.Concat(mappings).Select(line => line.EndsWith('\\') ? line + " " : line)], warnings);
    }

    /// <summary>
    /// The interfaces the kept <paramref name="lines"/> (from <see cref="Find"/>) define: the names of
    /// their <c>iface</c> stanzas and those a <c>mapping</c> maps (which ifup takes by their own name).
    /// </summary>
    public static IReadOnlySet<string> Defined(IEnumerable<string> lines) =>
        lines.Select(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 1 && words[0] is "iface" or "mapping")
            .SelectMany(words => words[0] == "iface" ? words[1..2] : words[1..])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The interfaces named by marker lines: one word after <see cref="MarkerPrefix"/>.</summary>
    private static IEnumerable<string> Marked(IEnumerable<string> lines) =>
        lines.Select(line => line.Trim())
            .Where(line => line.StartsWith(MarkerPrefix, StringComparison.Ordinal))
            .Select(line => line[MarkerPrefix.Length..].Trim())
            .Where(name => name.Length > 0 && !name.Any(char.IsWhiteSpace));

    /// <summary>
    /// Whether ifupdown 0.8's <c>rename CUR=NEW</c> pair may stay: both names plain and neither ours. A
    /// CUR starting with <c>/</c> is a pattern (<c>/eth*</c>, <c>/mac/…</c>) that may match one of ours.
    /// A word without both names is dropped silently: ifupdown renames nothing with it.
    /// </summary>
    private static bool KeepsRename(string pair, IReadOnlyCollection<string> configured, List<string> warnings)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == pair.Length - 1)
        {
            return false;
        }

        var from = pair[..equals];
        var to = pair[(equals + 1)..];
        if (from.StartsWith('/') || IsOurs(from, configured) || IsOurs(to, configured))
        {
            warnings.Add($"ifupdown: 'rename {MessageText.Printable(pair)}' of the previous {IfupdownRenderer.FilePath} left out: "
                + "it names the loopback, an interface configured here by its kernel name, or a pattern that may match one");
            return false;
        }

        return true;
    }

    private static bool IsOurs(string name, IReadOnlyCollection<string> configured)
    {
        var physical = name.Split(':')[0];
        return physical == "lo" || configured.Contains(physical);
    }
}
