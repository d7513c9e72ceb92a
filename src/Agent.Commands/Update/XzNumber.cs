namespace GuestAgent.Commands.Update;

/// <summary>
/// The variable-length integers of xz's block headers and index (seven bits a byte, least significant first), read as
/// liblzma's <c>lzma_vli_decode</c> reads them: at most nine bytes, and never a last byte of zero after others, so each
/// number has one spelling and the agent refuses what <c>xz -t</c> refuses.
/// </summary>
internal static class XzNumber
{
    private const int MaxBytes = 9;

    /// <summary>Reads the number at <paramref name="position"/>, moving past it; <c>false</c> where xz refuses it (cut short, too long, padded).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, ref int position, out ulong value)
    {
        value = 0;
        for (var count = 0; count < MaxBytes && position < bytes.Length; count++)
        {
            var next = bytes[position++];
            value |= (ulong)(next & 0x7F) << (7 * count);
            if (next < 0x80)
            {
                return next != 0 || count == 0;
            }
        }

        return false;
    }
}
