using System.Collections.Immutable;
using System.Globalization;
using System.Net.Sockets;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Red Hat initscripts: <c>ifcfg-&lt;if&gt;</c> in the original's key order (its tests are the
/// oracle), extra addresses as <c>IPADDRn</c>/<c>NETMASKn</c> and <c>IPV6ADDR_SECONDARIES</c>
/// instead of alias files, <c>route-&lt;if&gt;</c> numbered without gaps, <c>route6-&lt;if&gt;</c>
/// for IPv6 routes, and <c>/etc/sysconfig/network</c> edited in place. Keys of an existing
/// ifcfg file that the agent does not manage (a firewalld <c>ZONE</c>, an <c>MTU</c>) are kept, per
/// assignment as bash reads them (<see cref="ShellKeptStatements"/>).
/// Route and ifcfg files of interfaces that no longer exist are removed, a VLAN's (<c>ifcfg-eth0.100</c>) when its parent is gone too.
/// </summary>
internal sealed class RedHatRenderer : INetworkRenderer
{
    /// <summary>Where the interface files live.</summary>
    public const string Directory = "/etc/sysconfig/network-scripts";

    /// <summary>The global network settings file.</summary>
    public const string NetworkFile = "/etc/sysconfig/network";

    private static readonly ImmutableArray<string> ManagedKeys =
    [
        "DEVICE", "BOOTPROTO", "HWADDR", "MACADDR", "DEFROUTE", "GATEWAY", "IPV6INIT", "IPV6_AUTOCONF", "IPV6ADDR",
        "IPV6ADDR_SECONDARIES", "IPV6_DEFAULTGW", "ONBOOT", "NM_CONTROLLED", "DHCPV6C",

        // PEERDNS=no would stop initscripts from writing our DNSn servers into resolv.conf.
        "PEERDNS",

        // ifup-eth's metric of the GATEWAY route (a later interface's default gateway).
        "METRIC",
    ];

    private static readonly ImmutableArray<string> ManagedKeyPrefixes = ["IPADDR", "NETMASK", "PREFIX", "GATEWAY", "DNS"];

    /// <inheritdoc />
    public NetworkBackend Backend => NetworkBackend.RedHatIfcfg;

