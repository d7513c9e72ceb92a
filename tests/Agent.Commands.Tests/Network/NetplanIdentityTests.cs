using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.RackspaceNetplan;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Whether another file's Ethernet definition reaches a configured interface (rackspace's eth0, bc:76:4e:20:6c:5a) by
/// <c>match:</c> or <c>set-name</c>, read as netplan reads it and held against the real <c>netplan generate</c> (0.106):
/// before session 31 a search of the definition's text took a continued <c>set-name: eth0</c> (<c>eth0 x</c> to netplan) and
/// a MAC or <c>name: eth0</c> in a comment for eth0's, removing another device's definition, and missed a quoted name
/// continued with a backslash (<c>"eth\</c> then <c>0"</c>, eth0 to netplan), leaving it to be merged into ours.
/// </summary>
public sealed class NetplanIdentityTests
{
    private const string Head = "network:\n  version: 2\n  ethernets:\n    eth7:\n      dhcp4: true\n";

    public static TheoryData<string, string, bool> Definitions => new()
    {
        { "set-name continued on a deeper line", "    lan:\n      match:\n        macaddress: \"bc:76:4e:20:6c:5c\"\n      set-name: eth0\n        x\n", false },
        { "set-name continued inside a flow mapping", "    lan: {match: {macaddress: \"bc:76:4e:20:6c:5c\"}, set-name: eth0\n      x}\n", false },
        { "eth0's MAC and name in a comment line", "    lan:\n      # was bc:76:4e:20:6c:5a, name: eth0\n      match:\n        name: eth7\n", false },
        { "eth0's name in a trailing comment", "    lan:\n      match: {name: eth7}  # was {name: eth0}\n", false },
        { "a quoted name continued with a backslash", "    lan:\n      match:\n        name: \"eth\\\n          0\"\n", true },
        { "a quoted, tagged name on the line below its key", "    lan:\n      match:\n        name:\n          !!str 'eth0'  # below\n", true },
        { "a tagged flow match with the MAC in capitals", "    lan:\n      match: !!map {macaddress: \"BC:76:4E:20:6C:5A\"}  # eth0\n", true },
        { "a tagged set-name before a comment", "    lan:\n      match:\n        macaddress: bc:76:4e:20:6c:5c\n      set-name: !!str eth0 # renamed\n", true },
        { "a flow match alone on the line below its key", "    lan:\n      match:\n        {name: eth0}\n", true },
        { "a tagged match whose block is below it", "    lan:\n      match: !!map\n        name: eth0\n", true },
        { "a set-name as a block scalar", "    lan:\n      match:\n        macaddress: bc:76:4e:20:6c:5c\n      set-name: >-\n        eth0\n", true },
        { "a block list at a key's indent before the match", "    lan:\n      addresses:\n      - 10.0.0.5/24\n      match:\n        name: eth0\n", true },
    };

    [Theory]
    [MemberData(nameof(Definitions))]
    public async Task A_definition_is_taken_out_exactly_when_netplan_reads_it_as_eth0s(string name, string definition, bool eth0s)
    {
        var yaml = Head + definition;
        using var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml");
        var generated = Directory.GetFiles(root.Combine("run", "systemd", "network"), "10-netplan-lan.*").SelectMany(File.ReadAllLines).ToArray();
        Assert.True(eth0s == generated.Any(line => line == "Name=eth0" || string.Equals(line, "PermanentMACAddress=bc:76:4e:20:6c:5a", StringComparison.OrdinalIgnoreCase)), $"{name}: netplan wrote {string.Join(" | ", generated)}");

        var result = Render(yaml);

        Assert.Empty(result.Removals);
        if (eth0s)
        {
            Assert.Equal(Head + "    # lan: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n", result.Files.Single(f => f.Path == CloudInit).Contents);
        }
        else
        {
            Assert.DoesNotContain(result.Files, f => f.Path == CloudInit);
        }
    }

    [Fact]
    public async Task A_set_name_that_is_no_scalar_naming_eth0_is_refused_not_guessed()
    {
        // The old search saw no "set-name: eth0" in "set-name: [eth0]" and kept it; netplan fails on it ("expected scalar").
        var yaml = Head + "    lan:\n      match:\n        macaddress: bc:76:4e:20:6c:5c\n      set-name: [eth0]\n";
        var (root, generate) = await NetplanAlone.GenerateAsync(yaml, "50-cloud-init.yaml");
        root.Dispose();
        Assert.Contains("expected scalar", generate.StandardError, StringComparison.Ordinal);

        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(yaml));

