namespace GuestAgent.Commands.Tests.Update;

/// <summary>Damage to a bzip2 stream that its decompressor must refuse, whatever the data compressed.</summary>
internal static class Bzip2
{
    /// <summary>
    /// Sets the first block's origPtr (the 24 bits after "BZh", the level, the block's 48-bit magic,
    /// its 32-bit CRC and the 1-bit randomised flag) to its largest value, past the end of any block.
    /// (Left that large, some streams still decode, to garbage the tar guard meets before the block's
    /// CRC: <see cref="MoveTheFirstBlocksOrigin"/> makes that case on purpose.) The byte positions here
    /// hold the same fields in every stream.
    /// </summary>
    public static void PointPastTheFirstBlock(byte[] stream)
    {
        Assert.Equal("BZh"u8.ToArray(), stream[..3]);
        stream[14] |= 0x7f;
        stream[15] = 0xff;
        stream[16] = 0xff;
        stream[17] |= 0x80;
    }

    /// <summary>
    /// Moves the first block's origPtr (its last bit, the top bit of byte 17) by one: still inside the
    /// block, so the block decodes, but to a rotation of its text, which only the block's CRC at its
    /// end tells from the real one.
    /// </summary>
    public static void MoveTheFirstBlocksOrigin(byte[] stream)
    {
        Assert.Equal("BZh"u8.ToArray(), stream[..3]);
        stream[17] ^= 0x80;
    }
}
