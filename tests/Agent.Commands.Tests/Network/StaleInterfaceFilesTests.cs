using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Per-interface files (ifcfg, route) are moved aside only for interfaces the system no longer
/// has: an interface that is not Ethernet (WireGuard, InfiniBand) is not configured by
/// <c>resetnetwork</c>, but it still exists and keeps its files.
/// </summary>
public sealed class StaleInterfaceFilesTests
{
    public static TheoryData<string, string> SysconfigDirectories() => new()
    {
        { "centos", "/etc/sysconfig/network-scripts" },
        { "opensuse", "/etc/sysconfig/network" },
    };

    [Theory]
    [MemberData(nameof(SysconfigDirectories))]
    public async Task Files_of_existing_non_ethernet_interfaces_are_kept_and_those_of_vanished_ones_moved_aside(string distribution, string directory)
    {
        using var root = RackspaceMachine(distribution);
        // WireGuard (type 65534, no hardware address) and IPoIB (type 32, a 20-byte address).
        root.Write("/sys/class/net/wg0/type", "65534\n");
        root.Write("/sys/class/net/wg0/address", "\n");
        root.Write("/sys/class/net/ib0/type", "32\n");
        root.Write("/sys/class/net/ib0/address", "80:00:02:08:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0b:5f:f1\n");
        const string wireGuard = "DEVICE=wg0\nONBOOT=yes\n";
        const string infiniBand = "DEVICE=ib0\nTYPE=InfiniBand\nIPADDR=10.9.0.5\nPREFIX=24\n";
        const string vanished = "DEVICE=eth9\nIPADDR=10.0.0.9\n";
        root.Write($"{directory}/ifcfg-wg0", wireGuard);
        root.Write($"{directory}/ifcfg-ib0", infiniBand);
        root.Write($"{directory}/ifcfg-eth9", vanished);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal(wireGuard, root.Read($"{directory}/ifcfg-wg0"));
        Assert.Equal(infiniBand, root.Read($"{directory}/ifcfg-ib0"));
        Assert.Null(root.Read($"{directory}/ifcfg-wg0.bak"));
        Assert.Null(root.Read($"{directory}/ifcfg-ib0.bak"));
        Assert.Null(root.Read($"{directory}/ifcfg-eth9"));
        Assert.Equal(vanished, root.Read($"{directory}/ifcfg-eth9.bak"));
    }

    [Fact]
    public async Task Red_Hat_moves_aside_the_files_of_a_VLAN_whose_interface_is_gone_with_its_parent_and_no_backup()
    {
        // initscripts' ifup makes a VLAN of a DEVICE matching ^.+\.[0-9]{1,4}$ on the device before its last dot (PHYSDEV), and
        // the network service brings every ifcfg-* up at boot but for names ending ~, .bak, .old, .orig, .rpmnew, .rpmorig or
        // .rpmsave, ifcfg-lo and aliases; ifup-routes reads route-<DEVICE> and route6-<DEVICE>. eth9 is gone: its VLAN's
        // files would come up on whichever NIC takes the name eth9 next, with the old address. A VLAN is created by ifup
        // from its file, so its own device being absent says nothing while its parent is there (eth1.200, not up now).
        using var root = RackspaceMachine("centos");
        const string directory = "/etc/sysconfig/network-scripts";
        const string vlan = "DEVICE=eth9.100\nVLAN=yes\nONBOOT=yes\nIPADDR=10.100.0.9\nPREFIX=24\n";
        const string qinq = "DEVICE=eth9.100.7\nVLAN=yes\nONBOOT=yes\n";
        const string route = "10.200.0.0/16 via 10.100.0.1 dev eth9.100\n";
        const string route6 = "2001:db8:100::/48 via 2001:db8::1 dev eth9.100\n";
        const string onParent = "DEVICE=eth1.200\nVLAN=yes\nONBOOT=no\nIPADDR=10.200.0.5\nPREFIX=24\n";
        root.Write($"{directory}/ifcfg-eth9.100", vlan);
        root.Write($"{directory}/route-eth9.100", route);
        root.Write($"{directory}/route6-eth9.100", route6);
        root.Write($"{directory}/ifcfg-eth9.100.7", qinq);
        root.Write($"{directory}/ifcfg-eth1.200", onParent);
        string[] untouched =
        [
            "ifcfg-eth9.old", "ifcfg-eth9.rpmsave", "ifcfg-eth9.rpmnew", "ifcfg-eth9.orig", "ifcfg-eth9~", "ifcfg-eth9.200.bak",
            "ifcfg-eth9.100.rpmsave", "ifcfg-eth9.100~", "route-eth9.100.old", "ifcfg-eth9.12345", "ifcfg-eth9.", "ifcfg-.100",
            "ifcfg-eth9.prod",
        ];
        foreach (var name in untouched)
        {
            root.Write($"{directory}/{name}", $"DEVICE={name}\n");
        }

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Null(root.Read($"{directory}/ifcfg-eth9.100"));
        Assert.Null(root.Read($"{directory}/route-eth9.100"));
        Assert.Null(root.Read($"{directory}/route6-eth9.100"));
        Assert.Null(root.Read($"{directory}/ifcfg-eth9.100.7"));
        Assert.Equal(vlan, root.Read($"{directory}/ifcfg-eth9.100.bak"));
        Assert.Equal(route, root.Read($"{directory}/route-eth9.100.bak"));
        Assert.Equal(route6, root.Read($"{directory}/route6-eth9.100.bak"));
        Assert.Equal(qinq, root.Read($"{directory}/ifcfg-eth9.100.7.bak"));
        Assert.Equal(onParent, root.Read($"{directory}/ifcfg-eth1.200"));
        Assert.Null(root.Read($"{directory}/ifcfg-eth1.200.bak"));
        foreach (var name in untouched)
        {
            Assert.Equal($"DEVICE={name}\n", root.Read($"{directory}/{name}"));
        }
    }

