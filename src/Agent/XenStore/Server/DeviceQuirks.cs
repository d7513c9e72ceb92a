using System.Buffers.Binary;
using System.Security.Cryptography;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// What Linux's xenbus device does to messages (spec §10): it answers a transaction id its file does
/// not hold itself, and on the way out watch events carry uninitialised request and transaction ids,
/// and (on older kernels) the kernel's own WATCH/UNWATCH replies carry ids 0 instead of the caller's.
/// </summary>
internal static class DeviceQuirks
{
    /// <summary>
    /// Whether the device answers the request <c>ENOENT</c> itself before xenstored sees it: the
    /// kernel's <c>xenbus_write_transaction</c> looks every type but WATCH and UNWATCH (answered by the
    /// kernel) and TRANSACTION_START (passed on) up among its file's transactions, whatever the type,
    /// so such an id is ENOENT before xenstored's ENOSYS for an unknown type or EACCES for a
    /// privileged one.
    /// </summary>
    public static bool AnswersUnknownTransaction(ServerConnection connection, XenStoreHeader header) =>
        connection.EmulatesDevice
        && header.TransactionId != 0
        && header.Type is not (XenStoreMessageType.Watch or XenStoreMessageType.Unwatch or XenStoreMessageType.TransactionStart)
        && !connection.Transactions.ContainsKey(header.TransactionId);

    public static byte[] Apply(byte[] message)
    {
        var type = (XenStoreMessageType)BinaryPrimitives.ReadUInt32LittleEndian(message);
        switch (type)
        {
            case XenStoreMessageType.WatchEvent:
                RandomNumberGenerator.Fill(message.AsSpan(4, 8));
                break;
            case XenStoreMessageType.Watch:
            case XenStoreMessageType.Unwatch:
                message.AsSpan(4, 8).Clear();
                break;
        }

        return message;
    }
}
