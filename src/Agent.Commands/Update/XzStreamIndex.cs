using System.Buffers.Binary;

namespace GuestAgent.Commands.Update;

/// <summary>
/// What <c>xz</c> checks of a stream besides its data and SharpCompress's <c>XZStream</c> leaves out (its
/// source marks the index check as still to do): the CRC32 of the index, and that the index's records walk the blocks up to the
/// index exactly; and each block header's CRC32 (which the decoder refused itself for every flip tested). Without it, a stream that <c>xz -t</c> and GNU tar
/// refuse was extracted (its data is still checked by each block's own check, so nothing wrong was installed).
/// </summary>
internal static class XzStreamIndex
{
    private const int HeaderBytes = 12;
    private const int Crc32Bytes = 4;

    /// <summary>
    /// Checks the stream from <paramref name="start"/> to <paramref name="archive"/>'s position (right after
    /// its footer, where the decoder stopped), which it leaves there.
    /// </summary>
    /// <exception cref="InvalidDataException">The index or a block header is corrupt.</exception>
    public static void Check(Stream archive, long start)
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

        var position = 1; // after the index indicator, which the decoder checked
        var count = ReadNumber(records, ref position);
        var block = start + HeaderBytes;
        for (ulong record = 0; record < count; record++)
        {
            var unpadded = ReadNumber(records, ref position);
            _ = ReadNumber(records, ref position); // its uncompressed size
            if (unpadded > (ulong)(indexStart - block))
            {
                throw Corrupt();
            }

            CheckBlockHeader(archive, block, indexStart);
            block += (long)((unpadded + 3) & ~3UL);
        }

        if (block != indexStart || records.Length - position >= 4 || records[position..].ContainsAnyExcept((byte)0))
        {
            throw Corrupt();
        }

        archive.Position = end;
    }

    /// <summary>Checks the CRC32 that ends the block header at <paramref name="block"/> (its first byte: its size in fours, less one).</summary>
    private static void CheckBlockHeader(Stream archive, long block, long indexStart)
    {
        Span<byte> size = stackalloc byte[1];
        ReadAt(archive, block, size);
        var headerBytes = (size[0] + 1) * 4;
        if (size[0] == 0 || block + headerBytes > indexStart)
        {
            throw Corrupt();
        }

        Span<byte> header = stackalloc byte[headerBytes];
        ReadAt(archive, block, header);
        if (Crc32(header[..^Crc32Bytes]) != BinaryPrimitives.ReadUInt32LittleEndian(header[^Crc32Bytes..]))
        {
            throw Corrupt();
        }
    }

    /// <summary>A variable-length integer of the index (seven bits a byte, least significant first) at <paramref name="position"/>, which it moves past it.</summary>
    private static ulong ReadNumber(ReadOnlySpan<byte> records, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            if (position >= records.Length)
            {
                break;
            }

            var next = records[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }

        throw Corrupt();
    }

    private static void ReadAt(Stream archive, long position, Span<byte> buffer)
    {
        archive.Position = position;
        archive.ReadExactly(buffer);
    }

    /// <summary>CRC-32 (IEEE, xz's), bit by bit: an index and its block headers are a few bytes each.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
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

    private static InvalidDataException Corrupt() => new("an xz stream's index or block header is corrupt");
}
