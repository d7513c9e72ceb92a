using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Network.Dns;

/// <summary>
/// Decides whether the DNS servers in a backend's files really reach <c>/etc/resolv.conf</c>
/// through a resolver manager (each backend's <see cref="NetworkBackendDefinition.DeliversDns"/>),
/// and when they would not, where the agent puts them itself (a drop-in for a running
/// systemd-resolved that owns the file, else the file), so they always end up somewhere the
/// resolver reads. A backend's files only help when the manager they feed is the one
/// <c>/etc/resolv.conf</c> belongs to, and it is alive: networkd's <c>DNS=</c> needs
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

        var (reaches, why) = NetworkBackends.For(backend).DeliversDns(resolver);
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
}
