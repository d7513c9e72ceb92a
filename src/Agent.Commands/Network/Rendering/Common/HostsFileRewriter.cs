using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Rewrites <c>/etc/hosts</c> with the original agent's rules (its test suite is the oracle):
/// for each address of ours, a line with a single, different name is commented out and replaced;
/// a line with a short name and a dotted name, neither the hostname, gets the short name replaced
/// and the hostname put first (glibc's canonical name); anything else is left alone. Addresses no
/// line maps to the hostname are appended as <c>&lt;ip&gt;\t&lt;hostname&gt;</c>: unlike the
/// original, a line left alone that does not name the hostname does not stop that. A dotted
/// hostname is written with its short label after it (Debian's and cloud-init's
/// <c>fqdn short</c>), and a loopback name (<see cref="IsLoopbackName"/>) is never given to an
/// interface's address.
/// </summary>
internal static partial class HostsFileRewriter
{
    /// <summary>The marker the original agent appended to lines it commented out.</summary>
    public const string RemovedMarker = "# Removed by nova-agent";

    /// <summary>Rewrites the file.</summary>
    /// <param name="current">The current text (empty when there is no file).</param>
    /// <param name="addresses">The addresses to map to the hostname, in the order they are appended.</param>
    /// <param name="hostname">The (validated) hostname.</param>
    public static string Rewrite(string current, IEnumerable<IPAddress> addresses, string hostname)
    {
        if (IsLoopbackName(hostname))
        {
            return WithLoopbackName(current, addresses.ToHashSet(), hostname);
        }

        var written = NamesToWrite(hostname);
        var pending = addresses.Distinct().ToList();
        var output = new StringBuilder();
        var lines = current.Split('\n');
        var count = current.Length == 0 ? 0 : current.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            var line = lines[i].Trim();
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var config = hash >= 0 ? line[..hash].Trim() : line;
            var comment = hash >= 0 ? "\t#" + line[(hash + 1)..] : "";
            var parts = Whitespace().Split(config);
            var index = IPAddress.TryParse(parts[0], out var address) ? pending.IndexOf(address) : -1;
            if (index < 0)
            {
                output.Append(line).Append('\n');
                continue;
            }

            var names = parts.Skip(1).ToArray();
            // glibc matches names without case: a line that names the hostname already maps it.
            var named = names.Contains(hostname, StringComparer.OrdinalIgnoreCase);
            if (names.Length == 1 && names[0] != hostname)
            {
                output.Append($"# {line}\t{RemovedMarker}\n").Append($"{parts[0]}\t{written}{comment}\n");
            }
            else if (!named && names.Length == 2 && names.Count(n => n.Contains('.', StringComparison.Ordinal)) == 1)
            {
                // The hostname goes first: glibc's canonical name (hostname -f) is a line's first
                // name, and the old FQDN kept before it would stay the machine's name and domain.
                var dotted = names.Single(n => n.Contains('.', StringComparison.Ordinal));
                output.Append($"# {line}\t{RemovedMarker}\n").Append($"{parts[0]}\t{written} {dotted}{comment}\n");
            }
            else
            {
                output.Append(line).Append('\n');
                if (!named)
                {
                    // A line the rules leave alone does not map the hostname: the address is still
                    // appended with it, or the name would not resolve to it at all.
                    continue;
                }
            }

            pending.RemoveAt(index);
        }

        foreach (var address in pending)
        {
            output.Append($"{address}\t{written}\n");
        }

        return output.ToString();
    }

    /// <summary>
    /// Whether <paramref name="name"/> belongs to the loopback addresses: <c>localhost</c> and the
    /// names under <c>.localhost</c> (RFC 6761), and Red Hat's <c>localhost.localdomain</c>, in any
    /// case (glibc compares without it).
    /// </summary>
    public static bool IsLoopbackName(string name) =>
        name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || name.Equals("localhost.localdomain", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The names a line of ours gets: the hostname first (glibc's canonical name) and, for a dotted
    /// one, its short label, so <c>getent hosts web1</c> finds <c>web1.example.com</c>'s machine as
    /// Debian's and cloud-init's lines have it; never a short label that is a loopback name.
    /// </summary>
    private static string NamesToWrite(string hostname)
    {
        var dot = hostname.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 || IsLoopbackName(hostname[..dot]) ? hostname : $"{hostname} {hostname[..dot]}";
    }

    /// <summary>
    /// A loopback name stays on the loopback addresses: mapped to an interface's address, glibc would
    /// give that address for <c>localhost</c> too (<c>getent ahosts</c> merges every line naming it)
    /// and a service told to listen on <c>localhost</c> would listen there. So a line of one of
    /// <paramref name="ours"/> whose single name is a loopback name (what the original agent, and this
    /// one before session 59, appended for such a hostname) is commented out as the original's rule
    /// comments out a single-name line; no other line changes, and <c>127.0.0.1</c> gets the name only
    /// where no loopback line names it yet.
    /// </summary>
    private static string WithLoopbackName(string current, IReadOnlySet<IPAddress> ours, string hostname)
    {
        var output = new StringBuilder();
        var mapped = false;
        var lines = current.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var parts = Whitespace().Split((hash >= 0 ? line[..hash] : line).Trim());
            var address = IPAddress.TryParse(parts[0], out var parsed) ? parsed : null;
            mapped |= address is not null && IPAddress.IsLoopback(address) && parts.Skip(1).Contains(hostname, StringComparer.OrdinalIgnoreCase);
            output.Append(address is not null && ours.Contains(address) && parts is [_, var name] && IsLoopbackName(name)
                ? $"# {line.Trim()}\t{RemovedMarker}"
                : line);
            if (i < lines.Length - 1)
            {
                output.Append('\n');
            }
        }

        var rewritten = output.ToString();
        if (mapped)
        {
            return rewritten;
        }

        var separator = rewritten.Length == 0 || rewritten.EndsWith('\n') ? "" : "\n";
        return $"{rewritten}{separator}127.0.0.1\t{hostname}\n";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
