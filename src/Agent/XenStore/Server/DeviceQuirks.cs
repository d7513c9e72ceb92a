using System.Buffers.Binary;
using System.Security.Cryptography;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// What Linux's xenbus device does to outgoing messages (spec §10): watch events carry uninitialised
/// request and transaction ids, and (on older kernels) the kernel's own WATCH/UNWATCH replies carry
/// ids 0 instead of the caller's.
/// </summary>
internal static class DeviceQuirks
{
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