    [Fact]
    public async Task Red_Hat_moves_an_alias_aside_with_its_device_and_keeps_it_with_a_device_left_alone()
    {
        // initscripts' ifup brings a device's aliases up with it (ifup-aliases reads ifcfg-<DEVICE>:*), a VLAN's too, and
        // the network service never brings an alias up alone. em1 is present and not configured: its ifcfg-em1 stays, and
        // its alias must stay with it, or em1 comes back at the next boot without that address. eth0 is ours: an old alias
        // of it goes. eth9 is gone: its VLAN's alias would come back on the next NIC named eth9, as the VLAN's files would.
        using var root = RackspaceMachine("centos");
        root.AddInterface("em1", "bc:76:4e:20:6c:5c");
        const string directory = "/etc/sysconfig/network-scripts";
        const string em1 = "DEVICE=em1\nONBOOT=yes\nIPADDR=10.1.0.5\nPREFIX=24\n";
        const string em1Alias = "DEVICE=em1:1\nIPADDR=10.1.0.6\nPREFIX=24\n";
        const string onParentAlias = "DEVICE=eth1.200:1\nIPADDR=10.200.0.6\nPREFIX=24\n";
        const string oursAlias = "DEVICE=eth0:5\nIPADDR=10.0.0.5\nPREFIX=24\n";
        const string goneAlias = "DEVICE=eth9:1\nIPADDR=10.9.0.6\nPREFIX=24\n";
        const string goneVlanAlias = "DEVICE=eth9.100:1\nIPADDR=10.100.0.6\nPREFIX=24\n";
        root.Write($"{directory}/ifcfg-em1", em1);
        root.Write($"{directory}/ifcfg-em1:1", em1Alias);
        root.Write($"{directory}/ifcfg-eth1.200:1", onParentAlias);
        root.Write($"{directory}/ifcfg-eth0:5", oursAlias);
        root.Write($"{directory}/ifcfg-eth9:1", goneAlias);
        root.Write($"{directory}/ifcfg-eth9.100:1", goneVlanAlias);
        string[] untouched = ["ifcfg-eth9:2.bak", "ifcfg-eth9:1~", "ifcfg-eth9.100:1.old", "ifcfg-eth9:", "ifcfg-:1", "ifcfg-eth9:1.2"];
        foreach (var name in untouched)
        {
            root.Write($"{directory}/{name}", $"DEVICE={name}\n");
        }

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal(em1, root.Read($"{directory}/ifcfg-em1"));
        Assert.Equal(em1Alias, root.Read($"{directory}/ifcfg-em1:1"));
        Assert.Null(root.Read($"{directory}/ifcfg-em1:1.bak"));
        Assert.Equal(onParentAlias, root.Read($"{directory}/ifcfg-eth1.200:1"));
        Assert.Null(root.Read($"{directory}/ifcfg-eth0:5"));
        Assert.Equal(oursAlias, root.Read($"{directory}/ifcfg-eth0:5.bak"));
        Assert.Null(root.Read($"{directory}/ifcfg-eth9:1"));
        Assert.Equal(goneAlias, root.Read($"{directory}/ifcfg-eth9:1.bak"));
        Assert.Null(root.Read($"{directory}/ifcfg-eth9.100:1"));
        Assert.Equal(goneVlanAlias, root.Read($"{directory}/ifcfg-eth9.100:1.bak"));
        foreach (var name in untouched)
        {
            Assert.Equal($"DEVICE={name}\n", root.Read($"{directory}/{name}"));
        }
    }

