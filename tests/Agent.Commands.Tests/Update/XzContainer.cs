namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// xz streams built field by field (xz's file format: stream header, blocks, index, footer), for what the real <c>xz</c> never
/// writes: LZMA2 chunks of exactly the largest size, empty blocks, chunks breaking LZMA2's reset rules, block headers with other
/// fields. Every stream has CRC32 checks (type 1); every block one filter, LZMA2, unless it brings its own header's fields.
/// </summary>
internal static class XzContainer
{
    /// <summary>LZMA2's dictionary property for 8 MiB, xz's default (preset 6).</summary>
    public const byte Dictionary8MiB = 0x16;

    /// <summary>
    /// The stream of <paramref name="blocks"/>: each its LZMA2 data (chunks and end marker) and the bytes they decode to, under a
    /// block header of <see cref="OneFilter"/> with <see cref="Dictionary8MiB"/> or of its own fields (after the header's size
    /// byte: flags, sizes, filters; zero padding and the CRC32 are added).
    /// </summary>
    public static byte[] Stream(params (byte[] Chunks, byte[] Decoded, byte[]? Header)[] blocks)
    {
        byte[] flags = [0x00, 0x01];
        List<byte> stream = [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00, .. flags, .. LittleEndian(Xz.Crc32(flags))];
        List<byte> index = [0x00, .. Number((ulong)blocks.Length)];
        foreach (var (chunks, decoded, fields) in blocks)
        {
            var header = BlockHeader(fields ?? OneFilter(Dictionary8MiB));
            stream.AddRange([.. header, .. chunks]);
            PadToFour(stream);
            stream.AddRange(LittleEndian(Xz.Crc32(decoded)));
            index.AddRange([.. Number((ulong)(header.Length + chunks.Length + 4)), .. Number((ulong)decoded.Length)]);
        }

        PadToFour(index);
        index.AddRange(LittleEndian(Xz.Crc32([.. index])));
        byte[] footer = [.. LittleEndian((uint)(index.Count / 4) - 1), .. flags];
        return [.. stream, .. index, .. LittleEndian(Xz.Crc32(footer)), .. footer, (byte)'Y', (byte)'Z'];
    }

    /// <summary>A block header's fields for one filter, LZMA2 (id 0x21, one byte of properties: <paramref name="dictionary"/>).</summary>
    public static byte[] OneFilter(byte dictionary) => [0x00, 0x21, 0x01, dictionary];

    /// <summary>A chunk stored uncompressed: <paramref name="control"/> (0x01 resets the dictionary, 0x02 does not), its size − 1, big-endian.</summary>
    public static byte[] Stored(byte control, ReadOnlySpan<byte> data) => [control, (byte)((data.Length - 1) >> 8), (byte)(data.Length - 1), .. data];

    /// <summary>A variable-length number as xz writes it (seven bits a byte, least significant first).</summary>
    public static byte[] Number(ulong value)
    {
        var bytes = new byte[10];
        return bytes[..Xz.WriteNumber(bytes, 0, value)];
    }

    private static byte[] BlockHeader(byte[] fields)
    {
        var header = new byte[(1 + fields.Length + 4 + 3) / 4 * 4];
        header[0] = (byte)((header.Length / 4) - 1);
        fields.CopyTo(header, 1);
        Xz.SetCrc32(header);
        return header;
    }

    private static void PadToFour(List<byte> field)
    {
        while (field.Count % 4 != 0)
        {
            field.Add(0);
        }
    }

    private static byte[] LittleEndian(uint value) => BitConverter.GetBytes(value);
}
