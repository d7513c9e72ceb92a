using System.Text;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// Damage to an xz stream: a stored byte that only its block's check (CRC64, xz's default) tells from the real data, and the
/// fields (variable-length numbers, CRC32s) the index and block header tests change as xz would have written them.
/// </summary>
internal static class Xz
{
    private const int StreamHeaderSize = 12;

    // LZMA2's control byte for a chunk stored uncompressed that resets the dictionary: what xz writes
    // first for data that does not compress (random bytes), its 2-byte size after it.
    private const byte StoredChunkWithReset = 0x01;
    private const int ChunkHeaderSize = 3;

    /// <summary>
    /// Flips one bit of the uncompressed byte <paramref name="offset"/> of a stream whose first LZMA2
    /// chunk is stored (asserted): the block still decodes, one byte different, and only the check at
    /// the block's end says so.
    /// </summary>
    public static void FlipAStoredByte(byte[] stream, int offset)
    {
        Assert.Equal(new byte[] { 0xfd, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0 }, stream[..6]);
        var chunk = StreamHeaderSize + ((stream[StreamHeaderSize] + 1) * 4); // the block header's size byte
        Assert.Equal(StoredChunkWithReset, stream[chunk]);
        Assert.True(offset < (stream[chunk + 1] << 8) + stream[chunk + 2] + 1, "the byte lies in the first chunk");
        stream[chunk + ChunkHeaderSize + offset] ^= 0x01;
    }

    /// <summary>An xz variable-length number at <paramref name="at"/> (seven bits a byte, least significant first), moving past it.</summary>
    public static ulong ReadNumber(byte[] data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var next = data[at++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }
    }

    /// <summary>Writes <paramref name="value"/> as an xz variable-length number at <paramref name="at"/>; its length in bytes.</summary>
    public static int WriteNumber(byte[] data, int at, ulong value)
    {
        var start = at;
        for (; value >= 0x80; value >>= 7)
        {
            data[at++] = (byte)(value | 0x80);
        }

        data[at++] = (byte)value;
        return at - start;
    }

    /// <summary>Makes the last four bytes of <paramref name="field"/> the CRC32 of the rest, as xz writes a block header's or an index's.</summary>
    public static void SetCrc32(Span<byte> field) => BitConverter.TryWriteBytes(field[^4..], Crc32(field[..^4]));

    /// <summary>CRC-32 (IEEE), as xz computes it for its headers, its index and a block's CRC32 check.</summary>
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

    /// <summary>
    /// 600,000 bytes: text (LZMA chunks, some decoding to more than 64 KiB: the control byte's upper bits) around 200,000 random
    /// bytes (stored chunks, and bytes a branch filter converts).
    /// </summary>
    public static byte[] MixedContents()
    {
        var random = new Random(35);
        var words = new string[50];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = new string([.. Enumerable.Range(0, random.Next(2, 9)).Select(_ => (char)('a' + random.Next(10)))]);
        }

        var text = new StringBuilder();
        while (text.Length < 400_000)
        {
            text.Append(words[random.Next(words.Length)]).Append(' ');
        }

        var noise = new byte[200_000];
        random.NextBytes(noise);
        var textBytes = Encoding.ASCII.GetBytes(text.ToString(0, 400_000));
        return [.. textBytes.AsSpan(0, 150_000), .. noise, .. textBytes.AsSpan(150_000)];
    }
}
