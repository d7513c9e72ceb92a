using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// Reads requests the way Linux's <c>/dev/xen/xenbus</c> takes them (<c>xenbus_dev_frontend.c</c>): one
/// 4096-byte buffer that also holds the header (so payloads are limited to 4080 bytes), partial
/// messages accumulated across writes, and whatever follows the first complete message in the same
/// chunk silently dropped. A socket has no write boundaries, so a chunk here is one read.
/// </summary>
internal sealed class DeviceMessageReader(Stream stream) : IMessageReader
{
    private readonly byte[] _buffer = new byte[XenStoreLimits.PayloadMax];
    private int _filled;

    public async ValueTask<(XenStoreHeader Header, byte[] Payload)?> ReadAsync(CancellationToken cancellationToken)
    {
        // The buffer never fills: once a header is in, its length (at most DevicePayloadMax, so
        // header and payload fit in the buffer) is checked, and a complete message is returned.
        while (true)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            _filled += read;
            if (_filled < XenStoreLimits.HeaderSize)
            {
                continue;
            }

            var header = XenStoreHeader.Read(_buffer);
            if (header.Length > XenStoreLimits.DevicePayloadMax)
            {
                return null; // -E2BIG from the kernel
            }

            var total = XenStoreLimits.HeaderSize + (int)header.Length;
            if (_filled < total)
            {
                continue;
            }

            var payload = _buffer.AsSpan(XenStoreLimits.HeaderSize, (int)header.Length).ToArray();
            _filled = 0; // Bytes after the first message of the chunk are gone, as on the device.
            return (header, payload);
        }
    }
}
