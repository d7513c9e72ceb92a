using System.Text;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Testing;
using ShellWords = GuestAgent.Testing.ShellWords;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A Debian cloud image booting in namespaces of its own, for <see cref="IfupdownDhcpImageKernelTests"/> and
/// <see cref="IfupdownInet6ImageKernelTests"/>: a shell script, run by <see cref="RunAsync"/> under
/// <c>unshare -mn</c>, that sets up the guest (a tmpfs <c>/run</c> and <c>/var/lib/dhcp</c>, dhclient's pid and lease
/// files and ifupdown's state; an overlay on <c>/etc</c> holding the image's files), puts the peer of each
/// <c>ethN</c> in a second network namespace and runs a real <c>dnsmasq</c> there, and then whatever the test
/// appends to <see cref="Script"/>. Every dhclient in the guest's network namespace and the server are killed on
/// the shell's exit (a daemonized dhclient would keep the namespaces alive), and after a timeout by
/// <see cref="NamespaceProcesses"/>, from the two namespaces the script writes to a file of the test's directory.
/// </summary>
internal sealed class IfupdownImageGuest : IDisposable
{
    /// <summary>The server's address on eth0's peer: the DHCP server and router of eth0's network, apart from the fixture's.</summary>
    public const string ServerAddress = "198.51.100.1";

    /// <summary>The addresses the server leases on eth0's network.</summary>
    public const string DhcpPrefix = "198.51.100.";

    private readonly string _unshare;
    private readonly TemporaryDirectory _directory;
    private readonly string _image;
    private int _files;

    /// <summary>
    /// Requires the tools and root, writes the image's <paramref name="imageInterfaces"/> and cloud-init's
    /// <paramref name="cloudInitFile"/> (<c>interfaces.d/50-cloud-init</c>), and starts <see cref="Script"/> with the
    /// guest's set-up for <paramref name="server"/>'s side.
    /// </summary>
    public IfupdownImageGuest(string imageInterfaces, string cloudInitFile, Server server)
    {
        _unshare = ExternalTool.Require("unshare", "util-linux");
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

        _directory = new TemporaryDirectory();
        _image = _directory.Combine("interfaces.image");
        var cloudInit = _directory.Combine("50-cloud-init");
        File.WriteAllText(_image, imageInterfaces);
        File.WriteAllText(cloudInit, cloudInitFile);
        Script = new StringBuilder(SetUp(dnsmasq, cloudInit, server));
    }

    /// <summary>What happens after the boot's first <c>ifup -a</c>.</summary>
    public enum Scenario
    {
        /// <summary>The plan alone.</summary>
        Apply,

        /// <summary>The plan, then a reboot: the files kept, every process, address and per-interface setting gone.</summary>
        ApplyAndReboot,

        /// <summary>The plan, then the applier's rollback.</summary>
        ApplyAndRollBack,
    }

    /// <summary>The script, its set-up written: the test appends the boot, the steps and the output's <c>@@name</c> sections.</summary>
    public StringBuilder Script { get; }

    /// <summary>The file where the script writes its two network namespaces, for <see cref="NamespaceProcesses"/>.</summary>
    private string Namespaces => _directory.Combine("namespaces");

    /// <summary>
    /// The DHCP server's side: how many veth pairs (<c>eth0</c> and <c>gapeer0</c> on, each peer up in the server's
    /// namespace), the shell commands there that give the peers their addresses (<see cref="ServerAddress"/> on
    /// <c>gapeer0</c> is given first), and dnsmasq's options beyond its common ones (the peers it binds, the leases
    /// in <c>/run/dnsmasq.leases</c>, its log in <c>/run/dnsmasq.log</c>, and <c>--no-ping</c>: before offering an address
    /// dnsmasq pings it and waits 3 s for an answer that nothing on these links can give, once for each new lease).
    /// </summary>
    public sealed record Server(int Links, string Addresses, string DnsmasqOptions)
    {
        /// <summary>Debian's resolvconf unpacked at this path, put in the guest with its ifupdown and dhclient hooks; none when null.</summary>
        public string? Resolvconf { get; init; }
    }

    /// <summary>
    /// Appends the plan's steps before the write, the copy of <paramref name="interfaces"/> over
    /// <c>/etc/network/interfaces</c> and the steps after it, as the agent runs them.
    /// </summary>
    public void AppendApply(ApplyPlan plan, string interfaces)
    {
        var file = _directory.Combine($"interfaces.{++_files}");
        File.WriteAllText(file, interfaces);
        AppendSteps(plan.BeforeWrite);
        Script.Append("cp ").Append(ShellWords.Quote(file)).Append(" /etc/network/interfaces || exit 97\n");
        AppendSteps(plan.AfterWrite);
    }

