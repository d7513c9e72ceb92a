using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// An HTTP proxy on the loopback that answers every request (a <c>CONNECT</c>) with one status: 407
/// from a proxy that wants credentials it was not given, 403 from one that forbids the host.
/// </summary>
internal sealed class RefusingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _answering;

    /// <summary>Starts refusing with <paramref name="status"/>, a status line's code and reason (<c>407 Proxy Authentication Required</c>).</summary>
    public RefusingProxy(string status)
    {
        _listener.Start();
        _answering = RefuseAsync(status, _stop.Token);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The proxy's URL as <c>https_proxy</c> writes it, with <paramref name="userInfo"/> (<c>user:password</c>) when given.</summary>
    public string Url(string? userInfo = null) => $"http://{(userInfo is null ? "" : userInfo + "@")}127.0.0.1:{Port}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _answering;
        _stop.Dispose();
    }

    private async Task RefuseAsync(string status, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var connection = await _listener.AcceptTcpClientAsync(cancellationToken);
                var stream = connection.GetStream();
                var received = new StringBuilder();
                var buffer = new byte[1024];
                while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, cancellationToken) is var read and > 0)
                {
                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // The test is over.
        }
    }
}
