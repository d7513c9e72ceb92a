using System.Globalization;
using System.Net;
using System.Text;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Nova's DNS servers as real servers a real resolver asks. The guest is a network and mount namespace
/// (<c>unshare -mn</c>, as root: systemd-resolved drops to its own user) whose interfaces are veths
/// holding the configuration's addresses; their peers are in a second network namespace, the host's
/// network, where each server's address is on the peer of an interface that reaches it (a link-local
/// one on its scope's interface) and a <c>dnsmasq</c> listens on it. Server <c>i</c> answers only
/// <see cref="ProbeName"/>(i) and refuses every other name, so a resolver reaches that name only by
/// asking that server (glibc and resolved both move on to the next server after a refusal).
/// </summary>
internal static class NovaDnsServers
{
    /// <summary>glibc asks at most this many servers (<c>MAXNS</c>), the first ones it reads; Debian's resolvconf writes no more.</summary>
    public const int GlibcServers = 3;

    /// <summary>The fixtures that have servers.</summary>
    public static IEnumerable<string> FixturesWithServers => NetworkFixture.Names.Where(name => NetworkFixture.Load(name).Build().DnsServers.Count > 0);

    /// <summary>The name only server <paramref name="index"/> (of <see cref="NetworkConfiguration.ScopedDnsServers"/>) answers.</summary>
    public static string ProbeName(int index) => string.Create(CultureInfo.InvariantCulture, $"ns{index}.probe.test");

    /// <summary>
    /// Its answers, an IPv4 and an IPv6 address: glibc asks for those of the families the guest has an
    /// address of (<c>AI_ADDRCONFIG</c>), so an IPv6-only guest is answered too.
    /// </summary>
    public static IReadOnlyList<string> ProbeAnswers(int index) =>
        [string.Create(CultureInfo.InvariantCulture, $"203.0.113.{index + 1}"), string.Create(CultureInfo.InvariantCulture, $"2001:db8:ffff::{index + 1}")];

    /// <summary>
    /// Builds the two namespaces and the servers, runs <paramref name="resolverSetup"/> (sh, in the
    /// guest, with its own mounts: it points <c>/etc/resolv.conf</c> at the resolver under test), then
    /// asks glibc (<c>getent ahosts</c>) for every server's name.
    /// </summary>
    /// <param name="configuration">The interfaces, their addresses and the servers.</param>
    /// <param name="resolverSetup">The resolver's set-up.</param>
    /// <param name="guestAddresses">
    /// Whether the guest's interfaces get their addresses here; without, <paramref name="resolverSetup"/>
    /// brings them up (<c>ifup</c>).
    /// </param>
    /// <param name="routed">
    /// Whether the host is laid out as a real network is (<see cref="RoutedNovaNetwork"/>) and the guest's
    /// addresses and routes are left to <paramref name="resolverSetup"/> (a network daemon).
    /// </param>
    /// <returns>Each name's first answer, <c>(failed)</c> where glibc found none, and the transcript.</returns>
    public static async Task<(IReadOnlyDictionary<string, string> Answers, string Transcript)> AskEachAsync(NetworkConfiguration configuration, string resolverSetup, bool guestAddresses = true, bool routed = false)
    {
        var unshare = ExternalTool.Require("unshare", "util-linux");
        ExternalTool.Require("nsenter", "util-linux");
        ExternalTool.Require("ip", "iproute2");
        ExternalTool.Require("ss", "iproute2");
        ExternalTool.Require("getent", "libc-bin");
        var dnsmasq = ExternalTool.Require("dnsmasq", "dnsmasq-base");
        if (Environment.UserName != "root")
        {
            Requirement.Unmet("the servers' namespaces and systemd-resolved need root, as in CI");
        }

        using var directory = new TemporaryDirectory();
        var nsswitch = directory.Combine("nsswitch.conf");
        await File.WriteAllTextAsync(nsswitch, "hosts: files dns\n");
        var script = new StringBuilder(Namespaces);
        script.Append(CultureInfo.InvariantCulture, $"mount --bind {ShellWords.Quote(nsswitch)} /etc/nsswitch.conf || exit 91\n");
        var peers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var nic in configuration.Interfaces)
        {
            var peer = peers[nic.Name] = string.Create(CultureInfo.InvariantCulture, $"gapeer{peers.Count}");
            script.Append(CultureInfo.InvariantCulture, $"ip link add {nic.Name} address {nic.Mac} type veth peer name {peer} && ip link set {peer} netns $host || exit 92\n")
                .Append(CultureInfo.InvariantCulture, $"ip link set {nic.Name} up && in_host ip link set {peer} up || exit 92\n");
            foreach (var address in nic.Addresses)
            {
                var host = address.IsIPv6 ? "/128" : "/32";
                var guest = guestAddresses && !routed ? $"ip addr add {address.Cidr} dev {nic.Name}{(address.IsIPv6 ? " nodad" : "")} && " : "";
                script.Append(CultureInfo.InvariantCulture, $"{guest}in_host ip route add {address.Address}{host} dev {peer} || exit 93\n");
            }
        }

        if (routed)
        {
            script.Append(RoutedNovaNetwork.Gateways(configuration, peers));
        }

