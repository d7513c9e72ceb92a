using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;
using Run = GuestAgent.Commands.Tests.Network.IfupdownImageGuest.Run;
using Scenario = GuestAgent.Commands.Tests.Network.IfupdownImageGuest.Scenario;
using ShellWords = GuestAgent.Testing.ShellWords;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The first <c>resetnetwork</c> on a Debian 12 cloud image as it boots: <c>/etc/network/interfaces</c>
/// sources cloud-init's <c>interfaces.d/50-cloud-init</c> (<c>iface eth0 inet dhcp</c>), which the real
/// <c>ifup -a</c> brings up with the real <c>dhclient</c> against a real DHCP server (<c>dnsmasq</c> on
/// the veth's peer, in a second network namespace), and Debian's resolvconf (unpacked, as in
/// <see cref="DebianResolvconfQueryTests"/>) takes dhclient's servers through its hook. Then the
/// backend's own plan writes the static configuration, with ifupdown's scripts and its state directory
/// where the guest has them (<c>/run/network</c>, a tmpfs of the test's mount namespace). A dhclient left
/// running would renew the lease and put the DHCP address, default route and servers back behind an
/// answer of success: the kernel, the processes, the server's lease table and resolv.conf are judged.
/// </summary>
public sealed class IfupdownDhcpImageKernelTests
{
    private const string Package = AlpineIfup.Root + "/resolvconf";

    /// <summary>The image's own file: everything comes from what cloud-init writes beside it.</summary>
    private const string ImageInterfaces = """
        # This file describes the network interfaces available on your system
        # and how to activate them. For more information, see interfaces(5).

        source /etc/network/interfaces.d/*

        # The loopback network interface
        auto lo
        iface lo inet loopback

        """;

    /// <summary>cloud-init's fallback configuration, as its ENI renderer writes it.</summary>
    private const string CloudInitFile = """
        # This file is generated from information provided by the datasource.  Changes
        # to it will not persist across an instance reboot.  To disable cloud-init's
        # network configuration capabilities, write a file
        # /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg with the following:
        # network: {config: disabled}
        auto lo
        iface lo inet loopback

        auto eth0
        iface eth0 inet dhcp

        """;

    /// <summary>The DHCP server's DNS servers (its network is <see cref="IfupdownImageGuest"/>'s, its leases 2 minutes, dnsmasq's least).</summary>
    private const string DhcpServers = "198.51.100.53,198.51.100.54";
    private const string ServerAddress = IfupdownImageGuest.ServerAddress;
    private const string DhcpPrefix = IfupdownImageGuest.DhcpPrefix;

    [Fact]
    public async Task The_first_resetnetwork_stops_the_images_dhclient_and_leaves_only_the_static_configuration()
    {
        var configuration = NetworkFixture.Load("dual-stack").Build();

        var run = await RunAsync(configuration, Scenario.Apply);

        // dhclient gone (nothing to renew the lease and put the address back) and the lease released to the server.
        Assert.True(run.Section("dhclient").Length == 0, $"a dhclient still runs after resetnetwork:\n{run.Log}");
        Assert.DoesNotContain(DhcpPrefix, run.Section("leases"), StringComparison.Ordinal);
        AssertOnlyStatic(configuration, run);
    }

    [Fact]
    public async Task After_a_reboot_ifup_a_brings_up_only_ours_though_cloud_inits_file_is_still_there()
    {
        var configuration = NetworkFixture.Load("dual-stack").Build();

        var run = await RunAsync(configuration, Scenario.ApplyAndReboot);

        Assert.Contains("iface eth0 inet dhcp", run.Section("cloud-init"), StringComparison.Ordinal);
        Assert.True(run.Section("dhclient").Length == 0, $"ifup -a started a dhclient after the reboot:\n{run.Log}");
        AssertOnlyStatic(configuration, run);
    }

    [Fact]
    public async Task A_rollback_brings_the_dhcp_configuration_back_with_dhclient_running_again()
    {
        var configuration = NetworkFixture.Load("dual-stack").Build();

        var run = await RunAsync(configuration, Scenario.ApplyAndRollBack);

        Assert.True(run.Section("dhclient").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1, $"not one dhclient after the rollback:\n{run.Log}");
        var global = run.GlobalAddresses();
        Assert.True(global.Count == 1 && global[0].StartsWith(DhcpPrefix, StringComparison.Ordinal), $"not the DHCP address alone after the rollback:\n{run.Log}");
        Assert.Contains($"default via {ServerAddress} dev eth0", run.Section("routes"), StringComparison.Ordinal);
        Assert.Equal(DhcpServers.Split(','), Nameservers(run));
        Assert.True(run.Section("addresses").Contains("inet6 fe80:", StringComparison.Ordinal), $"no IPv6 link-local address:\n{run.Log}");
    }

    /// <summary>cloud-init's file for two interfaces: eth1, which the next <c>resetnetwork</c> leaves out, goes with the <c>source</c> line.</summary>
    private const string CloudInitTwoFile = CloudInitFile + "auto eth1\niface eth1 inet dhcp\n";

    /// <summary>eth1's DHCP network (no router): apart from eth0's.</summary>
    private const string SecondPrefix = "203.0.113.";

