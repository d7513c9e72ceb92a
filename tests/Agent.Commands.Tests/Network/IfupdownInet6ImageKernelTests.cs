using System.Text.RegularExpressions;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
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
/// The first <c>resetnetwork</c> over an image whose <c>eth0</c> has an IPv6 stanza beside cloud-init's
/// <c>iface eth0 inet dhcp</c>: <c>inet6 dhcp</c> (stateful DHCPv6, <c>dhclient -6</c>, <c>accept_ra 1</c>)
/// or <c>inet6 auto</c> (SLAAC, <c>accept_ra 2</c>, <c>autoconf 1</c>), in <c>interfaces.d</c> as cloud-init's
/// ENI renderer writes it. The real <c>ifup -a</c> brings it up with the real <c>dhclient</c> against a real
/// <c>dnsmasq</c> on the veth's peer that serves DHCPv4, DHCPv6 (<c>2001:db8:6::/64</c>, the M flag) and
/// router advertisements (<c>2001:db8:5::/64</c> for SLAAC, a default route). Then the backend's plan runs
/// as in <see cref="IfupdownDhcpImageKernelTests"/>, and the kernel, the processes and the per-interface
/// IPv6 settings are judged after it, after a reboot and after a rollback.
/// </summary>
public sealed class IfupdownInet6ImageKernelTests
{
    private const string ImageInterfaces = "source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n";

    private const string DhcpPrefix = IfupdownImageGuest.DhcpPrefix;
    private const string SlaacPrefix = "2001:db8:5:";
    private const string Dhcp6Prefix = "2001:db8:6:";

