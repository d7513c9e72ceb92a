using System.Globalization;
using System.Net.Sockets;
using System.Text;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// NetworkManager keyfiles: <c>/etc/NetworkManager/system-connections/guest-agent-&lt;if&gt;.nmconnection</c>,
/// mode 0600 (NetworkManager ignores keyfiles other users can read). The connection id is
/// <c>guest-agent-&lt;if&gt;</c> and its UUID is derived from the MAC, so a second
/// <c>resetnetwork</c> replaces the same connection. Its autoconnect priority is NetworkManager's
/// highest, 999, so that at the next boot it wins the device from every connection an image,
/// cloud-init (which writes 120) or an operator left for it. One at 999 too ties with ours, and may
/// win: NetworkManager then takes the one last active, in whole seconds (both are stamped as ours
/// comes up), then the smaller UUID; so <c>resetnetwork</c> refuses, before writing anything, where a
/// foreign connection at 999 may autoconnect on a configured interface (<see cref="NetworkManagerForeignKeyfiles"/>).
/// The others stay as they are, never edited or removed: a rollback has nothing of theirs to put back.
/// </summary>
internal sealed class NetworkManagerRenderer : INetworkRenderer
{
    private const string Directory = "/etc/NetworkManager/system-connections";
    private const string Prefix = "guest-agent-";
    private const string Suffix = ".nmconnection";

    /// <summary>NetworkManager's highest autoconnect priority (its range is -999 to 999).</summary>
    private const int AutoconnectPriority = 999;

    /// <inheritdoc />
    public NetworkBackend Backend => NetworkBackend.NetworkManager;

    /// <summary>The connection id used for an interface.</summary>
    public static string ConnectionId(string interfaceName) => Prefix + interfaceName;

    /// <summary>The file written for an interface.</summary>
    public static string PathFor(string interfaceName) => $"{Directory}/{ConnectionId(interfaceName)}{Suffix}";

    /// <summary>
    /// The interfaces whose keyfile of ours is in <paramref name="current"/> but not among
    /// <paramref name="interfaces"/>: the ones <see cref="Render"/> moves aside (<see cref="OwnedFiles.Stale"/>).
    /// </summary>
    public static IEnumerable<string> Dropped(IFileView current, IReadOnlyList<string> interfaces) =>
        current.List(Directory)
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(name => name[Prefix.Length..^Suffix.Length])
            .Where(name => !interfaces.Contains(name, StringComparer.Ordinal));

    /// <inheritdoc />
    /// <exception cref="Parsing.InvalidNetworkDataException">A foreign connection at 999 may take a configured interface (<see cref="NetworkManagerForeignKeyfiles"/>).</exception>
    public RenderResult Render(NetworkConfiguration configuration, IFileView current)
    {
        NetworkManagerForeignKeyfiles.Check(configuration, current, IsOurs);
        var servers = LinkDnsServers.Place(configuration);
        var files = configuration.Interfaces.Select(nic => RenderInterface(configuration, nic, servers[nic.Name])).ToArray();
        // An earlier agent's .bak of one of ours is a live connection to NetworkManager (NetworkBackups):
        // moved aside too, to a name it skips, from where a rollback renames it back.
        return new RenderResult(files, [
            .. OwnedFiles.Stale(current, Directory, Prefix, ".nmconnection", files),
            .. OwnedFiles.Stale(current, Directory, Prefix, ".nmconnection.bak", []),
        ]);
    }

    /// <summary>Whether a name in the keyfile directory is one the renderer writes or moves aside (an earlier agent's <c>.bak</c> too).</summary>
    private static bool IsOurs(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) && (name.EndsWith(Suffix, StringComparison.Ordinal) || name.EndsWith(Suffix + ".bak", StringComparison.Ordinal));

