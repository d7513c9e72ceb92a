namespace GuestAgent.Commands.Network.Detection;

/// <summary>Who writes <c>/etc/resolv.conf</c>, as its symbolic link (or its absence) tells.</summary>
internal enum ResolverManager
{
    /// <summary>It is a regular file or missing: whoever writes it writes it in place.</summary>
    None,

    /// <summary>A link into systemd-resolved's files (<c>/run/systemd/resolve/stub-resolv.conf</c>).</summary>
    SystemdResolved,

    /// <summary>A link into Debian resolvconf's run directory (<c>/run/resolvconf/resolv.conf</c>).</summary>
    DebianResolvconf,

    /// <summary>A link to NetworkManager's own file (<c>/run/NetworkManager/resolv.conf</c>).</summary>
    NetworkManager,

    /// <summary>A link to SUSE netconfig's file (<c>/run/netconfig/resolv.conf</c>).</summary>
    Netconfig,

    /// <summary>A link somewhere else.</summary>
    Unknown,
}
