using GuestAgent.Commands.Network.Sources;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.NetplanTwoNicMachine;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// On netplan, an interface <c>resetnetwork</c> is given nothing for keeps the definition another
/// netplan file (cloud-init's) has for it, and the real <c>netplan generate</c> agrees.
/// </summary>
public sealed class NetplanOtherFilesEndToEndTests
{
    private const string CloudInit =
        "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n      addresses: [10.0.0.5/24]\n    eth1:\n      addresses: [10.20.0.5/24]\n";

    /// <summary>eth0 as in the rackspace example; eth1 (another MAC) has only a disabled address, or no entry.</summary>
    private static InMemoryVmDataSource VmData(bool withEth1Entry) =>
        withEth1Entry
            ? NetplanTwoNicMachine.VmData(new("BC764E206C5C", """{"mac":"BC:76:4E:20:6C:5C","ips":[{"ip":"10.20.0.9","netmask":"255.255.255.0","enabled":"0"}]}"""))
            : NetplanTwoNicMachine.VmData();

    private static FakeRoot Machine() => NetplanTwoNicMachine.Machine(CloudInit);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_interface_without_enabled_addresses_keeps_its_netplan_definition(bool withEth1Entry)
    {
        using var root = Machine();

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(withEth1Entry)));

        Assert.Equal(CloudInit, root.Read(CloudInitPath + ".bak"));
        var edited = root.Read(CloudInitPath);
        Assert.NotNull(edited);
        Assert.Contains("eth1:\n      addresses: [10.20.0.5/24]\n", edited, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", edited, StringComparison.Ordinal);
        Assert.Equal(Private, root.Mode(CloudInitPath));

        // What netplan makes of both files: eth1 as cloud-init had it, eth0 with our address only
        // (not cloud-init's, which netplan would have appended, nor DHCP).
        var networks = await NetworksAsync(root);
        Assert.Equal(["eth0", "eth1"], networks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["10.20.0.5/24"], networks["eth1"].Addresses);
        Assert.Equal(["162.209.76.19/24", "2001:4802:7802:104:be76:4eff:fe20:6c5a/64"], networks["eth0"].Addresses);
        Assert.DoesNotContain("DHCP=", root.Read("/run/systemd/network/10-netplan-eth0.network"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_identical_reset_changes_no_file()
    {
        using var root = Machine();
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(withEth1Entry: true)));
        var first = root.Hash("/var");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(withEth1Entry: true)));

        Assert.Equal(first, root.Hash("/var"));
        Assert.Equal(CloudInit, root.Read(CloudInitPath + ".bak"));
    }

    [Fact]
    public async Task A_failed_apply_puts_the_edited_file_back_exactly()
    {
        using var root = Machine();
        var before = root.Hash("/var");

        var result = await ResetAsync(root, VmData(withEth1Entry: true), "netplan");

        Assert.Equal("500", result.ReturnCode);
        Assert.Contains("the previous configuration was restored", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash("/var"));
        Assert.Equal(CloudInit, root.Read(CloudInitPath));
    }

    [Fact]
    public async Task Netplan_appends_the_addresses_of_a_later_file_which_is_why_ours_cannot_simply_override()
    {
        // The premise of editing the other file instead of overriding it from a later-sorting one.
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        using var root = new TemporaryDirectory();
        var directory = root.Combine("etc", "netplan");
        FixtureDirectories.Create(directory);
        foreach (var (name, yaml) in new[]
        {
            ("50-cloud-init.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [10.0.0.5/24]\n"),
            ("90-guest-agent.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [192.0.2.5/24]\n"),
        })
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, yaml);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var generate = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);

        Assert.Equal(0, generate.ExitCode);
        var eth0 = NetworkdSemantics.Parse(File.ReadAllText(root.Combine("run", "systemd", "network", "10-netplan-eth0.network")));
        Assert.Equal(["10.0.0.5/24", "192.0.2.5/24"], eth0.Addresses);
    }

    /// <summary>Other files where eth0 (which vm-data configures) is a member of a bond or a bridge: in the same file, or in one that does not define eth0.</summary>
    public static TheoryData<string, string, string> Memberships() => new()
    {
        {
            "50-cloud-init.yaml",
            "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: false\n    eth7: {}\n  bonds:\n    bond0:\n      interfaces: [eth0, eth7]\n      addresses: [10.9.0.5/24]\n",
            "Bond=bond0"
        },
        {
            "50-cloud-init.yaml",
            "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: false\n    eth7: {}\n  bridges:\n    br0:\n      interfaces:\n        - eth7\n        - eth0\n      addresses: [10.9.0.5/24]\n",
            "Bridge=br0"
        },
        {
            "60-bridge.yaml",
            "network:\n  version: 2\n  bridges:\n    br0:\n      interfaces:\n      - eth0\n",
            "Bridge=br0"
        },
    };

    [Theory]
    [MemberData(nameof(Memberships))]
    public async Task An_interface_that_another_file_makes_a_bond_or_bridge_member_is_refused_and_nothing_changes(string name, string yaml, string networkdKey)
    {
        var path = "/etc/netplan/" + name;
        using var root = WithFiles(eth1: false, (path, yaml, Private));
        var before = root.Hash("/var");

        var result = await ResetAsync(root, VmData(withEth1Entry: false));

        Assert.Equal("500", result.ReturnCode);
        Assert.Contains($"makes eth0 a member of {networkdKey[(networkdKey.IndexOf('=', StringComparison.Ordinal) + 1)..]}", result.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash("/var"));

        // Why: with eth0 emptied to {} and our definition in a later file, the real netplan still
        // enslaves eth0 and writes our address beside the membership. (A member defined in no
        // earlier file fails netplan generate instead: refusing first gives the clearer answer.)
        if (!yaml.Contains("    eth0:", StringComparison.Ordinal))
        {
            return;
        }

        root.Write(path, yaml.Replace("    eth0:\n      dhcp4: false\n", "    eth0: {}\n", StringComparison.Ordinal));
        root.Write("/etc/netplan/90-guest-agent.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [192.0.2.5/24]\n");
        foreach (var file in Directory.GetFiles(root.Host("/etc/netplan")))
        {
            File.SetUnixFileMode(file, Private);
        }

        var generate = await GenerateAsync(root);
        Assert.True(generate.ExitCode == 0, $"netplan generate failed ({generate.ExitCode}): {generate.StandardError}");
        var eth0 = File.ReadAllText(root.Host("/run/systemd/network/10-netplan-eth0.network"));
        Assert.Contains(networkdKey, eth0, StringComparison.Ordinal);
        Assert.Equal(["192.0.2.5/24"], NetworkdSemantics.Parse(eth0).Addresses);
    }

    [Fact]
    public async Task A_vlan_on_top_of_the_interface_is_kept()
    {
        const string path = "/etc/netplan/50-cloud-init.yaml";
        using var root = WithFiles(eth1: false, (path, "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n  vlans:\n    vlan5:\n      id: 5\n      link: eth0\n      # interfaces: [eth0] in a comment does not count\n", Private));

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(withEth1Entry: false)));

        Assert.Contains("link: eth0", root.Read(path), StringComparison.Ordinal);
        Assert.DoesNotContain("dhcp4", root.Read(path), StringComparison.Ordinal);
    }
}
