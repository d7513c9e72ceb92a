using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Daemon.Configuration;

/// <summary>The names of the <c>network</c> section's values, as operators write them.</summary>
internal static class NetworkNames
{
    /// <summary>The accepted backend names (the SDK's spelled-out ones; the short ones parse too), for error messages and docs.</summary>
    public static string Backends { get; } = string.Join(", ", NetworkBackendNames.LongNames);

    /// <summary>The spelled-out name of a backend, as the documentation and <see cref="Backends"/> write it (<c>systemd-networkd</c>).</summary>
    public static string LongNameOf(NetworkBackend backend)
    {
        var name = NetworkBackendNames.NameOf(backend);
        for (var i = 0; i < NetworkBackendNames.All.Count; i++)
        {
            if (NetworkBackendNames.All[i] == name)
            {
                // The spelled-out name sits at the same position as the short one.
                return NetworkBackendNames.LongNames[i];
            }
        }

        return name;
    }

    /// <summary>Parses a <c>resolvConf</c> value: <c>auto</c>, <c>always</c> or <c>never</c> (case-insensitive).</summary>
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
