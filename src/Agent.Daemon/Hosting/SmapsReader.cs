using System.Globalization;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// Reads the kernel's <c>/proc/PID/smaps</c> text into <see cref="MemoryMapping"/>s: a header line
/// per mapping (<c>start-end perms offset dev inode [path]</c>) followed by <c>Key: value</c> lines,
/// of which only <c>Rss</c>, <c>Anonymous</c>, <c>Swap</c> and <c>VmFlags</c> are kept. A size line missing
/// or unreadable leaves its field <c>null</c> (unknown), never 0.
/// </summary>
internal static class SmapsReader
{
    /// <summary>The mappings in <paramref name="smaps"/>, in address order; lines it does not know are skipped.</summary>
    public static IEnumerable<MemoryMapping> Read(TextReader smaps)
    {
        MemoryMapping? current = null;
        while (smaps.ReadLine() is { } line)
        {
            if (TryReadHeader(line) is { } header)
            {
                if (current is { } finished)
                {
                    yield return finished;
                }

                current = header;
            }
            else if (current is { } mapping)
            {
                current = line switch
                {
                    _ when line.StartsWith("Rss:", StringComparison.Ordinal) => mapping with { ResidentKib = Kib(line) ?? 0 },
                    _ when line.StartsWith("Anonymous:", StringComparison.Ordinal) => mapping with { AnonymousKib = Kib(line) },
                    _ when line.StartsWith("Swap:", StringComparison.Ordinal) => mapping with { SwapKib = Kib(line) },
                    _ when line.StartsWith("VmFlags:", StringComparison.Ordinal) => mapping with { Locked = line.Split(' ').Contains("lo") },
                    _ => mapping,
                };
            }
        }

        if (current is { } last)
        {
            yield return last;
        }
    }

    private static MemoryMapping? TryReadHeader(string line)
    {
        // The five fixed fields, then the path after a run of spaces (a path may itself contain spaces).
        var fields = line.Split(' ', 6);
        var dash = fields[0].IndexOf('-');
        if (fields.Length < 5 || dash < 1
            || !nint.TryParse(fields[0].AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
            || !nint.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end))
        {
            return null;
        }

        var path = fields.Length == 6 ? fields[5].TrimStart(' ') : "";
        return new MemoryMapping(start, end, fields[1], path, 0, null, null, false);
    }

    private static long? Kib(string line)
    {
        // "Rss:                  64 kB"
        var value = line.AsSpan(line.IndexOf(':') + 1).Trim();
        var space = value.IndexOf(' ');
        return long.TryParse(space < 0 ? value : value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : null;
    }
}
