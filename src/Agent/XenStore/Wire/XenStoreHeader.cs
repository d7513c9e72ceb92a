using System.Buffers.Binary;

namespace GuestAgent.XenStore.Wire;

/// <summary>
/// The 16-byte header of every message (<c>struct xsd_sockmsg</c>): four host-order (little-endian)
/// 32-bit fields.
/// </summary>
/// <param name="Type">The message type.</param>
/// <param name="RequestId">Chosen by the client, echoed in the reply.</param>
/// <param name="TransactionId">The transaction, 0 for none; echoed in the reply.</param>
/// <param name="Length">The payload length in bytes.</param>
internal readonly record struct XenStoreHeader(XenStoreMessageType Type, uint RequestId, uint TransactionId, uint Length)
{
    /// <summary>Decodes a header from the first 16 bytes of <paramref name="source"/>.</summary>
    public static XenStoreHeader Read(ReadOnlySpan<byte> source) => new(
        (XenStoreMessageType)BinaryPrimitives.ReadUInt32LittleEndian(source),
        BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
        BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
        BinaryPrimitives.ReadUInt32LittleEndian(source[12..]));

    /// <summary>Encodes the header into the first 16 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)Type);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], RequestId);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], TransactionId);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], Length);
    }
}
