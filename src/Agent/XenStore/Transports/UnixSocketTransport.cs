using System.Net.Sockets;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Transports;

/// <summary>A connection to a XenStore daemon's unix socket (<c>/var/run/xenstored/socket</c>, or a test server's).</summary>
public sealed class UnixSocketTransport : IXenStoreTransport
{
    /// <summary>The first pause before connecting again to a daemon whose listen queue is full.</summary>
    internal static readonly TimeSpan FirstRetryPause = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest pause between tries: a daemon that catches up is met within this.</summary>
    internal static readonly TimeSpan LongestRetryPause = TimeSpan.FromMilliseconds(100);

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

    /// <summary>
    /// Connects to the socket at <paramref name="path"/>. A daemon whose listen queue is full
    /// (EAGAIN) is tried again until it accepts or <paramref name="cancellationToken"/> fires, as
    /// libxenstore's blocking <c>connect()</c> waits: bound the wait with the token.
    /// </summary>
    /// <exception cref="SocketException">The path is not a listening socket (ECONNREFUSED for a non-socket file).</exception>
    /// <exception cref="OperationCanceledException">Cancelled, the daemon's listen queue still full.</exception>
    public static Task<UnixSocketTransport> ConnectAsync(string path, CancellationToken cancellationToken) =>
        ConnectAsync(path, TimeProvider.System, cancellationToken);

    /// <inheritdoc cref="ConnectAsync(string, CancellationToken)"/>
    /// <param name="path">The socket's path.</param>
    /// <param name="time">The clock of the pauses between tries; tests give a manual one.</param>
    /// <param name="cancellationToken">Stops trying.</param>
    internal static async Task<UnixSocketTransport> ConnectAsync(string path, TimeProvider time, CancellationToken cancellationToken)
    {
        var endpoint = new UnixDomainSocketEndPoint(path);
        var pause = FirstRetryPause;
        while (true)
        {
            // A socket whose connect failed is not reusable on Unix in .NET: a fresh one per try.
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                return new UnixSocketTransport(socket, path);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.WouldBlock)
            {
                // EAGAIN on a unix socket: the listener's queue is full (connect(2)), not a failure.
                // Nothing can be polled for room in the queue, so the pause grows to a cap instead.
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestRetryPause.Ticks));
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
