using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Debian's <c>/etc/network/interfaces</c>, in the original agent's layout (same header, labels,
/// 4-space indentation). Unlike the original, each extra address gets its own <c>iface</c> stanza
/// (ifupdown ≥ 0.7 brings them up in turn) instead of an <c>eth0:N</c> alias, which cannot carry
/// IPv6, so <c>dns-nameservers</c> goes on the first family's last stanza (resolvconf keeps the last
/// stanza's servers of each family), and routes use <c>ip route</c> (net-tools'
/// <c>route</c> is no longer installed by default), removed again with <c>pre-down</c>. Stanzas
/// of interfaces that are not configured here are kept unless they are ours, marked above each
/// interface's block (see <see cref="IfupdownKeptStanzas"/>).
/// One file serves Debian's ifupdown and Alpine's ifupdown-ng and busybox <c>ifup</c> alike: a
/// <c>gateway</c> line only for a gateway all three add as written, in the family's last stanza.
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
        var placed = LinkDnsServers.Place(configuration);
        foreach (var nic in configuration.Interfaces)
        {
            text.Line();
            text.LabelComment(nic.Label);

            // What tells a later resetnetwork that leaves this interface out that the block is ours to drop.
            text.Line(IfupdownKeptStanzas.Marker(nic.Name));
            text.Line($"auto {nic.Name}");
            var dnsWritten = false;
            WriteFamily(text, nic, nic.IPv4Addresses, "inet", nic.IPv4Gateway, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetwork),
                nic.Routes.Where(r => !r.IsIPv6), LinkLocalDnsRoutes.IpRouteSpecs(nic, placed[nic.Name]), ref dnsWritten);
            WriteFamily(text, nic, nic.IPv6Addresses, "inet6", nic.IPv6Gateway, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetworkV6),
                nic.Routes.Where(r => r.IsIPv6), [], ref dnsWritten);
        }

        var kept = IfupdownKeptStanzas.Find(current.ReadText(FilePath), configuration.Interfaces.Select(i => i.Name).ToArray());
        if (kept.Lines.Count > 0)
        {
            text.Line().Line("# Kept from the previous configuration").Lines(kept.Lines);
        }

        return RenderResult.Of(new RenderedFile(FilePath, text.ToString(), RenderedFile.Public)) with { Warnings = kept.Warnings };
    }

    private static void WriteFamily(
        ConfigText text,
        InterfaceConfiguration nic,
        IReadOnlyList<InterfaceAddress> addresses,
        string family,
        IPAddress? gateway,
        int? metric,
        IEnumerable<StaticRoute> routes,
        IReadOnlyList<string> linkLocalDnsRoutes,
        ref bool dnsWritten)
    {
        for (var i = 0; i < addresses.Count; i++)
        {
            var address = addresses[i];
            var last = i == addresses.Count - 1;
            text.Line($"iface {nic.Name} {family} static")
                .Line($"    address {address.Address}")
                .Line($"    netmask {(address.IsIPv6 ? address.PrefixLength.ToString(CultureInfo.InvariantCulture) : address.Netmask)}");

            // The family's last stanza: busybox adds a stanza's gateway right after its own address,
            // so a gateway in the subnet of a later address was refused there.
            var plainGateway = last && gateway is not null && metric is null && !nic.IsOffLink(gateway);
            if (plainGateway)
            {
                text.Line($"    gateway {gateway}");
            }

            // resolvconf's if-up.d hook runs for each stanza and replaces the record of <interface>.<family>
            // with that stanza's servers: a later stanza of the family without them would empty it. It
            // writes each as a nameserver line: a link-local one needs its link there.
            if (last && !dnsWritten && nic.DnsServers.Count > 0)
            {
                text.Line($"    dns-nameservers {string.Join(' ', nic.ScopedDnsServers)}");
                dnsWritten = true;
            }
            // ifup runs a stanza's post-up before it adds the next stanza's address: in the family's
            // last stanza, a gateway in the subnet of a later address is reachable too.
            if (last)
            {
                var ip = family == "inet6" ? "ip -6" : "ip";
                var specs = routes.Select(r => $"{r.Destination} via {r.Gateway} dev {nic.Name}{nic.IpRouteOnLink(r.Gateway)}");
                if (gateway is not null && !plainGateway)
                {
                    // Only Debian's ifupdown adds onlink to a gateway route, and ifupdown-ng takes one
                    // metric for every gateway of the interface (the last metric line): an off-link
                    // gateway or one with a metric is a route of its own, added the same by all three.
                    var metricWords = metric is { } value ? $" metric {value.ToString(CultureInfo.InvariantCulture)}" : "";
                    specs = specs.Prepend($"default via {gateway} dev {nic.Name}{nic.IpRouteOnLink(gateway)}{metricWords}");
                }

                // After the gateway's route, which one via it needs in place.
                foreach (var spec in specs.Concat(linkLocalDnsRoutes))
                {
                    text.Line($"    post-up {ip} route add {spec} || true")
                        .Line($"    pre-down {ip} route del {spec} || true");
                }
            }
        }
    }
}