        var servers = configuration.ScopedDnsServers;
        for (var index = 0; index < servers.Count; index++)
        {
            if (routed)
            {
                script.Append(RoutedNovaNetwork.Server(configuration, servers[index], peers));
            }
            else
            {
                var (address, nic) = Carrier(configuration, servers[index]);
                var v6 = IsIPv6(address);
                var prefix = address.IsIPv6LinkLocal ? "/64" : v6 ? "/128" : "/32";
                script.Append(CultureInfo.InvariantCulture, $"in_host ip addr add {address}{prefix} dev {peers[nic]}{(v6 ? " nodad" : "")} || exit 94\n");
                if (!address.IsIPv6LinkLocal)
                {
                    script.Append(CultureInfo.InvariantCulture, $"ip route add {address}{(v6 ? "/128" : "/32")} dev {nic} || exit 94\n");
                }
            }

            var listen = servers[index].Split('%')[0];

            // A simple command, not the in_host function: then $! is dnsmasq itself (nsenter execs it), which the exit trap kills.
            script.Append(CultureInfo.InvariantCulture, $"nsenter -t \"$host\" -n {dnsmasq} --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --bind-interfaces --pid-file= --user=root --listen-address={listen} {string.Join(' ', ProbeAnswers(index).Select(answer => $"--address=/{ProbeName(index)}/{answer}"))} & servers=\"$servers $!\"\n");
        }

        var listens = string.Join(' ', servers.Select(server => ShellWords.Quote(server.Split('%')[0])));
        script.Append(Listening).Append(CultureInfo.InvariantCulture, $"for listen in {listens}; do {WaitListening}; done\n").Append(resolverSetup).Append('\n');
        for (var index = 0; index < servers.Count; index++)
        {
            script.Append(CultureInfo.InvariantCulture, $"a=$(getent ahosts {ProbeName(index)}) || a='(failed)'; set -- $a; echo \"@{ProbeName(index)} $1\"\n");
        }

        var result = await ExternalTool.RunAsync(unshare, ["-mn", "/bin/sh", "-c", script.ToString()], timeout: TimeSpan.FromMinutes(2));
        var transcript = $"exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}\nscript:\n{script}";
        Assert.True(result.ExitCode == 0, transcript);
        var answers = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith('@'))
            .Select(line => line[1..].Split(' ', 2))
            .ToDictionary(words => words[0], words => words.Length == 2 ? words[1] : "", StringComparer.Ordinal);
        return (answers, transcript);
    }

    /// <summary>
    /// The guest's loopback, no duplicate address detection (a tentative address answers nothing), and
    /// the host's namespace (a sleeping child's, entered with <c>in_host</c>), torn down on exit with
    /// every server started (<c>$servers</c>).
    /// </summary>
    private const string Namespaces = """
        set -u
        echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad && echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad || exit 90
        ip link set lo up
        unshare -n sleep 600 & host=$!
        servers=""
        trap 'kill $servers $host 2>/dev/null' EXIT
        while [ "$(readlink /proc/$host/ns/net)" = "$(readlink /proc/self/ns/net)" ]; do sleep 0.05; done
        in_host() { nsenter -t "$host" -n "$@"; }
        in_host sh -c 'echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad; echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad; ip link set lo up' || exit 90

        """;

    /// <summary>
    /// <c>listening ADDRESS</c>: whether a UDP socket in the host's namespace is bound to port 53 of that address
    /// (<c>ss</c> shows <c>192.0.2.53:53</c>, <c>[2001:db8::53]:53</c>, a link-local one as <c>[fe80::53]%gapeer0:53</c>).
    /// </summary>
    private const string Listening = """
        listening() { in_host ss -Hlnu | awk -v a="$1" '{ l = $4; sub(/%[^:]*:53$/, ":53", l) } l == a ":53" || l == "[" a "]:53" { f = 1 } END { exit !f }'; }
        tries=0

        """;

    /// <summary>
    /// Waits until the server at <c>$listen</c> is listening (dnsmasq binds its address as it starts, within a tenth of a
    /// second here), so no question reaches it before it can answer: polled every 0.05 s, at most 5 s over all servers, then on,
    /// as the fixed <c>sleep 0.5</c> this replaces did.
    /// </summary>
    private const string WaitListening = "while ! listening \"$listen\" && [ $tries -lt 100 ]; do sleep 0.05; tries=$((tries + 1)); done";

    /// <summary>
    /// The server's address and the interface it is reached through: a link-local one's scope; else an
    /// interface that lists it and has an address of its family, else any with one.
    /// </summary>
    private static (IPAddress Address, string Interface) Carrier(NetworkConfiguration configuration, string scoped)
    {
        var parts = scoped.Split('%');
        var address = IPAddress.Parse(parts[0]);
        if (parts.Length == 2)
        {
            return (address, parts[1]);
        }

        bool HasFamily(InterfaceConfiguration nic) => IsIPv6(address) ? nic.HasIPv6 : nic.HasIPv4;
        var carrier = configuration.Interfaces.FirstOrDefault(nic => nic.DnsServers.Contains(address) && HasFamily(nic))
            ?? configuration.Interfaces.First(HasFamily);
        return (address, carrier.Name);
    }

    internal static bool IsIPv6(IPAddress address) => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
}
