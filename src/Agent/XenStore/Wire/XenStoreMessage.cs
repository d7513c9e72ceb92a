namespace GuestAgent.XenStore.Wire;

/// <summary>Builds whole messages: header and payload in one buffer, so each goes out in one write.</summary>
internal static class XenStoreMessage
{
    /// <summary>Encodes a complete message.</summary>
    public static byte[] Encode(XenStoreMessageType type, uint requestId, uint transactionId, ReadOnlySpan<byte> payload)
    {
        var message = new byte[XenStoreLimits.HeaderSize + payload.Length];
        new XenStoreHeader(type, requestId, transactionId, (uint)payload.Length).Write(message);
        payload.CopyTo(message.AsSpan(XenStoreLimits.HeaderSize));
        return message;
    }
}