    /// <inheritdoc />
    public RenderResult Render(NetworkConfiguration configuration, IFileView current)
    {
        var files = new List<RenderedFile>();
        foreach (var nic in configuration.Interfaces)
        {
            var ifcfgPath = $"{Directory}/ifcfg-{nic.Name}";
            var metric4 = DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetwork);
            var metric6 = DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetworkV6);
            files.Add(new RenderedFile(ifcfgPath, RenderIfcfg(nic, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetwork), metric6.Length > 0, current.ReadText(ifcfgPath)), RenderedFile.Public));
            if (nic.Routes.Any(r => !r.IsIPv6) || DefaultInRouteFile(nic))
            {
                files.Add(new RenderedFile($"{Directory}/route-{nic.Name}", RenderRoutes(nic, metric4), RenderedFile.Public));
            }

            if (nic.Routes.Any(r => r.IsIPv6) || DefaultInRoute6File(nic, metric6))
            {
                files.Add(new RenderedFile($"{Directory}/route6-{nic.Name}", RenderRoutes6(nic, metric6), RenderedFile.Public));
            }
        }

        var assignments = new List<KeyValuePair<string, string>>
        {
            new("NETWORKING", "yes"),
            new("NETWORKING_IPV6", configuration.HasIPv6 ? "yes" : "no"),
        };
        if (configuration.Hostname is { } hostname)
        {
            assignments.Add(new("HOSTNAME", hostname));
        }

        files.Add(new RenderedFile(NetworkFile, ShellVariableEditor.Set(current.ReadText(NetworkFile), assignments, NetworkFile), RenderedFile.Public));

        var written = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var configured = configuration.Interfaces.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        // A VLAN's files (ifcfg-eth0.100, which ifup makes a VLAN of) go only with its parent: see StaleInterfaceFiles.
        var removals = StaleInterfaceFiles.Find(current, Directory, ["ifcfg-", "route-", "route6-"], written,
                configuration.SystemInterfaces.Where(n => !configured.Contains(n)).ToArray(), configuration.SystemInterfaces)
            .ToArray();
        return new RenderResult(files, removals);
    }

    /// <summary>The <c>/etc/sysconfig/network</c> text with <c>HOSTNAME</c> set (the original's hostname test cases).</summary>
    public static string WithHostname(string? networkFile, string hostname) =>
        ShellVariableEditor.Set(networkFile, [new("HOSTNAME", hostname)], NetworkFile);

    /// <param name="nic">The interface.</param>
    /// <param name="metric4">The metric of its IPv4 default route, when another interface's comes first.</param>
    /// <param name="metric6">Whether its IPv6 default route has one: IPV6_DEFAULTGW cannot carry it, route6-&lt;if&gt; does.</param>
    /// <param name="existing">The ifcfg file there now, if any.</param>
    private static string RenderIfcfg(InterfaceConfiguration nic, int? metric4, bool metric6, string? existing)
    {
        var text = new ConfigText().Line(ConfigText.Header).Line();
        text.LabelComment(nic.Label);

        text.Line($"DEVICE={nic.Name}").Line("BOOTPROTO=static").Line($"HWADDR={nic.Mac}");
        for (var i = 0; i < nic.IPv4Addresses.Count; i++)
        {
            var suffix = i == 0 ? "" : i.ToString(CultureInfo.InvariantCulture);
            text.Line($"IPADDR{suffix}={nic.IPv4Addresses[i].Address}").Line($"NETMASK{suffix}={nic.IPv4Addresses[i].Netmask}");
        }

        if (nic.IPv4Gateway is { } gateway4)
        {
            text.Line("DEFROUTE=yes");
            if (!DefaultInRouteFile(nic))
            {
                text.Line($"GATEWAY={gateway4}");
                if (metric4 is { } metric)
                {
                    text.Line($"METRIC={metric.ToString(CultureInfo.InvariantCulture)}");
                }
            }
        }

        if (nic.HasIPv6)
        {
            text.Line("IPV6INIT=yes").Line("IPV6_AUTOCONF=no").Line($"IPV6ADDR={nic.IPv6Addresses[0].Cidr}");
            if (nic.IPv6Addresses.Count > 1)
            {
                text.Line($"IPV6ADDR_SECONDARIES=\"{string.Join(' ', nic.IPv6Addresses.Skip(1).Select(a => a.Cidr))}\"");
            }

            if (nic.IPv6Gateway is { } gateway6 && !nic.IsOffLink(gateway6) && !metric6)
            {
                text.Line($"IPV6_DEFAULTGW={gateway6}%{nic.Name}");
            }
        }

        // ifup-post writes each as a nameserver line of resolv.conf: a link-local one needs its link there.
        var number = 1;
        foreach (var server in nic.ScopedDnsServers)
        {
            text.Line($"DNS{number++}={server}");
        }

        text.Line("ONBOOT=yes").Line("NM_CONTROLLED=no");
        // initscripts source the file with bash: kept per statement and assignment, as bash reads it.
        var kept = ShellKeptStatements.Find(existing, IsManaged);
        if (kept.Count > 0)
        {
            text.Line("# Kept from the previous configuration").Lines(kept);
        }

        return text.ToString();
    }

    private static bool IsManaged(string key) =>
        ManagedKeys.Contains(key, StringComparer.Ordinal)
        || ManagedKeyPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal) && key[p.Length..].All(char.IsAsciiDigit));

    private static bool OffLink(InterfaceConfiguration nic, System.Net.IPAddress? gateway) => gateway is not null && nic.IsOffLink(gateway);

    /// <summary>
    /// Whether the IPv4 default gateway goes in <c>route-&lt;if&gt;</c> rather than <c>GATEWAY</c>:
    /// ifup-eth adds GATEWAY only when it is in the network of IPADDR/NETMASK and skips it silently
    /// otherwise, so one in a later address's subnet, or off-link, is a line of the route file.
    /// </summary>
    private static bool DefaultInRouteFile(InterfaceConfiguration nic) =>
        nic.IPv4Gateway is { } gateway && !OnLinkGateway.Contains(nic.IPv4Addresses[0], gateway);

    /// <summary>Whether the IPv6 default gateway goes in <c>route6-&lt;if&gt;</c>: off-link, or with a metric, neither of which IPV6_DEFAULTGW carries.</summary>
    private static bool DefaultInRoute6File(InterfaceConfiguration nic, string metricWords) =>
        OffLink(nic, nic.IPv6Gateway) || (nic.IPv6Gateway is not null && metricWords.Length > 0);

    private static string RenderRoutes(InterfaceConfiguration nic, string metricWords)
    {
        var text = new ConfigText().Line(ConfigText.Header);
        if (DefaultInRouteFile(nic) || nic.Routes.Any(r => !r.IsIPv6 && nic.IsOffLink(r.Gateway)))
        {
            // The ADDRESSn/NETMASKn/GATEWAYn form has neither a default route nor onlink: ifup-routes
            // runs "ip route add <line>" for each line of this form.
            return text.Lines(IpRouteLines(nic, DefaultInRouteFile(nic) ? nic.IPv4Gateway : null, metricWords, nic.Routes.Where(r => !r.IsIPv6))).ToString();
        }

        var index = 0;
        foreach (var route in nic.Routes.Where(r => !r.IsIPv6))
        {
            text.Line($"ADDRESS{index}={route.Network}").Line($"NETMASK{index}={route.Netmask}").Line($"GATEWAY{index}={route.Gateway}");
            index++;
        }

        return text.ToString();
    }

    private static string RenderRoutes6(InterfaceConfiguration nic, string metricWords) =>
        new ConfigText().Line(ConfigText.Header)
            .Lines(IpRouteLines(nic, DefaultInRoute6File(nic, metricWords) ? nic.IPv6Gateway : null, metricWords, nic.Routes.Where(r => r.IsIPv6)))
            .ToString();

    /// <summary>ifup-routes' argument form: a default gateway the ifcfg file cannot carry first, then the routes.</summary>
    private static IEnumerable<string> IpRouteLines(InterfaceConfiguration nic, System.Net.IPAddress? gateway, string metricWords, IEnumerable<StaticRoute> routes) =>
        (gateway is not null ? [$"default via {gateway} dev {nic.Name}{nic.IpRouteOnLink(gateway)}{metricWords}"] : Array.Empty<string>())
            .Concat(routes.Select(r => $"{r.Destination} via {r.Gateway} dev {nic.Name}{nic.IpRouteOnLink(r.Gateway)}"));
}
