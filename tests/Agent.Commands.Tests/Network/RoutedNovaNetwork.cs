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
/// peer, and every other server behind the gateways (on the host's loopback). The host answers ARP
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
        var onLink = parts.Length == 2
            ? parts[1]
            : configuration.Interfaces.FirstOrDefault(nic => nic.Addresses.Any(own => OnLinkGateway.Contains(own, address)))?.Name;
        var device = onLink is null ? "lo" : peers[onLink];
        // A gateway's address may be a server's too; the second add finds it there.
        return string.Create(CultureInfo.InvariantCulture, $"in_host ip addr add {WithPrefix(address)} dev {device}{NoDad(address)} 2>/dev/null || in_host ip addr show dev {device} | grep -q ' {address}/' || exit 94\n");
    }

    private static string WithPrefix(IPAddress address) =>
        address.IsIPv6LinkLocal ? $"{address}/64" : NovaDnsServers.IsIPv6(address) ? $"{address}/128" : $"{address}/32";

    private static string NoDad(IPAddress address) => NovaDnsServers.IsIPv6(address) ? " nodad" : "";
}