    /// <param name="configuration">Every interface: which default gateway comes first (<see cref="DefaultRouteMetrics"/>).</param>
    /// <param name="nic">The interface.</param>
    /// <param name="dns">
    /// Its servers, each of a family it has an address of: the settings of a family without addresses
    /// (<c>method=disabled</c> or <c>ignore</c>) may carry none, or NetworkManager refuses the connection.
    /// </param>
    private static RenderedFile RenderInterface(NetworkConfiguration configuration, InterfaceConfiguration nic, IReadOnlyList<System.Net.IPAddress> dns)
    {
        var text = new ConfigText().Line(ConfigText.Header);
        text.LabelComment(nic.Label);

        text.Line("[connection]")
            .Line($"id={ConnectionId(nic.Name)}")
            .Line($"uuid={StableUuid(nic.Mac)}")
            .Line("type=ethernet")
            .Line($"interface-name={nic.Name}")
            .Line("autoconnect=true")
            .Line($"autoconnect-priority={AutoconnectPriority}")
            .Line()
            .Line("[ethernet]")
            .Line($"mac-address={nic.Mac.ToUpperString()}")
            .Line();
        WriteFamily(text, nic, "ipv4", nic.IPv4Addresses, nic.IPv4Gateway, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetwork), nic.Routes.Where(r => !r.IsIPv6).ToArray(),
            dns.Where(d => d.AddressFamily == AddressFamily.InterNetwork).ToArray(), "disabled");
        text.Line();
        WriteFamily(text, nic, "ipv6", nic.IPv6Addresses, nic.IPv6Gateway, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetworkV6), nic.Routes.Where(r => r.IsIPv6).ToArray(),
            dns.Where(d => d.AddressFamily == AddressFamily.InterNetworkV6).ToArray(), "ignore");
        return new RenderedFile(PathFor(nic.Name), text.ToString(), RenderedFile.Private);
    }

    private static void WriteFamily(
        ConfigText text,
        InterfaceConfiguration nic,
        string section,
        IReadOnlyList<InterfaceAddress> addresses,
        System.Net.IPAddress? gateway,
        int? metric,
        IReadOnlyList<StaticRoute> routes,
        IReadOnlyList<System.Net.IPAddress> dns,
        string methodWithoutAddresses)
    {
        text.Line($"[{section}]");
        if (addresses.Count == 0)
        {
            text.Line($"method={methodWithoutAddresses}");
            return;
        }

        text.Line("method=manual");
        for (var i = 0; i < addresses.Count; i++)
        {
            text.Line($"address{i + 1}={addresses[i].Cidr}");
        }

        // gateway= takes no options: an off-link default gateway is a default route marked onlink
        // (as netplan writes it), not left to NetworkManager's retry through a direct route after the kernel refused it.
        var offLinkDefault = gateway is not null && nic.IsOffLink(gateway);
        if (gateway is not null && !offLinkDefault)
        {
            text.Line($"gateway={gateway}");
        }

        if (metric is { } value)
        {
            // The connection's default route metric: NetworkManager gives every Ethernet connection 100, so the first interface's default wins.
            text.Line($"route-metric={value.ToString(CultureInfo.InvariantCulture)}");
        }

        if (dns.Count > 0)
        {
            text.Line($"dns={string.Concat(dns.Select(d => $"{d};"))}");
        }

        // glibc reads the resolv.conf NetworkManager writes and asks an IPv4 link-local server through the
        // routing table (LinkLocalDnsRoutes): a route without a next hop is on the link.
        var all = (offLinkDefault ? [(section == "ipv6" ? "::/0" : "0.0.0.0/0", gateway!)] : Array.Empty<(string, System.Net.IPAddress?)>())
            .Concat(routes.Select(r => (r.Destination, (System.Net.IPAddress?)r.Gateway)))
            .Concat(LinkLocalDnsRoutes.For(nic, dns).Select(r => (r.Destination, r.Gateway)))
            .ToArray();
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].Item2 is not { } via)
            {
                text.Line($"route{i + 1}={all[i].Item1}");
                continue;
            }

            text.Line($"route{i + 1}={all[i].Item1},{via}");
            if (nic.IsOffLink(via))
            {
                text.Line($"route{i + 1}_options=onlink=true");
            }
        }
    }

    /// <summary>A name-based UUID (version 5 layout) from the MAC, stable across runs.</summary>
    private static string StableUuid(MacAddress mac)
    {
        var hash = NameBasedSha1.Hash(Encoding.ASCII.GetBytes("guest-agent/nmconnection/" + mac.Value));
        hash[6] = (byte)((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return string.Create(CultureInfo.InvariantCulture, $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}");
    }
}