    [Fact]
    public void Every_interface_counts_as_present_but_only_ethernet_ones_are_listed_for_configuration()
    {
        var files = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/sys/class/net/eth0/address"] = "bc:76:4e:20:6c:5a\n",
            ["/sys/class/net/eth0/type"] = "1\n",
            ["/sys/class/net/wg0/type"] = "65534\n",
            ["/sys/class/net/ib0/type"] = "32\n",
            // Where the bonding module is loaded: a file listing the bonds, not an interface.
            ["/sys/class/net/bonding_masters"] = "bond0\n",
        });

        Assert.Equal(["eth0"], SysfsInterfaceReader.Read(files).Select(i => i.Name));
        Assert.Equal(["eth0", "ib0", "wg0"], SysfsInterfaceReader.ReadNames(files));
    }

    [Fact]
    public void FreeBsd_keeps_the_rc_conf_lines_of_interfaces_that_exist_and_drops_those_of_vanished_ones()
    {
        // xn0 is configured; em1 (Ethernet, no vm-data entry) and wg0 (WireGuard) exist; re0 is gone.
        var entry = new KeyValuePair<string, byte[]>("xn0", """{"mac":"40:40:8f:1e:a0:0a","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}]}"""u8.ToArray());
        SystemInterface[] ethernet = [new("xn0", Mac("40:40:8f:1e:a0:0a")), new("em1", Mac("40:40:8f:1e:a0:0b"))];
        var configuration = NetworkConfigurationBuilder.Build([entry], null, null, ethernet, [], ["lo0", "em1", "wg0", "xn0"]);
        const string rcConf =
            "sshd_enable=\"YES\"\n" +
            "ifconfig_xn0=\"DHCP\"\n" +
            "ifconfig_xn0_alias0=\"inet 10.0.0.9/32\"\n" +
            "ifconfig_em1=\"DHCP\"\n" +
            "ifconfig_em1_ipv6=\"inet6 accept_rtadv\"\n" +
            "ifconfig_wg0=\"inet 10.9.0.1/24\"\n" +
            "ifconfig_re0=\"DHCP\"\n" +
            "ifconfig_re0_alias0=\"inet 10.1.0.2/32\"\n";

        var text = new FreeBsdRenderer().Render(configuration, new InMemoryFileView(new Dictionary<string, string> { ["/etc/rc.conf"] = rcConf })).Files.Single().Contents;

        Assert.Equal(
            "sshd_enable=\"YES\"\n" +
            "ifconfig_em1=\"DHCP\"\n" +
            "ifconfig_em1_ipv6=\"inet6 accept_rtadv\"\n" +
            "ifconfig_wg0=\"inet 10.9.0.1/24\"\n" +
            "dhcpd_enable=\"NO\"\n" +
            "ifconfig_xn0=\"192.0.2.42 netmask 255.255.255.0 up\"\n",
            text);
    }

    [Fact]
    public void FreeBsd_gives_a_key_to_the_longest_interface_name_it_names_and_keeps_the_hostname_vm_data_does_not_give()
    {
        // xn0 is configured; its VLAN xn0.100 (variable xn0_100) and em1 exist; em10 is gone. No vm-data/hostname.
        var entry = new KeyValuePair<string, byte[]>("xn0", """{"mac":"40:40:8f:1e:a0:0a","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}]}"""u8.ToArray());
        SystemInterface[] ethernet = [new("xn0", Mac("40:40:8f:1e:a0:0a")), new("em1", Mac("40:40:8f:1e:a0:0b"))];
        var configuration = NetworkConfigurationBuilder.Build([entry], null, null, ethernet, [], ["lo0", "em1", "xn0", "xn0.100"]);
        const string rcConf =
            "hostname=\"oldname\"\n" +
            "ifconfig_xn0=\"DHCP\"\n" +
            "vlans_xn0=\"100\"\n" +
            "ifconfig_xn0_100=\"inet 10.100.0.1/24\"\n" +
            "ifconfig_em1=\"DHCP\"\n" +
            "ifconfig_em10=\"DHCP\"\n";

        var text = new FreeBsdRenderer().Render(configuration, new InMemoryFileView(new Dictionary<string, string> { ["/etc/rc.conf"] = rcConf })).Files.Single().Contents;

        Assert.Equal(
            "hostname=\"oldname\"\n" +
            "vlans_xn0=\"100\"\n" +
            "ifconfig_xn0_100=\"inet 10.100.0.1/24\"\n" +
            "ifconfig_em1=\"DHCP\"\n" +
            "dhcpd_enable=\"NO\"\n" +
            "ifconfig_xn0=\"192.0.2.42 netmask 255.255.255.0 up\"\n",
            text);
    }

    private static MacAddress Mac(string text) => MacAddress.TryParse(text, out var mac) ? mac : throw new ArgumentException(text);
}
