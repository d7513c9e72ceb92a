using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Tests.Network;

public sealed class InterfaceDiscoveryTests
{
    [Fact]
    public void Sysfs_lists_ethernet_interfaces_with_safe_names_only()
    {
        var files = new Dictionary<string, string>
        {
            ["/sys/class/net/lo/address"] = "00:00:00:00:00:00\n",
            ["/sys/class/net/eth0/address"] = "BC:76:4E:20:6C:5A\n",
            ["/sys/class/net/eth0/type"] = "1\n",
            ["/sys/class/net/eth0.100/address"] = "bc:76:4e:20:6c:5a\n",
            ["/sys/class/net/ens3/address"] = "bc:76:4e:20:6c:5c\n",
            ["/sys/class/net/ib0/address"] = "80:00:02:08:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0b:5f:f1\n",
            ["/sys/class/net/ib0/type"] = "32\n",
            ["/sys/class/net/dummy0/address"] = "00:00:00:00:00:00\n",
            ["/sys/class/net/-evil/address"] = "bc:76:4e:20:6c:5d\n",
            ["/sys/class/net/averyveryverylongname/address"] = "bc:76:4e:20:6c:5e\n",
        };

        var interfaces = SysfsInterfaceReader.Read(new InMemoryFileView(files));

        Assert.Equal(["ens3", "eth0", "eth0.100"], interfaces.Select(i => i.Name));
        Assert.Equal("bc:76:4e:20:6c:5a", interfaces.Single(i => i.Name == "eth0").Mac.Value);
    }

    [Fact]
    public void A_mac_shared_with_a_bridge_is_configured_on_the_nic_behind_it()
    {
        // eth0 enslaved to br0: both carry its MAC, br0 sorts first, only eth0 has a device.
        var files = new Dictionary<string, string>
        {
            ["/sys/class/net/br0/address"] = "bc:76:4e:20:6c:5a\n",
            ["/sys/class/net/br0/type"] = "1\n",
            ["/sys/class/net/eth0/address"] = "bc:76:4e:20:6c:5a\n",
            ["/sys/class/net/eth0/type"] = "1\n",
            ["/sys/class/net/eth0/device"] = "",
        };
        var interfaces = SysfsInterfaceReader.Read(new InMemoryFileView(files));
        var entry = new KeyValuePair<string, byte[]>("BC764E206C5A", """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}]}"""u8.ToArray());

        var configuration = GuestAgent.Commands.Network.Parsing.NetworkConfigurationBuilder.Build([entry], null, null, interfaces, []);

        Assert.Equal("eth0", Assert.Single(configuration.Interfaces).Name);
    }

    [Fact]
    public void Interface_names_become_shell_variable_suffixes_as_netifrc_and_rc_expect()
    {
        Assert.Equal("eth0_100", InterfaceNames.ForVariable("eth0.100"));
        Assert.Equal("br_lan", InterfaceNames.ForVariable("br-lan"));
        Assert.True(InterfaceNames.IsSafe("eth0.100"));
        Assert.False(InterfaceNames.IsSafe(".."));
        Assert.False(InterfaceNames.IsSafe("eth0;reboot"));
    }

    [Theory]
    [InlineData("abcdefghijklmno", true)]
    [InlineData("abcdefghijklmnop", false)]
    [InlineData("eth0:1", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    [InlineData("br-lan_2", true)]
    public void A_safe_name_fits_the_kernel_s_15_characters_and_holds_no_alias_colon_or_slash(string name, bool safe)
    {
        // IFNAMSIZ is 16 with the terminating NUL; an "eth0:1" alias is no interface of its own,
        // and a slash would leave the directory a file is named after the interface in.
        Assert.Equal(safe, InterfaceNames.IsSafe(name));
    }

    [Theory]
    [InlineData("v;1", "v;1")]
    [InlineData("x\u0001y", "x%01y")]
    [InlineData("x\u001b[1m", "x%1B[1m")]
    [InlineData("caf\u00e9", "caf%C3%A9")]
    [InlineData("a%1", "a%251")]
    public async Task An_entry_for_an_interface_with_a_refused_name_says_so_with_the_name_escaped_and_changes_nothing(string name, string shown)
    {
        // Names the kernel accepts (checked with 'ip link add <name> type veth'): only ':', '/',
        // and white space are refused there, so a control character can reach /sys/class/net.
        using var root = FakeRoot.For("debian");
        root.AddInterface("eth0", "bc:76:4e:20:6c:5a");
        root.AddInterface(name, "bc:76:4e:20:6c:5b");
        var before = root.Hash(FakeRoot.StateDirectory);

        var result = await ResetNetworkEndToEndTests.ResetAsync(root, ResetNetworkEndToEndTests.VmData());

        Assert.Equal(new CommandResult("500",
            $"Interface MAC bc:76:4e:20:6c:5b belongs to the interface named '{shown}', a name the agent does not write into configuration files " +
            "(it takes up to 15 letters, digits, '_', '-' or '.', not starting with '.' or '-'); nothing was changed"), result);
        // No backslash escape: the response writer would send every backslash as '/'.
        Assert.DoesNotContain('\\', result.Message);
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
    }

    [Fact]
    public void A_refused_name_is_listed_apart_and_never_for_configuration()
    {
        var files = new Dictionary<string, string>
        {
            ["/sys/class/net/eth0/address"] = "bc:76:4e:20:6c:5a\n",
            ["/sys/class/net/v;1/address"] = "bc:76:4e:20:6c:5b\n",
            ["/sys/class/net/v;2/address"] = "bc:76:4e:20:6c:5c\n",
            ["/sys/class/net/v;2/type"] = "32\n",
            ["/sys/class/net/lo/address"] = "00:00:00:00:00:00\n",
        };
        var view = new InMemoryFileView(files);

        Assert.Equal(["eth0"], SysfsInterfaceReader.Read(view).Select(i => i.Name));
        Assert.Equal(["v;1"], SysfsInterfaceReader.ReadRefused(view).Select(i => i.Name));
    }
}
