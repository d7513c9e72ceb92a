using System.Net;

namespace GuestAgent.Commands.Network.Model;

/// <summary>
/// The validated configuration of one network interface: what Nova asked for, matched to the
/// interface that carries the MAC address. Immutable; every address already parsed.
/// </summary>
/// <param name="Name">The operating system's interface name, for example <c>eth0</c>.</param>
/// <param name="Mac">The interface's MAC address.</param>
/// <param name="Label">Nova's network label (<c>public</c>, <c>private</c>, …); only used in comments.</param>
/// <param name="IPv4Addresses">Enabled IPv4 addresses, in Nova's order.</param>
/// <param name="IPv6Addresses">Enabled IPv6 addresses, in Nova's order.</param>
/// <param name="IPv4Gateway">The IPv4 default gateway, if any.</param>
/// <param name="IPv6Gateway">The IPv6 default gateway, if any.</param>
/// <param name="Routes">Static routes (never default routes: those become gateways).</param>
/// <param name="DnsServers">DNS servers, in Nova's order, without duplicates.</param>
internal sealed record InterfaceConfiguration(
    string Name,
    MacAddress Mac,
    string Label,
    IReadOnlyList<InterfaceAddress> IPv4Addresses,
    IReadOnlyList<InterfaceAddress> IPv6Addresses,
    IPAddress? IPv4Gateway,
    IPAddress? IPv6Gateway,
    IReadOnlyList<StaticRoute> Routes,
    IReadOnlyList<IPAddress> DnsServers)
{
    /// <summary>Every address, IPv4 first.</summary>
    public IEnumerable<InterfaceAddress> Addresses => IPv4Addresses.Concat(IPv6Addresses);

    /// <summary>Whether the interface has at least one IPv6 address.</summary>
    public bool HasIPv6 => IPv6Addresses.Count > 0;

    /// <summary>Whether the interface has at least one IPv4 address.</summary>
    public bool HasIPv4 => IPv4Addresses.Count > 0;

    /// <summary>
    /// <see cref="DnsServers"/> as a resolver list names them (<c>resolv.conf</c>, and the files whose
    /// servers end up there or in systemd-resolved's global list): a link-local IPv6 server with this
    /// interface as its scope (<c>fe80::53%eth0</c>, as glibc, musl and resolved read it). Without one
    /// the resolver's <c>connect()</c> to it fails with EINVAL, so the server would never be asked.
    /// </summary>
    public IEnumerable<string> ScopedDnsServers =>
        DnsServers.Select(server => server.IsIPv6LinkLocal ? $"{server}%{Name}" : server.ToString());
}
