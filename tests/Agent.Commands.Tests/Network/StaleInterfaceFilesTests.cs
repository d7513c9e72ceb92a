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
