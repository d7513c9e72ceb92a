using System.Net.Sockets;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Gentoo netifrc, <c>/etc/conf.d/net</c> in the OpenRC style the original wrote when
/// <c>/sbin/rc</c> existed: <c>config_&lt;if&gt;</c> with one CIDR address per line,
/// <c>routes_&lt;if&gt;</c> with the static routes and default gateways, and
/// <c>dns_servers_&lt;if&gt;</c>. netifrc writes <c>resolv.conf</c> from the latter itself. Other
/// settings of the old file are kept (see <see cref="GentooKeptSettings"/>).
/// </summary>
internal sealed class GentooRenderer : INetworkRenderer
{
    /// <summary>The file this renderer writes.</summary>
    public const string FilePath = "/etc/conf.d/net";

    /// <inheritdoc />
    public NetworkBackend Backend => NetworkBackend.GentooNetifrc;

    /// <inheritdoc />
    public RenderResult Render(NetworkConfiguration configuration, IFileView current)
    {
        var text = new ConfigText().Line(ConfigText.Header).Line("modules=\"iproute2\"");
        foreach (var nic in configuration.Interfaces)
        {
            text.Line();
            text.LabelComment(nic.Label);

            var name = InterfaceNames.ForVariable(nic.Name);
            text.Line($"config_{name}=\"{string.Join('\n', nic.Addresses.Select(a => a.Cidr))}\"");
            // netifrc's iproute2 module hands each line to ip route with "dev <if>" added, so onlink passes through.
            var routes = nic.Routes.Select(r => $"{r.Destination} via {r.Gateway}{nic.IpRouteOnLink(r.Gateway)}").ToList();
            if (nic.IPv4Gateway is { } gateway4)
            {
                routes.Add($"default via {gateway4}{nic.IpRouteOnLink(gateway4)}{DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetwork)}");
            }

            if (nic.IPv6Gateway is { } gateway6)
            {
                routes.Add($"default via {gateway6}{nic.IpRouteOnLink(gateway6)}{DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetworkV6)}");
            }

            if (routes.Count > 0)
            {
                text.Line($"routes_{name}=\"{string.Join('\n', routes)}\"");
            }

            if (nic.DnsServers.Count > 0)
            {
                text.Line($"dns_servers_{name}=\"{string.Join(' ', nic.ScopedDnsServers)}\"");
            }
        }

        var kept = GentooKeptSettings.Find(current.ReadText(FilePath), configuration.Interfaces.Select(i => InterfaceNames.ForVariable(i.Name)).ToArray());
        if (kept.Count > 0)
        {
            text.Line().Line("# Kept from the previous configuration").Lines(kept);
        }

        return RenderResult.Of(new RenderedFile(FilePath, text.ToString(), RenderedFile.Public));
    }
}
