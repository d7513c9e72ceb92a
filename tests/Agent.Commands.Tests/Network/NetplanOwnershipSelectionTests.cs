using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// netplan installed is not netplan owning the network: without a YAML file it configures nothing,
/// so ifupdown (or another system netplan does not drive) in use keeps the network. Fake roots shaped
/// like the cloud images of Debian 12 (ifupdown, netplan.io merely installed), Debian 13 and Ubuntu.
/// </summary>
public sealed class NetplanOwnershipSelectionTests
{
    private const string Wants = "/etc/systemd/system/multi-user.target.wants";
    private const string Bookworm = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n";
    private const string Trixie = "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nID=debian\nVERSION_ID=\"13\"\n";
    private const string Noble = "ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"\n";
    private const string CloudInitYaml = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n";

    /// <summary>netplan.io's files as Debian installs them: the program, and <c>/lib/netplan/generate</c>, a link that is no configuration.</summary>
    private static void InstallNetplan(FakeRoot root)
    {
        root.Write("/usr/sbin/netplan", "");
        root.Link("/lib/netplan/generate", "/usr/libexec/netplan/generate");
        FixtureDirectories.Create(root.Host("/etc/netplan"));
    }

    /// <summary>A Debian 12 cloud image: ifupdown with <c>interfaces.d</c>, <c>networking.service</c> enabled, having brought eth0 up; networkd shipped by systemd but off.</summary>
    private static FakeRoot Bookworm12CloudImage(bool networkingEnabled = true, bool ifupdownRan = true, bool mergedUsr = false)
    {
        var root = new FakeRoot();
        if (mergedUsr)
        {
            // As Debian 12 really is: /lib is a link to usr/lib.
            FixtureDirectories.Create(root.Host("/usr/lib"));
            root.Link("/lib", "usr/lib");
        }

        root.Write("/etc/os-release", Bookworm);
        root.Write("/usr/sbin/ifup", "");
        root.Write("/etc/network/interfaces", "source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n");
        root.Write("/etc/network/interfaces.d/50-cloud-init", "auto eth0\niface eth0 inet dhcp\n");
        root.Write("/lib/systemd/systemd-networkd", "");
        root.Write("/usr/bin/systemctl", "");
        if (networkingEnabled)
        {
            root.Link($"{Wants}/networking.service", "/lib/systemd/system/networking.service");
        }

        if (ifupdownRan)
        {
            root.Write("/run/network/ifstate", "lo=lo\neth0=eth0\n");
        }

        return root;
    }

    /// <summary>netplan with networkd, as on Ubuntu and Debian 13: networkd enabled, no ifupdown.</summary>
    private static FakeRoot NetplanImage(string osRelease)
    {
        var root = new FakeRoot();
        root.Write("/etc/os-release", osRelease);
        InstallNetplan(root);
        root.Write("/usr/lib/systemd/systemd-networkd", "");
        root.Write("/usr/bin/systemctl", "");
        root.Link($"{Wants}/systemd-networkd.service", "/usr/lib/systemd/system/systemd-networkd.service");
        return root;
    }

    private static SystemFacts Probe(FakeRoot root) => SystemProbe.Probe(new FileSystemView(root.CreateSystem().FileSystem));

    private static NetworkBackend Select(FakeRoot root, NetworkBackend? configured = null) => BackendSelector.Select(Probe(root), configured);

