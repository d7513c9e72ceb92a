using System.Net.Sockets;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Debian's <c>/etc/network/interfaces</c>, in the original agent's layout (same header, labels,
/// 4-space indentation, <c>dns-nameservers</c> on the first stanza). Unlike the original, each
/// extra address gets its own <c>iface</c> stanza (ifupdown ≥ 0.7 merges them) instead of an
/// <c>eth0:N</c> alias, which cannot carry IPv6, and routes use <c>ip route</c> (net-tools'
/// <c>route</c> is no longer installed by default), removed again with <c>pre-down</c>. Stanzas
/// of interfaces that are not configured here are kept (see <see cref="IfupdownKeptStanzas"/>).
/// </summary>
internal sealed class IfupdownRenderer : INetworkRenderer
{
    /// <summary>The file this renderer writes.</summary>
    public const string FilePath = "/etc/network/interfaces";

    /// <inheritdoc />
    public NetworkBackend Backend => NetworkBackend.Ifupdown;

    /// <inheritdoc />
    public RenderResult Render(NetworkConfiguration configuration, IFileView current)
    {
        var text = new ConfigText()
            .Line("# Used by ifup(8) and ifdown(8). See the interfaces(5) manpage or")
            .Line("# /usr/share/doc/ifupdown/examples for more information.")
            .Line("# The loopback network interface")
            .Line("auto lo")
            .Line("iface lo inet loopback");
        foreach (var nic in configuration.Interfaces)
        {
            text.Line();
            text.LabelComment(nic.Label);

            text.Line($"auto {nic.Name}");
            var first = true;
            WriteFamily(text, nic, nic.IPv4Addresses, "inet", nic.IPv4Gateway, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetwork),
                nic.Routes.Where(r => !r.IsIPv6), ref first);
            WriteFamily(text, nic, nic.IPv6Addresses, "inet6", nic.IPv6Gateway, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetworkV6),
                nic.Routes.Where(r => r.IsIPv6), ref first);
        }

        var kept = IfupdownKeptStanzas.Find(current.ReadText(FilePath), configuration.Interfaces.Select(i => i.Name).ToArray());
        if (kept.Count > 0)
        {
            text.Line().Line("# Kept from the previous configuration").Lines(kept);
        }

        return RenderResult.Of(new RenderedFile(FilePath, text.ToString(), RenderedFile.Public));
    }

    private static void WriteFamily(
        ConfigText text,
        InterfaceConfiguration nic,
        IReadOnlyList<InterfaceAddress> addresses,
        string family,
        System.Net.IPAddress? gateway,
        int? metric,
        IEnumerable<StaticRoute> routes,
        ref bool firstStanza)
    {
        for (var i = 0; i < addresses.Count; i++)
        {
            var address = addresses[i];
            text.Line($"iface {nic.Name} {family} static")
                .Line($"    address {address.Address}")
                .Line($"    netmask {(address.IsIPv6 ? address.PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture) : address.Netmask)}");
            if (i == 0 && gateway is not null)
            {
                text.Line($"    gateway {gateway}");
                if (metric is { } value)
                {
                    // ifupdown puts it on the default route: a second one of equal metric fails with "File exists".
                    text.Line($"    metric {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                }
            }

            if (firstStanza && nic.DnsServers.Count > 0)
            {
                text.Line($"    dns-nameservers {string.Join(' ', nic.DnsServers)}");
            }

            firstStanza = false;
            // ifup runs a stanza's post-up before it adds the next stanza's address: in the family's
            // last stanza, a gateway in the subnet of a later address is reachable too.
            if (i == addresses.Count - 1)
            {
                var ip = family == "inet6" ? "ip -6" : "ip";
                foreach (var route in routes)
                {
                    // ifupdown adds onlink to its own gateway route; a post-up route must say it itself.
                    var spec = $"{route.Destination} via {route.Gateway} dev {nic.Name}{nic.IpRouteOnLink(route.Gateway)}";
                    text.Line($"    post-up {ip} route add {spec} || true")
                        .Line($"    pre-down {ip} route del {spec} || true");
                }
            }
        }
    }
}
