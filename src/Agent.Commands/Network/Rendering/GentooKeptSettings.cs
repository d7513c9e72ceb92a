using System.Collections.Immutable;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The assignments of an existing <c>/etc/conf.d/net</c> that <c>resetnetwork</c> does not own:
/// every setting of other interfaces, and settings of the configured ones other than their
/// addresses, routes and DNS (an <c>mtu_eth0</c>, for example), found per assignment
/// (<see cref="ShellKeptStatements"/>: <c>mtu_eth0=1; config_eth0=x</c> keeps <c>mtu_eth0=1</c>).
/// Comments and shell functions (hooks) are not carried over.
/// </summary>
internal static class GentooKeptSettings
{
    private static readonly ImmutableArray<string> OwnedPrefixes = ["config_", "routes_", "dns_servers_", "fallback_", "fallback_routes_"];

    public static IReadOnlyList<string> Find(string? existing, IReadOnlyCollection<string> configured) =>
        ShellKeptStatements.Find(existing, key => key == "modules" || IsOwned(key, configured))
            .Select(statement => statement.TrimEnd())
            .ToList();

    private static bool IsOwned(string key, IReadOnlyCollection<string> configured) =>
        configured.Any(name => OwnedPrefixes.Any(prefix => key == prefix + name));
}