    [Fact]
    public void Debian_12_with_ifupdown_in_use_and_netplan_merely_installed_gets_ifupdown()
    {
        using var root = Bookworm12CloudImage();
        InstallNetplan(root);

        Assert.False(Probe(root).NetplanConfigured);
        Assert.Equal(NetworkBackend.Ifupdown, Select(root));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Ifupdown_counts_as_in_use_when_only_enabled_or_only_running(bool enabled, bool ran)
    {
        using var root = Bookworm12CloudImage(enabled, ran);
        InstallNetplan(root);

        Assert.Equal(NetworkBackend.Ifupdown, Select(root));
    }

    [Theory]
    [InlineData("/etc/netplan/50-cloud-init.yaml.dpkg-old")]
    [InlineData("/etc/netplan/50-cloud-init.yml")]
    [InlineData("/etc/netplan/README")]
    [InlineData("/run/netplan/notes.txt")]
    public void Files_netplan_does_not_read_are_no_netplan_configuration(string path)
    {
        using var root = Bookworm12CloudImage();
        InstallNetplan(root);
        root.Write(path, CloudInitYaml);

        Assert.False(Probe(root).NetplanConfigured);
        Assert.Equal(NetworkBackend.Ifupdown, Select(root));
    }

    // netplan globs *.yaml, and glob's star takes no leading dot: a hidden file is never read (the real netplan generate writes nothing
    // from it). Before session 66 each counted as configuration, so such a Debian 12 image got netplan, and networkd beside ifupdown.
    [Theory]
    [InlineData("/etc/netplan/.50-cloud-init.yaml")]
    [InlineData("/run/netplan/.50-cloud-init.yaml")]
    [InlineData("/lib/netplan/.00-vendor.yaml")]
    public async Task A_hidden_yaml_file_is_no_netplan_configuration(string path)
    {
        using (var alone = await NetplanAlone.GeneratedAsync(new Dictionary<string, string> { [path] = CloudInitYaml }))
        {
            Assert.False(Directory.Exists(alone.Combine("run", "systemd", "network")));
        }

        using var root = Bookworm12CloudImage();
        InstallNetplan(root);
        root.Write(path, CloudInitYaml);

        Assert.False(Probe(root).NetplanConfigured);
        Assert.Equal(NetworkBackend.Ifupdown, Select(root));
    }

    [Theory]
    [InlineData("/etc/netplan/01-netcfg.yaml")]
    [InlineData("/run/netplan/50-cloud-init.yaml")]
    [InlineData("/lib/netplan/00-vendor.yaml")]
    public void Debian_12_whose_netplan_has_a_file_in_any_of_its_directories_gets_netplan_although_ifupdown_is_in_use(string path)
    {
        using var root = Bookworm12CloudImage();
        InstallNetplan(root);
        root.Write(path, CloudInitYaml);

        Assert.True(Probe(root).NetplanConfigured);
        Assert.Equal(NetworkBackend.Netplan, Select(root));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_file_in_usr_lib_netplan_is_netplan_configuration_only_where_lib_links_to_usr_lib(bool mergedUsr)
    {
        using var root = Bookworm12CloudImage(mergedUsr: mergedUsr);
        InstallNetplan(root);
        root.Write("/usr/lib/netplan/00-vendor.yaml", CloudInitYaml);

        Assert.Equal(mergedUsr, Probe(root).NetplanConfigured);
        Assert.Equal(mergedUsr ? NetworkBackend.Netplan : NetworkBackend.Ifupdown, Select(root));
    }

    [Fact]
    public void Debian_13_cloud_image_with_cloud_inits_netplan_file_gets_netplan()
    {
        using var root = NetplanImage(Trixie);
        root.Write("/etc/netplan/50-cloud-init.yaml", CloudInitYaml);

        Assert.Equal(NetworkBackend.Netplan, Select(root));
    }

    [Fact]
    public void Ubuntu_with_its_netplan_file_gets_netplan_even_with_ifupdown_installed_and_enabled()
    {
        using var root = NetplanImage(Noble);
        root.Write("/etc/netplan/50-cloud-init.yaml", CloudInitYaml);
        root.Write("/usr/sbin/ifup", "");
        root.Write("/etc/network/interfaces", "");
        root.Link($"{Wants}/networking.service", "/lib/systemd/system/networking.service");

        Assert.Equal(NetworkBackend.Netplan, Select(root));
    }

    [Theory]
    [InlineData(Noble)]
    [InlineData(Trixie)]
    public void A_fresh_image_where_netplan_has_no_file_yet_and_nothing_else_is_in_use_gets_netplan(string osRelease)
    {
        using var root = NetplanImage(osRelease);

        Assert.False(Probe(root).NetplanConfigured);
        Assert.Equal(NetworkBackend.Netplan, Select(root));
    }

    [Fact]
    public void A_fresh_image_with_ifupdown_installed_but_not_in_use_gets_netplan()
    {
        using var root = NetplanImage(Noble);
        root.Write("/usr/sbin/ifup", "");
        root.Write("/etc/network/interfaces", "");

        Assert.Equal(NetworkBackend.Netplan, Select(root));
    }

    [Fact]
    public void A_leftover_networking_link_of_a_removed_ifupdown_does_not_take_the_network_from_netplan()
    {
        using var root = NetplanImage(Trixie);
        root.Link($"{Wants}/networking.service", "/lib/systemd/system/networking.service");

        Assert.Equal(NetworkBackend.Netplan, Select(root));
    }

    [Fact]
    public void El9_with_netplan_installed_and_the_legacy_network_service_enabled_gets_ifcfg()
    {
        using var root = new FakeRoot();
        root.Write("/etc/os-release", "ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.3\"\n");
        foreach (var tool in new[] { "/usr/sbin/NetworkManager", "/etc/rc.d/init.d/network", "/etc/sysconfig/network-scripts/ifcfg-lo", "/usr/bin/systemctl" })
        {
            root.Write(tool, "");
        }

        InstallNetplan(root);
        root.Link("/etc/rc.d/rc3.d/S10network", "../init.d/network");

        Assert.Equal(NetworkBackend.RedHatIfcfg, Select(root));
    }

    [Theory]
    [InlineData(NetworkBackend.Netplan)]
    [InlineData(NetworkBackend.SystemdNetworkd)]
    public void The_configured_backend_wins_on_debian_12_with_netplan_installed(NetworkBackend configured)
    {
        using var root = Bookworm12CloudImage();
        InstallNetplan(root);

        Assert.Equal(configured, Select(root, configured));
    }

    [Fact]
    public void The_configured_backend_wins_over_netplans_own_file()
    {
        using var root = NetplanImage(Noble);
        root.Write("/etc/netplan/50-cloud-init.yaml", CloudInitYaml);

        Assert.Equal(NetworkBackend.Ifupdown, Select(root, NetworkBackend.Ifupdown));
    }

    [Fact]
    public void Only_netplan_yaml_files_tell_whether_netplan_hands_our_file_to_NetworkManager()
    {
        using var root = NetplanImage(Noble);
        root.Write("/etc/netplan/01-network-manager-all.yml", "network:\n  version: 2\n  renderer: NetworkManager\n");
        Assert.False(Probe(root).Resolver.NetplanRendersNetworkManager);

        root.Write("/etc/netplan/01-network-manager-all.yaml", "network:\n  version: 2\n  renderer: NetworkManager\n");
        Assert.True(Probe(root).Resolver.NetplanRendersNetworkManager);
    }

    [Fact]
    public void A_netplan_file_that_is_a_symbolic_link_is_read_through_it_as_netplan_reads_it()
    {
        using var root = NetplanImage(Noble);
        root.Write("/srv/nm.yaml", "network:\n  version: 2\n  renderer: NetworkManager\n");
        root.Link("/etc/netplan/01-network-manager-all.yaml", "../../srv/nm.yaml");

        Assert.True(Probe(root).Resolver.NetplanRendersNetworkManager);
    }
}