    /// <summary>
    /// Appends the rollback of <paramref name="plan"/>: a required step after <c>ifup</c> failed (the resolved reload
    /// NetworkApplier plans last, say), so the applier takes the new configuration down, puts the file back (the image's,
    /// or <paramref name="previous"/> for a later change) and applies it again.
    /// </summary>
    public void AppendRollback(ApplyPlan plan, string? previous = null)
    {
        var file = _image;
        if (previous is not null)
        {
            file = _directory.Combine($"interfaces.{++_files}");
            File.WriteAllText(file, previous);
        }

        AppendSteps(NetworkApplier.TakeDown(plan));
        Script.Append("cp ").Append(ShellWords.Quote(file)).Append(" /etc/network/interfaces || exit 97\n");
        AppendSteps(NetworkApplier.RepeatedOnRollback(plan));
    }

    /// <summary>
    /// Appends a reboot and its <c>ifup -a</c>: what a reboot keeps is the files; every process, address and
    /// per-interface setting goes (eth0's <c>accept_ra</c> and <c>autoconf</c> back to <c>conf/default</c>'s), and <c>/run</c> starts empty.
    /// </summary>
    public void AppendReboot() => Script
        .Append("kill $(our_dhclients) 2>/dev/null; ip addr flush dev eth0; ip link set eth0 down\n")
        .Append("for s in accept_ra autoconf; do cat /proc/sys/net/ipv6/conf/default/$s > /proc/sys/net/ipv6/conf/eth0/$s; done\n")
        .Append("rm -rf /run/network/* /run/resolvconf/interface/* /run/dhclient*\n")
        .Append("ifup -a > /run/reboot.out 2>&1 || { echo '@@reboot: ifup -a failed'; cat /run/reboot.out; }\n");

    /// <summary>Runs the script (<paramref name="timeout"/> at most), asserts it exited 0 and answers its output.</summary>
    public async Task<Run> RunAsync(TimeSpan timeout)
    {
        ToolResult result;
        try
        {
            result = await ExternalTool.RunAsync(_unshare, ["-mn", "/bin/sh", "-c", Script.ToString()], timeout: timeout);
        }
        finally
        {
            // A timeout kills the shell before its exit trap: what it started outside its own tree goes here.
            NamespaceProcesses.KillAll(Namespaces);
        }

        var run = new Run(result.StandardOutput, $"exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}\nscript:\n{Script}");
        Assert.True(result.ExitCode == 0, run.Log);
        return run;
    }

