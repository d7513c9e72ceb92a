using System.Net;
using System.Net.Sockets;

namespace GuestAgent.Commands.Network.Model;

/// <summary>
/// The DNS servers of each interface for the network systems that tie a server to an interface:
/// NetworkManager keeps a server in the <c>ipv4</c> or <c>ipv6</c> settings of its family and refuses
/// a connection whose settings of a family without addresses carry one ("ipv4.dns: this property is
/// not allowed for 'method=disabled'"; netplan writes such settings for NetworkManager, which then
/// drops the whole connection, addresses and all), and systemd-resolved asks an interface's servers
/// over that interface (netplan's and systemd-networkd's <c>DNS=</c>), where a server of a family the
/// interface has no address of cannot be reached, nor one the interface has no route to (resolved's
/// query leaves by that interface alone: the kernel then takes the server as on-link, and no one
/// answers its ARP; glibc, asking through the routing table, would have reached it). Nova's <c>dns</c>
/// list is per network and may mix families (an IPv6-only network with an IPv4 resolver) and name a
/// resolver only another network routes to (a private network without a default gateway), so a server
/// goes to its own interface when that reaches it (an address of its family and a subnet, a static
/// route or a default gateway holding it), else to the interface whose route to it is the most
/// specific, as the kernel would choose (among equals one that lists it too, else the first by name); one that no interface reaches goes, as before, to its own interface when that has an
/// address of the server's family, else to an interface that has one and lists the server too, else to
/// the first configured interface (by name) that has one; each after that interface's own servers.
/// A link-local server (IPv6, or IPv4's 169.254.0.0/16) only works on its own link and never moves. A server no interface can take is left out (<see cref="Unplaced"/>, which the
/// configuration's builder warns about); backends that write one global list
/// (<c>resolv.conf</c>, ifcfg's <c>DNSn</c>) still get every server.
/// </summary>
internal static class LinkDnsServers
{
    /// <summary>The servers each interface carries (by name): its own of its families, then those it takes in for other interfaces.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> Place(NetworkConfiguration configuration)
    {
        var homes = new Homes(configuration);
        var placed = configuration.Interfaces.ToDictionary(nic => nic.Name, _ => new List<IPAddress>(), StringComparer.Ordinal);
        var seen = configuration.Interfaces.ToDictionary(nic => nic.Name, _ => new HashSet<IPAddress>(), StringComparer.Ordinal);

        // Every interface's own servers first, then the ones it takes in, each list in Nova's order.
        foreach (var ownOnly in new[] { true, false })
        {
            foreach (var nic in configuration.Interfaces)
            {
                foreach (var server in nic.DnsServers)
                {
                    if (homes.Of(nic, server) is { } home && (home == nic.Name) == ownOnly && seen[home].Add(server))
                    {
                        placed[home].Add(server);
                    }
                }
            }
        }

        return placed.ToDictionary(p => p.Key, p => (IReadOnlyList<IPAddress>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether <paramref name="server"/> is reachable on its own link only: an IPv6 link-local address
    /// (<c>fe80::/10</c>) or an IPv4 one (<c>169.254.0.0/16</c>, where some clouds put their resolver),
    /// which no router forwards (RFC 3927), so another interface's gateway never reaches it.
    /// </summary>
    public static bool IsLinkLocal(IPAddress server) =>
        server.IsIPv6LinkLocal || (server.AddressFamily == AddressFamily.InterNetwork && server.GetAddressBytes() is [169, 254, _, _]);

    /// <summary>Every server that no configured interface can carry, in interface order, without duplicates.</summary>
    public static IReadOnlyList<IPAddress> Unplaced(NetworkConfiguration configuration)
    {
        var homes = new Homes(configuration);
        return configuration.Interfaces
            .SelectMany(nic => nic.DnsServers.Where(server => homes.Of(nic, server) is null))
            .Distinct()
            .ToArray();
    }

    /// <summary>Which interface carries a server, looked up without rescanning every list (vm-data may hold many).</summary>
    private sealed class Homes
    {
        private readonly Dictionary<string, HashSet<AddressFamily>> _families = new(StringComparer.Ordinal);
        private readonly Dictionary<AddressFamily, string> _firstOfFamily = [];
        private readonly Dictionary<IPAddress, string> _firstListing = [];
        private readonly Dictionary<IPAddress, string?> _bestRoute = [];
        private readonly IReadOnlyList<InterfaceConfiguration> _interfaces;

        public Homes(NetworkConfiguration configuration)
        {
            _interfaces = configuration.Interfaces;
            foreach (var nic in configuration.Interfaces)
            {
                var families = nic.Addresses.Select(address => address.Address.AddressFamily).ToHashSet();
                _families[nic.Name] = families;
                foreach (var family in families)
                {
                    _firstOfFamily.TryAdd(family, nic.Name);
                }

                foreach (var server in nic.DnsServers.Where(server => families.Contains(server.AddressFamily)))
                {
                    _firstListing.TryAdd(server, nic.Name);
                }
            }
        }

        /// <summary>
        /// The interface that carries <paramref name="server"/> of <paramref name="nic"/>'s list: its
        /// own if it routes to it, else one that routes to it (<see cref="Routed"/>); when none does, its
        /// own if it has the family, else one of the family that lists it too (it carries it already),
        /// else the first of the family; <c>null</c> for none, and for a link-local server off its link.
        /// </summary>
        public string? Of(InterfaceConfiguration nic, IPAddress server)
        {
            if (IsLinkLocal(server))
            {
                return _families[nic.Name].Contains(server.AddressFamily) ? nic.Name : null;
            }

            if (RoutePrefix(nic, server) is not null)
            {
                return nic.Name;
            }

            if (Routed(server) is { } routed)
            {
                return routed;
            }

            if (_families[nic.Name].Contains(server.AddressFamily))
            {
                return nic.Name;
            }

            return _firstListing.TryGetValue(server, out var listing) ? listing : _firstOfFamily.GetValueOrDefault(server.AddressFamily);
        }

        /// <summary>
        /// The interface that reaches <paramref name="server"/> by the most specific route (the first by
        /// name of those that tie), one that lists it before one that does not; <c>null</c> when none does.
        /// Kept per server, as every interface listing it asks again.
        /// </summary>
        private string? Routed(IPAddress server)
        {
            if (_bestRoute.TryGetValue(server, out var known))
            {
                return known;
            }

            InterfaceConfiguration? best = null;
            var bestPrefix = -1;
            var bestLists = false;
            foreach (var candidate in _interfaces)
            {
                if (RoutePrefix(candidate, server) is not { } prefix)
                {
                    continue;
                }

                var lists = candidate.DnsServers.Contains(server);
                if (prefix > bestPrefix || (prefix == bestPrefix && lists && !bestLists))
                {
                    (best, bestPrefix, bestLists) = (candidate, prefix, lists);
                }
            }

            return _bestRoute[server] = best?.Name;
        }

        /// <summary>
        /// The prefix length of <paramref name="nic"/>'s most specific route to <paramref name="server"/>
        /// (a subnet of its addresses or a static route; <c>0</c> for its default gateway of the
        /// server's family), <c>null</c> when it has none or no address of that family to send from.
        /// </summary>
        private int? RoutePrefix(InterfaceConfiguration nic, IPAddress server)
        {
            if (!_families[nic.Name].Contains(server.AddressFamily))
            {
                return null;
            }

            var specific = nic.Addresses.Where(address => OnLinkGateway.Contains(address, server)).Select(address => (int?)address.PrefixLength)
                .Concat(nic.Routes.Where(route => OnLinkGateway.Contains(new InterfaceAddress(route.Network, route.PrefixLength), server)).Select(route => (int?)route.PrefixLength))
                .Max();
            var gateway = server.AddressFamily == AddressFamily.InterNetworkV6 ? nic.IPv6Gateway : nic.IPv4Gateway;
            return specific ?? (gateway is null ? null : 0);
        }
    }
}
