namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Finds out which distribution runs under the root and which network tools it has, only by
/// looking at files (so a test can fake any system with a few empty files).
/// </summary>
public static class SystemProbe
{
    /// <summary>Collects the facts.</summary>
    public static SystemFacts Probe(IFileView files)
    {
        var osRelease = files.ReadText("/etc/os-release") ?? files.ReadText("/usr/lib/os-release");
        var os = osRelease is null ? OsRelease.Unknown : OsRelease.Parse(osRelease);
        if (os.Id.Length == 0 && files.Exists("/etc/arch-release"))
        {
            os = os with { Id = "arch" };
        }

        var tools = new InstalledTools(
            Netplan: AnyBin(files, "netplan"),
            NetworkManager: AnyBin(files, "NetworkManager") || AnyBin(files, "nmcli"),
            SystemdNetworkd: Any(files, "/lib/systemd/systemd-networkd", "/usr/lib/systemd/systemd-networkd"),
            Ifupdown: AnyBin(files, "ifup") && !AnyBin(files, "wicked") && files.Exists("/etc/network"),
            Netctl: AnyBin(files, "netctl"),
            RedHatNetworkScripts: Any(files, "/etc/rc.d/init.d/network", "/etc/init.d/network") && files.Exists("/etc/sysconfig/network-scripts"),
            Wicked: AnyBin(files, "wicked"),
            Netifrc: files.Exists("/etc/init.d/net.lo"),
            Hostnamectl: AnyBin(files, "hostnamectl"),
            Systemctl: AnyBin(files, "systemctl"));
        var resolvManaged = files.IsSymbolicLink("/etc/resolv.conf") || AnyBin(files, "resolvconf");
        return new SystemFacts(os, tools, resolvManaged);
    }

    private static bool AnyBin(IFileView files, string program) =>
        Any(files, $"/usr/sbin/{program}", $"/usr/bin/{program}", $"/sbin/{program}", $"/bin/{program}");

    private static bool Any(IFileView files, params string[] paths) => paths.Any(files.Exists);
}
