using System.Net;
using System.Net.Sockets;

namespace GuestAgent.Commands.Network.Model;

/// <summary>
/// Whether a next hop lies outside every subnet of its interface (a Hetzner-style <c>/32</c> address
/// with the gateway <c>172.31.1.1</c>, a gateway in another range). The kernel installs a route
/// through a gateway only when a link route (an address's subnet) reaches it, unless the route
/// says <c>onlink</c>: <c>ip route add default via 172.31.1.1 dev eth0</c> fails with "Nexthop has
/// invalid gateway" (IPv6: "No route to host"), so each renderer marks such a gateway on-link.
/// </summary>
internal static class OnLinkGateway
{
    /// <summary>
    /// Whether <paramref name="gateway"/> needs to be declared on-link on <paramref name="nic"/>:
    /// no address of its family has a subnet holding it. An IPv6 link-local gateway never does:
    /// every IPv6 interface has its <c>fe80::/64</c> route.
    /// </summary>
    public static bool IsOffLink(this InterfaceConfiguration nic, IPAddress gateway) =>
        !(gateway.AddressFamily == AddressFamily.InterNetworkV6 && gateway.IsIPv6LinkLocal)
        && !nic.Addresses.Any(a => Contains(a, gateway));

    /// <summary>
    /// The off-link next hops of <paramref name="nic"/> (its routes' gateways, then its default
    /// gateways), each once: what a format without an on-link switch (SUSE's ifroute, FreeBSD's
    /// rc.conf) reaches through a host route on the interface first.
    /// </summary>
    public static IEnumerable<IPAddress> OffLinkGateways(this InterfaceConfiguration nic) =>
        nic.Routes.Select(r => r.Gateway).Concat(new[] { nic.IPv4Gateway, nic.IPv6Gateway }.OfType<IPAddress>())
            .Where(nic.IsOffLink)
            .Distinct();

    /// <summary>
    /// What an <c>ip route add … via <paramref name="gateway"/></c> line of a shell-style backend
    /// (ifupdown's post-up, netifrc, netctl, Red Hat's route files) adds: <c>" onlink"</c> for an
    /// off-link gateway, else nothing.
    /// </summary>
    public static string IpRouteOnLink(this InterfaceConfiguration nic, IPAddress gateway) => nic.IsOffLink(gateway) ? " onlink" : "";

    /// <summary>Whether the subnet of <paramref name="address"/> holds <paramref name="gateway"/> (same family, same leading prefix bits).</summary>
    public static bool Contains(InterfaceAddress address, IPAddress gateway)
    {
        if (address.Address.AddressFamily != gateway.AddressFamily)
        {
            return false;
        }

        Span<byte> subnet = stackalloc byte[16];
        Span<byte> other = stackalloc byte[16];
        address.Address.TryWriteBytes(subnet, out _);
        gateway.TryWriteBytes(other, out _);
        var whole = address.PrefixLength / 8;
        if (!subnet[..whole].SequenceEqual(other[..whole]))
        {
            return false;
        }

        // A full-length prefix (/32, /128) ends here too, so subnet[whole] is never past the address.
        var rest = address.PrefixLength % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xff << (8 - rest));
        return (subnet[whole] & mask) == (other[whole] & mask);
    }
}
