namespace GuestAgent.Commands.Network.Model;

/// <summary>
/// Everything <c>resetnetwork</c> configures: the interfaces, ordered by name, and the hostname.
/// </summary>
/// <param name="Interfaces">The interfaces to configure, ordered by name (ordinal).</param>
/// <param name="Hostname">
/// The hostname the host asked for (<c>vm-data/hostname</c>, shortened to a hostname the system takes,
/// see <see cref="Parsing.HostnameValidator.ToSystemHostname"/>), or <c>null</c> to keep the current one.
/// </param>
/// <param name="CurrentHostname">The hostname configured now, if known; used for <c>/etc/hosts</c> when the host sends none.</param>
/// <param name="SystemInterfaces">
/// Every interface the system has, configured or not and of any kind (Ethernet, WireGuard,
/// InfiniBand, bridges…): the per-interface files of these are never stale.
/// </param>
internal sealed record NetworkConfiguration(
    IReadOnlyList<InterfaceConfiguration> Interfaces,
    string? Hostname,
    string? CurrentHostname,
    IReadOnlyList<string> SystemInterfaces)
{
    /// <summary>The hostname to use in files that need one: the new one, else the current one.</summary>
    public string? EffectiveHostname => Hostname ?? CurrentHostname;

    /// <summary>DNS servers of every interface, in interface order, without duplicates.</summary>
    public IReadOnlyList<System.Net.IPAddress> DnsServers =>
        Interfaces.SelectMany(i => i.DnsServers).Distinct().ToArray();

    /// <summary>
    /// <see cref="DnsServers"/> as one resolver list for the whole system names them, in interface order
    /// without duplicates: a link-local one with the interface whose entry lists it
    /// (<see cref="InterfaceConfiguration.ScopedDnsServers"/>), and on each link that lists it.
    /// </summary>
    public IReadOnlyList<string> ScopedDnsServers =>
        Interfaces.SelectMany(i => i.ScopedDnsServers).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Whether any interface has an IPv6 address.</summary>
    public bool HasIPv6 => Interfaces.Any(i => i.HasIPv6);
}
