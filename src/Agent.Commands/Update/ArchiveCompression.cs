using SharpCompress.Common;

namespace GuestAgent.Commands.Update;

/// <summary>
/// The compressions an update archive may use, told by their first bytes as the original agent's
/// <c>tarfile</c> told them, and the decoders that read them as GNU tar's tools do.
/// </summary>
internal static class ArchiveCompression
{
    /// <summary>Whether the compression checks its data only at a block's or member's end, after handing it out: all three.</summary>
    public static bool ChecksAtItsEnd(string? compression) => compression is "gzip" or "bzip2" or "xz";

    /// <summary>
    /// Whether the rest of a gzip, bzip2 or xz stream fails its decompressor's checks. Each checks a
    /// block's (a gzip member's) CRC only at its end, after handing out its bytes, so a corrupt block can decode to
    /// garbage that the tar reader refuses first ("a tar header's checksum …"): the compression's
    /// fault, named as the tar's. Read on to the end, at most the cap on decompressed bytes again.
    /// </summary>
    public static bool FailsItsChecks(Stream decompressor, long maxBytes, CancellationToken cancellationToken)
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
            // SharpCompress's refusal, GZipStream's (a CRC32 or ISIZE that does not match), or that of our
            // wrappers: a gzip file cut short, what follows an xz stream, a bzip2 file ending in a magic number.
            return true;
        }
    }

    /// <summary>
    /// The compression the archive's first bytes announce: <c>"gzip"</c>, the name of one this agent
    /// cannot read, or <c>null</c> (a plain tar, or not an archive at all, for the reader to refuse).
    /// Each magic number is long enough that no tar's first entry name starts with it by chance.
    /// </summary>
    public static string? Detect(Stream file)
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

    /// <summary>
    /// The decompressing stream over <paramref name="archive"/>, which it leaves open; <c>null</c> for a plain tar.
    /// <paramref name="maxBytes"/> is the cap on decoded bytes, which also caps the block sizes bzip2 streams declare;
    /// <paramref name="cancellationToken"/> stops a read between two bzip2 or xz streams.
    /// </summary>
    public static Stream? Decompress(Stream archive, string? compression, long maxBytes, CancellationToken cancellationToken) => compression switch
    {
        // Checked to its end whether or not the host makes GZipStream refuse a stream cut short.
        "gzip" => new CheckedGzipStream(archive),
        // Concatenated streams (pbzip2's, or `cat a.bz2 b.bz2`) are one archive, and what follows them is
        // ignored unless it begins like another stream, as bzip2 and Python's bz2 read them.
        "bzip2" => new ConcatenatedBzip2Stream(archive, maxBytes, cancellationToken),
        // Streams back to back are one archive too, as xz reads them; anything but padding after a stream is refused.
        "xz" => new ConcatenatedXzStream(archive, cancellationToken),
        _ => null,
    };
}
