using System.Net;

namespace GuestAgent.Commands.Network.Model;

/// <summary>One host route to an IPv4 link-local DNS server (<see cref="LinkLocalDnsRoutes"/>).</summary>
/// <param name="Server">The server.</param>
/// <param name="Gateway">The interface's IPv4 default gateway, the route's next hop; none where the route is on the link.</param>
internal readonly record struct LinkLocalDnsRoute(IPAddress Server, IPAddress? Gateway)
{
    /// <summary>The route's destination, the server's host prefix (<c>169.254.169.253/32</c>).</summary>
    public string Destination => $"{Server}/32";
}
