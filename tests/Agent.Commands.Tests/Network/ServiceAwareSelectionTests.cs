using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The backend follows the network service that is enabled or running, not only what is
/// installed; on fake roots with the enablement links and run-time files each init system keeps.
/// </summary>
public sealed class ServiceAwareSelectionTests
{
    private const string Wants = "/etc/systemd/system/multi-user.target.wants";

    private static readonly string[] ArchTools = ["/usr/lib/systemd/systemd-networkd", "/usr/bin/NetworkManager", "/usr/bin/systemctl"];
    private static readonly string[] El9Tools = ["/usr/sbin/NetworkManager", "/etc/rc.d/init.d/network", "/etc/sysconfig/network-scripts/ifcfg-lo", "/usr/bin/systemctl"];
    private const string El9 = "ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.3\"\n";

    private static FakeRoot Root(string osRelease, params string[] tools)
    {
        var root = new FakeRoot();
        root.Write("/etc/os-release", osRelease);
        foreach (var tool in tools)
        {
            root.Write(tool, "");
        }

        return root;
    }

    private static NetworkBackend Select(FakeRoot root, NetworkBackend? configured = null) =>
        BackendSelector.Select(SystemProbe.Probe(new FileSystemView(root.CreateSystem().FileSystem)), configured);

    [Fact]
    public void Arch_with_NetworkManager_enabled_and_no_netctl_gets_NetworkManager()
    {
        using var root = Root("ID=arch\n", ArchTools);
        root.Link($"{Wants}/NetworkManager.service", "/usr/lib/systemd/system/NetworkManager.service");

        Assert.Equal(NetworkBackend.NetworkManager, Select(root));
    }

    [Fact]
    public void Arch_with_NetworkManager_running_gets_NetworkManager()
    {
        using var root = Root("ID=arch\n", ArchTools);
        root.Write("/run/NetworkManager/NetworkManager.state", "");

        Assert.Equal(NetworkBackend.NetworkManager, Select(root));
    }

    [Fact]
    public void Arch_with_nothing_enabled_still_chooses_by_what_is_installed()
    {
        using var root = Root("ID=arch\n", ArchTools);

        Assert.Equal(NetworkBackend.SystemdNetworkd, Select(root));
    }

    [Fact]
    public void Arch_with_a_netctl_profile_enabled_gets_netctl_even_with_networkd_running()
    {
        using var root = Root("ID=arch\n", [.. ArchTools, "/usr/bin/netctl"]);
        root.Link($"{Wants}/netctl@eth0.service", "/usr/lib/systemd/system/netctl@.service");
        root.Write("/run/systemd/netif/state", "OPER_STATE=routable\n");

        Assert.Equal(NetworkBackend.Netctl, Select(root));
    }

    [Fact]
    public void El9_with_the_legacy_network_service_enabled_gets_ifcfg_although_NetworkManager_is_installed()
    {
        using var root = Root(El9, El9Tools);
        root.Link("/etc/rc.d/rc3.d/S10network", "../init.d/network");

        Assert.Equal(NetworkBackend.RedHatIfcfg, Select(root));
    }

    [Fact]
    public void El9_with_ifcfg_files_NetworkManager_must_leave_alone_gets_ifcfg()
    {
        using var root = Root(El9, El9Tools);
        root.Write("/etc/sysconfig/network-scripts/ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nNM_CONTROLLED=\"no\"\n");
        root.Link($"{Wants}/NetworkManager.service", "/usr/lib/systemd/system/NetworkManager.service");

        Assert.Equal(NetworkBackend.RedHatIfcfg, Select(root));
    }

    [Fact]
    public void El9_with_NetworkManager_enabled_and_its_own_ifcfg_files_gets_NetworkManager()
    {
        using var root = Root(El9, El9Tools);
        root.Write("/etc/NetworkManager/NetworkManager.conf", "[main]\nplugins=ifcfg-rh\n");
        root.Write("/etc/sysconfig/network-scripts/ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nNM_CONTROLLED=yes\n");
        root.Write("/etc/sysconfig/network-scripts/ifcfg-eth0.bak", "NM_CONTROLLED=no\n");
        root.Link($"{Wants}/NetworkManager.service", "/usr/lib/systemd/system/NetworkManager.service");

        Assert.Equal(NetworkBackend.NetworkManager, Select(root));
    }

    [Fact]
    public void El9_with_the_network_service_enabled_but_network_scripts_removed_gets_NetworkManager()
    {
        using var root = Root(El9, "/usr/sbin/NetworkManager", "/usr/bin/systemctl");
        root.Link("/etc/rc.d/rc3.d/S10network", "../init.d/network");

        Assert.Equal(NetworkBackend.NetworkManager, Select(root));
    }

    [Fact]
    public void Debian_with_networkd_enabled_gets_networkd_although_ifupdown_is_installed()
    {
        using var root = Root("ID=debian\nVERSION_ID=\"12\"\n", "/sbin/ifup", "/etc/network/interfaces", "/usr/lib/systemd/systemd-networkd");
        root.Link($"{Wants}/systemd-networkd.service", "/lib/systemd/system/systemd-networkd.service");

        Assert.Equal(NetworkBackend.SystemdNetworkd, Select(root));
    }

