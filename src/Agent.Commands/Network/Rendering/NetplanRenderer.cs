using System.Net.Sockets;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// netplan YAML: one file, <c>/etc/netplan/90-guest-agent.yaml</c> (mode 0600, as netplan
/// requires). Other netplan files that define one of the same interfaces (cloud-init's
/// <c>50-cloud-init.yaml</c>, for example) lose those definitions, because netplan would merge
/// their addresses into ours; their other interfaces are kept (see <see cref="NetplanOtherFiles"/>).
/// </summary>
internal sealed class NetplanRenderer : INetworkRenderer
{
    /// <summary>The file this renderer writes.</summary>
    public const string FilePath = "/etc/netplan/90-guest-agent.yaml";

    /// <inheritdoc />
    public NetworkBackend Backend => NetworkBackend.Netplan;

    /// <inheritdoc />
    public RenderResult Render(NetworkConfiguration configuration, IFileView current)
    {
        var text = new ConfigText()
            .Line(ConfigText.Header)
            .Line("network:")
            .Line("  version: 2")
            .Line("  ethernets:");
        var servers = LinkDnsServers.Place(configuration);
        foreach (var nic in configuration.Interfaces)
        {
            text.Line($"    {nic.Name}:");
            text.LabelComment(nic.Label, "      ");

            text.Line("      dhcp4: false").Line("      dhcp6: false").Line("      addresses:");
            text.Lines(nic.Addresses.Select(a => $"        - \"{a.Cidr}\""));
            var dns = servers[nic.Name];
            // glibc asks an IPv4 link-local server through the routing table where no systemd-resolved takes the servers (LinkLocalDnsRoutes).
            var routes = DefaultRoutes(configuration, nic)
                .Concat(nic.Routes.Select(r => (r.Destination, (System.Net.IPAddress?)r.Gateway, Metric: (int?)null)))
                .Concat(LinkLocalDnsRoutes.For(nic, dns).Select(r => (r.Destination, r.Gateway, Metric: (int?)null)))
                .ToArray();
            if (routes.Length > 0)
            {
                text.Line("      routes:");
                foreach (var (to, gateway, metric) in routes)
                {
                    text.Line($"        - to: \"{to}\"");
                    if (gateway is not { } via)
                    {
                        // netplan writes Scope=link for networkd and a route without a next hop for NetworkManager.
                        text.Line("          scope: link");
                        continue;
                    }

                    text.Line($"          via: \"{via}\"");
                    if (metric is { } value)
                    {
                        text.Line($"          metric: {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                    }

                    if (nic.IsOffLink(via))
                    {
                        // netplan writes GatewayOnLink=true for networkd and onlink=true for NetworkManager.
                        text.Line("          on-link: true");
                    }
                }
            }

            // Each server on an interface of its family: netplan's NetworkManager output of another is a connection NetworkManager refuses.
            if (dns.Count > 0)
            {
                text.Line("      nameservers:").Line("        addresses:");
                text.Lines(dns.Select(d => $"          - \"{d}\""));
            }
        }

        return RenderResult.Of(new RenderedFile(FilePath, text.ToString(), RenderedFile.Private))
            .Concat(NetplanOtherFiles.Reconcile(configuration, current, FilePath));
    }

    private static IEnumerable<(string To, System.Net.IPAddress? Via, int? Metric)> DefaultRoutes(NetworkConfiguration configuration, InterfaceConfiguration nic)
    {
        // "to: default" needs netplan 0.103+; the explicit prefixes work on every release since 18.04.
        if (nic.IPv4Gateway is { } v4)
        {
            yield return ("0.0.0.0/0", v4, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetwork));
        }

        if (nic.IPv6Gateway is { } v6)
        {
            yield return ("::/0", v6, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetworkV6));
        }
    }
}
