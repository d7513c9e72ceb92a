using B = GuestAgent.Commands.Network.Detection.NetworkBackend;

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
            [B.Ifupdown, B.SystemdNetworkd, B.NetworkManager], [B.Ifupdown, B.SystemdNetworkd, B.NetworkManager], B.Ifupdown),

        // Before EL 8 and Fedora 29, initscripts owned the network and NetworkManager was optional.
        new("Red Hat before EL 8 and Fedora 29", f => IsRedHat(f.OsRelease) && IsLegacyRedHat(f.OsRelease),
            [], [B.RedHatIfcfg], null),

        // The network service enabled, or ifcfg files NetworkManager is told to leave alone, mean
        // the legacy scripts run the network even where NetworkManager is installed (and running).
        new("Red Hat", f => IsRedHat(f.OsRelease),
            [B.RedHatIfcfg, B.NetworkManager, B.SystemdNetworkd], [B.NetworkManager, B.RedHatIfcfg, B.SystemdNetworkd], B.RedHatIfcfg),

        new("SUSE", f => f.OsRelease.IsLike("suse", "opensuse", "sles") || f.OsRelease.Id.StartsWith("opensuse", StringComparison.Ordinal),
            [B.SuseIfcfg, B.NetworkManager], [B.SuseIfcfg, B.NetworkManager], B.SuseIfcfg),

        new("Arch", f => f.OsRelease.IsLike("arch", "archlinux"),
            [B.Netctl, B.SystemdNetworkd, B.NetworkManager], [B.Netctl, B.SystemdNetworkd, B.NetworkManager], B.Netctl),

        new("Gentoo", f => f.OsRelease.IsLike("gentoo"),
            [B.GentooNetifrc, B.SystemdNetworkd, B.NetworkManager], [B.GentooNetifrc, B.SystemdNetworkd, B.NetworkManager], B.GentooNetifrc),

        new("unknown", _ => true,
            [B.NetworkManager, B.SystemdNetworkd, B.Ifupdown], [B.NetworkManager, B.SystemdNetworkd, B.Ifupdown], null),
    ];

    private static bool IsRedHat(OsRelease os) => os.IsLike("rhel", "fedora", "centos", "redhat", "ol", "oracle");

    private static bool IsLegacyRedHat(OsRelease os) => os.Id == "fedora" ? os.MajorVersion < 29 : os.MajorVersion < 8;
}
