using System.Net.Sockets;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// A unix-socket "XenStore" that accepts every connection and closes it at once, counting them; or,
/// given <c>garbage</c>, sends that on each connection instead and leaves it open, so the client
/// fails on what it read (a protocol error), not on the close.
/// </summary>
internal sealed class DroppingPeer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly byte[]? _garbage;
    private readonly List<Socket> _open = [];
    private int _accepted;

    public DroppingPeer(string path, byte[]? garbage = null)
    {
        Path = path;
        _garbage = garbage;
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(16);
        _accepting = AcceptAsync();
    }

    public string Path { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _listener.AcceptAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                if (_garbage is null)
                {
                    connection.Shutdown(SocketShutdown.Both);
                    connection.Dispose();
                    continue;
                }

                _open.Add(connection);
                await connection.SendAsync(_garbage, _stop.Token);
            }
        }
        catch (Exception exception) when (_stop.IsCancellationRequested && exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _accepting.GetAwaiter().GetResult();
        foreach (var connection in _open)
        {
            connection.Dispose();
        }

        _stop.Dispose();
    }
}
