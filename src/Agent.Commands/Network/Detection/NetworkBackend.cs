namespace GuestAgent.Commands.Network.Detection;

/// <summary>The network configuration systems <c>resetnetwork</c> can write for.</summary>
public enum NetworkBackend
{
    /// <summary>netplan YAML in <c>/etc/netplan</c> (Ubuntu ≥ 18.04, any system with netplan).</summary>
    Netplan,

    /// <summary>Debian's ifupdown: <c>/etc/network/interfaces</c>.</summary>
    Ifupdown,

    /// <summary>systemd-networkd <c>.network</c> files.</summary>
    SystemdNetworkd,

    /// <summary>NetworkManager keyfiles.</summary>
    NetworkManager,

    /// <summary>Red Hat initscripts: <c>ifcfg-*</c>, <c>route-*</c>, <c>/etc/sysconfig/network</c>.</summary>
    RedHatIfcfg,

    /// <summary>SUSE sysconfig (wicked): <c>ifcfg-*</c>, <c>ifroute-*</c>, <c>/etc/sysconfig/network/config</c>.</summary>
    SuseIfcfg,

    /// <summary>Arch Linux netctl profiles.</summary>
    Netctl,

    /// <summary>Gentoo netifrc (<c>/etc/conf.d/net</c>, OpenRC style).</summary>
    GentooNetifrc,

    /// <summary>FreeBSD <c>/etc/rc.conf</c>.</summary>
    FreeBsdRcConf,
}
