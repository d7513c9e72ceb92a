using System.Buffers.Binary;
using System.Numerics;
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

    private const byte Lzma2FilterId = 0x21;

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
    /// reserves and its first block not to need a filter before LZMA2.
    /// </summary>
    /// <exception cref="InvalidArchiveException">
    /// The stream header names a reserved check type, or the first block header a filter chain or a dictionary of 2 GiB or more.
    /// </exception>
    /// <remarks>
    /// Types 2, 3, 5 to 9 and 11 to 15 are reserved: <c>xz</c> decodes such a stream without verifying it and exits with a warning
    /// ("Unsupported type of integrity check"), which fails GNU tar; SharpCompress refused it as corrupt, which it is not.
    /// SharpCompress's branch filters (<c>xz --x86</c>, <c>--arm</c>…) decode a different buffer from the one they are given,
    /// so what they hand out depends on how it is read: a block check fails on a valid file, or wrong bytes come out unnoticed,
    /// even past a CRC64 check (13 bytes of a 4-block x86 file read 80 KiB at a time, session 35). xz writes one filter chain for every block: the first block's tells before anything
    /// is decoded, and <see cref="XzStreamIndex"/> checks every block's at the stream's end. Headers whose CRC32 does not match
    /// are left for the decoder to refuse as corrupt.
    /// </remarks>
    private static XZStream Open(Stream archive)
    {
        // Only the bytes looked at are read: what the file holds beyond them is the decoder's to read, when it is asked to.
        const int StreamHeaderBytes = 12;
        Span<byte> header = stackalloc byte[StreamHeaderBytes + 1024];
        var start = archive.Position;
        try
        {
            if (archive.ReadAtLeast(header[..(StreamHeaderBytes + 1)], StreamHeaderBytes + 1, throwOnEndOfStream: false) <= StreamHeaderBytes ||
                !HasItsCrc32(header[6..StreamHeaderBytes]))
            {
                return new XZStream(archive);
            }

            var check = header[7];
            if (header[6] == 0 && check is (> 1 and < 4) or (> 4 and < 10) or (> 10 and < 16))
            {
                throw new InvalidArchiveException($"its xz stream uses an integrity check of a type xz reserves ({check}), which this agent cannot verify");
            }

            var block = header.Slice(StreamHeaderBytes, (header[StreamHeaderBytes] + 1) * 4);
            if (block[0] != 0 && archive.ReadAtLeast(block[1..], block.Length - 1, throwOnEndOfStream: false) == block.Length - 1 && HasItsCrc32(block))
            {
                XzStreamIndex.RefuseFilterChain(block[1]);
                RefuseHugeDictionary(block);
            }

            return new XZStream(archive);
        }
        finally
        {
            archive.Position = start;
        }
    }

    /// <summary>
    /// Refuses a block whose LZMA2 dictionary is 2 GiB or more (properties 38 to 40, 40 being 4 GiB − 1 byte), read from its
    /// header (<paramref name="block"/>, CRC32 checked, one filter): valid, and xz reads it, but SharpCompress holds a dictionary's
    /// size in an <see cref="int"/> and refused it as an invalid parameter, which the agent called corrupt. Only the first block's
    /// is looked at (xz writes one dictionary size for every block): a later block's is still the decoder's to refuse, as corrupt,
    /// when it reaches it, before the stream's end where the other headers are checked.
    /// </summary>
    /// <exception cref="InvalidArchiveException">The dictionary is 2 GiB or more.</exception>
    private static void RefuseHugeDictionary(ReadOnlySpan<byte> block)
    {
        // Between the flags and the CRC32: the sizes the flags' top two bits declare (variable-length numbers, each ending at a
        // byte below 0x80), then the one filter: its id, the size of its properties, and LZMA2's one property, the dictionary's.
        var fields = block[2..^4];
        var sizes = BitOperations.PopCount((uint)block[1] >> 6);
        var at = 0;
        while (sizes > 0 && at < fields.Length)
        {
            if (fields[at++] < 0x80)
            {
                sizes--;
            }
        }

        if (fields[at..] is [Lzma2FilterId, 1, >= 38 and <= 40 and var property, ..])
        {
            throw new InvalidArchiveException(
                $"its xz stream needs a dictionary of 2 GiB or more (LZMA2 property {property}), more than this agent's decoder can hold");
        }
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
