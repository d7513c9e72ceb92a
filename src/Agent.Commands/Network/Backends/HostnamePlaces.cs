namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// Where one network system keeps the static hostname, for <see cref="Rendering.Common.HostnameFilesRenderer"/>
/// and the live hostname step. By default <c>/etc/hostname</c>, and the other known places only when
/// they are already there (<c>/etc/HOSTNAME</c>, <c>/etc/conf.d/hostname</c>, a <c>HOSTNAME=</c> in
/// <c>/etc/sysconfig/network</c> or Arch's <c>/etc/rc.conf</c>).
/// </summary>
internal sealed record HostnamePlaces
{
    /// <summary>The common files, each written when it is already there.</summary>
    public static HostnamePlaces Common { get; } = new();

    /// <summary>
    /// The hostname lives only in the files the backend's renderer writes (FreeBSD's
    /// <c>rc.conf</c>): none of the Linux files, and <c>hostname</c> sets the running name, since
    /// <c>hostnamectl</c> would write an <c>/etc/hostname</c> the system never reads.
    /// </summary>
    public bool OnlyInBackendFiles { get; init; }

    /// <summary><c>/etc/HOSTNAME</c> is written even when it is not there yet (SUSE).</summary>
    public bool SuseHostnameFile { get; init; }

    /// <summary><c>/etc/conf.d/hostname</c> is written even when it is not there yet (Gentoo).</summary>
    public bool ConfDHostnameFile { get; init; }

    /// <summary>
    /// The renderer writes <c>/etc/sysconfig/network</c> itself, hostname included (Red Hat), so the
    /// hostname files leave it alone.
    /// </summary>
    public bool SysconfigNetworkFromRenderer { get; init; }
}
