namespace GuestAgent.Commands.Network.Detection;

/// <summary>The names of the backends in configuration files (<c>network-backend = netplan</c>).</summary>
public static class NetworkBackendNames
{
    private static readonly (string Name, NetworkBackend Backend)[] Names =
    [
        ("netplan", NetworkBackend.Netplan),
        ("ifupdown", NetworkBackend.Ifupdown),
        ("networkd", NetworkBackend.SystemdNetworkd),
        ("networkmanager", NetworkBackend.NetworkManager),
        ("redhat", NetworkBackend.RedHatIfcfg),
        ("suse", NetworkBackend.SuseIfcfg),
        ("netctl", NetworkBackend.Netctl),
        ("gentoo", NetworkBackend.GentooNetifrc),
        ("freebsd", NetworkBackend.FreeBsdRcConf),
    ];

    /// <summary>Every configuration name, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    /// <summary>The configuration name of a backend.</summary>
    public static string NameOf(NetworkBackend backend) => Names.First(n => n.Backend == backend).Name;

    /// <summary>Parses a configuration name (case-insensitive).</summary>
    public static bool TryParse(string? name, out NetworkBackend backend)
    {
        foreach (var (candidate, value) in Names)
        {
            if (string.Equals(candidate, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                backend = value;
                return true;
            }
        }

        backend = default;
        return false;
    }
}
