using static GuestAgent.Commands.Tests.Network.NetplanTwoNicMachine;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Another netplan file that uses YAML anchors and aliases, a <c>%YAML</c> directive or tags, through the
/// reset: whether eth0 is a bond's or bridge's member, compared with what the real <c>netplan generate</c>
/// (0.106) writes for the file, and what becomes of the file when eth0's definition is taken out of it
/// (netplan run on the result). Each case failed on the code before session 29 but the two marked as controls.
/// </summary>
public sealed class NetplanAliasesEndToEndTests
{
    private const string Head = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n    eth1:\n      dhcp4: true\n      nameservers:\n";

    public static TheoryData<string, string> MemberForms => new()
    {
        { "a bond's members given by an alias of a flow list", Head + "        search: &m [eth0]\n  bonds:\n    bond0:\n      interfaces: *m\n" },
        { "a bond's members given by an alias of a block list", Head + "        search: &m\n          - eth0\n  bonds:\n    bond0:\n      interfaces: *m\n" },
        { "a bridge's members given by an alias of a list at its key's indent", Head + "        search: &m\n        - eth0\n  bridges:\n    br0:\n      interfaces: *m # shared\n" },
        { "a bridge's members given by an alias, behind tagged keys", Head + "        search: &m [eth0]\n  !!str bridges: !!map\n    !!str br0:\n      !!str interfaces: *m\n" },
        { "a bond's members with tags, after a %YAML directive", "%YAML 1.1\n---\n" + Head + "        search: [x]\n  bonds:\n    bond0:\n      interfaces: !!seq [!!str eth0]\n" },
        { "control: a bond's aliased members that leave eth0 out", Head + "        search: &m [eth1]\n  bonds:\n    bond0:\n      interfaces: *m\n" },
        // Session 30, both failing before: the first was read as no member (the "&m" continuing a search domain taken for the
        // anchor), the second refused as a form not edited (its section, named by an alias used as a key, left no layout).
        { "a bond's members given by an alias, after a search domain continued on a line starting with &m", Head + "        search: &m [eth0]\n  bonds:\n    bond0:\n      nameservers:\n        search:\n          - example.com\n            &m x\n      interfaces: *m\n" },
        { "a bond's members, in a section named by an alias used as a key", Head + "        search: [&n eth0, &s bonds]\n  *s :\n    bond0:\n      interfaces: [*n]\n" },
    };

    [Theory]
    [MemberData(nameof(MemberForms))]
    public async Task A_member_given_by_an_alias_or_behind_tags_is_seen_as_netplan_sees_it(string name, string yaml)
    {
        bool member;
        using (var generated = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            var eth0 = File.ReadAllText(generated.Combine("run", "systemd", "network", "10-netplan-eth0.network"));
            member = eth0.Contains("Bond=", StringComparison.Ordinal) || eth0.Contains("Bridge=", StringComparison.Ordinal);
        }

        using var root = Machine(yaml);
        var result = await ResetAsync(root, VmData());

        Assert.True(member == name.StartsWith("a ", StringComparison.Ordinal), $"{name}: netplan made eth0 a member: {member}");
        if (member)
        {
            Assert.Equal("500", result.ReturnCode);
            Assert.StartsWith($"{CloudInitPath} makes eth0 a member of ", result.Message, StringComparison.Ordinal);
            Assert.Equal(yaml, root.Read(CloudInitPath));
        }
        else
        {
            Assert.Equal(CommandResult.Ok(), result);
        }
    }

    [Fact]
    public async Task Control_eth0_using_an_anchor_of_a_kept_definition_is_taken_out_and_the_anchor_still_serves()
    {
        const string yaml = "network:\n  version: 2\n  ethernets:\n    eth1:\n      addresses: [10.20.0.5/24]\n      nameservers: &dns\n        addresses: [192.0.2.53]\n" +
            "    eth0:\n      addresses: [10.0.0.5/24]\n      nameservers: *dns\n";
        using var root = Machine(yaml);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        var networks = await NetworksAsync(root);
        Assert.Equal(["192.0.2.53"], networks["eth1"].Dns);
        Assert.Equal(["162.209.76.19/24", "2001:4802:7802:104:be76:4eff:fe20:6c5a/64"], networks["eth0"].Addresses);
        Assert.DoesNotContain("192.0.2.53", networks["eth0"].Dns);
    }

    [Fact]
    public async Task An_anchor_of_eth0_that_no_alias_names_no_longer_stops_the_edit()
    {
        const string yaml = "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: &old [10.0.0.5/24]\n    eth1:\n      addresses: [10.20.0.5/24]\n";
        using var root = Machine(yaml);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.DoesNotContain("&old", root.Read(CloudInitPath), StringComparison.Ordinal);
        var networks = await NetworksAsync(root);
        Assert.Equal(["10.20.0.5/24"], networks["eth1"].Addresses);
        Assert.Equal(["162.209.76.19/24", "2001:4802:7802:104:be76:4eff:fe20:6c5a/64"], networks["eth0"].Addresses);
    }

