using System.Globalization;
using System.Net.Sockets;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// SUSE sysconfig (read by wicked and the older ifup scripts): <c>ifcfg-&lt;if&gt;</c> in the
/// original's format (its tests are the oracle), <c>ifroute-&lt;if&gt;</c> with the routes and
/// default gateways (a later interface's with <c>metric N</c>, <see cref="DefaultRouteMetrics"/>), and <c>NETCONFIG_DNS_STATIC_SERVERS</c> set in
/// <c>/etc/sysconfig/network/config</c>. Stale <c>ifcfg-</c>/<c>ifroute-</c> files (the names
/// SUSE actually uses, unlike the original) and the global <c>routes</c> file are removed.
/// </summary>
internal sealed class SuseRenderer : INetworkRenderer
{
    /// <summary>Where SUSE keeps its network files.</summary>
    public const string Directory = "/etc/sysconfig/network";

    /// <inheritdoc />
    public NetworkBackend Backend => NetworkBackend.SuseIfcfg;

    /// <inheritdoc />
    public RenderResult Render(NetworkConfiguration configuration, IFileView current)
    {
        var files = new List<RenderedFile>();
        foreach (var nic in configuration.Interfaces)
        {
            files.Add(new RenderedFile($"{Directory}/ifcfg-{nic.Name}", RenderIfcfg(nic), RenderedFile.Public));
            var routes = RenderRoutes(configuration, nic);
            if (routes is not null)
            {
                files.Add(new RenderedFile($"{Directory}/ifroute-{nic.Name}", routes, RenderedFile.Public));
            }
        }

        if (configuration.DnsServers.Count > 0)
        {
            var configPath = $"{Directory}/config";
            var dns = string.Join(' ', configuration.ScopedDnsServers);
            files.Add(new RenderedFile(configPath, ShellVariableEditor.Set(current.ReadText(configPath), [new("NETCONFIG_DNS_STATIC_SERVERS", $"\"{dns}\"")], configPath), RenderedFile.Public));
        }

        var written = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var configured = configuration.Interfaces.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var removals = StaleInterfaceFiles.Find(current, Directory, ["ifcfg-", "ifroute-"], written,
                configuration.SystemInterfaces.Where(n => !configured.Contains(n)).ToArray())
            .ToList();
        if (current.Exists($"{Directory}/routes"))
        {
            // Global default routes there would compete with the per-interface ones.
            removals.Add($"{Directory}/routes");
        }

        return new RenderResult(files, removals);
    }

    private static string RenderIfcfg(InterfaceConfiguration nic)
    {
        var text = new ConfigText().Line(ConfigText.Header).Line();
        text.LabelComment(nic.Label);

        text.Line("BOOTPROTO='static'");
        var index = 0;
        foreach (var address in nic.Addresses)
        {
            var suffix = index == 0 ? "" : "_" + index.ToString(CultureInfo.InvariantCulture);
            text.Line($"IPADDR{suffix}='{address.Address}'");
            text.Line(address.IsIPv6
                ? $"PREFIXLEN{suffix}='{address.PrefixLength.ToString(CultureInfo.InvariantCulture)}'"
                : $"NETMASK{suffix}='{address.Netmask}'");
            index++;
        }

        return text.Line("STARTMODE='auto'").Line("USERCONTROL='no'").ToString();
    }

    private static string? RenderRoutes(NetworkConfiguration configuration, InterfaceConfiguration nic)
    {
        // ifroute has no onlink: an off-link gateway gets a host route through the interface first,
        // which makes it reachable for the routes after it (wicked adds them in the file's order).
        var lines = nic.OffLinkGateways()
            .Select(g => $"{g}/{(g.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32)} - - {nic.Name}")
            .Concat(nic.Routes.Select(r => r.IsIPv6 ? $"{r.Destination} {r.Gateway} - {nic.Name}" : $"{r.Network} {r.Gateway} {r.Netmask} {nic.Name}"))
            .ToList();
        if (nic.IPv4Gateway is { } gateway4)
        {
            // wicked reads what follows the interface column as ip-route-like options, "metric N"
            // among them: a later interface's default route must not collide with the first one's.
            lines.Add($"default {gateway4} - {nic.Name}{DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetwork)}");
        }

        if (nic.IPv6Gateway is { } gateway6)
        {
            lines.Add($"default {gateway6} - {nic.Name}{DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetworkV6)}");
        }

        return lines.Count == 0 ? null : new ConfigText().Line(ConfigText.Header).Lines(lines).ToString();
    }
}
