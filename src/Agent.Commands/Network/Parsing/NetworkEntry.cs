using System.Net;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// One <c>vm-data/networking/&lt;key&gt;</c> object after validation, before it is matched to an
/// interface of this system.
/// </summary>
/// <param name="Key">The XenStore key it came from (only used in messages).</param>
/// <param name="Mac">The <c>mac</c> field.</param>
/// <param name="Label">The <c>label</c> field, or empty.</param>
/// <param name="IPv4Addresses">Enabled IPv4 addresses.</param>
/// <param name="IPv6Addresses">Enabled IPv6 addresses.</param>
/// <param name="IPv4Gateway">The IPv4 gateway.</param>
/// <param name="IPv6Gateway">The IPv6 gateway.</param>
/// <param name="Routes">Static routes.</param>
/// <param name="DnsServers">DNS servers.</param>
public sealed record NetworkEntry(
    string Key,
    MacAddress Mac,
    string Label,
    IReadOnlyList<InterfaceAddress> IPv4Addresses,
    IReadOnlyList<InterfaceAddress> IPv6Addresses,
    IPAddress? IPv4Gateway,
    IPAddress? IPv6Gateway,
    IReadOnlyList<StaticRoute> Routes,
    IReadOnlyList<IPAddress> DnsServers)
{
    /// <summary>Whether any address is enabled.</summary>
    public bool HasAddresses => IPv4Addresses.Count + IPv6Addresses.Count > 0;
}