    [Fact]
    public async Task An_anchor_named_only_by_another_removed_definition_goes_with_both()
    {
        // id0 is eth0 too (its MAC): both definitions are taken out, the alias with its anchor.
        const string yaml = "network:\n  version: 2\n  ethernets:\n    eth0:\n      nameservers: &dns\n        addresses: [192.0.2.53]\n" +
            "    id0:\n      match: {macaddress: \"bc:76:4e:20:6c:5a\"}\n      nameservers: *dns\n    eth1:\n      addresses: [10.20.0.5/24]\n";
        using var root = Machine(yaml);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.DoesNotContain("dns", root.Read(CloudInitPath), StringComparison.Ordinal);
        var networks = await NetworksAsync(root);
        Assert.Equal(["10.20.0.5/24"], networks["eth1"].Addresses);
        Assert.DoesNotContain("192.0.2.53", networks["eth0"].Dns);
    }

    [Fact]
    public async Task A_file_without_a_layout_is_searched_with_its_aliases_followed()
    {
        // In flow style, nic's name: is eth0 by an alias: netplan gives eth0 nic's address (checked below).
        const string yaml = "network: {version: 2, ethernets: {eth1: {dhcp4: true, nameservers: {search: [&n eth0]}}, nic: {match: {name: *n}, addresses: [10.0.0.5/24]}}}\n";
        using (var generated = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            var nic = NetworkdSemantics.Parse(File.ReadAllText(generated.Combine("run", "systemd", "network", "10-netplan-nic.network")));
            Assert.Equal("eth0", nic.Name);
            Assert.Equal(["10.0.0.5/24"], nic.Addresses);
        }

        using var root = Machine(yaml);
        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.StartsWith($"{CloudInitPath} defines eth0 in a form resetnetwork cannot edit", result.Message, StringComparison.Ordinal);
        Assert.Equal(yaml, root.Read(CloudInitPath));
    }

    public static TheoryData<string, string> AnchorsOfEth0 => new()
    {
        {
            "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [10.0.0.5/24]\n      nameservers: &dns\n        addresses: [192.0.2.53]\n" +
            "    eth1:\n      addresses: [10.20.0.5/24]\n      nameservers: *dns\n",
            "dns"
        },
        {
            "network:\n  version: 2\n  ethernets:\n    eth0:\n      renderer: &r networkd\n      addresses: [10.0.0.5/24]\n    eth1:\n      addresses: [10.20.0.5/24]\n  renderer: *r\n",
            "r"
        },
    };

    [Theory]
    [MemberData(nameof(AnchorsOfEth0))]
    public async Task Eth0_holding_an_anchor_named_elsewhere_is_refused_and_nothing_changes(string yaml, string alias)
    {
        // Taken out naively, the alias would name nothing: the real netplan refuses such a file ("aliases are not supported", its words for it).
        var lines = yaml.Split('\n').ToList();
        var eth0 = lines.IndexOf("    eth0:");
        lines.RemoveRange(eth0, lines.FindIndex(eth0 + 1, line => !line.StartsWith("      ", StringComparison.Ordinal)) - eth0);
        var (naive, generate) = await NetplanAlone.GenerateAsync(string.Join('\n', lines), "50-cloud-init.yaml");
        naive.Dispose();
        Assert.NotEqual(0, generate.ExitCode);
        Assert.Contains("aliases are not supported", generate.StandardError, StringComparison.Ordinal);
        using var root = Machine(yaml);
        var before = root.Hash("/var");

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal(
            $"{CloudInitPath} defines an interface resetnetwork configures as 'eth0', which other definitions there share (a YAML anchor: the alias *{alias} names a node in it); " +
            "it cannot be taken out of the file without breaking them; nothing was changed",
            result.Message);
        Assert.Equal(before, root.Hash("/var"));
    }

    [Fact]
    public async Task An_alias_cycle_is_refused_naming_the_file()
    {
        const string yaml = Head + "        search: [x]\n  bonds:\n    bond0:\n      interfaces: &m [eth1, *m]\n";
        var (generated, generate) = await NetplanAlone.GenerateAsync(yaml, "50-cloud-init.yaml");
        generated.Dispose();
        Assert.NotEqual(0, generate.ExitCode);
        using var root = Machine(yaml);
        var before = root.Hash("/var");

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal(
            $"{CloudInitPath} has the YAML alias *m inside the node its anchor &m names, a cycle (netplan fails on it: \"expected scalar\"); nothing was changed",
            result.Message);
        Assert.Equal(before, root.Hash("/var"));
    }

    [Fact]
    public async Task A_billion_laughs_is_refused_naming_the_file()
    {
        var yaml = Head + NetplanAliasesTests.Laughs("        ");
        using var root = Machine(yaml);
        var before = root.Hash("/var");

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.StartsWith($"{CloudInitPath} has YAML aliases that expand to more than 1048576 characters", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash("/var"));
    }
}
