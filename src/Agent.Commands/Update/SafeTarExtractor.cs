using System.Formats.Tar;
using System.IO.Compression;
using SharpCompress.Common;
using SharpCompress.Compressors.BZip2;

namespace GuestAgent.Commands.Update;

/// <summary>
/// Extracts a tar, tar.gz, tar.bz2 or tar.xz archive into a fresh private directory, refusing anything that could
/// reach outside it: absolute names, <c>..</c> components, entries below a symbolic link of the
/// archive, links whose target leaves the directory (or passes through another link), hard links,
/// devices and FIFOs. Nothing is ever written through a link: files are created exclusively.
/// </summary>
internal static class SafeTarExtractor
{
    private const int MaxEntries = 10_000;

    /// <summary>
    /// The deepest an entry may lie below the archive's root, in directories. An agent's update is a
    /// binary and a few files; a tree nested hundreds deep is hostile, and removing it would need a
    /// descriptor per level (DeleteTree never follows links, so it walks through held directories).
    /// </summary>
    private const int MaxDepth = 32;

    /// <summary>
    /// The most a PAX or GNU metadata entry may declare: far beyond any real name, link target or
    /// attribute set (a path is at most 4096 bytes), and small enough for the reader to hold.
    /// </summary>
    private const int MaxMetadataBytes = 1024 * 1024;

    /// <summary>
    /// What an archive may expand to beyond its files' contents: headers, block padding and metadata
    /// (10,000 entries at about 1 KiB each, with room to spare).
    /// </summary>
    private const long HeaderAllowance = 16L * 1024 * 1024;

    private const UnixFileMode FileModeMask =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Extracts <paramref name="archive"/> into <paramref name="destination"/>; returns the regular files, by relative path.</summary>
    /// <exception cref="CommandException">The archive is unreadable or unsafe.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; what was extracted is left for the caller to remove.</exception>
    public static IReadOnlyList<string> Extract(string archive, string destination, long maxBytes, CancellationToken cancellationToken)
    {
        using var file = File.OpenRead(archive);
        return Extract(file, destination, maxBytes, cancellationToken);
    }

    /// <summary>Extracts a seekable tar, tar.gz, tar.bz2 or tar.xz stream from its start; see <see cref="Extract(string, string, long, CancellationToken)"/>.</summary>
    public static IReadOnlyList<string> Extract(Stream archive, string destination, long maxBytes, CancellationToken cancellationToken)
    {
        string? compression = null;
        try
        {
            compression = Compression(archive);
            if (compression is not (null or "gzip" or "bzip2" or "xz"))
            {
                // zstd, which the original agent's tarfile did not read either: said plainly, not as an unreadable tar.
                throw Unsafe($"it is compressed with {compression} (this agent reads tar, tar.gz, tar.bz2 and tar.xz only)");
            }

            Directory.CreateDirectory(destination);

            // The guard counts the decompressed bytes, so a bzip2 or xz bomb meets the same limit as a
            // gzip one. A bzip2 block is at most 900 kB; xz's window grows with what it has decoded
            // (a declared 1 GiB dictionary costs nothing up front; 2 GiB and more are refused).
            using var decompressed = Decompress(archive, compression);
            using var guarded = new GuardedTarStream(decompressed ?? archive, maxBytes + HeaderAllowance, MaxMetadataBytes, cancellationToken);
            try
            {
                using var reader = new TarReader(guarded);
                var files = ExtractEntries(reader, destination, maxBytes, cancellationToken);
                // The reader stops at the tar's end, before the block's check (a gzip member's trailer):
                // a block that decoded to a wrong byte in a file's data (nothing a tar header would notice)
                // is caught only there. GNU tar's gzip, xz or bzip2 reads to the end, and its "crc error"
                // or "corrupt" fails the extraction.
                if (ChecksAtItsEnd(compression) && FailsItsChecks(decompressed!, maxBytes + HeaderAllowance, cancellationToken))
                {
                    throw Unsafe($"the {compression} stream is corrupt or cut short");
                }

                // gzip takes only zeros after its last member: anything else is its "trailing garbage"
                // (exit 2), and GNU tar fails the extraction. GZipStream stops there without a word.
                if (compression == "gzip" && GzipTrailingData.FollowsTheStream(archive, maxBytes + HeaderAllowance, cancellationToken))
                {
                    throw Unsafe("something other than zeros follows the gzip stream (gzip's \"trailing garbage\")");
                }

                return files;
            }
            catch (Exception exception) when (ChecksAtItsEnd(compression) && IsTarRefusal(exception) && FailsItsChecks(decompressed!, maxBytes + HeaderAllowance, cancellationToken))
            {
                throw Unsafe($"the {compression} stream is corrupt or cut short");
            }
        }
        catch (InvalidArchiveException exception)
        {
            throw Unsafe(exception.Reason);
        }
        catch (OverflowException)
        {
            // The reader keeps ids in an int and times in a long: GNU tar writes a uid of 3000000000
            // (a directory service's) in base-256, or in a PAX record, and the reader overflows on it.
            throw Unsafe("a number in an entry's header is out of range (its uid, gid, time or device number)");
        }
        catch (NotSupportedException)
        {
            // The reader's refusal of GNU sparse files ('S'), the one entry type it cannot read.
            throw Unsafe("an entry has an unsupported type");
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or EndOfStreamException or (InvalidOperationException and not ObjectDisposedException))
        {
            // Malformed or cut short; InvalidOperationException is the reader's refusal of an oversized metadata entry.
            throw Unsafe("not a readable tar archive");
        }
        catch (SharpCompressException)
        {
            // The bzip2 or xz decompressor's refusal: a bad header or block, a check mismatch, a stream cut short.
            throw Unsafe($"the {compression} stream is corrupt or cut short");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The staging directory (disk full, permissions), not the archive: say why, name no path.
            throw new CommandException($"Couldn't unpack the update archive: {IoFailureReason.Of(exception)}", exception);
        }
    }

