using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Tests.Network;

public sealed class DetectionTests
{
    [Fact]
    public void Os_release_fields_are_parsed_with_quotes_and_comments()
    {
        var os = OsRelease.Parse("# comment\nNAME=\"Rocky Linux\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID='9.3'\n");
        Assert.Equal("rocky", os.Id);
        Assert.Equal(["rhel", "centos", "fedora"], os.IdLike);
        Assert.Equal("9.3", os.VersionId);
        Assert.Equal(9, os.MajorVersion);
        Assert.True(os.IsLike("rhel"));
        Assert.False(os.IsLike("debian"));
    }

    public static TheoryData<string, string[], NetworkBackend> Systems() => new()
    {
        { "ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"", ["/usr/sbin/netplan", "/lib/systemd/systemd-networkd"], NetworkBackend.Netplan },
        { "ID=debian\nVERSION_ID=\"12\"", ["/sbin/ifup", "/etc/network/interfaces"], NetworkBackend.Ifupdown },
        { "ID=debian\nVERSION_ID=\"13\"", ["/usr/lib/systemd/systemd-networkd"], NetworkBackend.SystemdNetworkd },
        { "ID=fedora\nVERSION_ID=40", ["/usr/sbin/NetworkManager"], NetworkBackend.NetworkManager },
        { "ID=\"centos\"\nID_LIKE=\"rhel fedora\"\nVERSION_ID=\"7\"", ["/usr/sbin/NetworkManager", "/etc/rc.d/init.d/network", "/etc/sysconfig/network-scripts/ifcfg-lo"], NetworkBackend.RedHatIfcfg },
        // NetworkManager became the default in Fedora 29 and EL 8 (docs/networking.md's table).
        { "ID=fedora\nVERSION_ID=28", ["/usr/sbin/NetworkManager", "/etc/rc.d/init.d/network", "/etc/sysconfig/network-scripts/ifcfg-lo"], NetworkBackend.RedHatIfcfg },
        { "ID=fedora\nVERSION_ID=29", ["/usr/sbin/NetworkManager", "/etc/rc.d/init.d/network", "/etc/sysconfig/network-scripts/ifcfg-lo"], NetworkBackend.NetworkManager },
        { "ID=\"centos\"\nID_LIKE=\"rhel fedora\"\nVERSION_ID=\"8\"", ["/usr/sbin/NetworkManager", "/etc/rc.d/init.d/network", "/etc/sysconfig/network-scripts/ifcfg-lo"], NetworkBackend.NetworkManager },
        { "ID=\"rhel\"\nVERSION_ID=\"9.4\"", ["/usr/sbin/NetworkManager", "/etc/rc.d/init.d/network", "/etc/sysconfig/network-scripts/ifcfg-lo"], NetworkBackend.NetworkManager },
        { "ID=\"opensuse-leap\"\nID_LIKE=\"suse opensuse\"\nVERSION_ID=\"15.5\"", ["/usr/sbin/wicked"], NetworkBackend.SuseIfcfg },
        { "ID=\"opensuse-tumbleweed\"\nID_LIKE=\"opensuse suse\"", ["/usr/sbin/NetworkManager"], NetworkBackend.NetworkManager },
        { "ID=arch", ["/usr/bin/netctl"], NetworkBackend.Netctl },
        { "ID=arch", ["/usr/lib/systemd/systemd-networkd"], NetworkBackend.SystemdNetworkd },
        { "ID=gentoo", ["/etc/init.d/net.lo"], NetworkBackend.GentooNetifrc },
        { "ID=freebsd\nVERSION_ID=14.1", [], NetworkBackend.FreeBsdRcConf },
        { "ID=alpine", ["/sbin/ifup", "/etc/network/interfaces"], NetworkBackend.Ifupdown },
    };

    [Theory]
    [MemberData(nameof(Systems))]
    public void The_backend_follows_the_distribution_and_what_is_installed(string osRelease, string[] files, NetworkBackend expected)
    {
        var view = new InMemoryFileView(files.Append("/etc/os-release").ToDictionary(f => f, f => f == "/etc/os-release" ? osRelease : ""));
        Assert.Equal(expected, BackendSelector.Select(SystemProbe.Probe(view)));
    }

    [Fact]
    public void The_configured_backend_wins()
    {
        var facts = SystemProbe.Probe(new InMemoryFileView(new Dictionary<string, string> { ["/etc/os-release"] = "ID=ubuntu", ["/usr/sbin/netplan"] = "" }));
        Assert.Equal(NetworkBackend.SystemdNetworkd, BackendSelector.Select(facts, NetworkBackend.SystemdNetworkd));
    }

    [Fact]
    public void An_unknown_system_without_network_tools_is_refused_with_500()
    {
        var facts = SystemProbe.Probe(new InMemoryFileView(new Dictionary<string, string> { ["/etc/os-release"] = "ID=plan9" }));
        var error = Assert.Throws<CommandException>(() => BackendSelector.Select(facts));
        Assert.Equal("500", error.ReturnCode);
        Assert.Contains("Couldn't figure out my OS", error.Message, StringComparison.Ordinal);
        // Both ways to name the backend: the daemon's configuration key and, for a host of the SDK's own, the option.
        Assert.EndsWith("set the network backend ('network.backend' in the agent's configuration, NetworkOptions.Backend where the SDK is hosted)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arch_is_recognised_by_arch_release_without_os_release()
    {
        var facts = SystemProbe.Probe(new InMemoryFileView(new Dictionary<string, string> { ["/etc/arch-release"] = "" }));
        Assert.Equal("arch", facts.OsRelease.Id);
    }

    public static TheoryData<string, string, string[], NetworkBackend> SystemsWithoutReadableOsRelease() => new()
    {
        // FreeBSD: /etc/os-release links to the file rc writes at boot; links are not followed.
        { "/var/run/os-release", "NAME=FreeBSD\nID=freebsd\nVERSION_ID=14.1\n", [], NetworkBackend.FreeBsdRcConf },
        { "/etc/rc.d/netif", "#!/bin/sh\n", [], NetworkBackend.FreeBsdRcConf },
        { "/etc/redhat-release", "CentOS release 6.10 (Final)\n", ["/etc/rc.d/init.d/network", "/etc/sysconfig/network-scripts/ifcfg-lo", "/usr/sbin/NetworkManager"], NetworkBackend.RedHatIfcfg },
        { "/etc/debian_version", "6.0.10\n", ["/sbin/ifup", "/etc/network/interfaces"], NetworkBackend.Ifupdown },
    };

    [Theory]
    [MemberData(nameof(SystemsWithoutReadableOsRelease))]
    public void Systems_without_a_readable_os_release_are_recognised_by_their_release_files(string path, string text, string[] files, NetworkBackend expected)
    {
        var contents = files.ToDictionary(f => f, _ => "");
        contents[path] = text;
        var view = new InMemoryFileView(contents, ["/etc/os-release"]);

        Assert.Equal(expected, BackendSelector.Select(SystemProbe.Probe(view)));
    }

    [Fact]
    public void An_in_memory_view_lists_and_reads_links_like_the_file_system()
    {
        var view = new InMemoryFileView(
            new Dictionary<string, string> { ["/etc/os-release"] = "ID=opensuse-leap\nID_LIKE=\"suse opensuse\"", ["/usr/sbin/wicked"] = "", ["/usr/sbin/NetworkManager"] = "" },
            linkTargets: new Dictionary<string, string> { ["/etc/systemd/system/network.service"] = "/usr/lib/systemd/system/NetworkManager.service" });

        Assert.Equal("/usr/lib/systemd/system/NetworkManager.service", view.ReadLink("/etc/systemd/system/network.service"));
        Assert.Null(view.ReadLink("/usr/sbin/wicked"));
        Assert.Equal(["network.service"], view.List("/etc/systemd/system"));
        Assert.Equal(NetworkBackend.NetworkManager, BackendSelector.Select(SystemProbe.Probe(view)));
    }
}