    [Fact]
    public async Task An_interface_only_cloud_inits_file_defined_is_brought_down_with_it_and_back_by_a_rollback()
    {
        var configuration = NetworkFixture.Load("dual-stack").Build();

        var applied = await RunAsync(configuration, Scenario.Apply, CloudInitTwoFile);

        // As the next boot leaves it (nothing reads cloud-init's file then): no dhclient for eth1, no address on it.
        Assert.True(applied.Section("dhclient").Length == 0, $"a dhclient still runs after resetnetwork:\n{applied.Log}");
        Assert.True(applied.Section("eth1").Split('\n').All(line => !line.Contains(" global ", StringComparison.Ordinal)), $"eth1 keeps its DHCP address:\n{applied.Log}");
        Assert.DoesNotContain(SecondPrefix, applied.Section("leases"), StringComparison.Ordinal);
        AssertOnlyStatic(configuration, applied);

        var rolledBack = await RunAsync(configuration, Scenario.ApplyAndRollBack, CloudInitTwoFile);

        Assert.True(rolledBack.Section("dhclient").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 2, $"not two dhclients after the rollback:\n{rolledBack.Log}");
        Assert.Contains($" inet {SecondPrefix}", rolledBack.Section("eth1"), StringComparison.Ordinal);
    }

    private static void AssertOnlyStatic(NetworkConfiguration configuration, Run run)
    {
        IfupdownImageGuest.AssertOnlyStatic(configuration, run);
        Assert.Equal(configuration.DnsServers.Select(s => s.ToString()).Order(StringComparer.Ordinal), Nameservers(run).Order(StringComparer.Ordinal));
    }

    private static List<string> Nameservers(Run run) =>
        [.. run.Section("resolv.conf").Split('\n')
            .Where(line => line.StartsWith("nameserver ", StringComparison.Ordinal))
            .Select(line => line["nameserver ".Length..].Trim())];

    /// <summary>Boots the image, runs the backend's plan for <paramref name="configuration"/> as the scenario says, and answers what is there then.</summary>
    private static async Task<Run> RunAsync(NetworkConfiguration configuration, Scenario scenario, string cloudInitFile = CloudInitFile)
    {
        if (!File.Exists(Path.Combine(Package, "sbin", "resolvconf")))
        {
            Requirement.Unmet($"'{Package}' is missing: (mkdir -p {AlpineIfup.Root} && cd /tmp && apt-get download resolvconf && dpkg -x resolvconf_*.deb {Package}), as .ci/run does");
        }

        using var guest = new IfupdownImageGuest(ImageInterfaces, cloudInitFile, Server);
        var current = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/etc/network/interfaces"] = ImageInterfaces,
            ["/etc/network/interfaces.d/50-cloud-init"] = cloudInitFile,

            // What ifup -a leaves in ifupdown's state (checked below against the real one): the plan reads it.
            ["/run/network/ifstate"] = BootState(cloudInitFile),
        });
        var rendered = new IfupdownRenderer().Render(configuration, current).Files.Single(f => f.Path == "/etc/network/interfaces");
        var plan = NetworkBackends.For(NetworkBackend.Ifupdown).PlanApply(["eth0"], SystemProbe.Probe(current), current);

        var script = guest.Script;
        script.Append("ifup -a > /run/boot.out 2>&1 || { echo '@@boot failed'; cat /run/boot.out; exit 96; }\n")
            .Append("[ -n \"$(our_dhclients)\" ] && ip -o -4 addr show dev eth0 | grep -q ' ").Append(DhcpPrefix).Append("' || { echo '@@boot without a lease'; cat /run/boot.out; exit 96; }\n");
        foreach (var line in BootState(cloudInitFile).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            script.Append("grep -qx ").Append(ShellWords.Quote(line)).Append(" /run/network/ifstate || { echo '@@boot state lacks ").Append(line).Append("'; exit 96; }\n");
        }

        guest.AppendApply(plan, rendered.Contents);
        switch (scenario)
        {
            case Scenario.ApplyAndReboot:
                guest.AppendReboot();
                break;
            case Scenario.ApplyAndRollBack:
                guest.AppendRollback(plan);
                break;
        }

        script.Append("""
            echo @@dhclient; our_dhclients
            echo @@leases; cat /run/dnsmasq.leases 2>/dev/null
            echo @@addresses; ip -o addr show dev eth0
            echo @@eth1; ip -o addr show dev eth1
            echo @@routes; ip -4 route show; ip -6 route show
            echo @@resolv.conf; cat /run/resolvconf/resolv.conf
            echo @@cloud-init; cat /etc/network/interfaces.d/50-cloud-init
            echo @@interfaces; cat /etc/network/interfaces
            echo @@dnsmasq.log; cat /run/dnsmasq.log
            """);
        return await guest.RunAsync(TimeSpan.FromMinutes(3));
    }

    /// <summary>The lines of ifupdown's <c>/run/network/ifstate</c> after the image's <c>ifup -a</c>.</summary>
    private static string BootState(string cloudInitFile) =>
        "lo=lo\neth0=eth0\n" + (cloudInitFile.Contains("auto eth1", StringComparison.Ordinal) ? "eth1=eth1\n" : "");

    /// <summary>
    /// The DHCP server: on eth0's peer a router and two DNS servers; on eth1's, <see cref="SecondPrefix"/> with no router;
    /// Debian's resolvconf in the guest, taking dhclient's servers.
    /// </summary>
    private static readonly IfupdownImageGuest.Server Server = new(
        2,
        $"ip addr add {SecondPrefix}1/24 dev gapeer1",
        $"--dhcp-range=set:one,{DhcpPrefix}100,{DhcpPrefix}150,2m --dhcp-range=set:two,{SecondPrefix}100,{SecondPrefix}150,2m --dhcp-option=tag:one,option:router,{ServerAddress} --dhcp-option=tag:two,option:router --dhcp-option=option:dns-server,{DhcpServers}")
    {
        Resolvconf = Package,
    };
}