    public static TheoryData<string> Methods() => new("auto", "dhcp");

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Static_ipv6_takes_over_from_the_images_inet6_stanza_with_no_dhcpv6_or_slaac_left(string method)
    {
        var configuration = NetworkFixture.Load("dual-stack").Build();

        var run = await RunAsync(configuration, method, Scenario.Apply);

        Assert.True(run.Section("dhclient").Length == 0, $"a dhclient still runs after resetnetwork:\n{run.Log}");
        AssertOnlyStatic(configuration, run);
        Assert.Equal("0 0", run.Section("sysctl"));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task After_a_reboot_static_ipv6_is_all_there_is(string method)
    {
        var configuration = NetworkFixture.Load("dual-stack").Build();

        var run = await RunAsync(configuration, method, Scenario.ApplyAndReboot);

        Assert.True(run.Section("dhclient").Length == 0, $"ifup -a started a dhclient after the reboot:\n{run.Log}");
        AssertOnlyStatic(configuration, run);
        Assert.Equal("0 0", run.Section("sysctl"));
    }

    /// <summary>
    /// An IPv4-only configuration leaves IPv6 to the kernel, as a boot does with no <c>inet6</c> stanza:
    /// SLAAC from the router's advertisement (the kernel's default), but no DHCPv6 client or address.
    /// </summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Ipv4_only_stops_dhcpv6_and_leaves_slaac_to_the_kernel_as_a_boot_does(string method)
    {
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        var nic = Assert.Single(configuration.Interfaces);

        foreach (var scenario in new[] { Scenario.Apply, Scenario.ApplyAndReboot })
        {
            var run = await RunAsync(configuration, method, scenario, awaitSlaac: true);

            Assert.True(run.Section("dhclient").Length == 0, $"{scenario}: a dhclient still runs:\n{run.Log}");
            var global = run.GlobalAddresses();
            Assert.Equal(nic.Addresses.Select(a => a.Cidr), global.Where(a => !a.Contains(':', StringComparison.Ordinal)));
            Assert.True(
                global.Count(a => a.Contains(':', StringComparison.Ordinal)) == 1 && global.Any(a => a.StartsWith(SlaacPrefix, StringComparison.Ordinal)),
                $"{scenario}: not the kernel's SLAAC address alone:\n{run.Log}");
            Assert.True(run.Section("sysctl") == KernelSysctl, $"{scenario}: not the kernel's accept_ra and autoconf, which a boot gives:\n{run.Log}");
        }
    }

    /// <summary>
    /// A second <c>resetnetwork</c>, from our static IPv6 to IPv4 only, must leave IPv6 to the kernel as a
    /// reboot with the same files does: our <c>inet6 static</c> stanza's 0s, which its <c>ifdown</c> leaves,
    /// are no longer what any stanza sets, and kept they ignore every advertisement until that reboot.
    /// </summary>
    [Fact]
    public async Task A_second_change_from_static_ipv6_to_ipv4_only_leaves_ipv6_to_the_kernel_as_a_reboot_does()
    {
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        var nic = Assert.Single(configuration.Interfaces);

        var run = await RunAsync(NetworkFixture.Load("dual-stack").Build(), "auto", Scenario.Apply, awaitSlaac: true, then: configuration);

        Assert.True(run.Section("dhclient").Length == 0, $"a dhclient runs:\n{run.Log}");
        Assert.True(run.Section("sysctl") == KernelSysctl, $"not the kernel's accept_ra and autoconf, which a reboot gives:\n{run.Log}");
        var global = run.GlobalAddresses();
        Assert.Equal(nic.Addresses.Select(a => a.Cidr), global.Where(a => !a.Contains(':', StringComparison.Ordinal)));
        Assert.True(
            global.Count(a => a.Contains(':', StringComparison.Ordinal)) == 1 && global.Any(a => a.StartsWith(SlaacPrefix, StringComparison.Ordinal)),
            $"not the kernel's SLAAC address alone, as after a reboot:\n{run.Log}");
    }

    /// <summary>
    /// The rollback's <c>ifup</c> of the image's stanzas must find the interface as the boot did: the
    /// IPv4 stanza brings the link up and the kernel solicits a router then, with the <c>accept_ra</c>
    /// and <c>autoconf</c> it has at that moment; <c>inet6 dhcp</c> sets no <c>autoconf</c> at all.
    /// </summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_rollback_brings_the_images_ipv6_back_as_it_was(string method)
    {
        var configuration = NetworkFixture.Load("dual-stack").Build();

        var run = await RunAsync(configuration, method, Scenario.ApplyAndRollBack, awaitSlaac: true);

        var dhclients = run.Section("dhclient").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(dhclients.Length == (method == "dhcp" ? 2 : 1), $"not the image's dhclients after the rollback:\n{run.Log}");
        Assert.Equal(BootSysctl(method), run.Section("sysctl"));
        var global = run.GlobalAddresses();
        Assert.True(global.Any(a => a.StartsWith(DhcpPrefix, StringComparison.Ordinal)), $"no DHCP address after the rollback:\n{run.Log}");
        Assert.True(global.Any(a => a.StartsWith(SlaacPrefix, StringComparison.Ordinal)), $"no SLAAC address after the rollback:\n{run.Log}");
        Assert.True(method != "dhcp" || global.Any(a => a.StartsWith(Dhcp6Prefix, StringComparison.Ordinal)), $"no DHCPv6 address after the rollback:\n{run.Log}");
        Assert.True(method != "auto" || run.Section("routes").Contains("default via fe80:", StringComparison.Ordinal), $"no router's default route after the rollback:\n{run.Log}");
    }

    /// <summary>
    /// The rollback of that second change puts our <c>inet6 static</c> file back after the change gave the interface the
    /// kernel's <c>accept_ra</c> and <c>autoconf</c> (1 1): its <c>ifup</c> brings the link up, and the kernel solicits a
    /// router, before <c>inet6 static</c> sets them to 0, as a boot with that file does (the kernel's 1 1 there too).
    /// What an advertisement leaves in that moment must be what the boot leaves, no more: the same addresses, routes and settings.
    /// </summary>
    [Fact]
    public async Task A_rollback_of_the_second_change_leaves_static_ipv6_as_a_reboot_with_it_does()
    {
        var dualStack = NetworkFixture.Load("dual-stack").Build();

        var rollback = await RunAsync(dualStack, "auto", Scenario.ApplyAndRollBack, then: NetworkFixture.Load("ipv4-only").Build());
        var reboot = await RunAsync(dualStack, "auto", Scenario.ApplyAndReboot);

        Assert.True(rollback.Section("dhclient").Length == 0, $"a dhclient runs after the rollback:\n{rollback.Log}");
        Assert.True(rollback.Section("sysctl") == "0 0", $"not inet6 static's accept_ra and autoconf after the rollback:\n{rollback.Log}");
        var message = $"the rollback and the reboot differ:\nrollback:\n{rollback.Log}\nreboot:\n{reboot.Log}";
        Assert.True(rollback.GlobalAddresses().Order(StringComparer.Ordinal).SequenceEqual(reboot.GlobalAddresses().Order(StringComparer.Ordinal)), message);
        Assert.True(Routes(rollback).SequenceEqual(Routes(reboot)), message);
        AssertOnlyStatic(dualStack, rollback);
    }

    /// <summary>The routes, each without the seconds it has left (an advertisement's on-link prefix route expires).</summary>
    private static IEnumerable<string> Routes(Run run) =>
        run.Section("routes").Split('\n').Select(r => Regex.Replace(r, @" expires \d+sec", "")).Order(StringComparer.Ordinal);

    private static void AssertOnlyStatic(NetworkConfiguration configuration, Run run) => IfupdownImageGuest.AssertOnlyStatic(configuration, run);

    /// <summary><c>accept_ra</c> and <c>autoconf</c> of eth0 after the image's <c>ifup -a</c> (the kernel's 1 where the stanza sets none).</summary>
    private static string BootSysctl(string method) => method == "auto" ? "2 1" : "1 1";

    /// <summary><c>accept_ra</c> and <c>autoconf</c> of a new interface (the kernel's, as <c>conf/default</c> has them in a new namespace): what a boot leaves where no stanza sets them.</summary>
    private const string KernelSysctl = "1 1";

    /// <summary>
    /// Boots the image, runs the plan as the scenario says (then, when given, a second change to <paramref name="then"/>),
    /// waits for a SLAAC address when asked (a minute at most), and answers what is there.
    /// </summary>
    private static async Task<Run> RunAsync(NetworkConfiguration configuration, string method, Scenario scenario, bool awaitSlaac = false, NetworkConfiguration? then = null)
    {
        ExternalTool.Require("sysctl", "procps");
        var cloudInitFile = $"auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet dhcp\niface eth0 inet6 {method}\n";
        var sysctl = BootSysctl(method).Split(' ');
        using var guest = new IfupdownImageGuest(ImageInterfaces, cloudInitFile, Server);
        var current = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/etc/network/interfaces"] = ImageInterfaces,
            ["/etc/network/interfaces.d/50-cloud-init"] = cloudInitFile,

            // What the image's ifup -a leaves (checked below against the real ones): the plan reads them.
            ["/run/network/ifstate"] = "lo=lo\neth0=eth0\n",
            ["/proc/sys/net/ipv6/conf/eth0/accept_ra"] = sysctl[0] + "\n",
            ["/proc/sys/net/ipv6/conf/eth0/autoconf"] = sysctl[1] + "\n",
            ["/proc/sys/net/ipv6/conf/default/accept_ra"] = KernelSysctl.Split(' ')[0] + "\n",
            ["/proc/sys/net/ipv6/conf/default/autoconf"] = KernelSysctl.Split(' ')[1] + "\n",
        });
        var rendered = new IfupdownRenderer().Render(configuration, current).Files.Single(f => f.Path == "/etc/network/interfaces");
        var plan = Plan(configuration, current);

