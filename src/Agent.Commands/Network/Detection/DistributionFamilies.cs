namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Which network systems each distribution family prefers, in the order tried (the table of
/// docs/networking.md, "Choosing the network system"). A new backend joins the families it serves
/// here; one that is the only system of its operating system says so itself instead
/// (<see cref="Backends.NetworkBackendDefinition.IsOnlyChoiceOn"/>).
/// </summary>
internal static class DistributionFamilies
{
    /// <summary>Every family, the catch-all last.</summary>
    public static IReadOnlyList<DistributionFamily> All { get; } =
    [
        new("Debian", f => f.OsRelease.IsLike("debian", "ubuntu"),
            [NetworkBackend.Ifupdown, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager],
            [NetworkBackend.Ifupdown, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager],
            NetworkBackend.Ifupdown),

        // Before EL 8 and Fedora 29, initscripts owned the network and NetworkManager was optional.
        new("Red Hat before EL 8 and Fedora 29", f => IsRedHat(f.OsRelease) && IsLegacyRedHat(f.OsRelease),
            [],
            [NetworkBackend.RedHatIfcfg],
            null),

        // The network service enabled, or ifcfg files NetworkManager is told to leave alone, mean
        // the legacy scripts run the network even where NetworkManager is installed (and running).
        new("Red Hat", f => IsRedHat(f.OsRelease),
            [NetworkBackend.RedHatIfcfg, NetworkBackend.NetworkManager, NetworkBackend.SystemdNetworkd],
            [NetworkBackend.NetworkManager, NetworkBackend.RedHatIfcfg, NetworkBackend.SystemdNetworkd],
            NetworkBackend.RedHatIfcfg),

        new("SUSE", f => f.OsRelease.IsLike("suse", "opensuse", "sles") || f.OsRelease.Id.StartsWith("opensuse", StringComparison.Ordinal),
            [NetworkBackend.SuseIfcfg, NetworkBackend.NetworkManager],
            [NetworkBackend.SuseIfcfg, NetworkBackend.NetworkManager],
            NetworkBackend.SuseIfcfg),

        new("Arch", f => f.OsRelease.IsLike("arch", "archlinux"),
            [NetworkBackend.Netctl, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager],
            [NetworkBackend.Netctl, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager],
            NetworkBackend.Netctl),

        new("Gentoo", f => f.OsRelease.IsLike("gentoo"),
            [NetworkBackend.GentooNetifrc, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager],
            [NetworkBackend.GentooNetifrc, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager],
            NetworkBackend.GentooNetifrc),

        new("unknown", _ => true,
            [NetworkBackend.NetworkManager, NetworkBackend.SystemdNetworkd, NetworkBackend.Ifupdown],
            [NetworkBackend.NetworkManager, NetworkBackend.SystemdNetworkd, NetworkBackend.Ifupdown],
            null),
    ];

    private static bool IsRedHat(OsRelease os) => os.IsLike("rhel", "fedora", "centos", "redhat", "ol", "oracle");

    private static bool IsLegacyRedHat(OsRelease os) => os.Id == "fedora" ? os.MajorVersion < 29 : os.MajorVersion < 8;
}
