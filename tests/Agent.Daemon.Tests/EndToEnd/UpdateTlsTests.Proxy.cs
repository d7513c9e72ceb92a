using GuestAgent.Commands.Tests.Support;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>agentupdate</c> through the proxy an operator gives the unit (<c>Environment=https_proxy=…</c>),
/// which the daemon's own client takes from its environment: a refused tunnel is logged naming the proxy
/// by its origin, never with the user and password <c>https_proxy</c> holds.
/// </summary>
public sealed partial class UpdateTlsTests
{
    [Fact]
    public async Task A_proxy_from_https_proxy_is_used_and_its_refused_tunnel_logged_by_its_origin_without_its_credentials()
    {
        await using var proxy = new RefusingProxy("407 Proxy Authentication Required");
        await using var agent = await StartAgentAsync(new() { ["https_proxy"] = proxy.Url("proxy-user:pw-secret") });

        // builds.example resolves nowhere: only a request through the proxy gets its refusal.
        var (code, message) = await UpdateAsync(agent, $"https://builds.example/guest-agent-2.0.tar.gz,{Md5OfNothing}");

        Assert.Equal(("500", "Couldn't download the update: ProxyTunnelError"), (code, message));
        var line = await LogLineAsync(agent, "agentupdate: downloading from ");
        Assert.EndsWith(
            $"agentupdate: downloading from https://builds.example:443 failed: {message} (the proxy http://127.0.0.1:{proxy.Port} refused the tunnel: HTTP 407)",
            line,
            StringComparison.Ordinal);
        Assert.DoesNotContain("secret", agent.Agent!.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy-user", agent.Agent.StandardError, StringComparison.Ordinal);
        AssertNothingInstalled(agent);
    }
}
