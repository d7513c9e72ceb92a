using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Rewrites <c>/etc/hosts</c> with the original agent's rules (its test suite is the oracle):
/// for each address of ours, a line with a single, different name is commented out and replaced;
/// a line with a short name and a dotted name gets the short name replaced; anything else is
/// left alone. Addresses no line mentions are appended as <c>&lt;ip&gt;\t&lt;hostname&gt;</c>.
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

            pending.RemoveAt(index);
            var names = parts.Skip(1).ToArray();
            if (names.Length == 1 && names[0] != hostname)
            {
                output.Append($"# {line}\t{RemovedMarker}\n").Append($"{parts[0]}\t{hostname}{comment}\n");
            }
            else if (names.Length == 2 && names.Count(n => n.Contains('.', StringComparison.Ordinal)) == 1)
            {
                var replaced = names.Select(n => n.Contains('.', StringComparison.Ordinal) ? n : hostname);
                output.Append($"# {line}\t{RemovedMarker}\n").Append($"{parts[0]}\t{string.Join(' ', replaced)}{comment}\n");
            }
            else
            {
                output.Append(line).Append('\n');
            }
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
