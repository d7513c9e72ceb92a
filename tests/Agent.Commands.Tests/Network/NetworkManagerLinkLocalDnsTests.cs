using System.Globalization;
using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;
using ShellWords = GuestAgent.Testing.ShellWords;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// An IPv4 link-local DNS server (169.254.0.0/16) on a NetworkManager guest whose NetworkManager
/// writes <c>resolv.conf</c> (<c>dns=default</c>): glibc asks the server through the routing table, as
/// under ifupdown (<see cref="IfupdownLinkLocalDnsTests"/>, same configurations, same network:
/// <see cref="RoutedNovaNetwork"/>). The real NetworkManager (set up as in <see cref="NetworkManagerDaemon"/>)
/// applies our keyfiles, or those the real netplan generates from our YAML for it, and glibc reads the
/// <c>resolv.conf</c> it wrote; without a route to the server on the link that lists it, the question
/// leaves by the public default route and is never answered.
/// </summary>
public sealed class NetworkManagerLinkLocalDnsTests
{
    public static TheoryData<string> Cases() => new(IfupdownLinkLocalDnsTests.Configurations.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Glibc_reaches_a_link_local_server_through_our_keyfiles(string name)
    {
        var configuration = IfupdownLinkLocalDnsTests.Build(IfupdownLinkLocalDnsTests.Configurations[name]);
        using var files = new TemporaryDirectory();
        foreach (var file in new NetworkManagerRenderer().Render(configuration, new InMemoryFileView()).Files)
        {
            var path = files.Combine(Path.GetFileName(file.Path));
            File.WriteAllText(path, file.Contents);
            File.SetUnixFileMode(path, file.Mode);
        }

        await AssertGlibcReachesEveryServerAsync(configuration, new Dictionary<string, string>
        {
            ["/etc/NetworkManager/system-connections"] = files.Path,
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Glibc_reaches_a_link_local_server_through_the_keyfiles_netplan_generates(string name)
    {
        var configuration = IfupdownLinkLocalDnsTests.Build(IfupdownLinkLocalDnsTests.Configurations[name]);
        using var root = new TemporaryDirectory();
        await OurNetplanYaml.GenerateForNetworkManagerAsync(root, configuration);

        await AssertGlibcReachesEveryServerAsync(configuration, new Dictionary<string, string>
        {
            ["/run/NetworkManager/system-connections"] = root.Combine("run", "NetworkManager", "system-connections"),
            ["/run/NetworkManager/conf.d"] = root.Combine("run", "NetworkManager", "conf.d"),
        });
    }

    /// <summary>
    /// NetworkManager brings the links up in the guest (a private system bus and its own run and state
    /// directories, as <see cref="NetworkManagerDaemon"/> has them); once its start-up has completed,
    /// <c>/etc/resolv.conf</c> is the file it wrote, and glibc must resolve the names of the first three servers.
    /// </summary>
    private static async Task AssertGlibcReachesEveryServerAsync(NetworkConfiguration configuration, IReadOnlyDictionary<string, string> directories)
    {
        ExternalTool.Require(NetworkManagerDaemon.Daemon, "network-manager");
        var online = ExternalTool.Require("nm-online", "network-manager");
        var bus = ExternalTool.Require("dbus-daemon", "dbus-daemon");
        using var directory = new TemporaryDirectory();
        var log = ShellWords.Quote(directory.Combine("NetworkManager.log"));
        var conf = ShellWords.Quote(directory.Combine("NetworkManager.conf"));
        File.WriteAllText(directory.Combine("NetworkManager.conf"), NetworkManagerDaemon.Configuration);
        File.WriteAllText(directory.Combine("bus.conf"), NetworkManagerDaemon.BusConfiguration);
        var empty = ShellWords.Quote(Directory.CreateDirectory(directory.Combine("empty")).FullName);
        var setup = new StringBuilder($"""
            mount -t sysfs -o ro sysfs /sys || exit 95
            mount -t tmpfs tmpfs /run && mount -t tmpfs tmpfs /var/lib/NetworkManager || exit 95
            mkdir -p /run/dbus /run/NetworkManager/system-connections /run/NetworkManager/conf.d || exit 95
            mount --bind {empty} /etc/NetworkManager/system-connections || exit 95

            """);
        foreach (var (target, source) in directories)
        {
            setup.Append(CultureInfo.InvariantCulture, $"mount --bind {ShellWords.Quote(source)} {ShellWords.Quote(target)} || exit 95\n");
        }

        setup.Append(CultureInfo.InvariantCulture, $"""
            export DBUS_SYSTEM_BUS_ADDRESS=unix:path=/run/dbus/system_bus_socket
            {bus} --config-file={ShellWords.Quote(directory.Combine("bus.conf"))} --fork --print-pid > /run/dbus/pid || exit 96
            servers="$servers $(cat /run/dbus/pid)"
            {NetworkManagerDaemon.Daemon} --debug --config={conf} --config-dir={empty} --system-config-dir={empty} > {log} 2>&1 & servers="$servers $!"
            trap 'kill $servers $host 2>/dev/null; echo @NetworkManager; grep -i -e route -e dns {log} | tail -n 40' EXIT
            {online} -s -q -t 60 || echo @unsettled
            touch /run/NetworkManager/resolv.conf && mount --bind /run/NetworkManager/resolv.conf /etc/resolv.conf || exit 95
            cat /etc/resolv.conf; ip -o addr; ip route

            """);

        var (answers, transcript) = await NovaDnsServers.AskEachAsync(configuration, setup.ToString(), routed: true);

        var servers = configuration.ScopedDnsServers;
        Assert.All(Enumerable.Range(0, Math.Min(NovaDnsServers.GlibcServers, servers.Count)), index => Assert.True(
            NovaDnsServers.ProbeAnswers(index).Contains(answers.GetValueOrDefault(NovaDnsServers.ProbeName(index))),
            $"server {servers[index]}: {NovaDnsServers.ProbeName(index)} did not resolve through glibc\n{transcript}"));
    }
}