        var script = guest.Script;
        script.Append("[ \"$(cat /proc/sys/net/ipv6/conf/default/accept_ra) $(cat /proc/sys/net/ipv6/conf/default/autoconf)\" = ").Append(ShellWords.Quote(KernelSysctl)).Append(" ] || exit 90\n");
        script.Append("ifup -a > /run/boot.out 2>&1 || { echo '@@boot failed'; cat /run/boot.out; exit 96; }\n")
            .Append("wait_for 'ip -o -4 addr show dev eth0 | grep -q \" ").Append(DhcpPrefix).Append("\" && ip -o -6 addr show dev eth0 | grep -q \" ").Append(SlaacPrefix).Append('"')
            .Append(method == "dhcp" ? $" && ip -o -6 addr show dev eth0 | grep -q \" {Dhcp6Prefix}\"" : " && ip -6 route show default | grep -q \"via fe80:\"")
            .Append("' || { echo '@@boot incomplete'; ip addr; ip -6 route; cat /run/boot.out; exit 96; }\n")
            .Append("[ \"$(ra_sysctl)\" = ").Append(ShellWords.Quote(BootSysctl(method))).Append(" ] || { echo \"@@boot sysctl $(ra_sysctl)\"; exit 96; }\n");

        guest.AppendApply(plan, rendered.Contents);
        var last = plan;
        if (then is not null)
        {
            // What the first change left, as the second plan reads it (checked against the real settings).
            var afterFirst = new InMemoryFileView(new Dictionary<string, string>
            {
                ["/etc/network/interfaces"] = rendered.Contents,
                ["/run/network/ifstate"] = "lo=lo\neth0=eth0\n",
                ["/proc/sys/net/ipv6/conf/eth0/accept_ra"] = "0\n",
                ["/proc/sys/net/ipv6/conf/eth0/autoconf"] = "0\n",
                ["/proc/sys/net/ipv6/conf/default/accept_ra"] = KernelSysctl.Split(' ')[0] + "\n",
                ["/proc/sys/net/ipv6/conf/default/autoconf"] = KernelSysctl.Split(' ')[1] + "\n",
            });
            script.Append("[ \"$(ra_sysctl)\" = '0 0' ] || { echo \"@@first change sysctl $(ra_sysctl)\"; exit 96; }\n");
            last = Plan(then, afterFirst);
            guest.AppendApply(last, new IfupdownRenderer().Render(then, afterFirst).Files.Single(f => f.Path == "/etc/network/interfaces").Contents);
        }

