using System.Net;
using System.Net.Sockets;

namespace GuestAgent.Commands.Network.Model;

/// <summary>An address assigned to an interface, with the prefix length of its subnet.</summary>
/// <param name="Address">The address (IPv4 or IPv6).</param>
/// <param name="PrefixLength">The subnet's prefix length.</param>
internal sealed record InterfaceAddress(IPAddress Address, int PrefixLength)
{
    /// <summary>Whether this is an IPv6 address.</summary>
    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>The dotted netmask (IPv4 only).</summary>
    public string Netmask => IsIPv6
        ? throw new InvalidOperationException("IPv6 addresses have no dotted netmask")
        : Model.Netmask.FromPrefixLength(PrefixLength);

    /// <summary>CIDR notation, for example <c>192.0.2.42/24</c>.</summary>
    public string Cidr => $"{Address}/{PrefixLength}";

    /// <inheritdoc />
    public override string ToString() => Cidr;
}
