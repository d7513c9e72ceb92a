namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// The names of the backends in configuration files (<c>network-backend = netplan</c>): a short
/// name each, and a spelled-out alias (<c>systemd-networkd</c>, <c>redhat-ifcfg</c>…) that the
/// daemon's configuration documents. Both parse; adding a backend means one line here.
/// </summary>
public static class NetworkBackendNames
{
    private static readonly (string Name, string LongName, NetworkBackend Backend)[] Names =
    [
        ("netplan", "netplan", NetworkBackend.Netplan),
        ("ifupdown", "ifupdown", NetworkBackend.Ifupdown),
        ("networkd", "systemd-networkd", NetworkBackend.SystemdNetworkd),
        ("networkmanager", "network-manager", NetworkBackend.NetworkManager),
        ("redhat", "redhat-ifcfg", NetworkBackend.RedHatIfcfg),
        ("suse", "suse-ifcfg", NetworkBackend.SuseIfcfg),
        ("netctl", "netctl", NetworkBackend.Netctl),
        ("gentoo", "gentoo-netifrc", NetworkBackend.GentooNetifrc),
        ("freebsd", "freebsd-rcconf", NetworkBackend.FreeBsdRcConf),
    ];

    /// <summary>Every short configuration name, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    /// <summary>Every spelled-out name (an alias of the short name at the same position), in the same order.</summary>
    public static IReadOnlyList<string> LongNames { get; } = Names.Select(n => n.LongName).ToArray();

    /// <summary>The short configuration name of a backend.</summary>
    public static string NameOf(NetworkBackend backend) => Names.First(n => n.Backend == backend).Name;

    /// <summary>Parses a short or spelled-out configuration name (case-insensitive, surrounding blanks ignored).</summary>
    public static bool TryParse(string? name, out NetworkBackend backend)
    {
        var trimmed = name?.Trim();
        foreach (var (shortName, longName, value) in Names)
        {
            if (string.Equals(shortName, trimmed, StringComparison.OrdinalIgnoreCase) || string.Equals(longName, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                backend = value;
                return true;
            }
        }

        backend = default;
        return false;
    }
}