    /// <summary>The tar reader's or the guard's refusal of what it read (the outer handlers word each).</summary>
    private static bool IsTarRefusal(Exception exception) =>
        exception is InvalidArchiveException or OverflowException or NotSupportedException or InvalidDataException or FormatException or EndOfStreamException or
            (InvalidOperationException and not ObjectDisposedException);

    /// <summary>Whether the compression checks its data only at a block's or member's end, after handing it out: all three.</summary>
    private static bool ChecksAtItsEnd(string? compression) => compression is "gzip" or "bzip2" or "xz";

    /// <summary>
    /// Whether the rest of a gzip, bzip2 or xz stream fails its decompressor's checks. Each checks a
    /// block's (a gzip member's) CRC only at its end, after handing out its bytes, so a corrupt block can decode to
    /// garbage that the tar reader refuses first ("a tar header's checksum …"): the compression's
    /// fault, named as the tar's. Read on to the end, at most the cap on decompressed bytes again.
    /// </summary>
    private static bool FailsItsChecks(Stream decompressor, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            int read;
            while (total <= maxBytes && (read = decompressor.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                total += read;
            }

            return false;
        }
        catch (Exception exception) when (exception is SharpCompressException or InvalidDataException)
        {
            // SharpCompress's refusal, or GZipStream's: a CRC32 or ISIZE that does not match, or a stream cut
            // short where the host sets System.IO.Compression.UseStrictValidation (the daemon does).
            return true;
        }
    }

    private static IReadOnlyList<string> ExtractEntries(TarReader reader, string destination, long maxBytes, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        var count = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++count > MaxEntries)
            {
                throw Unsafe("too many entries");
            }

            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
            {
                continue;
            }

            // GNU tar's PAX sparse formats (0.0, 0.1, 1.0) store a sparse file as a regular entry whose
            // data holds only the parts that are not holes (and, in 1.0, the map before them), under
            // "GNUSparseFile.<pid>/<name>" in 0.1 and 1.0. The reader does not know them: it would
            // extract the packed bytes as the file, a corrupt binary one directory down from the root.
            if (entry is PaxTarEntry pax && pax.ExtendedAttributes.Keys.Any(key => key.StartsWith("GNU.sparse.", StringComparison.Ordinal)))
            {
                throw Unsafe("an entry has an unsupported type");
            }

            var name = Normalise(entry.Name);
            if (name.Length == 0)
            {
                continue;
            }

            if (name.Count('/') > MaxDepth)
            {
                throw Unsafe($"an entry lies more than {MaxDepth} directories deep");
            }

            if (Prefixes(name).Any(links.ContainsKey))
            {
                throw Unsafe($"entry '{name}' lies below a symbolic link");
            }

            var target = Path.Combine(destination, name);

            // tar lets a later entry replace an earlier one; here that would be a second, different
            // meaning for one path (and creation is exclusive), so it is refused with a clear reason.
            if (entry.EntryType != TarEntryType.Directory && (!names.Add(name) || Directory.Exists(target)))
            {
                throw Unsafe($"entry '{name}' appears more than once");
            }

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    CreateDirectories(destination, name);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    total += entry.Length;
                    if (total > maxBytes)
                    {
                        throw Unsafe($"it extracts to more than {maxBytes} bytes");
                    }

                    CreateDirectories(destination, Parent(name));
                    WriteFile(entry, target);
                    files.Add(name);
                    break;
                case TarEntryType.SymbolicLink:
                    if (string.IsNullOrEmpty(entry.LinkName) || entry.LinkName.StartsWith('/') || entry.LinkName.Contains('\0', StringComparison.Ordinal))
                    {
                        throw Unsafe($"link '{name}' points outside the archive");
                    }

