using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;
using ShellWords = GuestAgent.Testing.ShellWords;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The administrator's <c>sortlist</c> in <c>/etc/resolv.conf</c> is glibc's (resolv.conf(5)): it
/// orders the addresses <c>gethostbyname</c> returns for a name, the first of which a program
/// connects to. The real glibc reads the file we write, with a real server (<c>dnsmasq</c>, on Nova's
/// first server's address in a network namespace of its own) answering a name with two addresses:
/// the network the kept <c>sortlist</c> names must come first, as it did before the reset.
/// </summary>
public sealed class ResolvConfSortlistTests
{
    /// <summary>One case per address preferred, so that one of them goes against the server's own order.</summary>
    [Theory]
    [InlineData("10.1.0.0/255.255.0.0", "10.1.0.1")]
    [InlineData("10.2.0.0/255.255.0.0", "10.2.0.1")]
    public async Task Glibc_orders_the_answers_by_the_kept_sortlist(string sortlist, string first)
    {
        var unshare = ExternalTool.Require("unshare", "util-linux");
        var dnsmasq = ExternalTool.Require("dnsmasq", "dnsmasq-base");
        ExternalTool.Require("getent", "libc-bin");
        ExternalTool.Require("ip", "iproute2");
        var configuration = NetworkFixture.Load("rackspace").Build();
        var current = new InMemoryFileView(new Dictionary<string, string>
        {
            [ResolvConfRenderer.FilePath] = $"nameserver 192.0.2.53\nsortlist {sortlist}\noptions timeout:1 attempts:1\n",
        });
        var file = Assert.Single(ResolvConfRenderer.Render(configuration, current).Files);
        using var directory = new TemporaryDirectory();
        var resolvConf = directory.Combine("resolv.conf");
        var nsswitch = directory.Combine("nsswitch.conf");
        await File.WriteAllTextAsync(resolvConf, file.Contents, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(nsswitch, "hosts: dns\n", TestContext.Current.CancellationToken);
        var server = configuration.ScopedDnsServers[0];

        var script = $"""
            mount --bind {ShellWords.Quote(resolvConf)} /etc/resolv.conf && mount --bind {ShellWords.Quote(nsswitch)} /etc/nsswitch.conf || exit 95
            ip link set lo up && ip addr add {server}/32 dev lo || exit 96
            {dnsmasq} --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --bind-interfaces --pid-file= --user=root --listen-address={server} --address=/multi.test/10.1.0.1 --address=/multi.test/10.2.0.1 & server=$!
            trap 'kill $server' EXIT
            tries=0; while ! ss -Hlnu | grep -q -F ' {server}:53 ' && [ $tries -lt 100 ]; do sleep 0.05; tries=$((tries + 1)); done
            getent hosts multi.test
            """;
        var result = await ExternalTool.RunAsync(unshare, ["-mn", "/bin/sh", "-c", script], timeout: TimeSpan.FromMinutes(1));

        var transcript = $"exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}\nresolv.conf:\n{file.Contents}";
        Assert.True(result.ExitCode == 0, transcript);
        Assert.True(result.StandardOutput.StartsWith(first + " ", StringComparison.Ordinal), $"glibc's first address is not {first}\n{transcript}");
    }
}
