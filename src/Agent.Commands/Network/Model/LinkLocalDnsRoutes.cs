using System.Net;
using System.Net.Sockets;

namespace GuestAgent.Commands.Network.Model;

/// <summary>
/// The host route that keeps an IPv4 link-local DNS server (169.254.0.0/16) on the link of the
/// interface it is placed on (<see cref="LinkDnsServers.Place"/>), for the resolvers that ask through
/// the routing table (glibc and musl reading <c>resolv.conf</c>; systemd-resolved binds a link's
/// socket to that link and needs none). An IPv4 address has no scope, so without it the question
/// leaves by the default route, on whatever link that is: a private network without a gateway
/// that lists <c>169.254.169.253</c> never reached it (Debian's ifup and glibc,
/// <c>IfupdownLinkLocalDnsTests</c>), as no router forwards link-local addresses (RFC 3927).
/// The route is <c>SERVER/32 dev IF</c> (on the link, as RFC 3927 has a host send to such an
/// address) where the interface has no IPv4 gateway, and <c>SERVER/32 via GATEWAY dev IF</c> where
/// it has one: there the question went to that gateway already when its default route was the
/// kernel's choice, and a cloud that answers the address on its router still gets it. None where a
/// subnet of the interface or one of its static routes holds the server (that route already decides).
/// </summary>
internal static class LinkLocalDnsRoutes
{
    /// <summary>
    /// Each route for <paramref name="nic"/>, given the servers placed on it: the decision every
    /// backend shares; each writes the routes its own way.
    /// </summary>
    public static IReadOnlyList<LinkLocalDnsRoute> For(InterfaceConfiguration nic, IReadOnlyList<IPAddress> placed) =>
        placed
            .Where(server => server.AddressFamily == AddressFamily.InterNetwork && LinkDnsServers.IsLinkLocal(server))
            .Where(server => !nic.IPv4Addresses.Any(address => OnLinkGateway.Contains(address, server))
                && !nic.Routes.Any(route => !route.IsIPv6 && OnLinkGateway.Contains(new InterfaceAddress(route.Network, route.PrefixLength), server)))
            .Select(server => new LinkLocalDnsRoute(server, nic.IPv4Gateway))
            .ToArray();

    /// <summary>
    /// The <c>ip route</c> destination words of each route for <paramref name="nic"/>
    /// (<c>169.254.169.253/32 dev eth1</c>), given the servers placed on it.
    /// </summary>
    public static IReadOnlyList<string> IpRouteSpecs(InterfaceConfiguration nic, IReadOnlyList<IPAddress> placed) =>
        For(nic, placed)
            .Select(route => route.Gateway is { } gateway
                ? $"{route.Destination} via {gateway} dev {nic.Name}{nic.IpRouteOnLink(gateway)}"
                : $"{route.Destination} dev {nic.Name}")
            .ToArray();
}
