using System.Buffers.Binary;

namespace GuestAgent.Commands.Update;

/// <summary>
/// What <c>xz</c> checks of a stream besides its data and SharpCompress's <c>XZStream</c> leaves out (its
/// source marks the index check as still to do): the CRC32 of the index; that the footer's flags repeat the header's; that
/// the index's records walk the blocks up to the index exactly; that each record's sizes are its block's, as its LZMA2 chunks
/// give them (<see cref="Lzma2Chunks"/>); that their uncompressed sizes add up to the bytes the stream decoded; and that the
/// sizes a block header may declare (<c>xz -T</c> writes them) are the block's. Without it, a stream that <c>xz -t</c> and GNU tar refuse was
/// extracted (its data is still checked by each block's own check, so nothing wrong was installed). Each block header was checked
/// whole as the decoder reached it (<see cref="XzBlockHeader"/>); its CRC32 is checked here again only to find each header where
/// the records say.
/// </summary>
internal static class XzStreamIndex
{
    private const int HeaderBytes = 12;
    private const int Crc32Bytes = 4;
    private const int FlagsOffset = 6;
    private const byte CompressedSizePresent = 0x40;
    private const byte UncompressedSizePresent = 0x80;

    /// <summary>
    /// Checks the stream from <paramref name="start"/> to <paramref name="archive"/>'s position (right after
    /// its footer, where the decoder stopped), which it leaves there; <paramref name="decoded"/> is what it decoded to.
    /// </summary>
    /// <exception cref="InvalidDataException">The index or a block header is corrupt.</exception>
    public static void Check(Stream archive, long start, long decoded)
    {
        var end = archive.Position;
        var blocksEnd = end - HeaderBytes;
        Span<byte> footer = stackalloc byte[HeaderBytes];
        ReadAt(archive, blocksEnd, footer);
        var indexBytes = (BinaryPrimitives.ReadUInt32LittleEndian(footer[4..]) + 1L) * 4;
        var indexStart = blocksEnd - indexBytes;
        if (indexStart < start + HeaderBytes)
        {
            throw Corrupt();
        }

        // Bounded by the file: the decoder has already read the whole index into its records.
        var index = new byte[indexBytes];
        ReadAt(archive, indexStart, index);
        var records = index.AsSpan(0, index.Length - Crc32Bytes);
        if (Crc32(records) != BinaryPrimitives.ReadUInt32LittleEndian(index.AsSpan(records.Length)))
        {
            throw Corrupt();
        }

        // The decoder checks the footer's CRC32 but never compares its flags with the header's: a footer naming another check
        // type (its CRC32 made to match), which xz calls corrupt, was extracted.
        Span<byte> flags = stackalloc byte[2];
        ReadAt(archive, start + FlagsOffset, flags);
        if (!footer.Slice(8, 2).SequenceEqual(flags))
        {
            throw Corrupt();
        }

        var checkBytes = CheckBytes(flags[1]);
        var position = 1; // after the index indicator, which the decoder checked
        var count = ReadNumber(records, ref position);
        var block = start + HeaderBytes;
        var undecoded = (ulong)decoded;
        for (ulong record = 0; record < count; record++)
        {
            var unpadded = ReadNumber(records, ref position);
            var uncompressed = ReadNumber(records, ref position);
            if (unpadded > (ulong)(indexStart - block) || uncompressed > undecoded)
            {
                throw Corrupt();
            }

            var headerBytes = CheckBlockHeader(archive, block, indexStart, unpadded, checkBytes, uncompressed);
            if (Lzma2Chunks.Walk(archive, block + headerBytes, block + (long)(unpadded - checkBytes)) != uncompressed)
            {
                throw Corrupt();
            }

            block += (long)((unpadded + 3) & ~3UL);
            undecoded -= uncompressed;
        }

        if (block != indexStart || undecoded != 0 || records.Length - position >= 4 || records[position..].ContainsAnyExcept((byte)0))
        {
            throw Corrupt();
        }

        archive.Position = end;
    }

    /// <summary>
    /// Checks the block header at <paramref name="block"/> (its CRC32) and the sizes it declares, if any, against its index record
    /// (<paramref name="unpadded"/>: the header, the compressed data and the <paramref name="checkBytes"/> of its check); its size.
    /// </summary>
    private static int CheckBlockHeader(Stream archive, long block, long indexStart, ulong unpadded, ulong checkBytes, ulong uncompressed)
    {
        Span<byte> size = stackalloc byte[1];
        ReadAt(archive, block, size);
        var headerBytes = (size[0] + 1) * 4;
        if (size[0] == 0 || block + headerBytes > indexStart || (ulong)headerBytes + checkBytes > unpadded)
        {
            throw Corrupt();
        }

        Span<byte> whole = stackalloc byte[headerBytes];
        ReadAt(archive, block, whole);
        var header = whole[..^Crc32Bytes];

        // The decoder checked this CRC32 where it found the header; checked here, it ties the records to those places:
        // records moving a block's start by fours (their sum kept, the index's CRC32 made to match) land elsewhere.
        if (Crc32(header) != BinaryPrimitives.ReadUInt32LittleEndian(whole[^Crc32Bytes..]))
        {
            throw Corrupt();
        }

        var flags = header[1];
        var position = 2;
        if (((flags & CompressedSizePresent) != 0 && ReadNumber(header, ref position) != unpadded - checkBytes - (ulong)headerBytes) ||
            ((flags & UncompressedSizePresent) != 0 && ReadNumber(header, ref position) != uncompressed))
        {
            throw Corrupt();
        }

        return headerBytes;
    }

    /// <summary>Each block's check size, from the stream header's second flags byte: 0, or 4 bytes doubled every three types.</summary>
    public static ulong CheckBytes(byte flags)
    {
        var type = flags & 0x0F;
        return type == 0 ? 0 : 4UL << ((type - 1) / 3);
    }

    /// <summary>A variable-length integer of the index or a block header at <paramref name="position"/>, which it moves past it.</summary>
    private static ulong ReadNumber(ReadOnlySpan<byte> records, ref int position) =>
        XzNumber.TryRead(records, ref position, out var value) ? value : throw Corrupt();

    private static void ReadAt(Stream archive, long position, Span<byte> buffer)
    {
        archive.Position = position;
        archive.ReadExactly(buffer);
    }

    /// <summary>CRC-32 (IEEE, xz's), bit by bit: an index, its block headers and a stream header's flags are a few bytes each.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
            }
        }

        return ~crc;
    }

    private static InvalidDataException Corrupt() => new("an xz stream's index, footer or block header is corrupt");
}
