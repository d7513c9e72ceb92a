using System.IO.Compression;
using System.Security.Cryptography;

namespace GuestAgent.Commands.Update;

/// <summary>
/// A gzip file decoded as gzip and the original agent's <c>tarfile</c> take it: members back to back,
/// each checked by its CRC32 and ISIZE, then anything that does not begin another member, ignored;
/// and a file cut short, inside a member or its trailer, refused whatever the host's runtime switches.
/// </summary>
/// <remarks>
/// <para>
/// .NET's GZipStream ends quietly where its input runs out, in the middle of a member, unless the
/// host sets <c>System.IO.Compression.UseStrictValidation</c>, a switch of the whole process that an
/// SDK host may not set: a stream cut in its trailer then decoded whole, its CRC32 never checked.
/// </para>
/// <para>
/// So the decoder reads the file followed by one member of our own holding a fresh random nonce,
/// and keeps the last bytes it decoded back until the end. Where the file's last member ends at the
/// file's end, our member is read next and the nonce comes out last: dropped, the stream is whole.
/// Where something that is not a member follows the last one, the decoder stops there without
/// reading ours. Where the file is cut short, the decoder reads our member as the rest of the cut one
/// (its data, or its trailer, which then fails its check) and needs more: our member was reached and
/// the nonce did not come out, so the stream is refused as cut short.
/// </para>
/// <para>
/// Our member's nonce is Huffman-coded (GZipStream's fastest level), never stored verbatim, so a file
/// cut inside a stored block, which copies our bytes out as its own, never hands out the nonce. One
/// kind of file cut short is taken as whole: one that ends inside a member's header whose optional
/// fields end exactly where our header ends (an extra field, FEXTRA, of 10 bytes; or a shorter one,
/// then a name and a comment ending at our header's zero bytes, then a header CRC16 over our last two
/// bytes, which the file's mtime can be chosen to match), so that our data and trailer decode as that
/// member's, nonce last (gzip says "unexpected end of file"). Harmless: nothing of that member decodes
/// but our nonce, so what is handed out is what the whole members before it hold, checked. Not
/// closed: an extra field swallows any fixed bytes we could append (up to 65,535), so only decoding
/// the file twice, behind two suffixes of different lengths, or parsing gzip's framing ourselves would
/// tell; neither is worth it for a file that installs nothing it should not.
/// </para>
/// </remarks>
internal sealed class CheckedGzipStream : ForwardReadStream
{
    private const int NonceBytes = 16;
    private const int ChunkBytes = 81920;

    private readonly byte[] _nonce = RandomNumberGenerator.GetBytes(NonceBytes);
    private readonly PrefixThenBytes _source;
    private readonly GZipStream _gzip;

    // Decoded bytes not yet handed out, at the start: the last NonceBytes decoded until the end, which
    // may be our nonce.
    private readonly byte[] _decoded = new byte[ChunkBytes + NonceBytes];
    private int _held;

    // Set at the end: where the held bytes still to hand out begin (a refusal there is said again by the base).
    private int _released = -1;

    /// <summary>Decodes the seekable <paramref name="archive"/> from its current position to its end, leaving it open.</summary>
    public CheckedGzipStream(Stream archive)
    {
        _source = new PrefixThenBytes(archive, Member(_nonce));
        _gzip = new GZipStream(_source, CompressionMode.Decompress);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">A member fails its check, or the file is cut short.</exception>
    protected override int ReadForward(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_released < 0)
        {
            var read = _gzip.Read(_decoded.AsSpan(_held, Math.Min(buffer.Length, ChunkBytes)));
            if (read == 0)
            {
                End();
                break;
            }

            var available = _held + read;
            var handed = Math.Max(0, available - NonceBytes);
            _decoded.AsSpan(0, handed).CopyTo(buffer);
            _held = available - handed;
            _decoded.AsSpan(handed, _held).CopyTo(_decoded);
            if (handed > 0)
            {
                return handed;
            }
        }

        var count = Math.Min(buffer.Length, _held - _released);
        _decoded.AsSpan(_released, count).CopyTo(buffer);
        _released += count;
        return count;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
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

    /// <summary>The decoder has ended: drops our nonce, or refuses a file cut short, or hands out the held bytes.</summary>
    private void End()
    {
        if (_held == NonceBytes && _decoded.AsSpan(0, NonceBytes).SequenceEqual(_nonce))
        {
            _held = 0;
        }
        else if (_source.ReachedTheBytes)
        {
            throw new InvalidDataException("the gzip stream is cut short");
        }

        _released = 0;
    }
}
