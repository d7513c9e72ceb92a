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
/// interface has no address of cannot be reached. Nova's <c>dns</c> list is per network and may mix
/// families (an IPv6-only network with an IPv4 resolver), so a server goes to its own interface when
/// that has an address of the server's family, else to an interface that has one and lists the server
/// too, else to the first configured interface (by name) that has one, after that interface's own servers. A link-local IPv6 server only works on its own link
/// and never moves. A server no interface can take is left out (<see cref="Unplaced"/>, which the
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

        public Homes(NetworkConfiguration configuration)
        {
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
        /// own if it has the family, else one of the family that lists it too (it carries it already),
        /// else the first of the family; <c>null</c> for none, and for a link-local server off its link.
        /// </summary>
        public string? Of(InterfaceConfiguration nic, IPAddress server)
        {
            if (_families[nic.Name].Contains(server.AddressFamily))
            {
                return nic.Name;
            }

            if (server.IsIPv6LinkLocal)
            {
                return null;
            }

            return _firstListing.TryGetValue(server, out var listing) ? listing : _firstOfFamily.GetValueOrDefault(server.AddressFamily);
        }
    }
}
