using System.Net.Sockets;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Transports;

/// <summary>A connection to a XenStore daemon's unix socket (<c>/var/run/xenstored/socket</c>, or a test server's).</summary>
public sealed class UnixSocketTransport : IXenStoreTransport
{
    private readonly Socket _socket;

    private UnixSocketTransport(Socket socket, string path)
    {
        _socket = socket;
        Description = "unix socket " + path;
    }

    /// <inheritdoc />
    public int MaxPayload => XenStoreLimits.PayloadMax;

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Connects to the socket at <paramref name="path"/>.</summary>
    /// <exception cref="SocketException">The path is not a listening socket (ECONNREFUSED for a non-socket file).</exception>
    public static async Task<UnixSocketTransport> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return new UnixSocketTransport(socket, path);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        while (!message.IsEmpty)
        {
            var sent = await _socket.SendAsync(message, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            message = message[sent..];
        }
    }

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }

        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
