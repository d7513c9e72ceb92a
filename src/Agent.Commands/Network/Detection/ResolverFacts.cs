namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// How DNS servers reach <c>/etc/resolv.conf</c> on this system: who it belongs to, whether that
/// manager is alive, and what would feed it.
/// </summary>
/// <param name="Owner">Who <c>/etc/resolv.conf</c> belongs to, from its link target.</param>
/// <param name="LinkTarget">The link target as stored; <c>null</c> when it is not a link.</param>
/// <param name="OwnerActive">
/// Whether <see cref="Owner"/> runs or is enabled (always true for <see cref="ResolverManager.None"/>);
/// a link into the run directory of a manager that is not active is dangling or stale.
/// </param>
/// <param name="SystemdResolvedActive">systemd-resolved runs (<c>/run/systemd/resolve</c>) or is enabled.</param>
/// <param name="Resolvconf">The <c>resolvconf</c> program installed.</param>
/// <param name="IfupdownResolvconfHook">ifupdown's resolvconf hook (<c>/etc/network/if-up.d/000resolvconf</c>) passes <c>dns-nameservers</c> on.</param>
/// <param name="NetworkManagerDns">NetworkManager's DNS settings (<c>[main] dns=</c>, <c>rc-manager=</c>).</param>
/// <param name="NetplanRendersNetworkManager">
/// netplan hands the interfaces in our file to NetworkManager rather than networkd: from the probe,
/// for a device no other file defines (the last network-wide <c>renderer</c>); for
/// <c>resetnetwork</c>, for the interfaces it configures, on the files as they are after its reset
/// (<see cref="Rendering.NetplanDns"/>).
/// </param>
/// <param name="NetconfigDnsDisabled">SUSE's <c>NETCONFIG_DNS_POLICY</c> is set empty: netconfig ignores the static servers.</param>
/// <param name="IfupdownNg">
/// The <c>ifup</c> is ifupdown-ng (Alpine's default since 3.13; its executor directory
/// <c>/usr/libexec/ifupdown-ng</c> is there): it gives the <c>if-up.d</c> scripts no <c>ADDRFAM</c>,
/// and the resolvconf hook then exits before it passes <c>dns-nameservers</c> on. Its executors set no
/// interface's <c>accept_ra</c> or <c>autoconf</c> either, which the ifupdown plan counts on.
/// </param>
internal sealed record ResolverFacts(
    ResolverManager Owner = ResolverManager.None,
    string? LinkTarget = null,
    bool OwnerActive = true,
    bool SystemdResolvedActive = false,
    ResolvconfKind Resolvconf = ResolvconfKind.None,
    bool IfupdownResolvconfHook = false,
    NetworkManagerDnsSettings? NetworkManagerDns = null,
    bool NetplanRendersNetworkManager = false,
    bool NetconfigDnsDisabled = false,
    bool IfupdownNg = false)
{
    /// <summary>A plain <c>/etc/resolv.conf</c> and no resolver manager.</summary>
    public static ResolverFacts Unmanaged { get; } = new();
}
