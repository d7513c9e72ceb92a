using System.Collections.Immutable;
using System.Globalization;
using System.Net.Sockets;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// FreeBSD <c>/etc/rc.conf</c>: the network lines the original managed are dropped and written
/// again below the rest of the file (or before a <c>return</c> that would hide them, see
/// <see cref="ShellVariableEditor"/>), in the original's forms (its tests are the oracle:
/// <c>dhcpd_enable="NO"</c>, <c>hostname=</c>, <c>ifconfig_xn0="A netmask M up"</c>, aliases,
/// <c>route_lanN</c>, <c>defaultrouter</c>). Unlike the original, several interfaces with a
/// default gateway are not refused (the first by name gives the default router, the others' are left
/// out with a warning), routes are listed
/// space-separated in <c>static_routes</c> as rc.conf expects, IPv6 uses the current
/// <c>ifconfig_&lt;if&gt;_ipv6="inet6 A prefixlen P"</c> form, and a scope is added to an IPv6
/// next hop (the default router, a static route's gateway) only when it is link-local, naming the
/// interface that owns it. The
/// <c>ifconfig_</c> lines of interfaces the system still has but that are not configured now are
/// kept (the original dropped those of every interface).
/// </summary>
internal sealed class FreeBsdRenderer : INetworkRenderer
{
    /// <summary>The file this renderer edits.</summary>
    public const string FilePath = "/etc/rc.conf";

    private static readonly ImmutableArray<string> ManagedPrefixes =
    [
        "ifconfig_", "defaultrouter", "ipv6_ifconfig_", "ipv6_defaultrouter", "ipv6_enable", "ipv6_network_interfaces",
        "static_routes", "ipv6_static_routes", "route_", "ipv6_route_", "ipv6_activate_all_interfaces",

        // A guest must not serve DHCP on the provider's network; the original disabled it too.
        "dhcpd_",
    ];

    /// <inheritdoc />
    public NetworkBackend Backend => NetworkBackend.FreeBsdRcConf;

