using System.Buffers.Binary;
using SharpCompress.Compressors.Xz;

namespace GuestAgent.Commands.Update;

/// <summary>
/// An xz file as xz and GNU tar read it: streams back to back, each optionally followed by stream
/// padding (zero bytes, a multiple of four), and nothing else. SharpCompress's <see cref="XZStream"/>
/// decodes one stream and ends quietly there, so a second stream (<c>cat a.xz b.xz</c>) went unread
/// and garbage after the stream was accepted where <c>xz</c> says "Unexpected end of input" and
/// <c>tar xJf</c> fails.
/// </summary>
/// <remarks>
/// It rests on <see cref="XZStream"/> reading its base stream up to its own footer and no further
/// (it reads fields, not blocks of input), which the tests that append to a stream hold it to.
/// </remarks>
internal sealed class ConcatenatedXzStream : ConcatenatedStream
{
    private static ReadOnlySpan<byte> Magic => [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00];

    private readonly Stream _archive;

    // Where the stream being decoded begins: its index and block headers are checked at its end (XzStreamIndex).
    private long _start;

    /// <summary>
    /// Decodes the seekable <paramref name="archive"/> from its current position, which it leaves open;
    /// <paramref name="cancellationToken"/> stops a read between two streams.
    /// </summary>
    public ConcatenatedXzStream(Stream archive, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _archive = archive;
        _start = archive.Position;
        Begin(Open(archive));
    }

    /// <summary>Checks the stream just read, skips the padding after it; the next stream, or null at the end of the file.</summary>
    /// <exception cref="InvalidDataException">
    /// The stream's index or a block header is corrupt, or what follows it is neither padding nor another stream.
    /// </exception>
    protected override Stream? NextStream()
    {
        XzStreamIndex.Check(_archive, _start, StreamBytes);
        var padding = SkipZeros();
        if (padding % 4 != 0)
        {
            throw new InvalidDataException("xz stream padding is not a multiple of four bytes");
        }

        if (_archive.Position == _archive.Length)
        {
            return null;
        }

        Span<byte> magic = stackalloc byte[6];
        var start = _archive.Position;
        if (_archive.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length || !magic.SequenceEqual(Magic))
        {
            throw new InvalidDataException("something other than another xz stream follows an xz stream");
        }

        _archive.Position = start;
        _start = start;
        return Open(_archive);
    }

    /// <summary>
    /// The decoder of the stream at <paramref name="archive"/>'s position, once its header is known not to name a check type xz
    /// reserves, reading the archive through a <see cref="XzBlockHeaderWatch"/>, which checks each block header as the decoder
    /// reaches it.
    /// </summary>
    /// <exception cref="InvalidArchiveException">The stream header names a reserved check type.</exception>
    /// <remarks>
    /// Types 2, 3, 5 to 9 and 11 to 15 are reserved: <c>xz</c> decodes such a stream without verifying it and exits with a warning
    /// ("Unsupported type of integrity check"), which fails GNU tar; SharpCompress refused it as corrupt, which it is not.
    /// A stream header that is invalid (its CRC32, a reserved flag) is the decoder's to refuse, as corrupt, and its blocks are not
    /// watched: their checks' size is not known.
    /// </remarks>
    private static XZStream Open(Stream archive)
    {
        // Only the bytes looked at are read: what the file holds beyond them is the decoder's to read, when it is asked to.
        const int StreamHeaderBytes = 12;
        Span<byte> header = stackalloc byte[StreamHeaderBytes];
        var start = archive.Position;
        var read = archive.ReadAtLeast(header, StreamHeaderBytes, throwOnEndOfStream: false);
        archive.Position = start;
        if (read < StreamHeaderBytes || !HasItsCrc32(header[6..]) || header[6] != 0 || header[7] > 0x0F)
        {
            return new XZStream(archive);
        }

        var check = header[7];
        if (check is (> 1 and < 4) or (> 4 and < 10) or (> 10 and < 16))
        {
            throw new InvalidArchiveException($"its xz stream uses an integrity check of a type xz reserves ({check}), which this agent cannot verify");
        }

        return new XZStream(new XzBlockHeaderWatch(archive, start, XzStreamIndex.CheckBytes(check)));
    }

    /// <summary>Whether the last four bytes of <paramref name="field"/> are the CRC32 of the rest, as xz writes its headers.</summary>
    private static bool HasItsCrc32(ReadOnlySpan<byte> field) =>
        XzStreamIndex.Crc32(field[..^4]) == BinaryPrimitives.ReadUInt32LittleEndian(field[^4..]);

    /// <summary>Moves past the zero bytes at the current position; how many there were.</summary>
    private long SkipZeros()
    {
        var block = new byte[4096];
        long zeros = 0;
        while (true)
        {
            var start = _archive.Position;
            var read = _archive.Read(block);
            if (read == 0)
            {
                return zeros;
            }

            var nonZero = block.AsSpan(0, read).IndexOfAnyExcept((byte)0);
            if (nonZero >= 0)
            {
                _archive.Position = start + nonZero;
                return zeros + nonZero;
            }

            zeros += read;
        }
    }
}
