using System.IO.Compression;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>gzip streams whose damage only the member's trailer (CRC32 and ISIZE) tells from the real data.</summary>
internal static class Gzip
{
    // A header with no optional fields (FLG 0), which is what GZipStream and `gzip -c` from a pipe write.
    private const int HeaderSize = 10;
    private const int StoredBlockHeaderSize = 5; // BFINAL/BTYPE padded to a byte, LEN, NLEN

    /// <summary>
    /// <paramref name="data"/> as one gzip member of deflate stored blocks (compression level 0):
    /// the bytes verbatim, so that a flipped one still decodes.
    /// </summary>
    public static byte[] Stored(byte[] data)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.NoCompression, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return compressed.ToArray();
    }

    /// <summary>
    /// Flips one bit of the uncompressed byte <paramref name="offset"/> of a member whose first block
    /// is stored (asserted): the member still decodes, one byte different, and only the CRC32 in its
    /// trailer says so.
    /// </summary>
    public static void FlipAStoredByte(byte[] stream, int offset)
    {
        Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0 }, stream[..4]);
        Assert.Equal(0, stream[HeaderSize] & 0b110); // BTYPE 00: stored
        Assert.True(offset < stream[HeaderSize + 1] + (stream[HeaderSize + 2] << 8), "the byte lies in the first block");
        stream[HeaderSize + StoredBlockHeaderSize + offset] ^= 0x01;
    }
}
