using System.Net.Sockets;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Arch Linux netctl profiles, <c>/etc/netctl/&lt;if&gt;</c>: every address (the original kept
/// only the first), prefixes in CIDR form (the original wrote dotted netmasks, which netctl
/// rejects), and one profile name used for both stopping and starting. Profiles this agent wrote
/// for interfaces no longer configured are removed; other profiles are left alone.
/// </summary>
internal sealed class NetctlRenderer : INetworkRenderer
{
    /// <summary>Where the profiles live.</summary>
    public const string Directory = "/etc/netctl";

    private const string Marker = "# Written by guest-agent resetnetwork";

    /// <inheritdoc />
    public NetworkBackend Backend => NetworkBackend.Netctl;

    /// <inheritdoc />
    public RenderResult Render(NetworkConfiguration configuration, IFileView current)
    {
        var files = configuration.Interfaces
            .Select(nic => new RenderedFile($"{Directory}/{nic.Name}", RenderProfile(configuration, nic), RenderedFile.Public))
            .ToArray();
        var written = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        // Only profile names that could be interfaces: our own eth0.bak copies are not profiles to remove.
        var stale = current.List(Directory)
            .Where(name => name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            .Select(name => $"{Directory}/{name}")
            .Where(path => !written.Contains(path) && (current.ReadText(path)?.Contains(Marker, StringComparison.Ordinal) ?? false))
            .ToArray();
        return new RenderResult(files, stale);
    }

    private static string RenderProfile(NetworkConfiguration configuration, InterfaceConfiguration nic)
    {
        var text = new ConfigText().Line(ConfigText.Header).Line(Marker);
        text.LabelComment(nic.Label);

        text.Line($"Description='{(nic.Label.Length > 0 ? nic.Label : nic.Name)} (guest-agent)'")
            .Line($"Interface={nic.Name}")
            .Line("Connection=ethernet");
        if (nic.HasIPv4)
        {
            text.Line("IP=static").Line($"Address=({Quoted(nic.IPv4Addresses.Select(a => a.Cidr))})");
            WriteGatewayAndRoutes(text, nic, "Gateway", nic.IPv4Gateway, DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetwork), "Routes", nic.Routes.Where(r => !r.IsIPv6));
        }
        else
        {
            text.Line("IP=no");
        }

        if (nic.HasIPv6)
        {
            text.Line("IP6=static").Line($"Address6=({Quoted(nic.IPv6Addresses.Select(a => a.Cidr))})");
            WriteGatewayAndRoutes(text, nic, "Gateway6", nic.IPv6Gateway, DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetworkV6), "Routes6", nic.Routes.Where(r => r.IsIPv6));
        }
        else
        {
            text.Line("IP6=no");
        }

        if (nic.DnsServers.Count > 0)
        {
            text.Line($"DNS=({Quoted(nic.ScopedDnsServers)})");
        }

        return text.ToString();
    }

    /// <summary>
    /// netctl runs <c>ip route add default via $Gateway dev $Interface</c>, which takes neither onlink
    /// nor a metric, and <c>ip route add $route dev $Interface</c> for each route: a default gateway
    /// that needs either becomes the first route.
    /// </summary>
    private static void WriteGatewayAndRoutes(
        ConfigText text, InterfaceConfiguration nic, string gatewayKey, System.Net.IPAddress? gateway, string metricWords, string routesKey, IEnumerable<StaticRoute> routes)
    {
        var defaultAsRoute = gateway is not null && (nic.IsOffLink(gateway) || metricWords.Length > 0);
        if (gateway is not null && !defaultAsRoute)
        {
            text.Line($"{gatewayKey}='{gateway}'");
        }

        var specs = (defaultAsRoute ? [$"default via {gateway}{nic.IpRouteOnLink(gateway!)}{metricWords}"] : Array.Empty<string>())
            .Concat(routes.Select(r => $"{r.Destination} via {r.Gateway}{nic.IpRouteOnLink(r.Gateway)}"))
            .ToArray();
        if (specs.Length > 0)
        {
            text.Line($"{routesKey}=({Quoted(specs)})");
        }
    }

    private static string Quoted(IEnumerable<string> values) => string.Join(' ', values.Select(v => $"'{v}'"));
}
