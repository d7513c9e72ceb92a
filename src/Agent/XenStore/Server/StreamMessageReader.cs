using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// Reads requests from a socket as xenstored does: a byte stream, messages reassembled across reads.
/// A header announcing more than 4096 bytes ends the connection (null).
/// </summary>
internal sealed class StreamMessageReader(Stream stream) : IMessageReader
{
    private readonly byte[] _header = new byte[XenStoreLimits.HeaderSize];

    public async ValueTask<(XenStoreHeader Header, byte[] Payload)?> ReadAsync(CancellationToken cancellationToken)
    {
        if (await stream.ReadAtLeastAsync(_header, _header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < _header.Length)
        {
            return null;
        }

        var header = XenStoreHeader.Read(_header);
        if (header.Length > XenStoreLimits.PayloadMax)
        {
            return null;
        }

        var payload = new byte[header.Length];
        if (payload.Length > 0 && await stream.ReadAtLeastAsync(payload, payload.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < payload.Length)
        {
            return null;
        }

        return (header, payload);
    }
}
