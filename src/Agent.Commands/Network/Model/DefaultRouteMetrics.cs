using System.Net.Sockets;

namespace GuestAgent.Commands.Network.Model;

/// <summary>
/// The metric of each interface's default route when several interfaces have a default gateway
/// of one family (Nova's public and private networks both with one). Two default routes of equal
/// metric collide: ifupdown's second <c>ip route add default</c> fails with "File exists" and that
/// interface's <c>ifup</c> fails, and a <c>route replace</c> (ifupdown's IPv6 gateway, networkd)
/// takes the default route from the interface before it. The first interface by name (<c>eth0</c>,
/// Nova's first device, the public network) keeps the backend's default metric, so a single
/// gateway is written as before; each later one gets a higher metric, above every backend's
/// default (IPv4: the kernel's 0, NetworkManager's 100; IPv6: 1024), so every interface comes up
/// and the first one's gateway carries the traffic.
/// </summary>
internal static class DefaultRouteMetrics
{
    /// <summary>The metric of the second interface's default route; each later one adds <see cref="Step"/>.</summary>
    public const int First = 2000;

    /// <summary>The distance between the metrics of two later interfaces.</summary>
    public const int Step = 100;

    /// <summary>
    /// The metric to write for the default route of <paramref name="family"/> on <paramref name="nic"/>,
    /// or <c>null</c> to write none (the first interface with such a gateway, or one without a gateway).
    /// </summary>
    public static int? For(NetworkConfiguration configuration, InterfaceConfiguration nic, AddressFamily family)
    {
        var index = WithGateway(configuration, family).Select(i => i.Name).ToList().IndexOf(nic.Name);
        return index > 0 ? First + (Step * (index - 1)) : null;
    }

    /// <summary>
    /// The interfaces with a default gateway of <paramref name="family"/>, by name: the first is the
    /// one whose gateway carries the traffic (FreeBSD, which holds one default router, writes only its).
    /// </summary>
    public static IReadOnlyList<InterfaceConfiguration> WithGateway(NetworkConfiguration configuration, AddressFamily family) =>
        configuration.Interfaces.Where(i => (family == AddressFamily.InterNetworkV6 ? i.IPv6Gateway : i.IPv4Gateway) is not null).ToArray();

    /// <summary>
    /// What an <c>ip route add default …</c> line of a shell-style backend (netifrc, netctl, Red Hat's
    /// route files) adds, and SUSE's <c>ifroute</c> line after its interface column (wicked reads the
    /// options there as <c>ip route</c>'s): <c>" metric N"</c> for an interface after the first, else nothing.
    /// </summary>
    public static string IpRouteWords(NetworkConfiguration configuration, InterfaceConfiguration nic, AddressFamily family) =>
        For(configuration, nic, family) is { } metric ? $" metric {metric.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "";
}