    /// <summary>
    /// Asserts that eth0 has exactly <paramref name="configuration"/>'s global addresses and its two default routes,
    /// and still its IPv6 link-local address.
    /// </summary>
    public static void AssertOnlyStatic(NetworkConfiguration configuration, Run run)
    {
        var nic = Assert.Single(configuration.Interfaces);
        Assert.Equal(nic.Addresses.Select(a => a.Cidr).Order(StringComparer.Ordinal), run.GlobalAddresses().Order(StringComparer.Ordinal));
        var defaults = run.Section("routes").Split('\n').Where(r => r.StartsWith("default ", StringComparison.Ordinal)).ToArray();
        Assert.True(
            defaults.Length == 2 && defaults.Any(r => r.StartsWith($"default via {nic.IPv4Gateway} ", StringComparison.Ordinal))
                && defaults.Any(r => r.StartsWith($"default via {nic.IPv6Gateway} ", StringComparison.Ordinal)),
            $"not exactly our default routes:\n{run.Log}");
        Assert.True(run.Section("addresses").Contains("inet6 fe80:", StringComparison.Ordinal), $"no IPv6 link-local address:\n{run.Log}");
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>The steps as the agent runs them (ifup and ifdown with the guest's own files, state and scripts), a required one's failure ending the script.</summary>
    private void AppendSteps(IEnumerable<ApplyStep> steps)
    {
        foreach (var step in steps)
        {
            var words = new[] { step.Process.Program }.Concat(step.Process.Arguments);
            Script.Append(string.Join(' ', words.Select(ShellWords.Quote))).Append(" >>/run/steps.out 2>&1").Append(step.MustSucceed ? " || exit 91\n" : " || true\n");
        }
    }

    /// <summary>
    /// The guest's set-up. <c>our_dhclients</c> lists the guest's dhclients, <c>ra_sysctl</c> eth0's <c>accept_ra</c>
    /// and <c>autoconf</c>, and <c>wait_for</c> polls a condition, a minute at most (a safety net: the event is what ends the wait).
    /// </summary>
    private string SetUp(string dnsmasq, string cloudInit, Server server)
    {
        var peers = Enumerable.Range(0, server.Links).ToArray();
        return $$"""
            set -u
            echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad && echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad || exit 90
            ip link set lo up
            guest=$(readlink /proc/self/ns/net)
            echo "$guest" > {{ShellWords.Quote(Namespaces)}} || exit 90
            our_dhclients() { for p in $(pgrep -x dhclient); do [ "$(readlink /proc/$p/ns/net 2>/dev/null)" = "$guest" ] && echo "$p"; done; }
            ra_sysctl() { echo "$(cat /proc/sys/net/ipv6/conf/eth0/accept_ra) $(cat /proc/sys/net/ipv6/conf/eth0/autoconf)"; }
            wait_for() { i=0; while ! sh -c "$1"; do i=$((i + 1)); [ $i -ge 600 ] && return 1; sleep 0.1; done; }
            unshare -n sleep 600 & host=$!
            servers=""
            trap 'kill $servers $host $(our_dhclients) 2>/dev/null' EXIT
            while [ "$(readlink /proc/$host/ns/net)" = "$guest" ]; do sleep 0.05; done
            readlink /proc/$host/ns/net >> {{ShellWords.Quote(Namespaces)}} || exit 90
            in_host() { nsenter -t "$host" -n "$@"; }
            mount -t tmpfs tmpfs /run && mkdir -p /run/o/eu /run/o/ew /run/o/uu /run/o/uw /run/network /run/resolvconf/interface || exit 95
            mount -t tmpfs tmpfs /var/lib/dhcp || exit 95
            mount -t overlay overlay -o lowerdir=/etc,upperdir=/run/o/eu,workdir=/run/o/ew /etc || exit 95
            rm -rf /etc/network/if-*.d /etc/network/interfaces.d && mkdir /etc/network/if-pre-up.d /etc/network/if-up.d /etc/network/if-down.d /etc/network/if-post-down.d /etc/network/interfaces.d || exit 95
            rm -f /etc/dhcp/dhclient-exit-hooks.d/timesyncd
            {{(server.Resolvconf is null ? "" : ResolvconfSetUp(server.Resolvconf))}}
            cp {{ShellWords.Quote(_image)}} /etc/network/interfaces && cp {{ShellWords.Quote(cloudInit)}} /etc/network/interfaces.d/50-cloud-init || exit 95
            {{string.Join('\n', peers.Select(i => $"ip link add eth{i} type veth peer name gapeer{i} && ip link set gapeer{i} netns \"$host\" || exit 92"))}}
            in_host sh -c 'echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad; echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad; ip link set lo up; {{string.Join(" && ", peers.Select(i => $"ip link set gapeer{i} up"))}} && ip addr add {{ServerAddress}}/24 dev gapeer0 && {{server.Addresses}}' || exit 93
            nsenter -t "$host" -n {{dnsmasq}} --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --port=0 --bind-interfaces {{string.Join(' ', peers.Select(i => $"--interface=gapeer{i}"))}} --pid-file= --user=root --no-ping {{server.DnsmasqOptions}} --dhcp-leasefile=/run/dnsmasq.leases --log-dhcp --log-facility=/run/dnsmasq.log & servers="$!"

            """;
    }

    /// <summary>Debian's resolvconf, unpacked at <paramref name="package"/>, in the guest (an overlay on <c>/usr</c>) with its ifupdown and dhclient hooks, taking over resolv.conf.</summary>
    private static string ResolvconfSetUp(string package) => $"""
        mount -t overlay overlay -o lowerdir=/usr,upperdir=/run/o/uu,workdir=/run/o/uw /usr || exit 95
        mkdir -p /etc/dhcp/dhclient-enter-hooks.d && cp {package}/etc/dhcp/dhclient-enter-hooks.d/resolvconf /etc/dhcp/dhclient-enter-hooks.d/ || exit 95
        cp {package}/etc/network/if-up.d/000resolvconf /etc/network/if-up.d/ && cp {package}/etc/network/if-down.d/resolvconf /etc/network/if-down.d/ && cp -r {package}/etc/resolvconf /etc/ || exit 95
        cp {package}/sbin/resolvconf /usr/sbin/ && cp -r {package}/lib/resolvconf /usr/lib/ && touch /run/resolvconf/enable-updates || exit 95
        rm -f /etc/resolv.conf && ln -s ../run/resolvconf/resolv.conf /etc/resolv.conf || exit 95
        """;

    /// <summary>The script's output, in <c>@@name</c> sections.</summary>
    internal sealed record Run(string Output, string Log)
    {
        public string Section(string name)
        {
            var start = Output.IndexOf($"@@{name}\n", StringComparison.Ordinal);
            Assert.True(start >= 0, $"no section {name}:\n{Log}");
            start += name.Length + 3;
            var end = Output.IndexOf("\n@@", start - 1, StringComparison.Ordinal);
            return (end < 0 ? Output[start..] : Output[start..(end + 1)]).Trim();
        }

        /// <summary>eth0's global addresses (<c>address/prefix</c>), from the <c>addresses</c> section.</summary>
        public List<string> GlobalAddresses() =>
            [.. Section("addresses").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(words => words.Contains("global") && words[2] is "inet" or "inet6")
                .Select(words => words[3])];
    }
}