    [Fact]
    public void Debian_where_ifupdown_brought_interfaces_up_keeps_ifupdown_although_tmpfiles_made_the_netif_directory()
    {
        using var root = Root("ID=debian\nVERSION_ID=\"12\"\n", "/sbin/ifup", "/etc/network/interfaces", "/usr/lib/systemd/systemd-networkd");
        root.Write("/run/network/ifstate", "lo=lo\neth0=eth0\n");
        FixtureDirectories.Create(root.Host("/run/systemd/netif/links"));

        Assert.Equal(NetworkBackend.Ifupdown, Select(root));
    }

    [Fact]
    public void Suse_whose_network_service_is_an_alias_of_NetworkManager_gets_NetworkManager_although_wicked_is_installed()
    {
        using var root = Root("ID=\"opensuse-leap\"\nID_LIKE=\"suse opensuse\"\nVERSION_ID=\"15.5\"\n", "/usr/sbin/wicked", "/usr/sbin/NetworkManager", "/usr/bin/systemctl");
        root.Link("/etc/systemd/system/network.service", "/usr/lib/systemd/system/NetworkManager.service");

        Assert.Equal(NetworkBackend.NetworkManager, Select(root));
    }

    [Fact]
    public void Gentoo_with_NetworkManager_in_the_default_runlevel_gets_NetworkManager()
    {
        using var root = Root("ID=gentoo\n", "/etc/init.d/net.lo", "/usr/sbin/NetworkManager");
        root.Link("/etc/runlevels/boot/net.lo", "/etc/init.d/net.lo");
        root.Link("/etc/runlevels/default/NetworkManager", "/etc/init.d/NetworkManager");

        Assert.Equal(NetworkBackend.NetworkManager, Select(root));
    }

    [Fact]
    public void Gentoo_with_an_interface_service_in_a_runlevel_gets_netifrc_even_with_NetworkManager_running()
    {
        using var root = Root("ID=gentoo\n", "/etc/init.d/net.lo", "/usr/sbin/NetworkManager");
        root.Link("/etc/runlevels/default/net.eth0", "/etc/init.d/net.lo");
        root.Write("/run/NetworkManager/NetworkManager.state", "");

        Assert.Equal(NetworkBackend.GentooNetifrc, Select(root));
    }

    [Fact]
    public void A_masked_service_is_not_in_use()
    {
        using var root = Root("ID=arch\n", ArchTools);
        root.Link($"{Wants}/NetworkManager.service", "/usr/lib/systemd/system/NetworkManager.service");
        root.Link("/etc/systemd/system/NetworkManager.service", "/dev/null");

        Assert.Equal(NetworkBackend.SystemdNetworkd, Select(root));
    }

    [Fact]
    public void The_configured_backend_wins_over_the_running_service()
    {
        using var root = Root("ID=arch\n", ArchTools);
        root.Link($"{Wants}/NetworkManager.service", "/usr/lib/systemd/system/NetworkManager.service");

        Assert.Equal(NetworkBackend.SystemdNetworkd, Select(root, NetworkBackend.SystemdNetworkd));
    }

    [Fact]
    public void Netplan_without_a_file_still_wins_over_NetworkManager_it_can_render_for_and_an_ifupdown_not_in_use()
    {
        using var root = Root("ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"\n", "/usr/sbin/netplan", "/sbin/ifup", "/etc/network/interfaces", "/usr/sbin/NetworkManager");
        root.Link($"{Wants}/NetworkManager.service", "/usr/lib/systemd/system/NetworkManager.service");

        Assert.Equal(NetworkBackend.Netplan, Select(root));
    }

    [Fact]
    public void Enabled_services_are_read_from_systemd_sysv_and_openrc_links()
    {
        using var root = new FakeRoot();
        root.Link($"{Wants}/systemd-networkd.service", "/usr/lib/systemd/system/systemd-networkd.service");
        root.Link("/etc/systemd/system/sockets.target.wants/systemd-networkd.socket", "/usr/lib/systemd/system/systemd-networkd.socket");
        root.Link("/etc/systemd/system/network.service", "/usr/lib/systemd/system/wicked.service");
        root.Link("/etc/systemd/system/dbus-org.freedesktop.resolve1.service", "/dev/null");
        root.Link("/etc/rc2.d/S01networking", "../init.d/networking");
        root.Link("/etc/rc2.d/K01ssh", "../init.d/ssh");
        root.Link("/etc/runlevels/default/net.eth0", "/etc/init.d/net.lo");
        // A unit installed with RequiredBy= (systemctl enable makes a *.requires/ link).
        root.Link("/etc/systemd/system/network-online.target.requires/NetworkManager-wait-online.service", "/usr/lib/systemd/system/NetworkManager-wait-online.service");

        var enabled = EnabledServices.Read(new FileSystemView(root.CreateSystem().FileSystem));

        Assert.Equal(["NetworkManager-wait-online", "net.eth0", "networking", "systemd-networkd", "systemd-networkd.socket", "wicked"], enabled.Order(StringComparer.Ordinal));
    }
}
