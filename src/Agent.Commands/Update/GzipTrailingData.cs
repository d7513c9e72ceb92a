using System.IO.Compression;
using System.Security.Cryptography;

namespace GuestAgent.Commands.Update;

/// <summary>
/// Whether anything but zeros follows the last member of a whole gzip stream. gzip takes only another
/// member or zero padding (a tape's or a download tool's block) after a member; anything else is
/// "decompression OK, trailing garbage ignored" with exit status 2, so <c>tar xzf</c> fails. .NET's
/// GZipStream ends quietly at the first byte after a member that does not begin another.
/// </summary>
/// <remarks>
/// GZipStream reads ahead and does not say where the last member ended. So the stream is decoded
/// once more, cut after its last non-zero byte and followed by a member of our own whose content is a
/// fresh random nonce. Three outcomes, one for each place the last member can end:
/// <list type="bullet">
/// <item>at the cut: the decoder reads our member next, and the nonce is the last thing decoded;</item>
/// <item>past the cut, in the zeros (the trailer's last bytes are often zero: ISIZE of an archive
/// under 16 MiB ends with one): our member lands inside the last one, whose CRC32, ISIZE or data
/// then fails;</item>
/// <item>before the cut: the decoder ends quietly at the bytes after it, which are not gzip (those
/// that begin another member are decoded, and fail the first reading if they are not one), and our
/// member is never read: something other than zeros follows the stream.</item>
/// </list>
/// </remarks>
internal static class GzipTrailingData
{
    private const int NonceBytes = 16;

    /// <summary>
    /// Whether <paramref name="archive"/>, a gzip stream that has decoded whole, has anything but
    /// zeros after its last member. Reads it from its start, decoding at most twice
    /// <paramref name="maxBytes"/> again.
    /// </summary>
    /// <param name="archive">The archive, seekable.</param>
    /// <param name="maxBytes">The cap on decompressed bytes the first reading applied to the tar, and again to the rest of the stream.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public static bool FollowsTheStream(Stream archive, long maxBytes, CancellationToken cancellationToken)
    {
        var cut = EndOfNonZeroBytes(archive, cancellationToken);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        archive.Position = 0;
        using var probe = new GZipStream(new PrefixThenBytes(archive, cut, Member(nonce)), CompressionMode.Decompress);
        var buffer = new byte[81920];
        var last = new byte[NonceBytes];
        long total = 0;
        try
        {
            int read;
            while ((read = probe.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                total += read;
                if (total > (2 * maxBytes) + NonceBytes)
                {
                    // The first reading gave up checking the rest of the stream past the cap (the
                    // tar's, then the cap again after the tar's end), and so does this one.
                    return false;
                }

                KeepLast(last, buffer.AsSpan(0, read));
            }
        }
        catch (InvalidDataException)
        {
            // Our member read as the end of the last one: that member ends in the zeros after the cut.
            return false;
        }

        return !last.AsSpan().SequenceEqual(nonce);
    }

    /// <summary>Where the trailing zeros begin: the length of the stream without them.</summary>
    private static long EndOfNonZeroBytes(Stream archive, CancellationToken cancellationToken)
    {
        var block = new byte[4096];
        var end = archive.Length;
        while (end > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var size = (int)Math.Min(block.Length, end);
            archive.Position = end - size;
            archive.ReadExactly(block, 0, size);
            var lastNonZero = block.AsSpan(0, size).LastIndexOfAnyExcept((byte)0);
            if (lastNonZero >= 0)
            {
                return end - size + lastNonZero + 1;
            }

            end -= size;
        }

        return 0;
    }

    /// <summary>Keeps the last <see cref="NonceBytes"/> bytes decoded so far in <paramref name="last"/>.</summary>
    private static void KeepLast(byte[] last, ReadOnlySpan<byte> decoded)
    {
        if (decoded.Length >= last.Length)
        {
            decoded[^last.Length..].CopyTo(last);
            return;
        }

        last.AsSpan(decoded.Length).CopyTo(last);
        decoded.CopyTo(last.AsSpan(last.Length - decoded.Length));
    }

    /// <summary>One gzip member holding <paramref name="content"/>.</summary>
    private static byte[] Member(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }
}
