using System.Net.Sockets;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// systemd-networkd: one <c>/etc/systemd/network/05-guest-agent-&lt;if&gt;.network</c> per
/// interface. networkd uses the first matching file in lexical order, so the <c>05-</c> prefix
/// puts ours before cloud-init's and netplan's <c>10-</c> files; a foreign file that still comes
/// first and matches a configured interface is refused (<see cref="NetworkdForeignFiles"/>). Our
/// files for interfaces that are no longer configured are removed.
/// </summary>
internal sealed class NetworkdRenderer : INetworkRenderer
{
    private const string Directory = "/etc/systemd/network";
    private const string Prefix = "05-guest-agent-";

    /// <inheritdoc />
    public NetworkBackend Backend => NetworkBackend.SystemdNetworkd;

    /// <summary>The file written for an interface.</summary>
    public static string PathFor(string interfaceName) => $"{Directory}/{Prefix}{interfaceName}.network";

    /// <inheritdoc />
    /// <exception cref="Parsing.InvalidNetworkDataException">A foreign file that networkd would take first matches a configured interface (<see cref="NetworkdForeignFiles"/>).</exception>
    public RenderResult Render(NetworkConfiguration configuration, IFileView current)
    {
        NetworkdForeignFiles.Check(configuration, current, Prefix);
        var servers = LinkDnsServers.Place(configuration);
        var files = configuration.Interfaces.Select(nic => RenderInterface(configuration, nic, servers[nic.Name])).ToArray();
        return new RenderResult(files, OwnedFiles.Stale(current, Directory, Prefix, ".network", files));
    }

    /// <param name="configuration">Every interface: which default gateway comes first (<see cref="DefaultRouteMetrics"/>).</param>
    /// <param name="nic">The interface.</param>
    /// <param name="dns">Its servers, each of a family it has an address of: systemd-resolved asks them over this interface.</param>
    private static RenderedFile RenderInterface(NetworkConfiguration configuration, InterfaceConfiguration nic, IReadOnlyList<System.Net.IPAddress> dns)
    {
        var text = new ConfigText().Line(ConfigText.Header);
        text.LabelComment(nic.Label);

        text.Line().Line("[Match]").Line(MatchLine(nic)).Line()
            .Line("[Network]")
            .Line("DHCP=no");
        text.Lines(nic.Addresses.Select(a => $"Address={a.Cidr}"));
        // [Network] Gateway= has neither an on-link switch nor a metric: such a default gateway becomes a [Route] below.
        var defaults = new[]
            {
                ("0.0.0.0/0", nic.IPv4Gateway, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetwork)),
                ("::/0", nic.IPv6Gateway, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetworkV6)),
            }
            .Where(d => d.Item2 is not null)
            .Select(d => (Destination: d.Item1, Gateway: d.Item2!, Metric: d.Item3))
            .ToArray();
        text.Lines(defaults.Where(d => !nic.IsOffLink(d.Gateway) && d.Metric is null).Select(d => $"Gateway={d.Gateway}"));
        text.Lines(dns.Select(d => $"DNS={d}"));
        var routes = defaults.Where(d => nic.IsOffLink(d.Gateway) || d.Metric is not null).Concat(nic.Routes.Select(r => (r.Destination, r.Gateway, Metric: (int?)null)));
        foreach (var (destination, gateway, metric) in routes)
        {
            text.Line().Line("[Route]").Line($"Destination={destination}").Line($"Gateway={gateway}");
            if (nic.IsOffLink(gateway))
            {
                // Without it the kernel refuses a gateway no link route reaches.
                text.Line("GatewayOnLink=yes");
            }

            if (metric is { } value)
            {
                text.Line($"Metric={value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }

        // glibc reads the agent's resolv.conf where no systemd-resolved takes the servers, and asks an IPv4 link-local one through the routing table.
        foreach (var route in LinkLocalDnsRoutes.For(nic, dns))
        {
            text.Line().Line("[Route]").Line($"Destination={route.Destination}");
            if (route.Gateway is not { } gateway)
            {
                text.Line("Scope=link");
                continue;
            }

            text.Line($"Gateway={gateway}");
            if (nic.IsOffLink(gateway))
            {
                text.Line("GatewayOnLink=yes");
            }
        }

        return new RenderedFile(PathFor(nic.Name), text.ToString(), RenderedFile.Public);
    }

    /// <summary>
    /// The interface by name; by its MAC when networkd refuses the name: one of digits only, which
    /// systemd never takes for a name (it would read as an interface index), so networkd ignored the
    /// whole file ("Invalid interface name '123'") and left the interface unconfigured.
    /// </summary>
    private static string MatchLine(InterfaceConfiguration nic) =>
        nic.Name.All(char.IsAsciiDigit) ? $"MACAddress={nic.Mac}" : $"Name={nic.Name}";
}
