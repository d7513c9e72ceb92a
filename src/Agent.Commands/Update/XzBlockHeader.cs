using System.Buffers.Binary;
using SharpCompress.Common;

namespace GuestAgent.Commands.Update;

/// <summary>
/// An xz block header judged whole, as xz judges it (the file format's section 3.1, liblzma's header decoder), before the
/// decoder reads it: one xz refuses is corrupt whatever it asks for, and only a valid one is refused for asking what this agent
/// cannot decode. SharpCompress checks most of the same fields, but acts on some before it has seen the rest (a filter it has
/// no decoder for is refused before the header's padding is looked at), and session 36 gave a dictionary's reason to a header
/// with reserved flags or padding, whose fields xz does not trust ("Unsupported options").
/// </summary>
internal static class XzBlockHeader
{
    private const int Crc32Bytes = 4;
    private const byte FiltersBeyondTheFirst = 0x03;
    private const byte ReservedFlags = 0x3C;
    private const byte CompressedSizePresent = 0x40;
    private const byte UncompressedSizePresent = 0x80;
    private const ulong Lzma2FilterId = 0x21;
    private const ulong FirstReservedFilterId = 1UL << 62;
    private const byte LargestDictionaryProperty = 40;
    private const long Mebibyte = 1024 * 1024;

    // The largest unpadded size (header, compressed data, check) xz accepts for a block: the largest number, rounded down to four.
    private const ulong MaxUnpaddedSize = long.MaxValue & ~3UL;

    /// <summary>
    /// Checks <paramref name="header"/> (from its size byte to its CRC32) of a block of a stream whose check is
    /// <paramref name="checkBytes"/> long.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The header is invalid: its CRC32, a reserved flag, a number xz would not read (more than nine bytes, a last byte of zero,
    /// past the fields), a reserved filter id, a filter's properties past the fields, a compressed size of zero or beyond xz's
    /// bound, or padding that is not zero.
    /// </exception>
    /// <exception cref="InvalidArchiveException">
    /// The header is valid but needs a filter before LZMA2, or an LZMA2 dictionary larger than the decoder allows (<see cref="DecoderDictionaryLimit"/>).
    /// </exception>
    public static void Check(ReadOnlySpan<byte> header, ulong checkBytes)
    {
        var fields = header[..^Crc32Bytes];
        var flags = fields[1];
        if (XzStreamIndex.Crc32(fields) != BinaryPrimitives.ReadUInt32LittleEndian(header[^Crc32Bytes..]) || (flags & ReservedFlags) != 0)
        {
            throw Invalid();
        }

        var position = 2;
        if ((flags & CompressedSizePresent) != 0)
        {
            var compressed = ReadNumber(fields, ref position);
            if (compressed == 0 || compressed > MaxUnpaddedSize - (ulong)header.Length - checkBytes)
            {
                throw Invalid();
            }
        }

        if ((flags & UncompressedSizePresent) != 0)
        {
            ReadNumber(fields, ref position);
        }

        var filters = (flags & FiltersBeyondTheFirst) + 1;
        var id = 0UL;
        var properties = ReadOnlySpan<byte>.Empty;
        for (var filter = 0; filter < filters; filter++)
        {
            id = ReadNumber(fields, ref position);
            var size = ReadNumber(fields, ref position);
            if (id >= FirstReservedFilterId || size > (ulong)(fields.Length - position))
            {
                throw Invalid();
            }

            properties = fields.Slice(position, (int)size);
            position += (int)size;
        }

        if (fields[position..].ContainsAnyExcept((byte)0))
        {
            throw Invalid();
        }

        // LZMA2 is the only last filter, so any other is one SharpCompress has no decoder for or one of its branch filters,
        // whose output depends on how they are read (session 35).
        if (filters > 1)
        {
            throw new InvalidArchiveException(ConcatenatedStream.UnsupportedFilter);
        }

        // Every property up to 40 (4 GiB − 1) is valid and xz reads it, allocating as it decodes; SharpCompress refuses a
        // dictionary over its limit as an invalid format, which the agent would call corrupt.
        if (id == Lzma2FilterId && properties is [<= LargestDictionaryProperty and var property]
            && DictionarySize(property) is var dictionary && dictionary > DecoderDictionaryLimit)
        {
            throw new InvalidArchiveException(
                $"its xz stream needs a dictionary of {Describe(dictionary)} (LZMA2 property {property}), more than this agent's decoder allows ({Describe(DecoderDictionaryLimit)})");
        }
    }

    /// <summary>
    /// The largest LZMA2 dictionary the decoder takes: SharpCompress's <see cref="DictionarySizeLimits.Lzma2"/> (by default 64 MiB,
    /// the largest xz's presets use, <c>-9</c>; a process may raise it), and below 2 GiB whatever it says, as the decoder has held
    /// the size in an <see cref="int"/>.
    /// </summary>
    private static long DecoderDictionaryLimit => Math.Min(DictionarySizeLimits.Lzma2, int.MaxValue);

    /// <summary>The dictionary size LZMA2's property byte encodes (the file format's section 5.3.1).</summary>
    private static long DictionarySize(byte property) =>
        property == LargestDictionaryProperty ? uint.MaxValue : (2L | (property & 1L)) << (property / 2 + 11);

    private static string Describe(long bytes) =>
        bytes % Mebibyte == 0 ? $"{bytes / Mebibyte} MiB" : $"{bytes} bytes";

    /// <summary>A variable-length number at <paramref name="position"/> of <paramref name="fields"/>, which it moves past it.</summary>
    private static ulong ReadNumber(ReadOnlySpan<byte> fields, ref int position) =>
        XzNumber.TryRead(fields, ref position, out var value) ? value : throw Invalid();

    private static InvalidDataException Invalid() => new("an xz block header is invalid");
}
