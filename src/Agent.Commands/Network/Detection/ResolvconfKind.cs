namespace GuestAgent.Commands.Network.Detection;

/// <summary>Which <c>resolvconf</c> program is installed: they send the servers to different places.</summary>
internal enum ResolvconfKind
{
    /// <summary>None.</summary>
    None,

    /// <summary>Debian's resolvconf: writes <c>/run/resolvconf/resolv.conf</c>, which <c>/etc/resolv.conf</c> must link to.</summary>
    Debian,

    /// <summary>openresolv (FreeBSD base, Arch, Gentoo): writes <c>/etc/resolv.conf</c> itself.</summary>
    Openresolv,

    /// <summary>systemd's compatibility link to <c>resolvectl</c>: hands the servers to systemd-resolved.</summary>
    SystemdShim,
}