        switch (scenario)
        {
            case Scenario.ApplyAndReboot:
                guest.AppendReboot();
                break;
            case Scenario.ApplyAndRollBack:
                guest.AppendRollback(last, then is null ? null : rendered.Contents);
                break;
        }

        if (awaitSlaac)
        {
            script.Append("wait_for 'ip -o -6 addr show dev eth0 | grep -q \" ").Append(SlaacPrefix).Append("\"' || echo 'no SLAAC address within a minute' >&2\n");
        }

        script.Append("""
            echo @@dhclient; our_dhclients
            echo @@sysctl; ra_sysctl
            echo @@addresses; ip -o addr show dev eth0
            echo @@routes; ip -4 route show; ip -6 route show
            echo @@interfaces; cat /etc/network/interfaces
            echo @@steps; cat /run/steps.out
            echo @@server; cat /run/dnsmasq.log
            """);
        return await guest.RunAsync(TimeSpan.FromMinutes(4));
    }

    /// <summary>
    /// The server also answers DHCPv6 and advertises itself as a router (its advertisements every 10 minutes, as radvd's
    /// default: only the ones a solicitation asks for come within the test).
    /// </summary>
    private static readonly IfupdownImageGuest.Server Server = new(
        1,
        $"ip -6 addr add {SlaacPrefix}:1/64 dev gapeer0 && ip -6 addr add {Dhcp6Prefix}:1/64 dev gapeer0",
        $"--enable-ra --ra-param=gapeer0,600,1800 --dhcp-range={DhcpPrefix}100,{DhcpPrefix}150,2m --dhcp-range={SlaacPrefix}:,ra-only,64 --dhcp-range={Dhcp6Prefix}:100,{Dhcp6Prefix}:200,64,2m --dhcp-option=option:router,{IfupdownImageGuest.ServerAddress}");

    /// <summary>The plan as the agent makes it (<see cref="ApplyPlanner"/>, which gives the backend the configuration), without a hostname step.</summary>
    private static ApplyPlan Plan(NetworkConfiguration configuration, IFileView current) =>
        ApplyPlanner.Plan(NetworkBackend.Ifupdown, configuration with { Hostname = null }, SystemProbe.Probe(current), current);
}
