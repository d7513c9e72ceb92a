namespace GuestAgent.Commands.Update;

/// <summary>
/// The LZMA2 chunks of an xz block's compressed data, walked by their headers alone (each chunk's data is seeked past, never
/// read): where they end and what they decode to, for the index's check (<see cref="Walk"/>) and for finding each next block
/// header as the decoder reaches it (<see cref="XzBlockHeaderWatch"/>). LZMA2 is the only last filter xz and SharpCompress allow (one before it, which
/// the agent refuses anyway, would change what the chunks decode to, not how they are framed), so every block is such chunks. Their end is the
/// block's compressed size, which <c>xz</c> compares with the index record exactly; SharpCompress compares nothing, and the
/// padding to four bytes after the data hid a record one to three bytes off (session 35).
/// </summary>
internal static class Lzma2Chunks
{
    private const byte End = 0x00;
    private const byte LastStored = 0x02;
    private const byte FirstCompressed = 0x80;
    private const byte WithProperties = 0xC0;

    /// <summary>
    /// Walks the chunks from <paramref name="start"/> (right after the block header) to their end marker, which must be the
    /// byte before <paramref name="end"/> (where the record says the block's check begins, its padding left out); the bytes they decode to.
    /// </summary>
    /// <exception cref="InvalidDataException">A control byte is invalid, or the chunks end anywhere else.</exception>
    public static ulong Walk(Stream archive, long start, long end)
    {
        ulong unpacked = 0;
        var position = start;
        while (position < end)
        {
            // A chunk header reaching past the record's end is read anyway: the index and the footer follow it in the file.
            archive.Position = position;
            var (last, bytes, decoded) = Next(archive);
            if (last)
            {
                return position + 1 == end ? unpacked : throw Corrupt();
            }

            unpacked += decoded;
            position += bytes;
        }

        throw Corrupt();
    }

    /// <summary>
    /// The chunk at <paramref name="archive"/>'s position, read by its header alone (the archive left right after it): whether it
    /// is the end marker, its size in the file (header and data; the end marker's is one byte) and the bytes it decodes to.
    /// </summary>
    /// <exception cref="InvalidDataException">The control byte is invalid, or the file ends inside the header.</exception>
    public static (bool End, long Bytes, ulong Unpacked) Next(Stream archive)
    {
        var control = archive.ReadByte();
        if (control == End)
        {
            return (true, 1, 0);
        }

        // A stored chunk: its size; a compressed one: its unpacked size's upper bits in the control byte, both sizes, and
        // the properties byte when the control resets the state with new properties. 0x03 to 0x7F are invalid (and -1, the file's end).
        var headerBytes = control >= WithProperties ? 6 : control >= FirstCompressed ? 5 : control is > End and <= LastStored ? 3 : throw Invalid();
        Span<byte> header = stackalloc byte[6];
        if (archive.ReadAtLeast(header[1..headerBytes], headerBytes - 1, throwOnEndOfStream: false) < headerBytes - 1)
        {
            throw Invalid();
        }

        var size = (ulong)((header[1] << 8) | header[2]) + 1;
        return control >= FirstCompressed
            ? (false, headerBytes + (header[3] << 8) + header[4] + 1, size + ((ulong)(control & 0x1F) << 16))
            : (false, headerBytes + (long)size, size);
    }

    private static InvalidDataException Corrupt() => new("an xz block's LZMA2 chunks do not end where its index record says");

    private static InvalidDataException Invalid() => new("an xz block's LZMA2 chunk header is invalid or cut short");
}
