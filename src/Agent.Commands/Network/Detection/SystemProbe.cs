namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Finds out which distribution runs under the root, which network tools it has, which of them
/// are in use and who owns <c>/etc/resolv.conf</c>, only by looking at files (so a test can fake any system with a few empty files).
/// </summary>
internal static class SystemProbe
{
    /// <summary>Collects the facts.</summary>
    public static SystemFacts Probe(IFileView files)
    {
        // FreeBSD's /etc/os-release is a link to the file its rc script writes at boot, which a
        // view that never follows links only finds under the target's own name.
        var osRelease = files.ReadText("/etc/os-release") ?? files.ReadText("/usr/lib/os-release") ?? files.ReadText("/var/run/os-release");
        var os = osRelease is null ? OsRelease.Unknown : OsRelease.Parse(osRelease);
        if (os.Id.Length == 0)
        {
            os = WithoutOsRelease(files) ?? os;
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
        var enabled = EnabledServices.Read(files);
        return new SystemFacts(os, tools)
        {
            ActiveBackends = ActiveNetworkServices.Detect(files, enabled),
            NetplanConfigured = NetplanConfiguration.Files(files).Any() || NetplanConfiguration.UndecodableFiles(files).Any(),
            SystemdBooted = files.Exists("/run/systemd/system") && AnyBin(files, "systemd-run"),
            Resolver = ResolverProbe.Probe(files, enabled),
        };
    }

    /// <summary>
    /// Systems older than os-release (CentOS 6, Debian 6) and those whose link could not be read, by
    /// the release files the original's <c>platform</c> module read: an id and major version only.
    /// </summary>
    private static OsRelease? WithoutOsRelease(IFileView files)
    {
        (string Path, string Id)[] releaseFiles =
        [
            ("/etc/arch-release", "arch"), ("/etc/gentoo-release", "gentoo"), ("/etc/SuSE-release", "suse"),
            ("/etc/redhat-release", "rhel"), ("/etc/debian_version", "debian"),
        ];
        foreach (var (path, id) in releaseFiles)
        {
            if (files.Exists(path))
            {
                var version = string.Concat((files.ReadText(path) ?? "").SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit));
                return OsRelease.Parse($"ID={id}\nVERSION_ID={version}\n");
            }
        }

        // FreeBSD has no release file of that kind; its rc script for interfaces is unmistakable.
        return files.Exists("/etc/rc.d/netif") ? OsRelease.Parse("ID=freebsd\n") : null;
    }

    private static bool AnyBin(IFileView files, string program) =>
        Any(files, $"/usr/sbin/{program}", $"/usr/bin/{program}", $"/sbin/{program}", $"/bin/{program}");

    private static bool Any(IFileView files, params string[] paths) => paths.Any(files.Exists);
}
