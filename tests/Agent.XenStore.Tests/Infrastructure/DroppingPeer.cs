using System.Net.Sockets;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>A unix-socket "XenStore" that accepts every connection and closes it at once, counting them.</summary>
internal sealed class DroppingPeer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _accepted;

    public DroppingPeer(string path)
    {
        Path = path;
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
                using var connection = await _listener.AcceptAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                connection.Shutdown(SocketShutdown.Both);
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
        _stop.Dispose();
    }
}
