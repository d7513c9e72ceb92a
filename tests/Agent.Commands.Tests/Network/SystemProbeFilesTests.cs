using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What <see cref="SystemProbe"/> finds in a real directory tree (read through the
/// <see cref="FileSystemView"/> the daemon uses): os-release and the older release files, and which
/// network tools count as installed, program by program and directory by directory.
/// </summary>
public sealed class SystemProbeFilesTests
{
    [Fact]
    public void The_vendor_os_release_counts_when_etc_has_none()
    {
        using var root = new FakeRoot();
        root.Write("/usr/lib/os-release", "ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"\n");

        var facts = Probe(root);

        Assert.Equal("ubuntu", facts.OsRelease.Id);
        Assert.Equal(24, facts.OsRelease.MajorVersion);
    }

    [Theory]
    [InlineData("/etc/gentoo-release", "Gentoo Base System release 2.14\n", "gentoo", "2")]
    [InlineData("/etc/SuSE-release", "SUSE Linux Enterprise Server 11 (x86_64)\nVERSION = 11\nPATCHLEVEL = 4\n", "suse", "11")]
    [InlineData("/etc/redhat-release", "CentOS Linux release 7.9.2009 (Core)\n", "rhel", "7")]
    [InlineData("/etc/debian_version", "bookworm/sid\n", "debian", "")]
    public void A_release_file_names_the_system_without_os_release(string path, string text, string id, string version)
    {
        using var root = new FakeRoot();
        root.Write(path, text);

        var os = Probe(root).OsRelease;

        Assert.Equal(id, os.Id);
        Assert.Equal(version, os.VersionId);
    }

    public static TheoryData<string[], string[]> Tools() => new()
    {
        { [], [] },
        // NetworkManager's daemon or its command-line client, in any of the four program directories.
        { ["/usr/bin/nmcli"], ["NetworkManager"] },
        { ["/sbin/NetworkManager"], ["NetworkManager"] },
        { ["/usr/sbin/netplan"], ["Netplan"] },
        { ["/bin/netctl"], ["Netctl"] },
        { ["/lib/systemd/systemd-networkd"], ["SystemdNetworkd"] },
        // ifupdown's ifup, with its /etc/network; SUSE's wicked ships an ifup of its own.
        { ["/sbin/ifup", "/etc/network/interfaces"], ["Ifupdown"] },
        { ["/sbin/ifup"], [] },
        { ["/sbin/ifup", "/usr/sbin/wicked", "/etc/network/interfaces"], ["Wicked"] },
        // Red Hat's network service, with the scripts directory it reads.
        { ["/etc/init.d/network", "/etc/sysconfig/network-scripts/ifcfg-lo"], ["RedHatNetworkScripts"] },
        { ["/etc/rc.d/init.d/network"], [] },
        { ["/etc/init.d/net.lo"], ["Netifrc"] },
        { ["/usr/bin/hostnamectl", "/bin/systemctl"], ["Hostnamectl", "Systemctl"] },
    };

    [Theory]
    [MemberData(nameof(Tools))]
    public void Installed_tools_are_found_where_distributions_put_them(string[] paths, string[] expected)
    {
        using var root = new FakeRoot();
        root.Write("/etc/os-release", "ID=linux\n");
        foreach (var path in paths)
        {
            root.Write(path, "");
        }

        Assert.Equal(expected, Found(Probe(root).Tools));
    }

    [Fact]
    public void A_netplan_file_marks_netplan_as_configured()
    {
        using var root = new FakeRoot();
        root.Write("/etc/os-release", "ID=ubuntu\n");
        Assert.False(Probe(root).NetplanConfigured);

        root.Write("/etc/netplan/50-cloud-init.yaml", "network:\n  version: 2\n");

        Assert.True(Probe(root).NetplanConfigured);
    }

    private static string[] Found(InstalledTools tools) =>
    [
        .. tools.Netplan ? ["Netplan"] : Array.Empty<string>(),
        .. tools.NetworkManager ? ["NetworkManager"] : Array.Empty<string>(),
        .. tools.SystemdNetworkd ? ["SystemdNetworkd"] : Array.Empty<string>(),
        .. tools.Ifupdown ? ["Ifupdown"] : Array.Empty<string>(),
        .. tools.Netctl ? ["Netctl"] : Array.Empty<string>(),
        .. tools.RedHatNetworkScripts ? ["RedHatNetworkScripts"] : Array.Empty<string>(),
        .. tools.Wicked ? ["Wicked"] : Array.Empty<string>(),
        .. tools.Netifrc ? ["Netifrc"] : Array.Empty<string>(),
        .. tools.Hostnamectl ? ["Hostnamectl"] : Array.Empty<string>(),
        .. tools.Systemctl ? ["Systemctl"] : Array.Empty<string>(),
    ];

    private static SystemFacts Probe(FakeRoot root) => SystemProbe.Probe(new FileSystemView(root.CreateSystem().FileSystem));
}
