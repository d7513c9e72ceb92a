using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Network.Dns;

/// <summary>
/// Decides whether the DNS servers in a backend's files really reach <c>/etc/resolv.conf</c>
/// through a resolver manager, and when they would not, where the agent puts them itself (a
/// drop-in for a running systemd-resolved that owns the file, else the file), so they always end
/// up somewhere the resolver reads. A backend's files only help when the manager they feed is the
/// one <c>/etc/resolv.conf</c> belongs to, and it is alive: networkd's <c>DNS=</c> needs
/// systemd-resolved owning the file, ifupdown's <c>dns-nameservers</c> needs the resolvconf hook,
/// rc.conf carries no servers at all.
/// </summary>
internal static class DnsRouting
{
    /// <summary>Decides the route.</summary>
    public static DnsRoute Decide(NetworkBackend backend, SystemFacts facts, ResolvConfPolicy policy)
    {
        var resolver = facts.Resolver;
        var isLink = resolver.Owner != ResolverManager.None;
        if (policy == ResolvConfPolicy.Never)
        {
            return new DnsRoute(DnsTarget.Nothing, false, "resolv.conf policy is 'never': /etc/resolv.conf is left alone");
        }

        if (policy == ResolvConfPolicy.Always)
        {
            return new DnsRoute(DnsTarget.ResolvConf, isLink, "resolv.conf policy is 'always'" + LinkNote(resolver));
        }

        var (reaches, why) = Delivery(backend, resolver);
        if (reaches)
        {
            return new DnsRoute(DnsTarget.BackendFiles, false, why);
        }

        // Replacing the stub link of a running resolved would leave it serving nobody; giving it the servers keeps it working.
        return resolver.Owner == ResolverManager.SystemdResolved && resolver.SystemdResolvedActive && facts.Tools.Systemctl
            ? new DnsRoute(DnsTarget.ResolvedDropIn, false, why + "; giving them to systemd-resolved as global servers")
            : new DnsRoute(DnsTarget.ResolvConf, isLink, why + "; writing /etc/resolv.conf" + LinkNote(resolver));
    }

    private static string LinkNote(ResolverFacts resolver) => resolver.Owner == ResolverManager.None
        ? ""
        : $" in place of its link to {ResolverProbe.Normalize(resolver.LinkTarget ?? "?")} ({(resolver.OwnerActive ? "alive" : "dangling or not running")})";

    private static (bool Reaches, string Why) Delivery(NetworkBackend backend, ResolverFacts resolver) => backend switch
    {
        NetworkBackend.Netplan => resolver.NetplanRendersNetworkManager
            ? NetworkManager("netplan (NetworkManager renderer)", resolver)
            : Resolved("netplan (networkd renderer)", resolver),
        NetworkBackend.SystemdNetworkd => Resolved("systemd-networkd", resolver),
        NetworkBackend.NetworkManager => NetworkManager("NetworkManager", resolver),
        NetworkBackend.Ifupdown => resolver.IfupdownResolvconfHook
            ? Resolvconf("ifupdown (resolvconf hook)", resolver)
            : (false, "ifupdown: dns-nameservers needs the resolvconf hook, which is not installed"),
        NetworkBackend.Netctl => Resolvconf("netctl", resolver),
        NetworkBackend.GentooNetifrc => resolver.Resolvconf == ResolvconfKind.None
            ? InPlace("netifrc", resolver)
            : Resolvconf("netifrc", resolver),
        NetworkBackend.RedHatIfcfg => InPlace("the network scripts (DNSn)", resolver),
        NetworkBackend.SuseIfcfg => Netconfig(resolver),
        NetworkBackend.FreeBsdRcConf => (false, "FreeBSD: rc.conf carries no DNS servers"),
        _ => (false, $"{backend}: no known DNS route"),
    };

    /// <summary>The backend hands the servers to systemd-resolved.</summary>
    private static (bool, string) Resolved(string who, ResolverFacts resolver) =>
        !resolver.SystemdResolvedActive ? (false, $"{who}: DNS goes to systemd-resolved, which is not running or enabled")
        : resolver.Owner != ResolverManager.SystemdResolved ? (false, $"{who}: DNS goes to systemd-resolved, but /etc/resolv.conf is not its file")
        : (true, $"{who}: DNS reaches systemd-resolved, which owns /etc/resolv.conf");

    /// <summary>The backend writes a regular <c>/etc/resolv.conf</c> itself.</summary>
    private static (bool, string) InPlace(string who, ResolverFacts resolver) =>
        resolver.Owner == ResolverManager.None
            ? (true, $"{who} writes /etc/resolv.conf itself")
            : (false, $"{who} writes /etc/resolv.conf itself, but it is a link another manager owns");

    /// <summary>The backend calls the resolvconf program.</summary>
    private static (bool, string) Resolvconf(string who, ResolverFacts resolver) => resolver.Resolvconf switch
    {
        ResolvconfKind.Debian when resolver.Owner == ResolverManager.DebianResolvconf && resolver.OwnerActive =>
            (true, $"{who}: DNS reaches resolvconf, which owns /etc/resolv.conf"),
        ResolvconfKind.Debian => (false, $"{who}: DNS goes to resolvconf, but /etc/resolv.conf is not its live link"),
        ResolvconfKind.Openresolv => InPlace($"{who} via openresolv", resolver),
        ResolvconfKind.SystemdShim => Resolved($"{who} via resolvconf", resolver),
        _ => (false, $"{who}: no resolvconf program to hand DNS to"),
    };

    private static (bool, string) NetworkManager(string who, ResolverFacts resolver)
    {
        var settings = resolver.NetworkManagerDns ?? new NetworkManagerDnsSettings(null, null);
        if (!settings.ManagesDns)
        {
            return (false, $"{who}: NetworkManager is configured not to manage DNS (dns=none or rc-manager=unmanaged)");
        }

        // NetworkManager picks systemd-resolved by itself when resolv.conf links to it.
        if (settings.UsesSystemdResolved || resolver.Owner == ResolverManager.SystemdResolved)
        {
            return Resolved(who, resolver);
        }

        if (settings.UsesResolvconf)
        {
            return Resolvconf(who, resolver);
        }

        return resolver.Owner == ResolverManager.None || (resolver.Owner == ResolverManager.NetworkManager && resolver.OwnerActive)
            ? (true, $"{who} writes /etc/resolv.conf itself")
            : (false, $"{who} leaves /etc/resolv.conf alone: it links to another manager's file");
    }

    /// <summary>SUSE: wicked hands <c>NETCONFIG_DNS_STATIC_SERVERS</c> to netconfig, which writes resolv.conf (or its own linked file).</summary>
    private static (bool, string) Netconfig(ResolverFacts resolver) =>
        resolver.NetconfigDnsDisabled ? (false, "netconfig: NETCONFIG_DNS_POLICY is empty, static DNS servers are ignored")
        : resolver.Owner == ResolverManager.None || (resolver.Owner == ResolverManager.Netconfig && resolver.OwnerActive)
            ? (true, "netconfig writes /etc/resolv.conf from NETCONFIG_DNS_STATIC_SERVERS")
            : (false, "netconfig: /etc/resolv.conf links to another manager's file");
}
