using System.Net;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What a systemd-networkd <c>.network</c> file means for our purposes: the interface it matches,
/// its addresses, routes (a <c>[Network] Gateway=</c> counts as a default route; <c>GatewayOnLink=</c>
/// true adds <c> onlink</c>, <c>Metric=</c> <c> metric N</c>, as <c>ip route</c> writes them) and DNS servers.
/// Used to compare netplan's generated files with ours by meaning, not by bytes.
/// </summary>
internal sealed record NetworkdSemantics(string Name, IReadOnlySet<string> Addresses, IReadOnlySet<string> Routes, IReadOnlySet<string> Dns)
{
    /// <summary>
    /// The file's meaning; a file matching by <c>MACAddress=</c> alone (ours, for a name networkd refuses)
    /// is named for <paramref name="configuration"/>'s interface of that MAC.
    /// </summary>
    public static NetworkdSemantics Parse(string text, GuestAgent.Commands.Network.Model.NetworkConfiguration? configuration = null)
    {
        string? name = null;
        var addresses = new SortedSet<string>(StringComparer.Ordinal);
        var routes = new SortedSet<string>(StringComparer.Ordinal);
        var dns = new SortedSet<string>(StringComparer.Ordinal);
        string? section = null;
        string? destination = null;
        string? gateway = null;
        var onLink = false;
        string? metric = null;

        void FlushRoute()
        {
            if (section == "Route" && gateway is not null)
            {
                routes.Add($"{destination ?? DefaultFor(gateway)} via {gateway}{(onLink ? " onlink" : "")}{(metric is null ? "" : $" metric {metric}")}");
            }

            destination = gateway = metric = null;
            onLink = false;
        }

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                FlushRoute();
                section = line.Trim('[', ']');
                continue;
            }

            var (key, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            switch (section, key)
            {
                case ("Match", "Name"): name = value; break;
                case ("Match", "MACAddress"):
                    name ??= configuration?.Interfaces.FirstOrDefault(nic => string.Equals(nic.Mac.ToString(), value, StringComparison.OrdinalIgnoreCase))?.Name ?? "MACAddress=" + value;
                    break;
                case ("Network", "Address"): addresses.Add(value); break;
                case ("Network", "DNS"): dns.UnionWith(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)); break;
                case ("Network", "Gateway"): routes.Add($"{DefaultFor(value)} via {value}"); break;
                case ("Route", "Destination"): destination = value; break;
                case ("Route", "Gateway"): gateway = value; break;
                case ("Route", "GatewayOnLink"): onLink = value is "yes" or "true" or "1" or "on"; break;
                case ("Route", "Metric"): metric = value; break;
            }
        }

        FlushRoute();
        return new NetworkdSemantics(name ?? "", addresses, routes, dns);
    }

    private static string DefaultFor(string gateway) =>
        IPAddress.Parse(gateway).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "::/0" : "0.0.0.0/0";
}
