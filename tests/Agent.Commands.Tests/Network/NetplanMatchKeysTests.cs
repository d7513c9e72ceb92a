using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.RackspaceNetplan;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Another file's <c>match:</c> and <c>set-name</c> keys as netplan reads them, held against the real <c>netplan generate</c>
/// (0.106), for rackspace's eth0 (bc:76:4e:20:6c:5a): a key written twice, which netplan reads one value after the other (mappings
/// merge, lists of members add up, a later scalar replaces) where the reader kept only the last; a <c>match:</c> that is the text
/// of a quoted scalar going on from the line above, which the catch-all check took for a key; and a flow definition whose keys
/// cannot be read, which the check passed over.
/// </summary>
public sealed class NetplanMatchKeysTests
{
    private const string Head = "network:\n  version: 2\n  ethernets:\n    eth7:\n      dhcp4: true\n";

    public static TheoryData<string, string, bool> Repeated => new()
    {
        // The reader kept the empty match, so took the definition for a catch-all of every device and refused the reset.
        { "match: repeated, the later one empty", "    lan:\n      match:\n        name: eth0\n      match: {}\n", true },
        { "match: repeated in a flow definition", "    lan: {match: {name: eth0}, match: {}, dhcp4: true}\n", true },
        // Both keys kept (netplan: Name=eth0 and the MAC); match: name eth0 makes the definition eth0's whatever else it matches.
        { "match: repeated, a MAC then a name", "    lan:\n      match: {macaddress: \"bc:76:4e:20:6c:5c\"}\n      match:\n        name: eth0\n", true },
        { "match: name repeated, eth0 first", "    lan:\n      match:\n        name: eth0\n        name: eth9\n", false },
        { "set-name repeated, eth0 last", "    lan:\n      match: {macaddress: \"bc:76:4e:20:6c:5c\"}\n      set-name: eth9\n      set-name: eth0\n", true },
        { "set-name repeated, eth0 first", "    lan:\n      match: {macaddress: \"bc:76:4e:20:6c:5c\"}\n      set-name: eth0\n      set-name: eth9\n", false },
        // A block scalar's line is text: the quote it starts with opens nothing, and the match: after it is a key.
        { "a block scalar holding a quote before the match", "    lan:\n      dhcp4-overrides:\n        hostname: >-\n          a: \"x\n      match:\n        name: eth0\n", true },
    };

    [Theory]
    [MemberData(nameof(Repeated))]
    public async Task A_repeated_key_is_read_as_netplan_reads_it(string name, string definition, bool eth0s)
    {
        var yaml = Head + definition;
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            var generated = Directory.GetFiles(root.Combine("run", "systemd", "network"), "10-netplan-lan.*").SelectMany(File.ReadAllLines).ToArray();
            Assert.True(eth0s == generated.Contains("Name=eth0"), $"{name}: netplan wrote {string.Join(" | ", generated)}");
        }

        var result = Render(yaml);

