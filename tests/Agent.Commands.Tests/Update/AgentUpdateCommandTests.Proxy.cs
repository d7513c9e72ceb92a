using System.Net;
using GuestAgent.Commands.Tests.Support;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// <c>agentupdate</c> through a proxy, as the agent's client finds one in <c>https_proxy</c>: a
/// refused tunnel is logged in the agent's words with the proxy's status, not in .NET's message,
/// which names the proxy's URL whole (its user and password too) and ends in a stray quote
/// (<c>… failed with status code '403'."</c>).
/// </summary>
public sealed partial class AgentUpdateCommandTests
{
    [Theory]
    [InlineData(403, "Forbidden")]
    [InlineData(407, "Proxy Authentication Required")]
    public async Task A_refused_proxy_tunnel_is_logged_with_its_status_without_the_proxys_credentials(int status, string reason)
    {
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        await using (var proxy = new RefusingProxy($"{status} {reason}"))
        {
            // A proxy written as https_proxy writes it; .NET's client reads that variable once per process,
            // so the test gives its own client the same proxy (the daemon's UpdateTlsTests set the variable).
            using var client = new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                Proxy = new WebProxy(new Uri(proxy.Url("proxy-user:pw-secret"))),
                UseProxy = true,
            });
            _root.Services.Add(client);

            await AssertRefusedAsync($"\"https://builds.example/a.tgz,{new string('a', 32)}\"", "Couldn't download the update: ProxyTunnelError");
        }

        var line = Assert.Single(logs.Messages);
        Assert.EndsWith($"downloading from https://builds.example:443 failed: Couldn't download the update: ProxyTunnelError (the proxy refused the tunnel: HTTP {status})", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy-user", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failures_text_naming_a_url_is_logged_without_its_user_info()
    {
        // No refusal .NET 10 words names a proxy's URL now that a refused tunnel is worded here, but
        // its texts are not ours to vouch for: one that names a URL (as that refusal's did) loses the user info.
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        using var client = new HttpClient(new FailingHandler(new HttpRequestException(
            HttpRequestError.ProxyTunnelError, "The proxy tunnel request to proxy 'http://proxy-user:pw@secret@127.0.0.1:3128/' failed.")));
        _root.Services.Add(client);

        await AssertRefusedAsync($"\"https://builds.example/a.tgz,{new string('a', 32)}\"", "Couldn't download the update: ProxyTunnelError");

        Assert.EndsWith(
            "failed: Couldn't download the update: ProxyTunnelError (The proxy tunnel request to proxy 'http://127.0.0.1:3128/' failed.)",
            Assert.Single(logs.Messages),
            StringComparison.Ordinal);
    }

    /// <summary>Fails every request with one exception, as the client's handler throws it.</summary>
    private sealed class FailingHandler(Exception failure) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromException<HttpResponseMessage>(failure);
    }
}
