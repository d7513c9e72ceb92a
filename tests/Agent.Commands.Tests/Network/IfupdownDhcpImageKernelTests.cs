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

    /// <summary>The DHCP server's side: its network (apart from the fixture's), a 2 minute lease (dnsmasq's least) and its DNS server.</summary>
    private const string ServerAddress = "198.51.100.1";
    private const string DhcpServers = "198.51.100.53,198.51.100.54";
    private const string DhcpPrefix = "198.51.100.";

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
        var global = GlobalAddresses(run);
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
        var nic = Assert.Single(configuration.Interfaces);
        Assert.Equal(nic.Addresses.Select(a => a.Cidr).Order(StringComparer.Ordinal), GlobalAddresses(run).Order(StringComparer.Ordinal));
        var defaults = run.Section("routes").Split('\n').Where(r => r.StartsWith("default ", StringComparison.Ordinal)).ToArray();
        Assert.True(
            defaults.Length == 2 && defaults.Any(r => r.StartsWith($"default via {nic.IPv4Gateway} ", StringComparison.Ordinal))
                && defaults.Any(r => r.StartsWith($"default via {nic.IPv6Gateway} ", StringComparison.Ordinal)),
            $"not exactly our default routes:\n{run.Log}");
        Assert.True(run.Section("addresses").Contains("inet6 fe80:", StringComparison.Ordinal), $"no IPv6 link-local address:\n{run.Log}");
        Assert.Equal(configuration.DnsServers.Select(s => s.ToString()).Order(StringComparer.Ordinal), Nameservers(run).Order(StringComparer.Ordinal));
    }

    private static List<string> GlobalAddresses(Run run) =>
        [.. run.Section("addresses").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Contains("global") && words[2] is "inet" or "inet6")
            .Select(words => words[3])];

    private static List<string> Nameservers(Run run) =>
        [.. run.Section("resolv.conf").Split('\n')
            .Where(line => line.StartsWith("nameserver ", StringComparison.Ordinal))
            .Select(line => line["nameserver ".Length..].Trim())];

    private enum Scenario
    {
        Apply,
        ApplyAndReboot,
        ApplyAndRollBack,
    }

    /// <summary>Boots the image, runs the backend's plan for <paramref name="configuration"/> as the scenario says, and answers what is there then.</summary>
    private static async Task<Run> RunAsync(NetworkConfiguration configuration, Scenario scenario, string cloudInitFile = CloudInitFile)
    {
        var unshare = ExternalTool.Require("unshare", "util-linux");
        ExternalTool.Require("nsenter", "util-linux");
        ExternalTool.Require("ip", "iproute2");
        ExternalTool.Require("pgrep", "procps");
        ExternalTool.Require("ifup", "ifupdown");
        ExternalTool.Require("dhclient", "isc-dhcp-client");
        var dnsmasq = ExternalTool.Require("dnsmasq", "dnsmasq-base");
        if (Environment.UserName != "root")
        {
            Requirement.Unmet("the namespaces, mounts and dhclient need root, as in CI");
        }

        if (!File.Exists(Path.Combine(Package, "sbin", "resolvconf")))
        {
            Requirement.Unmet($"'{Package}' is missing: (mkdir -p {AlpineIfup.Root} && cd /tmp && apt-get download resolvconf && dpkg -x resolvconf_*.deb {Package}), as .ci/run does");
        }

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

            // What ifup -a leaves in ifupdown's state (checked below against the real one): the plan reads it.
            ["/run/network/ifstate"] = BootState(cloudInitFile),
        });
        var rendered = new IfupdownRenderer().Render(configuration, current).Files.Single(f => f.Path == "/etc/network/interfaces");
        await File.WriteAllTextAsync(ours, rendered.Contents, TestContext.Current.CancellationToken);
        var plan = NetworkBackends.For(NetworkBackend.Ifupdown).PlanApply(["eth0"], SystemProbe.Probe(current), current);

        var script = new StringBuilder(Guest(dnsmasq, image, cloudInit, directory.Combine("namespaces")));
        script.Append("ifup -a > /run/boot.out 2>&1 || { echo '@@boot failed'; cat /run/boot.out; exit 96; }\n")
            .Append("[ -n \"$(our_dhclients)\" ] && ip -o -4 addr show dev eth0 | grep -q ' ").Append(DhcpPrefix).Append("' || { echo '@@boot without a lease'; cat /run/boot.out; exit 96; }\n");
        foreach (var line in BootState(cloudInitFile).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            script.Append("grep -qx ").Append(ShellWords.Quote(line)).Append(" /run/network/ifstate || { echo '@@boot state lacks ").Append(line).Append("'; exit 96; }\n");
        }

        AppendSteps(script, plan.BeforeWrite);
        script.Append("cp ").Append(ShellWords.Quote(ours)).Append(" /etc/network/interfaces || exit 97\n");
        AppendSteps(script, plan.AfterWrite);
        switch (scenario)
        {
            case Scenario.ApplyAndReboot:
                // What a reboot keeps is the files: every process and address goes, /run starts empty.
                script.Append("kill $(our_dhclients) 2>/dev/null; ip addr flush dev eth0; ip link set eth0 down\n")
                    .Append("rm -rf /run/network/* /run/resolvconf/interface/* /run/dhclient*\n")
                    .Append("ifup -a > /run/reboot.out 2>&1 || { echo '@@reboot: ifup -a failed'; cat /run/reboot.out; }\n");
                break;
            case Scenario.ApplyAndRollBack:
                // A required step after ifup fails (the resolved reload NetworkApplier plans last, say):
                // the applier takes the new configuration down, puts the file back and applies it again.
                AppendSteps(script, NetworkApplier.TakeDown(plan));
                script.Append("cp ").Append(ShellWords.Quote(image)).Append(" /etc/network/interfaces || exit 97\n");
                AppendSteps(script, NetworkApplier.RepeatedOnRollback(plan));
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
        ToolResult result;
        try
        {
            result = await ExternalTool.RunAsync(unshare, ["-mn", "/bin/sh", "-c", script.ToString()], timeout: TimeSpan.FromMinutes(3));
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

    /// <summary>The lines of ifupdown's <c>/run/network/ifstate</c> after the image's <c>ifup -a</c>.</summary>
    private static string BootState(string cloudInitFile) =>
        "lo=lo\neth0=eth0\n" + (cloudInitFile.Contains("auto eth1", StringComparison.Ordinal) ? "eth1=eth1\n" : "");

    /// <summary>
    /// The guest's set-up: a tmpfs <c>/run</c> and <c>/var/lib/dhcp</c> (dhclient's pid and lease files,
    /// ifupdown's state), overlays on <c>/etc</c> and <c>/usr</c> holding resolvconf and the image's files,
    /// and the DHCP server on the peer of <c>eth0</c> in a second network namespace. Every dhclient in the
    /// guest's network namespace and the server are killed on exit (a daemonized dhclient would keep the namespaces alive),
    /// and after a timeout by <see cref="NamespaceProcesses"/>, from the two namespaces written to <paramref name="namespaces"/>.
    /// </summary>
    private static string Guest(string dnsmasq, string image, string cloudInit, string namespaces) => $$"""
        set -u
        echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad && echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad || exit 90
        ip link set lo up
        guest=$(readlink /proc/self/ns/net)
        echo "$guest" > {{ShellWords.Quote(namespaces)}} || exit 90
        our_dhclients() { for p in $(pgrep -x dhclient); do [ "$(readlink /proc/$p/ns/net 2>/dev/null)" = "$guest" ] && echo "$p"; done; }
        unshare -n sleep 600 & host=$!
        servers=""
        trap 'kill $servers $host $(our_dhclients) 2>/dev/null' EXIT
        while [ "$(readlink /proc/$host/ns/net)" = "$guest" ]; do sleep 0.05; done
        readlink /proc/$host/ns/net >> {{ShellWords.Quote(namespaces)}} || exit 90
        in_host() { nsenter -t "$host" -n "$@"; }
        mount -t tmpfs tmpfs /run && mkdir -p /run/o/eu /run/o/ew /run/o/uu /run/o/uw /run/network /run/resolvconf/interface || exit 95
        mount -t tmpfs tmpfs /var/lib/dhcp || exit 95
        mount -t overlay overlay -o lowerdir=/etc,upperdir=/run/o/eu,workdir=/run/o/ew /etc && mount -t overlay overlay -o lowerdir=/usr,upperdir=/run/o/uu,workdir=/run/o/uw /usr || exit 95
        rm -rf /etc/network/if-*.d /etc/network/interfaces.d && mkdir /etc/network/if-pre-up.d /etc/network/if-up.d /etc/network/if-down.d /etc/network/if-post-down.d /etc/network/interfaces.d || exit 95
        rm -f /etc/dhcp/dhclient-exit-hooks.d/timesyncd
        mkdir -p /etc/dhcp/dhclient-enter-hooks.d && cp {{Package}}/etc/dhcp/dhclient-enter-hooks.d/resolvconf /etc/dhcp/dhclient-enter-hooks.d/ || exit 95
        cp {{Package}}/etc/network/if-up.d/000resolvconf /etc/network/if-up.d/ && cp {{Package}}/etc/network/if-down.d/resolvconf /etc/network/if-down.d/ && cp -r {{Package}}/etc/resolvconf /etc/ || exit 95
        cp {{Package}}/sbin/resolvconf /usr/sbin/ && cp -r {{Package}}/lib/resolvconf /usr/lib/ && touch /run/resolvconf/enable-updates || exit 95
        rm -f /etc/resolv.conf && ln -s ../run/resolvconf/resolv.conf /etc/resolv.conf || exit 95
        cp {{ShellWords.Quote(image)}} /etc/network/interfaces && cp {{ShellWords.Quote(cloudInit)}} /etc/network/interfaces.d/50-cloud-init || exit 95
        ip link add eth0 type veth peer name gapeer0 && ip link set gapeer0 netns "$host" || exit 92
        ip link add eth1 type veth peer name gapeer1 && ip link set gapeer1 netns "$host" || exit 92
        in_host sh -c 'echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad; echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad; ip link set lo up; ip link set gapeer0 up && ip addr add {{ServerAddress}}/24 dev gapeer0 && ip link set gapeer1 up && ip addr add {{SecondPrefix}}1/24 dev gapeer1' || exit 93
        nsenter -t "$host" -n {{dnsmasq}} --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --port=0 --bind-interfaces --interface=gapeer0 --interface=gapeer1 --pid-file= --user=root --dhcp-range=set:one,{{DhcpPrefix}}100,{{DhcpPrefix}}150,2m --dhcp-range=set:two,{{SecondPrefix}}100,{{SecondPrefix}}150,2m --dhcp-option=tag:one,option:router,{{ServerAddress}} --dhcp-option=tag:two,option:router --dhcp-option=option:dns-server,{{DhcpServers}} --dhcp-leasefile=/run/dnsmasq.leases --log-dhcp --log-facility=/run/dnsmasq.log & servers="$!"

        """;

    /// <summary>The steps as the agent runs them (ifup and ifdown with the guest's own files, state and scripts), a required one's failure ending the script.</summary>
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
