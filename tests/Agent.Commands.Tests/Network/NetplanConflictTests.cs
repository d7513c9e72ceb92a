using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.RackspaceNetplan;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Other netplan files that define an interface we configure (the rackspace example: eth0
/// bc:76:4e:20:6c:5a and eth1 bc:76:4e:20:6c:5b): moved aside whole when that is all they define,
/// otherwise edited so that only those definitions go.
/// </summary>
public sealed class NetplanConflictTests
{

    /// <summary>The real <c>netplan generate</c> takes the edited file together with ours.</summary>
    private static async Task AssertNetplanAcceptsAsync(RenderResult result)
    {
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        using var root = new TemporaryDirectory();
        foreach (var file in result.Files)
        {
            var path = root.Combine(file.Path.TrimStart('/').Split('/'));
            FixtureDirectories.Create(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Contents);
            File.SetUnixFileMode(path, file.Mode);
        }

        var generate = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);

        Assert.True(generate.ExitCode == 0, $"netplan generate failed ({generate.ExitCode}): {generate.StandardError}");
        Assert.DoesNotContain("Error", generate.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n", true)]
    [InlineData("network:\n  ethernets:\n    id0:\n      match:\n        macaddress: \"BC:76:4E:20:6C:5B\"\n      dhcp4: true\n", true)]
    [InlineData("---\n# written by cloud-init\nnetwork:\n    ethernets:\n        \"eth1\": {dhcp4: true}\n        nic0:\n            match: {name: eth0}\n    version: 2\n", true)]
    [InlineData("network:  # managed\n  version: 2\n  wifis: {}  # none yet\n  ethernets:\n    eth0:\n      dhcp4: true\n", true)]
    [InlineData("network:\n  ethernets:\n    eth7:\n      dhcp4: true\n", false)]
    [InlineData("network:\n  bridges:\n    br0:\n      interfaces: [eth7]\n", false)]
    [InlineData("network:\n  bonds:\n    bond0:\n      macaddress: bc:76:4e:20:6c:5a\n      interfaces: [eth7]\n", false)]
    [InlineData("network: {version: 2}\n", false)]
    [InlineData("network:\n  ethernets:\n    eth7:\n      dhcp4: true\n    eth7:\n      mtu: 9000\n", false)]
    public void A_file_defining_only_our_interfaces_is_moved_aside_and_one_defining_none_is_left_alone(string yaml, bool movedAside)
    {
        var result = Render(yaml);

        Assert.Equal(movedAside, result.Removals.Contains(CloudInit));
        Assert.DoesNotContain(result.Files, f => f.Path == CloudInit);
    }

    [Fact]
    public async Task A_file_that_also_defines_other_interfaces_keeps_them_and_loses_only_ours()
    {
        const string yaml =
            "# This file is generated from information provided by the datasource.\n" +
            "network:\n" +
            "  version: 2\n" +
            "  ethernets:\n" +
            "    eth0:\n" +
            "      dhcp4: true\n" +
            "      addresses:\n" +
            "        - 10.0.0.5/24\n" +
            "    # the storage network\n" +
            "    eth2:\n" +
            "      addresses: [10.20.0.5/24]\n" +
            "    nic1:\n" +
            "      match:\n" +
            "        macaddress: bc:76:4e:20:6c:5b\n" +
            "      set-name: eth1\n" +
            "  bridges:\n" +
            "    br0:\n" +
            "      interfaces: [eth2]\n";

        var result = Render(yaml);

        Assert.DoesNotContain(CloudInit, result.Removals);
        Assert.Equal(
            "# This file is generated from information provided by the datasource.\n" +
            "network:\n" +
            "  version: 2\n" +
            "  ethernets:\n" +
            "    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n" +
            "    eth0: {}\n" +
            "    # the storage network\n" +
            "    eth2:\n" +
            "      addresses: [10.20.0.5/24]\n" +
            "    # nic1: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n" +
            "  bridges:\n" +
            "    br0:\n" +
            "      interfaces: [eth2]\n",
            result.Files.Single(f => f.Path == CloudInit).Contents);
        await AssertNetplanAcceptsAsync(result);
    }

    [Fact]
    public async Task A_definition_of_our_interface_that_others_refer_to_stays_empty()
    {
        // netplan (0.106) resolves vlan7's link only to a definition in this or an earlier file, not to ours.
        var result = Render("network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n      addresses: [10.0.0.5/24]\n  vlans:\n    vlan7:\n      id: 7\n      link: eth0\n");

        Assert.Equal(
            "network:\n  version: 2\n  ethernets:\n    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n    eth0: {}\n  vlans:\n    vlan7:\n      id: 7\n      link: eth0\n",
            result.Files.Single(f => f.Path == CloudInit).Contents);
        await AssertNetplanAcceptsAsync(result);
    }

    [Fact]
    public async Task A_section_left_empty_loses_its_header()
    {
        var result = Render("network:\n  version: 2\n  ethernets:\n    id0:\n      match:\n        macaddress: bc:76:4e:20:6c:5a\n      dhcp4: true\n  bridges:\n    br0:\n      dhcp4: false\n");

        Assert.Equal(
            "network:\n  version: 2\n    # id0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n  bridges:\n    br0:\n      dhcp4: false\n",
            result.Files.Single(f => f.Path == CloudInit).Contents);
        await AssertNetplanAcceptsAsync(result);
    }

    [Theory]
    [InlineData("network: {version: 2, ethernets: {eth0: {dhcp4: true}, eth2: {dhcp4: true}}}\n", "flow style")]
    [InlineData("network:\n\tethernets:\n\t\teth0: {dhcp4: true}\n", "flow style")]
    [InlineData("network:\n  version: 2\n  ethernets:\n    eth2: {dhcp4: true}\n---\nnetwork:\n  ethernets:\n    eth0: {dhcp4: true}\n", "several documents")]
    [InlineData("network:\n  version: 2\n  ethernets:\n    eth2: {dhcp4: true}\n...\n---\nnetwork:\n  ethernets:\n    eth0: {dhcp4: true}\n", "several documents")]
    [InlineData("network:\n  version: 2\n  ethernets:\n    eth2: {dhcp4: true}\nnetwork:\n  ethernets:\n    eth0: {dhcp4: true}\n", "a repeated network: key")]
    [InlineData("network: {version: 2, ethernets: {lan: {match: {name: eth0}, dhcp4: true}}}\n", "flow style")]
    [InlineData("network:\n  ethernets:\n    id0:\n      match: {macaddress: bc:76:4e:20:6c:5a}\n  vlans:\n    vlan7: {id: 7, link: id0}\n", "refer to")]
    [InlineData("network:\n  ethernets:\n    eth0: &common\n      mtu: 9000\n    eth2:\n      <<: *common\n", "YAML anchor")]
    public void A_definition_that_cannot_be_taken_out_safely_is_refused(string yaml, string reason)
    {
        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(yaml));

        Assert.StartsWith($"{CloudInit} defines", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", error.Message, StringComparison.Ordinal);
    }

    // netplan 0.106 merges an id written twice in a section (Name=eth0 and the address in one 10-netplan-lan.network); before session 33
    // the second lan was kept and, naming lan, refused as a definition that "other definitions there refer to".
    [Fact]
    public async Task An_id_written_twice_of_which_only_one_is_ours_is_refused_as_netplan_merges_them()
    {
        const string yaml = "network:\n  version: 2\n  ethernets:\n    lan:\n      match:\n        name: eth0\n    eth9:\n      dhcp4: true\n    lan:\n      addresses: [10.0.0.5/24]\n";
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            var lan = File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-lan.network"));
            Assert.Contains("Name=eth0", lan);
            Assert.Contains("Address=10.0.0.5/24", lan);
        }

        Assert.Equal(
            $"{CloudInit} defines 'lan' (ethernets) 2 times, which netplan reads as one definition (their keys merged), and only some of them make it one of " +
            "the interfaces resetnetwork configures, so it cannot be taken out in part; write 'lan' once, or let another network system configure this guest; nothing was changed",
            Assert.Throws<InvalidNetworkDataException>(() => Render(yaml)).Message);
    }

    // netplan 0.106 fails on an id under two sections; before the session 33 review the file was edited (eth0 taken out of both, or the
    // configured eth0 taken out and the doubled lan left), which netplan went on failing on or, worse, read as fixed.
    [Theory]
    [InlineData("eth0", "    eth0:\n      dhcp4: true\n    eth9:\n      dhcp4: true\n  bridges:\n    eth0:\n      interfaces: [eth9]\n", "ethernets and bridges")]
    [InlineData("lan", "    eth0:\n      dhcp4: true\n    lan:\n      dhcp4: true\n  vlans:\n    lan:\n      id: 5\n      link: eth0\n", "ethernets and vlans")]
    public async Task An_id_under_two_sections_is_refused_as_netplan_fails_on_it(string id, string sections, string named)
    {
        var yaml = "network:\n  version: 2\n  ethernets:\n" + sections;
        var (root, generate) = await NetplanAlone.GenerateAsync(yaml, "50-cloud-init.yaml");
        using (root)
        {
            Assert.Contains($"Updated definition '{id}' changes device type", generate.StandardError, StringComparison.Ordinal);
        }

        Assert.Equal(
            $"{CloudInit} defines '{id}' under both {named}, which netplan rejects (\"Updated definition '{id}' changes device type\"), so netplan fails on it " +
            "already; define it in one section; nothing was changed",
            Assert.Throws<InvalidNetworkDataException>(() => Render(yaml)).Message);
    }

    [Fact]
    public async Task An_id_written_twice_that_is_ours_each_time_is_taken_out_each_time()
    {
        var result = Render("network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n    eth9:\n      dhcp4: true\n    eth0:\n      addresses: [10.0.0.5/24]\n");

        const string comment = "    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n    eth0: {}\n";
        Assert.Equal(
            "network:\n  version: 2\n  ethernets:\n" + comment + "    eth9:\n      dhcp4: true\n" + comment,
            result.Files.Single(f => f.Path == CloudInit).Contents);
        await AssertNetplanAcceptsAsync(result);
    }
}
