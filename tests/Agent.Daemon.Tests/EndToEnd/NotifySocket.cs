using System.Net.Sockets;
using System.Text;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// A unix datagram socket standing in for systemd's notification socket: the daemon is started with
/// <c>NOTIFY_SOCKET</c> pointing here, and the test waits for <c>READY=1</c> exactly as systemd would.
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public NotifySocket(string path)
    {
        Path = path;
        _socket.Bind(new UnixDomainSocketEndPoint(path));
    }

    public string Path { get; }

    /// <summary>Receives notifications until one contains <paramref name="line"/> (e.g. <c>READY=1</c>); returns it.</summary>
    public async Task<string> WaitForAsync(string line, DaemonProcess daemon, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
                var message = Encoding.UTF8.GetString(buffer, 0, received);
                if (message.Split('\n').Contains(line))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {line} from guest-agent (exited: {daemon.HasExited}); stderr: {daemon.StandardError}");
        }
    }

    /// <summary>The notifications received and not yet read, without waiting for more.</summary>
    public IReadOnlyList<string> ReceivedSoFar()
    {
        var messages = new List<string>();
        var buffer = new byte[4096];
        while (_socket.Available > 0)
        {
            messages.Add(Encoding.UTF8.GetString(buffer, 0, _socket.Receive(buffer)));
        }

        return messages;
    }

    public void Dispose() => _socket.Dispose();
}