        if (eth0s)
        {
            Assert.Equal(Head + "    # lan: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n", result.Files.Single(f => f.Path == CloudInit).Contents);
        }
        else
        {
            Assert.DoesNotContain(result.Files, f => f.Path == CloudInit);
        }
    }

    public static TheoryData<string, string?> Matches => new()
    {
        // "x then match: {}" is one scalar to libyaml, whatever the second line's indent: lan has no match (netplan: Name=lan).
        { "    lan:\n      dhcp4: true\n      dhcp4-overrides: {hostname: \"x\n      match: {}\"}\n", null },
        { "    lan:\n      dhcp4: true\n      dhcp4-overrides: {hostname: \"x\n      y\n      match: {}\"}\n", null },
        { "    lan:\n      dhcp4: true\n      dhcp4-overrides:\n        hostname: \"x\n      match: {}\"\n", null },
        { "    lan:\n      macaddress:\n        !!str\n        \"52:54:00:00:00:09\"\n      dhcp4-overrides:\n        hostname: \"x\n      match: {}\"\n", null },
        { "    lan: {dhcp4: true, dhcp4-overrides: {hostname: }}\n", null },
        { "    lan:\n      set-name: \"eth9\n      match: {}\"\n      match:\n        macaddress: \"bc:76:4e:20:6c:5c\"\n", null },
        // Keys written oddly are keys all the same.
        { "    lan:\n      \"m\\x61tch\": {name: \"eth*\"}\n", "name \"eth*\"" },
        { "    lan:\n      !!str match:\n        driver: virtio_net\n", "driver \"virtio_net\"" },
        { "    lan:\n      &m match: {}\n", "empty" },
        // A definition whose set-name this reader does not read (a tag alone on the line below): its match: key found all the same.
        { "    lan:\n      match:\n        name: \"eth*\"\n      set-name:\n        !!str\n        eth9\n", "name \"eth*\"" },
        // A flow definition whose keys cannot all be read (an empty value in a flow mapping): its match is searched as written.
        { "    lan: {match: {name: \"eth*\"}, dhcp4-overrides: {hostname: }}\n", "name \"eth*\"" },
        { "    lan: {match: {}, dhcp4-overrides: {hostname: }}\n", "as written \"{match: {}, dhcp4-overrides: {hostname: }}\"" },
        // An explicit key, which netplan reads as match: (the key reader does not): searched as written.
        { "    lan:\n      ? match\n      : {name: \"eth*\"}\n      dhcp4: true\n", "name \"eth*\"" },
        { "    lan: {? match : {name: \"eth*\"}, dhcp4: true}\n", "name \"eth*\"" },
    };

    [Theory]
    [MemberData(nameof(Matches))]
    public async Task A_catch_all_is_refused_exactly_when_netplan_reads_a_match(string definition, string? match)
    {
        var yaml = Head + definition;
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            var network = File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-lan.network"));
            Assert.True((match is null) == (network.Contains("Name=lan") || network.Contains("Name=eth9 match: {}")), string.Join(" | ", network));
        }

        if (match is null)
        {
            Assert.DoesNotContain(Render(yaml).Files, f => f.Path == CloudInit);
        }
        else
        {
            Assert.StartsWith(
                $"{CloudInit} has the definition 'lan' (ethernets) whose match: ({match}) also matches eth0, which resetnetwork configures;",
                Assert.Throws<InvalidNetworkDataException>(() => Render(yaml)).Message,
                StringComparison.Ordinal);
        }
    }

    // 'eth*''s is never closed on its line ('' is a quote inside it): netplan names the connection "eth*'s x" and matches eth9 only. The
    // search of a definition it cannot read (and of a file without a layout) read 'eth*' there before session 33, the pattern eth*, and refused.
    [Theory]
    [InlineData("network:\n  version: 2\n  ethernets:\n    lan: {match: {name: eth9}, networkmanager: {name: 'eth*''s\n        x'}, dhcp4-overrides: {hostname: }}\n")]
    [InlineData("network: {version: 2, ethernets: {lan: {match: {name: eth9}, networkmanager: {name: 'eth*''s\n  x'}}}}\n")]
    public async Task A_doubled_single_quote_closes_no_searched_value(string yaml)
    {
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.Contains("Name=eth9", File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-lan.network")));
        }

        Assert.DoesNotContain(Render(yaml).Files, f => f.Path == CloudInit);
    }

    // An alias the reader leaves unfollowed (its anchor is nowhere: netplan fails on the file) may catch any device: refused, named as the
    // alias it is (netplan_settings.py mutant 105 read it as an empty match and survived session 33's rerun).
    [Fact]
    public async Task A_match_given_by_an_alias_left_unfollowed_is_refused_as_that_alias()
    {
        const string yaml = "network:\n  version: 2\n  ethernets:\n    eth7:\n      dhcp4: true\n    lan:\n      match: *m\n      dhcp4: true\n";
        var (root, generate) = await NetplanAlone.GenerateAsync(yaml, "50-cloud-init.yaml");
        using (root)
        {
            Assert.NotEqual(0, generate.ExitCode);
        }

        Assert.StartsWith(
            $"{CloudInit} has the definition 'lan' (ethernets) whose match: (alias \"*m\") also matches eth0,",
            Assert.Throws<InvalidNetworkDataException>(() => Render(yaml)).Message,
            StringComparison.Ordinal);
    }
}
