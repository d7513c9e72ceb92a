namespace GuestAgent.Commands.Tests.Update;

/// <summary>Damage to an xz stream that only its block's check (CRC64, xz's default) tells from the real data.</summary>
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
}