                    CreateDirectories(destination, Parent(name));
                    links.Add(name, entry.LinkName);
                    File.CreateSymbolicLink(target, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    throw Unsafe($"hard link '{name}' is not allowed");
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    throw Unsafe($"device or FIFO entry '{name}' is not allowed");
                default:
                    throw Unsafe($"entry '{name}' has an unsupported type");
            }
        }

        // Checked once every link is known, because a link may point through one that comes later.
        foreach (var (name, linkTarget) in links)
        {
            CheckLinkStaysInside(name, linkTarget, links);
        }

        return files;
    }

    /// <summary>The entry name relative to the archive root; absolute names and <c>..</c> are refused.</summary>
    private static string Normalise(string name)
    {
        if (name.StartsWith('/'))
        {
            throw Unsafe($"entry '{name}' has an absolute path");
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw Unsafe("an entry name contains NUL");
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
        if (segments.Contains(".."))
        {
            throw Unsafe($"entry '{name}' contains '..'");
        }

        return string.Join('/', segments);
    }

    /// <summary>Resolves a link's target lexically from its directory; it must stay inside and not pass through a link.</summary>
    private static void CheckLinkStaysInside(string name, string linkTarget, Dictionary<string, string> links)
    {
        var resolved = Parent(name).Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var segment in linkTarget.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (links.ContainsKey(string.Join('/', resolved)) && resolved.Count > 0)
            {
                throw Unsafe($"link '{name}' points through another link");
            }

            if (segment == "..")
            {
                if (resolved.Count == 0)
                {
                    throw Unsafe($"link '{name}' points outside the archive");
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            resolved.Add(segment);
        }
    }

    private static void WriteFile(TarEntry entry, string target)
    {
        using var output = new FileStream(target, StagingFiles.CreateOptions());
        entry.DataStream?.CopyTo(output);
        if (!OperatingSystem.IsWindows())
        {
            // Keep the executable bits, never setuid, setgid or group/other write.
            File.SetUnixFileMode(output.SafeFileHandle, (entry.Mode & FileModeMask) | StagingFiles.PrivateFile);
        }
    }

    private static void CreateDirectories(string destination, string relative)
    {
        var current = destination;
        foreach (var segment in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, segment);
            if (new FileInfo(current).LinkTarget is not null || File.Exists(current))
            {
                throw Unsafe($"'{relative}' is not a directory in the archive");
            }

            if (!Directory.Exists(current))
            {
                Directory.CreateDirectory(current);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(current, StagingFiles.PrivateDirectory);
                }
            }
        }
    }

    private static IEnumerable<string> Prefixes(string name)
    {
        for (var slash = name.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = name.IndexOf('/', slash + 1))
        {
            yield return name[..slash];
        }
    }

    private static string Parent(string name)
    {
        var slash = name.LastIndexOf('/');
        return slash < 0 ? "" : name[..slash];
    }

    /// <summary>
    /// The compression the archive's first bytes announce: <c>"gzip"</c>, the name of one this agent
    /// cannot read, or <c>null</c> (a plain tar, or not an archive at all, for the reader to refuse).
    /// Each magic number is long enough that no tar's first entry name starts with it by chance.
    /// </summary>
    private static string? Compression(Stream file)
    {
        Span<byte> magic = stackalloc byte[10];
        var head = magic[..file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false)];
        file.Position = 0;
        return head switch
        {
            [0x1f, 0x8b, ..] => "gzip",
            [(byte)'B', (byte)'Z', (byte)'h', >= (byte)'1' and <= (byte)'9', 0x31, 0x41, 0x59, 0x26, 0x53, 0x59] => "bzip2",
            [0xfd, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, ..] => "xz",
            [0x28, 0xb5, 0x2f, 0xfd, ..] => "zstd",
            _ => null,
        };
    }

    /// <summary>The decompressing stream over <paramref name="archive"/>, which it leaves open; <c>null</c> for a plain tar.</summary>
    private static Stream? Decompress(Stream archive, string? compression) => compression switch
    {
        "gzip" => new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true),
        // Concatenated streams (pbzip2's, or `cat a.bz2 b.bz2`) are one archive, as Python's bz2 reads them;
        // a stream cut short is refused, not taken as the end of the archive.
        "bzip2" => BZip2Stream.Create(archive, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: true, tolerateTruncatedStream: false),
        // Streams back to back are one archive too, as xz reads them; anything but padding after a stream is refused.
        "xz" => new ConcatenatedXzStream(archive),
        _ => null,
    };

    private static CommandException Unsafe(string reason) => new($"Invalid update archive: {reason}");
}
