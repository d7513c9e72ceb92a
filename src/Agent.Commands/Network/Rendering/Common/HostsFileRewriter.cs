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
/// original, a line left alone that does not name the hostname does not stop that.
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
                output.Append($"# {line}\t{RemovedMarker}\n").Append($"{parts[0]}\t{hostname}{comment}\n");
            }
            else if (!named && names.Length == 2 && names.Count(n => n.Contains('.', StringComparison.Ordinal)) == 1)
            {
                // The hostname goes first: glibc's canonical name (hostname -f) is a line's first
                // name, and the old FQDN kept before it would stay the machine's name and domain.
                var dotted = names.Single(n => n.Contains('.', StringComparison.Ordinal));
                output.Append($"# {line}\t{RemovedMarker}\n").Append($"{parts[0]}\t{hostname} {dotted}{comment}\n");
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
            output.Append($"{address}\t{hostname}\n");
        }

        return output.ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
