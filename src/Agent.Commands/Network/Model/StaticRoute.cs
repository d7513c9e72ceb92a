using System.Net;
using System.Net.Sockets;

namespace GuestAgent.Commands.Network.Model;

/// <summary>A static route to a network through a gateway.</summary>
/// <param name="Network">The destination network address.</param>
/// <param name="PrefixLength">The destination's prefix length.</param>
/// <param name="Gateway">The next hop.</param>
internal sealed record StaticRoute(IPAddress Network, int PrefixLength, IPAddress Gateway)
{
    /// <summary>Whether this is an IPv6 route.</summary>
    public bool IsIPv6 => Network.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Whether the route is a default route (<c>0.0.0.0/0</c> or <c>::/0</c>).</summary>
    public bool IsDefault => PrefixLength == 0;

    /// <summary>The dotted netmask (IPv4 only).</summary>
    public string Netmask => IsIPv6
        ? throw new InvalidOperationException("IPv6 routes have no dotted netmask")
        : Model.Netmask.FromPrefixLength(PrefixLength);

    /// <summary>The destination in CIDR notation.</summary>
    public string Destination => $"{Network}/{PrefixLength}";
}
