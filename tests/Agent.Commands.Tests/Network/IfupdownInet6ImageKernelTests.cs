using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;
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

    private const string ServerAddress = "198.51.100.1";
    private const string DhcpPrefix = "198.51.100.";
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
            var global = GlobalAddresses(run);
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
        var global = GlobalAddresses(run);
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
        var global = GlobalAddresses(run);
        Assert.True(global.Any(a => a.StartsWith(DhcpPrefix, StringComparison.Ordinal)), $"no DHCP address after the rollback:\n{run.Log}");
        Assert.True(global.Any(a => a.StartsWith(SlaacPrefix, StringComparison.Ordinal)), $"no SLAAC address after the rollback:\n{run.Log}");
        Assert.True(method != "dhcp" || global.Any(a => a.StartsWith(Dhcp6Prefix, StringComparison.Ordinal)), $"no DHCPv6 address after the rollback:\n{run.Log}");
        Assert.True(method != "auto" || run.Section("routes").Contains("default via fe80:", StringComparison.Ordinal), $"no router's default route after the rollback:\n{run.Log}");
    }

    private static void AssertOnlyStatic(NetworkConfiguration configuration, Run run)
    {
        var nic = Assert.Single(configuration.Interfaces);
        Assert.Equal(nic.Addresses.Select(a => a.Cidr).Order(StringComparer.Ordinal), GlobalAddresses(run).Order(StringComparer.Ordinal));
        var defaults = run.Section("routes").Split('\n').Where(r => r.StartsWith("default ", StringComparison.Ordinal)).ToArray();
        Assert.True(
            defaults.Length == 2 && defaults.Any(r => r.StartsWith($"default via {nic.IPv4Gateway} ", StringComparison.Ordinal))
                && defaults.Any(r => r.StartsWith($"default via {nic.IPv6Gateway} ", StringComparison.Ordinal)),
            $"not exactly our default routes:\n{run.Log}");
        Assert.True(run.Section("addresses").Contains("inet6 fe80:", StringComparison.Ordinal), $"no IPv6 link-local address:\n{run.Log}");
    }

    private static List<string> GlobalAddresses(Run run) =>
        [.. run.Section("addresses").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Contains("global") && words[2] is "inet" or "inet6")
            .Select(words => words[3])];

    /// <summary><c>accept_ra</c> and <c>autoconf</c> of eth0 after the image's <c>ifup -a</c> (the kernel's 1 where the stanza sets none).</summary>
    private static string BootSysctl(string method) => method == "auto" ? "2 1" : "1 1";

    /// <summary><c>accept_ra</c> and <c>autoconf</c> of a new interface (the kernel's, as <c>conf/default</c> has them in a new namespace): what a boot leaves where no stanza sets them.</summary>
    private const string KernelSysctl = "1 1";

    private enum Scenario
    {
        Apply,
        ApplyAndReboot,
        ApplyAndRollBack,
    }

    /// <summary>
    /// Boots the image, runs the plan as the scenario says (then, when given, a second change to <paramref name="then"/>),
    /// waits for a SLAAC address when asked (a minute at most), and answers what is there.
    /// </summary>
    private static async Task<Run> RunAsync(NetworkConfiguration configuration, string method, Scenario scenario, bool awaitSlaac = false, NetworkConfiguration? then = null)
    {
        var unshare = ExternalTool.Require("unshare", "util-linux");
        ExternalTool.Require("nsenter", "util-linux");
        ExternalTool.Require("ip", "iproute2");
        ExternalTool.Require("pgrep", "procps");
        ExternalTool.Require("sysctl", "procps");
        ExternalTool.Require("ifup", "ifupdown");
        ExternalTool.Require("dhclient", "isc-dhcp-client");
        var dnsmasq = ExternalTool.Require("dnsmasq", "dnsmasq-base");
        if (Environment.UserName != "root")
        {
            Requirement.Unmet("the namespaces, mounts and dhclient need root, as in CI");
        }

        var cloudInitFile = $"auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet dhcp\niface eth0 inet6 {method}\n";
        var sysctl = BootSysctl(method).Split(' ');
        using var directory = new TemporaryDirectory();
        var image = directory.Combine("interfaces.image");
        var ours = directory.Combine("interfaces.ours");
        var cloudInit = directory.Combine("50-cloud-init");
        await File.WriteAllTextAsync(image, ImageInterfaces, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(cloudInit, cloudInitFile, TestContext.Current.CancellationToken);
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
        await File.WriteAllTextAsync(ours, rendered.Contents, TestContext.Current.CancellationToken);
        var plan = Plan(configuration, current);

        var script = new StringBuilder(Guest(dnsmasq, image, cloudInit, directory.Combine("namespaces")));
        script.Append("[ \"$(cat /proc/sys/net/ipv6/conf/default/accept_ra) $(cat /proc/sys/net/ipv6/conf/default/autoconf)\" = ").Append(ShellWords.Quote(KernelSysctl)).Append(" ] || exit 90\n");
        script.Append("ifup -a > /run/boot.out 2>&1 || { echo '@@boot failed'; cat /run/boot.out; exit 96; }\n")
            .Append("wait_for 'ip -o -4 addr show dev eth0 | grep -q \" ").Append(DhcpPrefix).Append("\" && ip -o -6 addr show dev eth0 | grep -q \" ").Append(SlaacPrefix).Append('"')
            .Append(method == "dhcp" ? $" && ip -o -6 addr show dev eth0 | grep -q \" {Dhcp6Prefix}\"" : " && ip -6 route show default | grep -q \"via fe80:\"")
            .Append("' || { echo '@@boot incomplete'; ip addr; ip -6 route; cat /run/boot.out; exit 96; }\n")
            .Append("[ \"$(ra_sysctl)\" = ").Append(ShellWords.Quote(BootSysctl(method))).Append(" ] || { echo \"@@boot sysctl $(ra_sysctl)\"; exit 96; }\n");

        AppendSteps(script, plan.BeforeWrite);
        script.Append("cp ").Append(ShellWords.Quote(ours)).Append(" /etc/network/interfaces || exit 97\n");
        AppendSteps(script, plan.AfterWrite);
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
            var second = directory.Combine("interfaces.second");
            await File.WriteAllTextAsync(second, new IfupdownRenderer().Render(then, afterFirst).Files.Single(f => f.Path == "/etc/network/interfaces").Contents, TestContext.Current.CancellationToken);
            var secondPlan = Plan(then, afterFirst);
            script.Append("[ \"$(ra_sysctl)\" = '0 0' ] || { echo \"@@first change sysctl $(ra_sysctl)\"; exit 96; }\n");
            AppendSteps(script, secondPlan.BeforeWrite);
            script.Append("cp ").Append(ShellWords.Quote(second)).Append(" /etc/network/interfaces || exit 97\n");
            AppendSteps(script, secondPlan.AfterWrite);
        }

        switch (scenario)
        {
            case Scenario.ApplyAndReboot:
                // What a reboot keeps is the files: every process, address and per-interface setting goes, /run starts empty.
                script.Append("kill $(our_dhclients) 2>/dev/null; ip addr flush dev eth0; ip link set eth0 down\n")
                    .Append("for s in accept_ra autoconf; do cat /proc/sys/net/ipv6/conf/default/$s > /proc/sys/net/ipv6/conf/eth0/$s; done\n")
                    .Append("rm -rf /run/network/* /run/dhclient*\n")
                    .Append("ifup -a > /run/reboot.out 2>&1 || { echo '@@reboot: ifup -a failed'; cat /run/reboot.out; }\n");
                break;
            case Scenario.ApplyAndRollBack:
                AppendSteps(script, NetworkApplier.TakeDown(plan));
                script.Append("cp ").Append(ShellWords.Quote(image)).Append(" /etc/network/interfaces || exit 97\n");
                AppendSteps(script, NetworkApplier.RepeatedOnRollback(plan));
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
            """);
        ToolResult result;
        try
        {
            result = await ExternalTool.RunAsync(unshare, ["-mn", "/bin/sh", "-c", script.ToString()], timeout: TimeSpan.FromMinutes(4));
        }
        finally
        {
            // A timeout kills the shell before its exit trap: what it started outside its own tree goes here.
            NamespaceProcesses.KillAll(directory.Combine("namespaces"));
        }

        var run = new Run(result.StandardOutput, $"exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}\nscript:\n{script}");
        Assert.True(result.ExitCode == 0, run.Log);
        return run;
    }

    /// <summary>
    /// The guest's set-up, as <see cref="IfupdownDhcpImageKernelTests"/>'s without resolvconf (its network namespace
    /// and the server's written to <paramref name="namespaces"/>, for <see cref="NamespaceProcesses"/>); the server
    /// also answers DHCPv6 and advertises itself as a router (its advertisements every 10 minutes, as radvd's
    /// default: only the ones a solicitation asks for come within the test). <c>wait_for</c> polls a condition,
    /// a minute at most (a safety net: the event is what ends the wait).
    /// </summary>
    private static string Guest(string dnsmasq, string image, string cloudInit, string namespaces) => $$"""
        set -u
        echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad && echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad || exit 90
        ip link set lo up
        guest=$(readlink /proc/self/ns/net)
        echo "$guest" > {{ShellWords.Quote(namespaces)}} || exit 90
        our_dhclients() { for p in $(pgrep -x dhclient); do [ "$(readlink /proc/$p/ns/net 2>/dev/null)" = "$guest" ] && echo "$p"; done; }
        ra_sysctl() { echo "$(cat /proc/sys/net/ipv6/conf/eth0/accept_ra) $(cat /proc/sys/net/ipv6/conf/eth0/autoconf)"; }
        wait_for() { i=0; while ! sh -c "$1"; do i=$((i + 1)); [ $i -ge 600 ] && return 1; sleep 0.1; done; }
        unshare -n sleep 600 & host=$!
        servers=""
        trap 'kill $servers $host $(our_dhclients) 2>/dev/null' EXIT
        while [ "$(readlink /proc/$host/ns/net)" = "$guest" ]; do sleep 0.05; done
        readlink /proc/$host/ns/net >> {{ShellWords.Quote(namespaces)}} || exit 90
        in_host() { nsenter -t "$host" -n "$@"; }
        mount -t tmpfs tmpfs /run && mkdir -p /run/o/eu /run/o/ew /run/network || exit 95
        mount -t tmpfs tmpfs /var/lib/dhcp || exit 95
        mount -t overlay overlay -o lowerdir=/etc,upperdir=/run/o/eu,workdir=/run/o/ew /etc || exit 95
        rm -rf /etc/network/if-*.d /etc/network/interfaces.d && mkdir /etc/network/if-pre-up.d /etc/network/if-up.d /etc/network/if-down.d /etc/network/if-post-down.d /etc/network/interfaces.d || exit 95
        rm -f /etc/dhcp/dhclient-exit-hooks.d/timesyncd
        cp {{ShellWords.Quote(image)}} /etc/network/interfaces && cp {{ShellWords.Quote(cloudInit)}} /etc/network/interfaces.d/50-cloud-init || exit 95
        ip link add eth0 type veth peer name gapeer0 && ip link set gapeer0 netns "$host" || exit 92
        in_host sh -c 'echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad; echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad; ip link set lo up; ip link set gapeer0 up && ip addr add {{ServerAddress}}/24 dev gapeer0 && ip -6 addr add {{SlaacPrefix}}:1/64 dev gapeer0 && ip -6 addr add {{Dhcp6Prefix}}:1/64 dev gapeer0' || exit 93
        nsenter -t "$host" -n {{dnsmasq}} --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --port=0 --bind-interfaces --interface=gapeer0 --pid-file= --user=root --enable-ra --ra-param=gapeer0,600,1800 --dhcp-range={{DhcpPrefix}}100,{{DhcpPrefix}}150,2m --dhcp-range={{SlaacPrefix}}:,ra-only,64 --dhcp-range={{Dhcp6Prefix}}:100,{{Dhcp6Prefix}}:200,64,2m --dhcp-option=option:router,{{ServerAddress}} --dhcp-leasefile=/run/dnsmasq.leases --log-dhcp --log-facility=/run/dnsmasq.log & servers="$!"

        """;

    /// <summary>The plan as the agent makes it (<see cref="ApplyPlanner"/>, which gives the backend the configuration), without a hostname step.</summary>
    private static ApplyPlan Plan(NetworkConfiguration configuration, IFileView current) =>
        ApplyPlanner.Plan(NetworkBackend.Ifupdown, configuration with { Hostname = null }, SystemProbe.Probe(current), current);

    /// <summary>The steps as the agent runs them, a required one's failure ending the script.</summary>
    private static void AppendSteps(StringBuilder script, IEnumerable<ApplyStep> steps)
    {
        foreach (var step in steps)
        {
            var words = new[] { step.Process.Program }.Concat(step.Process.Arguments);
            script.Append(string.Join(' ', words.Select(ShellWords.Quote))).Append(" >>/run/steps.out 2>&1").Append(step.MustSucceed ? " || exit 91\n" : " || true\n");
        }
    }

    /// <summary>The script's output, in <c>@@name</c> sections.</summary>
    private sealed record Run(string Output, string Log)
    {
        public string Section(string name)
        {
            var start = Output.IndexOf($"@@{name}\n", StringComparison.Ordinal);
            Assert.True(start >= 0, $"no section {name}:\n{Log}");
            start += name.Length + 3;
            var end = Output.IndexOf("\n@@", start - 1, StringComparison.Ordinal);
            return (end < 0 ? Output[start..] : Output[start..(end + 1)]).Trim();
        }
    }
}
