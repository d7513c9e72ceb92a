using System.Collections.Immutable;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Finds out, from files only, who owns <c>/etc/resolv.conf</c> and which resolver managers are
/// alive and would be fed by a network system (see <see cref="ResolverFacts"/>).
/// </summary>
internal static class ResolverProbe
{
    /// <summary>The resolver configuration.</summary>
    public const string ResolvConf = "/etc/resolv.conf";

    private static readonly ImmutableArray<(string Prefix, ResolverManager Manager)> OwnerDirectories =
    [
        ("/run/systemd/resolve/", ResolverManager.SystemdResolved),
        ("/lib/systemd/resolv.conf", ResolverManager.SystemdResolved),
        ("/usr/lib/systemd/resolv.conf", ResolverManager.SystemdResolved),
        ("/run/resolvconf/", ResolverManager.DebianResolvconf),
        ("/etc/resolvconf/run/", ResolverManager.DebianResolvconf),
        ("/run/NetworkManager/", ResolverManager.NetworkManager),
        ("/run/netconfig/", ResolverManager.Netconfig),
    ];

    /// <summary>Collects the facts.</summary>
    /// <param name="files">The files under the root.</param>
    /// <param name="enabled">The enabled services, from <see cref="EnabledServices.Read"/>.</param>
    public static ResolverFacts Probe(IFileView files, IReadOnlySet<string> enabled)
    {
        var link = files.ReadLink(ResolvConf);
        var target = link is null ? null : Normalize(link);
        var owner = target is null
            ? files.IsSymbolicLink(ResolvConf) ? ResolverManager.Unknown : ResolverManager.None
            : OwnerOf(target);
        var resolvedActive = files.Exists("/run/systemd/resolve") || enabled.Contains("systemd-resolved");
        var ownerActive = owner switch
        {
            ResolverManager.None => true,
            ResolverManager.SystemdResolved => resolvedActive,
            ResolverManager.DebianResolvconf => files.Exists("/run/resolvconf") || enabled.Contains("resolvconf"),
            ResolverManager.NetworkManager => files.Exists("/run/NetworkManager") || enabled.Contains("NetworkManager"),
            // netconfig is no daemon; the link is alive while its file is there. So is an unknown link.
            _ => target is not null && files.Exists(target),
        };

        return new ResolverFacts(
            owner,
            link,
            ownerActive,
            resolvedActive,
            ResolvconfOf(files),
            files.Exists("/etc/network/if-up.d/000resolvconf"),
            NetworkManagerDnsSettings.Read(files),
            // For a device only our file defines; resetnetwork refines it for its interfaces once it knows them (NetplanDns).
            NetplanEffectiveRenderer.OfUndefined(files) == NetplanEffectiveRenderer.NetworkManager,
            NetconfigDnsDisabled(files),
            files.Exists("/usr/libexec/ifupdown-ng"));
    }

    /// <summary>
    /// The absolute form of a link target stored in <c>/etc</c>: relative targets are resolved
    /// against <c>/etc</c>, <c>..</c> and <c>.</c> collapsed, and <c>/var/run</c> read as <c>/run</c>.
    /// </summary>
    public static string Normalize(string target)
    {
        var parts = new List<string>();
        foreach (var part in (target.StartsWith('/') ? target : "/etc/" + target).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        var path = "/" + string.Join('/', parts);
        return path.StartsWith("/var/run/", StringComparison.Ordinal) ? path["/var".Length..] : path;
    }

    private static ResolverManager OwnerOf(string target)
    {
        foreach (var (prefix, manager) in OwnerDirectories)
        {
            if (target.StartsWith(prefix, StringComparison.Ordinal))
            {
                return manager;
            }
        }

        return ResolverManager.Unknown;
    }

    private static ResolvconfKind ResolvconfOf(IFileView files)
    {
        string[] programs = ["/usr/sbin/resolvconf", "/usr/bin/resolvconf", "/sbin/resolvconf", "/bin/resolvconf"];
        var installed = programs.Where(files.Exists).ToArray();
        if (installed.Length == 0)
        {
            return ResolvconfKind.None;
        }

        if (installed.Select(files.ReadLink).Any(t => t is not null && t.EndsWith("resolvectl", StringComparison.Ordinal)))
        {
            return ResolvconfKind.SystemdShim;
        }

        return files.Exists("/etc/resolvconf/update.d") ? ResolvconfKind.Debian : ResolvconfKind.Openresolv;
    }

    private static bool NetconfigDnsDisabled(IFileView files) =>
        (files.ReadText("/etc/sysconfig/network/config") ?? "").Split('\n')
            .Select(l => l.Trim())
            .LastOrDefault(l => l.StartsWith("NETCONFIG_DNS_POLICY=", StringComparison.Ordinal)) is { } line
        && line["NETCONFIG_DNS_POLICY=".Length..].Trim('"', '\'', ' ').Length == 0;
}
