using System.Globalization;
using System.Net;
using System.Text;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The host side of <see cref="NovaDnsServers"/> laid out as Nova's networks are, for a guest whose
/// network daemon installs its own addresses and routes: each interface's gateways (default and
/// static routes' next hops) on its peer, a server inside a subnet of a guest interface on that
/// interface's peer (on the link, as a network's own resolver is), a link-local one on its scope's
/// peer (an IPv4 link-local one, which has no scope, on the peer of the first interface that lists it,
/// and reached from no other link), and every other server behind the gateways (on the host's loopback). The host answers ARP
/// only for an address of the interface asked (<c>arp_ignore=1</c>; IPv6 neighbour discovery already
/// does): else it would answer for a server behind the gateways on any link, and a guest that sends
/// a server's query out of an interface with no route to it (the kernel then takes the server as
/// on-link) would be answered where a real network stays silent.
/// </summary>
internal static class RoutedNovaNetwork
{
    /// <summary>The host's ARP rule and every interface's gateways on its peer.</summary>
    public static string Gateways(NetworkConfiguration configuration, IReadOnlyDictionary<string, string> peers)
    {
        var script = new StringBuilder("in_host sh -c 'echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore' || exit 93\n");
        foreach (var nic in configuration.Interfaces)
        {
            var gateways = new[] { nic.IPv4Gateway, nic.IPv6Gateway }.OfType<IPAddress>().Concat(nic.Routes.Select(route => route.Gateway)).Distinct();
            foreach (var gateway in gateways)
            {
                script.Append(CultureInfo.InvariantCulture, $"in_host ip addr add {WithPrefix(gateway)} dev {peers[nic.Name]}{NoDad(gateway)} || exit 93\n");
            }
        }

        return script.ToString();
    }

    /// <summary>Where one server's address goes (<paramref name="scoped"/> as in <see cref="NetworkConfiguration.ScopedDnsServers"/>).</summary>
    public static string Server(NetworkConfiguration configuration, string scoped, IReadOnlyDictionary<string, string> peers)
    {
        var parts = scoped.Split('%');
        var address = IPAddress.Parse(parts[0]);
        var linkLocal = IsIPv4LinkLocal(address);
        var onLink = parts.Length == 2
            ? parts[1]
            : linkLocal
                ? configuration.Interfaces.First(nic => nic.HasIPv4 && nic.DnsServers.Contains(address)).Name
                : configuration.Interfaces.FirstOrDefault(nic => nic.Addresses.Any(own => OnLinkGateway.Contains(own, address)))?.Name;
        var device = onLink is null ? "lo" : peers[onLink];
        // A gateway's address may be a server's too; the second add finds it there.
        var script = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"in_host ip addr add {WithPrefix(address)} dev {device}{NoDad(address)} 2>/dev/null || in_host ip addr show dev {device} | grep -q ' {address}/' || exit 94\n"));
        if (linkLocal)
        {
            // An IPv4 link-local server is on the link of the network that lists it, and no router
            // forwards to 169.254.0.0/16 (RFC 3927): a question sent to a gateway on another link goes
            // nowhere. The host would take it in as its own address whatever link it came by, so the
            // local table is looked up after rules that drop it from every other link.
            script.Append("in_host ip rule show | grep -q '^100:' || { in_host ip rule add pref 100 lookup local && in_host ip rule del pref 0; } || exit 94\n");
            foreach (var other in peers.Where(peer => peer.Key != onLink))
            {
                script.Append(CultureInfo.InvariantCulture, $"in_host ip rule add pref 10 iif {other.Value} to {address}/32 blackhole || exit 94\n");
            }
        }

        return script.ToString();
    }

    /// <summary>Whether <paramref name="address"/> is an IPv4 link-local address (169.254.0.0/16).</summary>
    private static bool IsIPv4LinkLocal(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.GetAddressBytes() is [169, 254, _, _];

    private static string WithPrefix(IPAddress address) =>
        address.IsIPv6LinkLocal ? $"{address}/64" : NovaDnsServers.IsIPv6(address) ? $"{address}/128" : $"{address}/32";

    private static string NoDad(IPAddress address) => NovaDnsServers.IsIPv6(address) ? " nodad" : "";
}