        Assert.Equal(
            $"{CloudInit} has the definition 'lan' (ethernets), which may be eth0's, with a match:, set-name: or macaddress: in a form resetnetwork cannot read " +
            "(an alias it does not follow, or a value that is no scalar); write it plainly, or let another network system configure this guest; nothing was changed",
            error.Message);
    }

    [Fact]
    public async Task A_tag_alone_on_the_line_below_set_name_is_refused_not_a_crash()
    {
        // netplan reads set-name: then !!str then eth0 as eth0 (10-netplan-lan.link: Name=eth0); the reader indexed an empty value and threw.
        var yaml = Head + "    lan:\n      match:\n        macaddress: bc:76:4e:20:6c:5c\n      set-name:\n        !!str\n        eth0\n";
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.Contains("Name=eth0", File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-lan.link")));
        }

        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(yaml));

        Assert.StartsWith($"{CloudInit} has the definition 'lan' (ethernets), which may be eth0's", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> FlowCatchAlls => new()
    {
        { "    all: {match: {name: \"eth*\"}, dhcp4: true}\n", "name \"eth*\"" },
        { "    all: {match: {}, dhcp4: true}\n", "empty" },
        // eth0's driver, unread here, counts as matching.
        { "    all: {match: {driver: [e1000, virtio_net]}, dhcp4: true}\n", "driver \"e1000\" or \"virtio_net\"" },
    };

    [Theory]
    [MemberData(nameof(FlowCatchAlls))]
    public async Task A_catch_all_written_in_flow_beside_block_definitions_is_refused(string definition, string match)
    {
        // netplan writes 10-netplan-all.network, which may match eth0 too; MatchOf saw only a block "match:" line, and the reset went ahead.
        var yaml = Head + definition;
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.True(File.Exists(root.Combine("run", "systemd", "network", "10-netplan-all.network")));
        }

        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(yaml));

        Assert.StartsWith($"{CloudInit} has the definition 'all' (ethernets) whose match: ({match}) also matches eth0, which resetnetwork configures;", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("network: {version: 2, ethernets: {lan: {match: {name: \"eth\\\n    0\"}, dhcp4: true}}}\n", "Name=eth0", "defines eth0")]
    [InlineData("network: {version: 2, ethernets: {lan: {match: {name: \"e\\\n    *\"}, dhcp4: true}}}\n", "Name=e*", "may match eth0 by a name pattern or a driver (match:)")]
    public async Task A_file_without_a_layout_naming_eth0_in_a_quoted_scalar_over_two_lines_is_refused(string yaml, string networkd, string refusal)
    {
        // netplan joins "eth\ and 0" into eth0; the search of the file's text, decoded one line at a time, missed it and kept the file.
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.Contains(networkd, File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-lan.network")));
        }

        Assert.StartsWith($"{CloudInit} {refusal} in a form resetnetwork cannot", Assert.Throws<InvalidNetworkDataException>(() => Render(yaml)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_key_holding_a_hash_keeps_the_block_layout()
    {
        // netplan 0.106 takes a#b as a definition's id (10-netplan-a#b.network); before, the file had no layout and was refused as "cannot edit".
        var yaml = "network:\n  version: 2\n  ethernets:\n    a#b:\n      match:\n        macaddress: bc:76:4e:20:6c:5c\n      dhcp4: true\n    eth0:\n      dhcp4: true\n";
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.True(File.Exists(root.Combine("run", "systemd", "network", "10-netplan-a#b.network")));
        }

        var edited = Render(yaml).Files.Single(f => f.Path == CloudInit).Contents;

        Assert.Equal(
            "network:\n  version: 2\n  ethernets:\n    a#b:\n      match:\n        macaddress: bc:76:4e:20:6c:5c\n      dhcp4: true\n" +
            "    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n    eth0: {}\n",
            edited);
        using var after = await NetplanAlone.GeneratedAsync(edited, "50-cloud-init.yaml");
    }

    [Fact]
    public async Task A_key_given_by_an_alias_of_a_quoted_scalar_over_two_lines_is_the_scalar_netplan_reads()
    {
        // netplan reads *k as eth0 ("eth\ then 0", the backslash joining the lines) and eth2's set-name as eth0: both are eth0's.
        var yaml = Head + "    eth2:\n      match: {macaddress: \"bc:76:4e:20:6c:5c\"}\n      set-name: &k \"eth\\\n        0\"\n    *k :\n      dhcp4: true\n";
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.Contains("Name=eth0", File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-eth0.network")));
        }

        var edited = Render(yaml).Files.Single(f => f.Path == CloudInit).Contents;

        Assert.Equal(
            Head + "    # eth2: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n" +
            "    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n    eth0: {}\n",
            edited);
        using var after = await NetplanAlone.GeneratedAsync(edited, "50-cloud-init.yaml");
    }
}
