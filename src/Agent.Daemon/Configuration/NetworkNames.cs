using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Daemon.Configuration;

/// <summary>The names of the <c>network</c> section's values, as operators write them.</summary>
internal static class NetworkNames
{
    private static readonly (string Name, NetworkBackend Backend)[] BackendNames =
    [
        ("netplan", NetworkBackend.Netplan),
        ("ifupdown", NetworkBackend.Ifupdown),
        ("systemd-networkd", NetworkBackend.SystemdNetworkd),
        ("network-manager", NetworkBackend.NetworkManager),
        ("redhat-ifcfg", NetworkBackend.RedHatIfcfg),
        ("suse-ifcfg", NetworkBackend.SuseIfcfg),
        ("netctl", NetworkBackend.Netctl),
        ("gentoo-netifrc", NetworkBackend.GentooNetifrc),
        ("freebsd-rcconf", NetworkBackend.FreeBsdRcConf),
    ];

    /// <summary>The accepted backend names, for error messages and docs.</summary>
    public static string Backends { get; } = string.Join(", ", BackendNames.Select(entry => entry.Name));

    /// <summary>Parses a backend name: these, or the SDK's short names (<c>freebsd</c>, <c>redhat</c>…, docs/networking.md).</summary>
    public static bool TryParseBackend(string text, out NetworkBackend backend)
    {
        foreach (var (name, value) in BackendNames)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                backend = value;
                return true;
            }
        }

        return NetworkBackendNames.TryParse(text, out backend);
    }

    public static bool TryParseResolvConf(string text, out ResolvConfPolicy policy)
    {
        (var known, policy) = text.Trim().ToLowerInvariant() switch
        {
            "auto" => (true, ResolvConfPolicy.Auto),
            "always" => (true, ResolvConfPolicy.Always),
            "never" => (true, ResolvConfPolicy.Never),
            _ => (false, ResolvConfPolicy.Auto),
        };
        return known;
    }
}
