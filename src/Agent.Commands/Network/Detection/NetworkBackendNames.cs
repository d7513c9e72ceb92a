using GuestAgent.Commands.Network.Backends;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// The names of the backends in configuration files (<c>network-backend = netplan</c>): a short
/// name each, and a spelled-out alias (<c>systemd-networkd</c>, <c>redhat-ifcfg</c>…) that the
/// daemon's configuration documents. Both parse. Each backend's definition holds its names.
/// </summary>
public static class NetworkBackendNames
{
    /// <summary>Every short configuration name, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. NetworkBackends.All.Select(b => b.Name)];

    /// <summary>Every spelled-out name (an alias of the short name at the same position), in the same order.</summary>
    public static IReadOnlyList<string> LongNames { get; } = [.. NetworkBackends.All.Select(b => b.LongName)];

    /// <summary>The short configuration name of a backend.</summary>
    public static string NameOf(NetworkBackend backend) => NetworkBackends.For(backend).Name;

    /// <summary>Parses a short or spelled-out configuration name (case-insensitive, surrounding blanks ignored).</summary>
    public static bool TryParse(string? name, out NetworkBackend backend)
    {
        var trimmed = name?.Trim();
        foreach (var definition in NetworkBackends.All)
        {
            if (string.Equals(definition.Name, trimmed, StringComparison.OrdinalIgnoreCase) || string.Equals(definition.LongName, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                backend = definition.Backend;
                return true;
            }
        }

        backend = default;
        return false;
    }
}
