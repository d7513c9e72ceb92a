using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// Reads another process's writable memory through <c>/proc/PID/maps</c> and <c>/proc/PID/mem</c>
/// and says where given byte strings occur: the check that a secret the daemon handled is no longer
/// anywhere in it (heap, stacks, native allocations, freed or live). Reading another process's
/// memory needs ptrace access to it; the daemon is non-dumpable, so only a root test run (with
/// <c>CAP_SYS_PTRACE</c>) may read it.
/// </summary>
internal static class ProcessMemory
{
    private const int ChunkSize = 4 << 20;

    /// <summary>One mapping of <c>/proc/PID/maps</c>.</summary>
    /// <param name="Start">Its first address.</param>
    /// <param name="End">The address just past it.</param>
    /// <param name="Permissions">Its <c>rwxp</c> text.</param>
    /// <param name="Name">Its path or pseudo-name (<c>[heap]</c>, <c>[stack]</c>), or <c>anonymous</c>.</param>
    public readonly record struct Region(ulong Start, ulong End, string Permissions, string Name)
    {
        public override string ToString() => $"{Start:x}-{End:x} {Permissions} {Name}";
    }

    /// <summary>Where a needle was found: its name (never its bytes), the region and the offset in it.</summary>
    public readonly record struct Hit(string Needle, Region Region, ulong Offset)
    {
        public override string ToString() => $"{Needle} at +0x{Offset:x} in {Region} (address 0x{Region.Start + Offset:x})";
    }

    /// <summary>What one scan read and found.</summary>
    /// <param name="Hits">Every occurrence of every needle.</param>
    /// <param name="BytesRead">How much memory was read.</param>
    /// <param name="Unreadable">Regions (or parts) the kernel refused to read, by name.</param>
    public sealed record Scan(IReadOnlyList<Hit> Hits, long BytesRead, IReadOnlyList<string> Unreadable);

    /// <summary>The readable and writable mappings of process <paramref name="pid"/>: where data a program made lives.</summary>
    public static IReadOnlyList<Region> WritableRegions(int pid)
    {
        var regions = new List<Region>();
        foreach (var line in File.ReadAllLines($"/proc/{pid}/maps"))
        {
            // start-end perms offset dev inode [name]
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var permissions = fields[1];
            if (permissions[0] != 'r' || permissions[1] != 'w')
            {
                continue;
            }

            var range = fields[0].Split('-');
            regions.Add(new Region(
                ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                permissions,
                fields.Length > 5 ? fields[5].Trim() : "anonymous"));
        }

        return regions;
    }

    /// <summary>
    /// Reads every writable region of <paramref name="pid"/> and returns each place one of
    /// <paramref name="needles"/> occurs (a needle straddling two chunks of a region is found too).
    /// </summary>
    public static Scan Find(int pid, IReadOnlyDictionary<string, byte[]> needles)
    {
        var longest = needles.Values.Max(needle => needle.Length);
        var hits = new List<Hit>();
        var unreadable = new List<string>();
        long bytesRead = 0;
        using var memory = File.OpenHandle($"/proc/{pid}/mem", FileMode.Open, FileAccess.Read);
        var buffer = new byte[ChunkSize + longest];
        foreach (var region in WritableRegions(pid))
        {
            // Each chunk is read with the last (longest − 1) bytes of the one before it in front.
            var carried = 0;
            for (var address = region.Start; address < region.End;)
            {
                var length = (int)Math.Min((ulong)ChunkSize, region.End - address);
                var read = ReadAt(memory, buffer.AsSpan(carried, length), address);
                if (read <= 0)
                {
                    unreadable.Add($"{region} from 0x{address:x}");
                    break;
                }

                bytesRead += read;
                var window = buffer.AsSpan(0, carried + read);
                foreach (var (name, needle) in needles)
                {
                    for (var from = 0; window[from..].IndexOf(needle) is var at and >= 0; from += at + 1)
                    {
                        // One lying wholly in the carried tail was found in the chunk before.
                        if (from + at + needle.Length > carried)
                        {
                            hits.Add(new Hit(name, region, address - (ulong)carried + (ulong)(from + at) - region.Start));
                        }
                    }
                }

                address += (ulong)read;
                carried = Math.Min(longest - 1, window.Length);
                window[^carried..].CopyTo(buffer);
            }
        }

        return new Scan(hits, bytesRead, unreadable);
    }

    private static int ReadAt(SafeFileHandle memory, Span<byte> destination, ulong address)
    {
        try
        {
            return RandomAccess.Read(memory, destination, checked((long)address));
        }
        catch (IOException)
        {
            // EIO: a page the kernel will not hand out (a guard page made writable later, a device mapping).
            return -1;
        }
    }
}
