using System.Net;
using System.Net.Sockets;
using System.Text;
using GuestAgent.Commands.Tests.Support;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// <c>agentupdate</c> through a proxy, as the agent's client finds one in <c>https_proxy</c>: the
/// proxy's user and password, which .NET's refusal of a tunnel names in its message, never reach
/// the log line that adds that message to the answer.
/// </summary>
public sealed partial class AgentUpdateCommandTests
{
    [Fact]
    public async Task A_refused_proxy_tunnel_is_logged_without_the_proxys_credentials()
    {
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        var proxy = new TcpListener(IPAddress.Loopback, 0);
        proxy.Start();
        using var stop = new CancellationTokenSource();
        var answering = RequireProxyAuthenticationAsync(proxy, stop.Token);
        // A proxy written as https_proxy writes it; .NET's client reads that variable once per process,
        // so the test gives its own client the same proxy.
        var port = ((IPEndPoint)proxy.LocalEndpoint).Port;
        using var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            Proxy = new WebProxy(new Uri($"http://proxy-user:pw-secret@127.0.0.1:{port}")),
            UseProxy = true,
        });
        _root.Services.Add(client);

        try
        {
            await AssertRefusedAsync($"\"https://builds.example/a.tgz,{new string('a', 32)}\"", "Couldn't download the update: ProxyTunnelError");
        }
        finally
        {
            await stop.CancelAsync();
            proxy.Stop();
            await answering;
        }

        var line = Assert.Single(logs.Messages);
        Assert.Contains("downloading from https://builds.example:443 failed: Couldn't download the update: ProxyTunnelError (", line, StringComparison.Ordinal);
        Assert.Contains("'407'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy-user", line, StringComparison.Ordinal);
    }

    /// <summary>Answers every request (a <c>CONNECT</c>) with 407, as a proxy that wants credentials it was not given.</summary>
    private static async Task RequireProxyAuthenticationAsync(TcpListener proxy, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var connection = await proxy.AcceptTcpClientAsync(cancellationToken);
                var stream = connection.GetStream();
                var received = new StringBuilder();
                var buffer = new byte[1024];
                while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, cancellationToken) is var read and > 0)
                {
                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await stream.WriteAsync("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The test is over.
        }
    }
}
