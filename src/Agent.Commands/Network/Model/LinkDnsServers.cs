using System.Net;

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
    /// <summary>The servers <paramref name="nic"/> carries: its own of its families, then those it takes in for other interfaces.</summary>
    public static IReadOnlyList<IPAddress> Of(NetworkConfiguration configuration, InterfaceConfiguration nic)
    {
        var servers = nic.DnsServers.Where(server => HasFamilyOf(nic, server)).ToList();
        foreach (var other in configuration.Interfaces)
        {
            foreach (var server in other.DnsServers)
            {
                if (Home(configuration, other, server) == nic.Name && !servers.Contains(server))
                {
                    servers.Add(server);
                }
            }
        }

        return servers;
    }

    /// <summary>Every server that no configured interface can carry, in interface order, without duplicates.</summary>
    public static IReadOnlyList<IPAddress> Unplaced(NetworkConfiguration configuration) =>
        configuration.Interfaces
            .SelectMany(nic => nic.DnsServers.Where(server => Home(configuration, nic, server) is null))
            .Distinct()
            .ToArray();

    /// <summary>The name of the interface that carries <paramref name="server"/> of <paramref name="nic"/>'s list, or <c>null</c>.</summary>
    private static string? Home(NetworkConfiguration configuration, InterfaceConfiguration nic, IPAddress server)
    {
        if (HasFamilyOf(nic, server))
        {
            return nic.Name;
        }

        if (server.IsIPv6LinkLocal)
        {
            return null;
        }

        // An interface that lists the server itself and can reach it already carries it.
        var able = configuration.Interfaces.Where(other => HasFamilyOf(other, server)).ToArray();
        return (able.FirstOrDefault(other => other.DnsServers.Contains(server)) ?? able.FirstOrDefault())?.Name;
    }

    private static bool HasFamilyOf(InterfaceConfiguration nic, IPAddress server) =>
        nic.Addresses.Any(address => address.Address.AddressFamily == server.AddressFamily);
}
