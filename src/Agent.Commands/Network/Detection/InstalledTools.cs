namespace GuestAgent.Commands.Network.Detection;

/// <summary>The network tools found under the root.</summary>
/// <param name="Netplan">netplan is installed.</param>
/// <param name="NetworkManager">NetworkManager is installed.</param>
/// <param name="SystemdNetworkd">systemd-networkd is installed.</param>
/// <param name="Ifupdown">ifupdown (<c>ifup</c>) is installed.</param>
/// <param name="Netctl">netctl is installed.</param>
/// <param name="RedHatNetworkScripts">The initscripts <c>network</c> service is installed.</param>
/// <param name="Wicked">SUSE's wicked is installed.</param>
/// <param name="Netifrc">Gentoo's netifrc (<c>/etc/init.d/net.lo</c>) is installed.</param>
/// <param name="Hostnamectl">systemd's <c>hostnamectl</c> is installed.</param>
/// <param name="Systemctl">systemd's <c>systemctl</c> is installed.</param>
internal sealed record InstalledTools(
    bool Netplan = false,
    bool NetworkManager = false,
    bool SystemdNetworkd = false,
    bool Ifupdown = false,
    bool Netctl = false,
    bool RedHatNetworkScripts = false,
    bool Wicked = false,
    bool Netifrc = false,
    bool Hostnamectl = false,
    bool Systemctl = false);
