using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;
using ShellWords = GuestAgent.Testing.ShellWords;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// An IPv4 link-local DNS server (169.254.0.0/16) on a systemd-networkd guest without
/// systemd-resolved: the agent then writes <c>/etc/resolv.conf</c> itself and glibc asks the server
/// through the routing table, as under ifupdown (<see cref="IfupdownLinkLocalDnsTests"/>, same
/// configurations, same network: <see cref="RoutedNovaNetwork"/>). The real systemd-networkd applies
/// our <c>.network</c> files, or those the real netplan generates from our YAML; without a route to
/// the server on the link that lists it, the question leaves by the public default route and is
/// never answered.
/// </summary>
public sealed class NetworkdLinkLocalDnsTests
{
    private const string Networkd = "/usr/lib/systemd/systemd-networkd";
    private const string WaitOnline = "/usr/lib/systemd/systemd-networkd-wait-online";

    public static TheoryData<string> Cases() => new(IfupdownLinkLocalDnsTests.Configurations.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Glibc_reaches_a_link_local_server_through_our_networkd_files(string name)
    {
        var configuration = IfupdownLinkLocalDnsTests.Build(IfupdownLinkLocalDnsTests.Configurations[name]);
        using var files = new TemporaryDirectory();
        File.SetUnixFileMode(files.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        foreach (var file in new NetworkdRenderer().Render(configuration, new InMemoryFileView()).Files)
        {
            File.WriteAllText(files.Combine(Path.GetFileName(file.Path)), file.Contents);
        }

        await AssertGlibcReachesEveryServerAsync(configuration, files.Path);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Glibc_reaches_a_link_local_server_through_the_files_netplan_generates_for_networkd(string name)
    {
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        var configuration = IfupdownLinkLocalDnsTests.Build(IfupdownLinkLocalDnsTests.Configurations[name]);
        using var root = new TemporaryDirectory();
        OurNetplanYaml.WriteUnder(root, configuration);
        var generate = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);
        Assert.True(generate.ExitCode == 0, generate.StandardError);

        await AssertGlibcReachesEveryServerAsync(configuration, root.Combine("run", "systemd", "network"));
    }

    /// <summary>
    /// networkd alone brings the links up (its own <c>/run/systemd</c>, only our files, <c>/sys</c>
    /// read-only as in <see cref="NetworkdDaemon"/>); glibc reads the <c>resolv.conf</c> the agent
    /// writes where no resolved takes the servers, and must resolve the names of the first three.
    /// </summary>
    private static async Task AssertGlibcReachesEveryServerAsync(NetworkConfiguration configuration, string networkFiles)
    {
        ExternalTool.Require(Networkd, "systemd");
        ExternalTool.Require(WaitOnline, "systemd");
        NetworkdDaemon.WithoutRouterSolicitation(networkFiles);
        using var directory = new TemporaryDirectory();
        var current = new InMemoryFileView(new Dictionary<string, string> { [ResolvConfRenderer.FilePath] = "options timeout:1 attempts:1\n" });
        var resolvConf = directory.Combine("resolv.conf");
        await File.WriteAllTextAsync(resolvConf, ResolvConfRenderer.Render(configuration, current).Files.Single().Contents, TestContext.Current.CancellationToken);
        var log = ShellWords.Quote(directory.Combine("networkd.log"));
        var setup = $"""
            mount -t sysfs -o ro sysfs /sys || exit 95
            mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/netif /run/systemd/network && chown systemd-network: /run/systemd/netif || exit 95
            mount -t tmpfs tmpfs /usr/lib/systemd/network && mount -t tmpfs tmpfs /etc/systemd && mkdir /etc/systemd/network || exit 95
            mount --bind {ShellWords.Quote(networkFiles)} /etc/systemd/network && mount --bind {ShellWords.Quote(resolvConf)} /etc/resolv.conf || exit 95
            SYSTEMD_LOG_LEVEL=debug {Networkd} > {log} 2>&1 & servers="$servers $!"
            trap 'kill $servers $host 2>/dev/null; echo @networkd; tail -n 40 {log}' EXIT
            {WaitOnline} --timeout=90 || echo @unconfigured
            ip -o addr; ip route

            """;

        var (answers, transcript) = await NovaDnsServers.AskEachAsync(configuration, setup, routed: true);

        var servers = configuration.ScopedDnsServers;
        Assert.All(Enumerable.Range(0, Math.Min(NovaDnsServers.GlibcServers, servers.Count)), index => Assert.True(
            NovaDnsServers.ProbeAnswers(index).Contains(answers.GetValueOrDefault(NovaDnsServers.ProbeName(index))),
            $"server {servers[index]}: {NovaDnsServers.ProbeName(index)} did not resolve through glibc\n{transcript}"));
    }
}
