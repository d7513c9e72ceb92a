using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Network.Dns;

/// <summary>
/// Whether the DNS servers a backend writes into its own files reach <c>/etc/resolv.conf</c>, and
/// why (the reason is logged). The factories are the ways a network system hands its servers on;
/// a backend's files only help when the manager they feed is the one <c>/etc/resolv.conf</c>
/// belongs to, and it is alive.
/// </summary>
/// <param name="Reaches">The servers reach the resolver through the backend's files.</param>
/// <param name="Why">What decided it, for the log.</param>
internal readonly record struct DnsDelivery(bool Reaches, string Why)
{
    /// <summary>The backend's files carry no servers, or they go nowhere the resolver reads.</summary>
    public static DnsDelivery Nowhere(string why) => new(false, why);

    /// <summary>The backend hands the servers to systemd-resolved.</summary>
    public static DnsDelivery ToResolved(string who, ResolverFacts resolver) =>
        !resolver.SystemdResolvedActive ? new(false, $"{who}: DNS goes to systemd-resolved, which is not running or enabled")
        : resolver.Owner != ResolverManager.SystemdResolved ? new(false, $"{who}: DNS goes to systemd-resolved, but /etc/resolv.conf is not its file")
        : new(true, $"{who}: DNS reaches systemd-resolved, which owns /etc/resolv.conf");

    /// <summary>The backend writes a regular <c>/etc/resolv.conf</c> itself.</summary>
    public static DnsDelivery InPlace(string who, ResolverFacts resolver) =>
        resolver.Owner == ResolverManager.None
            ? new(true, $"{who} writes /etc/resolv.conf itself")
            : new(false, $"{who} writes /etc/resolv.conf itself, but it is a link another manager owns");

    /// <summary>The backend calls the resolvconf program.</summary>
    public static DnsDelivery ToResolvconf(string who, ResolverFacts resolver) => resolver.Resolvconf switch
    {
        ResolvconfKind.Debian when resolver.Owner == ResolverManager.DebianResolvconf && resolver.OwnerActive =>
            new(true, $"{who}: DNS reaches resolvconf, which owns /etc/resolv.conf"),
        ResolvconfKind.Debian => new(false, $"{who}: DNS goes to resolvconf, but /etc/resolv.conf is not its live link"),
        ResolvconfKind.Openresolv => InPlace($"{who} via openresolv", resolver),
        ResolvconfKind.SystemdShim => ToResolved($"{who} via resolvconf", resolver),
        _ => new(false, $"{who}: no resolvconf program to hand DNS to"),
    };

    /// <summary>The backend hands the servers to NetworkManager, which passes them on as its own settings say.</summary>
    public static DnsDelivery ToNetworkManager(string who, ResolverFacts resolver)
    {
        var settings = resolver.NetworkManagerDns ?? new NetworkManagerDnsSettings(null, null);
        if (!settings.ManagesDns)
        {
            return new(false, $"{who}: NetworkManager is configured not to manage DNS (dns=none or rc-manager=unmanaged)");
        }

        // NetworkManager picks systemd-resolved by itself when resolv.conf links to it.
        if (settings.UsesSystemdResolved || resolver.Owner == ResolverManager.SystemdResolved)
        {
            return ToResolved(who, resolver);
        }

        if (settings.UsesResolvconf)
        {
            return ToResolvconf(who, resolver);
        }

        return resolver.Owner == ResolverManager.None || (resolver.Owner == ResolverManager.NetworkManager && resolver.OwnerActive)
            ? new(true, $"{who} writes /etc/resolv.conf itself")
            : new(false, $"{who} leaves /etc/resolv.conf alone: it links to another manager's file");
    }
}