    /// <inheritdoc />
    public RenderResult Render(NetworkConfiguration configuration, IFileView current)
    {
        // FreeBSD's routing table has no metrics to rank several default routes and rc.conf holds one
        // default router of each family: the first interface by name with a gateway (the one whose
        // gateway carries the traffic on Linux too, DefaultRouteMetrics) gives it, the others' are left
        // out and named in the log; their addresses and static routes are still written.
        var gateways4 = DefaultRouteMetrics.WithGateway(configuration, AddressFamily.InterNetwork);
        var gateways6 = DefaultRouteMetrics.WithGateway(configuration, AddressFamily.InterNetworkV6);
        var warnings = LeftOut(gateways4, "IPv4", "defaultrouter", i => i.IPv4Gateway!)
            .Concat(LeftOut(gateways6, "IPv6", "ipv6_defaultrouter", i => i.IPv6Gateway!))
            .ToArray();
        var interfaces = configuration.Interfaces
            .Select(nic => nic with
            {
                IPv4Gateway = gateways4.Count > 0 && nic.Name == gateways4[0].Name ? nic.IPv4Gateway : null,
                IPv6Gateway = gateways6.Count > 0 && nic.Name == gateways6[0].Name ? nic.IPv6Gateway : null,
            })
            .ToArray();

        var others = OtherInterfaceVariables(configuration);
        var kept = ShellVariableEditor.Remove(current.ReadText(FilePath), key =>
            (ManagedPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)) && !others.Contains(InterfaceOf(key, others, configuration)))
            || (configuration.Hostname is not null && key == "hostname"), FilePath);
        var text = new ConfigText().Line("dhcpd_enable=\"NO\"");
        if (configuration.Hostname is { } hostname)
        {
            // Validated as a DNS name, so it needs no quoting (the original's form).
            text.Line($"hostname={hostname}");
        }

        var routes = new List<string>();
        var routes6 = new List<string>();
        var (hostRoutes, hostRoutes6) = (0, 0);
        foreach (var nic in interfaces)
        {
            var variable = InterfaceNames.ForVariable(nic.Name);
            var alias = 0;
            for (var i = 0; i < nic.IPv4Addresses.Count; i++)
            {
                var a = nic.IPv4Addresses[i];
                text.Line(i == 0
                    ? $"ifconfig_{variable}=\"{a.Address} netmask {a.Netmask} up\""
                    : $"ifconfig_{variable}_alias{alias++}=\"{a.Address} netmask {a.Netmask}\"");
            }

            for (var i = 0; i < nic.IPv6Addresses.Count; i++)
            {
                var a = nic.IPv6Addresses[i];
                var value = $"inet6 {a.Address} prefixlen {a.PrefixLength.ToString(CultureInfo.InvariantCulture)}";
                text.Line(i == 0 ? $"ifconfig_{variable}_ipv6=\"{value}\"" : $"ifconfig_{variable}_alias{alias++}=\"{value}\"");
            }

            // route(8) refuses a gateway no interface route reaches, and rc.conf has no onlink: a host
            // route through the interface comes first (rc.d/routing adds static_routes in their order,
            // and the default router after them).
            foreach (var gateway in nic.OffLinkGateways())
            {
                var v6 = gateway.AddressFamily == AddressFamily.InterNetworkV6;
                var name = $"gw{(v6 ? hostRoutes6++ : hostRoutes++).ToString(CultureInfo.InvariantCulture)}";
                (v6 ? routes6 : routes).Add(name);
                text.Line($"{(v6 ? "ipv6_route_" : "route_")}{name}=\"-host {gateway} -interface {nic.Name}\"");
            }

            foreach (var route in nic.Routes)
            {
                if (route.IsIPv6)
                {
                    var name = $"lan{routes6.Count - hostRoutes6}";
                    routes6.Add(name);
                    text.Line($"ipv6_route_{name}=\"-net {route.Destination} {Scoped(route.Gateway, nic)}\"");
                }
                else
                {
                    var name = $"lan{routes.Count - hostRoutes}";
                    routes.Add(name);
                    text.Line($"route_{name}=\"-net {route.Network} -netmask {route.Netmask} {route.Gateway}\"");
                }
            }
        }

        if (routes.Count > 0)
        {
            text.Line($"static_routes=\"{string.Join(' ', routes)}\"");
        }

        if (routes6.Count > 0)
        {
            text.Line($"ipv6_static_routes=\"{string.Join(' ', routes6)}\"");
        }

        if (gateways4.Count > 0)
        {
            text.Line($"defaultrouter=\"{gateways4[0].IPv4Gateway}\"");
        }

        if (gateways6.Count > 0)
        {
            var owner = gateways6[0];
            var gateway = owner.IPv6Gateway!;
            text.Line($"ipv6_defaultrouter=\"{Scoped(gateway, owner)}\"");
        }

        // Each line is name=value; set after what is kept, where sh surely reads them (not after a return).
        var assignments = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => new KeyValuePair<string, string>(line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        return RenderResult.Of(new RenderedFile(FilePath, ShellVariableEditor.Set(kept, assignments, FilePath), RenderedFile.Public)) with { Warnings = warnings };
    }

    /// <summary>The warning naming the default gateways after the first of <paramref name="withGateway"/>, which rc.conf cannot hold; none when there is one or none.</summary>
    private static IEnumerable<string> LeftOut(IReadOnlyList<InterfaceConfiguration> withGateway, string family, string key, Func<InterfaceConfiguration, System.Net.IPAddress> gateway)
    {
        if (withGateway.Count < 2)
        {
            yield break;
        }

        var others = string.Join(", ", withGateway.Skip(1).Select(i => $"{i.Name}'s {gateway(i)}"));
        yield return $"FreeBSD's rc.conf holds one {family} default router: {key} is {withGateway[0].Name}'s {gateway(withGateway[0])} (the first interface by name with one); "
            + $"left out: {others} (their addresses and routes are written)";
    }

    /// <summary>
    /// An IPv6 next hop as route(8) needs it: a link-local one is only meaningful with the link it is
    /// on (<c>fe80::1%xn0</c>), the interface whose vm-data names it; any other as it is.
    /// </summary>
    private static string Scoped(System.Net.IPAddress gateway, InterfaceConfiguration owner) =>
        gateway.IsIPv6LinkLocal ? $"{gateway}%{owner.Name}" : gateway.ToString();

    /// <summary>
    /// The variable forms of the interfaces the system has but that are not configured now (an
    /// <c>em1</c> vm-data says nothing about, a <c>wg0</c>): their <c>ifconfig_</c> lines are kept,
    /// those of interfaces that are gone are dropped as the original did.
    /// </summary>
    private static HashSet<string> OtherInterfaceVariables(NetworkConfiguration configuration)
    {
        var configured = configuration.Interfaces.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return configuration.SystemInterfaces.Where(n => !configured.Contains(n)).Select(InterfaceNames.ForVariable).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The interface an <c>ifconfig_&lt;if&gt;…</c> or <c>ipv6_ifconfig_&lt;if&gt;…</c> key is about
    /// (the longest known name it starts with, so <c>ifconfig_em1_alias0</c> is <c>em1</c>'s), or
    /// <c>""</c> for any other key.
    /// </summary>
    private static string InterfaceOf(string key, IEnumerable<string> others, NetworkConfiguration configuration)
    {
        var prefix = new[] { "ipv6_ifconfig_", "ifconfig_" }.FirstOrDefault(p => key.StartsWith(p, StringComparison.Ordinal));
        if (prefix is null)
        {
            return "";
        }

        var rest = key[prefix.Length..];
        return others.Concat(configuration.Interfaces.Select(i => InterfaceNames.ForVariable(i.Name)))
            .Where(v => rest == v || rest.StartsWith(v + "_", StringComparison.Ordinal))
            .MaxBy(v => v.Length) ?? "";
    }
}
