namespace GuestAgent.XenStore.Transports;

/// <summary>
/// A byte stream to XenStore: a unix socket to a daemon, or the <c>/dev/xen/xenbus</c> device of a
/// guest. The framing is the same on both.
/// </summary>
public interface IXenStoreTransport : IAsyncDisposable
{
    /// <summary>The largest payload a message may carry: 4096 on a socket, 4080 through the device.</summary>
    int MaxPayload { get; }

    /// <summary>What the transport is connected to, for messages (for example <c>unix socket /run/xenstored/socket</c>).</summary>
    string Description { get; }

    /// <summary>Sends one complete message in one write: the device drops anything after the first message of a write.</summary>
    /// <exception cref="XenStoreErrorException">
    /// The endpoint answered the request by failing the write, with the error xenstored gave (the guest's
    /// device for a WATCH xenstored refused): the request is answered so, and the transport stays usable.
    /// </exception>
    /// <exception cref="IOException">The write failed: the transport is unusable (so are a socket's and an object-disposed failures).</exception>
    ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>Reads whatever bytes are available (possibly across message boundaries); 0 when the peer closed.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
