using System.Formats.Tar;
using SharpCompress.Common;

namespace GuestAgent.Commands.Update;

/// <summary>
/// Extracts a tar, tar.gz, tar.bz2 or tar.xz archive into a fresh private directory: decodes it
/// (<see cref="ArchiveCompression"/>), caps what it expands to (<see cref="GuardedTarStream"/>), writes
/// its entries (<see cref="TarEntryWriter"/>, which refuses any that could reach outside the directory)
/// and words every refusal as one <c>Invalid update archive</c> error.
/// </summary>
internal static class SafeTarExtractor
{
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

    /// <summary>Extracts <paramref name="archive"/> into <paramref name="destination"/>; returns the regular files, by relative path.</summary>
    /// <exception cref="CommandException">The archive is unreadable or unsafe.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; what was extracted is left for the caller to remove.</exception>
    public static IReadOnlyList<string> Extract(string archive, string destination, long maxBytes, CancellationToken cancellationToken)
    {
        using var file = File.OpenRead(archive);
        return Extract(file, destination, maxBytes, cancellationToken);
    }

    /// <summary>Extracts a seekable tar, tar.gz, tar.bz2 or tar.xz stream from its start; see <see cref="Extract(string, string, long, CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="archive"/> cannot seek.</exception>
    public static IReadOnlyList<string> Extract(Stream archive, string destination, long maxBytes, CancellationToken cancellationToken)
    {
        // Told apart from the archive's faults: the compression is told by seeking back, and an xz file's index and chunks are
        // checked by seeking, whose NotSupportedException the handlers below would word as "an entry has an unsupported type".
        if (!archive.CanSeek)
        {
            throw new ArgumentException("The archive stream must be seekable", nameof(archive));
        }

        string? compression = null;
        try
        {
            compression = ArchiveCompression.Detect(archive);
            if (compression is not (null or "gzip" or "bzip2" or "xz"))
            {
                // zstd, which the original agent's tarfile did not read either: said plainly, not as an unreadable tar.
                throw Unsafe($"it is compressed with {compression} (this agent reads tar, tar.gz, tar.bz2 and tar.xz only)");
            }

            StagingFiles.CreatePrivateDirectory(destination);

            // The guard counts the decompressed bytes, so a bzip2 or xz bomb meets the same limit as a
            // gzip one. A bzip2 block is at most 900 kB; xz's window grows with what it has decoded
            // (a declared dictionary costs nothing up front; one over the decoder's 64 MiB is refused).
            using var decompressed = ArchiveCompression.Decompress(archive, compression, maxBytes + HeaderAllowance, cancellationToken);
            using var guarded = new GuardedTarStream(decompressed ?? archive, maxBytes + HeaderAllowance, MaxMetadataBytes, cancellationToken);
            try
            {
                using var reader = new TarReader(guarded);
                var files = TarEntryWriter.ExtractEntries(reader, destination, maxBytes, cancellationToken);
                // The reader stops at the tar's end, before the block's check (a gzip member's trailer):
                // a block that decoded to a wrong byte in a file's data (nothing a tar header would notice)
                // is caught only there. GNU tar's gzip, xz or bzip2 reads to the end, and its "crc error"
                // or "corrupt" fails the extraction.
                if (ArchiveCompression.ChecksAtItsEnd(compression) && ArchiveCompression.FailsItsChecks(decompressed!, maxBytes + HeaderAllowance, cancellationToken))
                {
                    throw Unsafe($"the {compression} stream is corrupt or cut short");
                }

                return files;
            }
            catch (Exception exception) when (ArchiveCompression.ChecksAtItsEnd(compression) && IsTarRefusal(exception))
            {
                // Read on here, not in the filter: a stop heard while reading on (between two bzip2 or xz
                // streams, or between reads) must reach the caller, and a filter swallows what it throws.
                if (ArchiveCompression.FailsItsChecks(decompressed!, maxBytes + HeaderAllowance, cancellationToken))
                {
                    throw Unsafe($"the {compression} stream is corrupt or cut short");
                }

                throw;
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
            throw new CommandException(AgentUpdateMessages.UnpackFailed(IoFailureReason.Of(exception)), exception);
        }
    }

    /// <summary>The tar reader's or the guard's refusal of what it read (the outer handlers word each).</summary>
    private static bool IsTarRefusal(Exception exception) =>
        exception is InvalidArchiveException or OverflowException or NotSupportedException or InvalidDataException or FormatException or EndOfStreamException or
            (InvalidOperationException and not ObjectDisposedException);


    internal static CommandException Unsafe(string reason) => new(AgentUpdateMessages.InvalidArchive(reason));
}
