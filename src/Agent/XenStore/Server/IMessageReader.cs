using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>Takes requests off a connection; null when the connection is over (closed, or closed for a protocol violation).</summary>
internal interface IMessageReader
{
    ValueTask<(XenStoreHeader Header, byte[] Payload)?> ReadAsync(CancellationToken cancellationToken);
}
