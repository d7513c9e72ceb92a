namespace GuestAgent.Commands.Tests.Update;

/// <summary>Damage to a bzip2 stream that its decompressor must refuse, whatever the data compressed.</summary>
internal static class Bzip2
{
    /// <summary>
    /// Sets the first block's origPtr (the 24 bits after "BZh", the level, the block's 48-bit magic,
    /// its 32-bit CRC and the 1-bit randomised flag) to its largest value, past the end of any block.
    /// A flip elsewhere in the Huffman data may instead decode to garbage, which the tar guard refuses
    /// under its own message; the byte positions here hold the same fields in every stream.
    /// </summary>
    public static void PointPastTheFirstBlock(byte[] stream)
    {
        Assert.Equal("BZh"u8.ToArray(), stream[..3]);
        stream[14] |= 0x7f;
        stream[15] = 0xff;
        stream[16] = 0xff;
        stream[17] |= 0x80;
    }
}
