using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.NetplanTwoNicMachine;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// YAML forms in another netplan file that decide whether it configures the interface a reset
/// configures: each compared with what the real <c>netplan generate</c> writes for the file, then the
/// reset run on it. Every case but the two escaped <c>eth\x2a</c> names was read wrongly before
/// session 26 (a definition refused though netplan leaves eth0 alone, or one that configures eth0 kept
/// beside ours); those two show a value is decoded once, not twice.
/// </summary>
public sealed class NetplanYamlFormsEndToEndTests
{
    /// <summary>The networkd files <c>netplan generate</c> writes for <paramref name="yaml"/> alone.</summary>
    private static async Task<NetworkdSemantics[]> GeneratedAsync(string yaml)
    {
        using var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml");
        return Directory.GetFiles(root.Combine("run", "systemd", "network"), "*.network")
            .Select(file => NetworkdSemantics.Parse(File.ReadAllText(file)))
            .ToArray();
    }

    /// <summary>Keys holding an escaped quote, before eth0's definition in the same file.</summary>
    public static TheoryData<string> KeysWithQuotes() => new("\"a\\\"b\"", "'it''s'");

    [Theory]
    [MemberData(nameof(KeysWithQuotes))]
    public async Task A_key_holding_an_escaped_quote_leaves_the_file_editable_and_eth0_is_taken_out_of_it(string key)
    {
        var yaml = $"network:\n  version: 2\n  ethernets:\n    {key}:\n      match: {{macaddress: \"bc:76:4e:20:6c:5c\"}}\n      addresses: [10.20.0.5/24]\n    eth0:\n      addresses: [10.0.0.5/24]\n";
        Assert.Equal(["10.0.0.5/24"], (await GeneratedAsync(yaml)).Single(network => network.Name == "eth0").Addresses);
        using var root = Machine(yaml);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        var edited = root.Read(CloudInitPath)!;
        Assert.Contains($"    {key}:\n      match: {{macaddress: \"bc:76:4e:20:6c:5c\"}}\n      addresses: [10.20.0.5/24]\n", edited, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", edited, StringComparison.Ordinal);
        Assert.Equal(yaml, root.Read(CloudInitPath + ".bak"));
    }

    /// <summary>A catch-all's <c>match: name:</c> written in forms whose reading decides whether it catches eth0.</summary>
    public static TheoryData<string> NameForms() => new()
    {
        "'e*''x'",
        "\"e*\\\"x\"",
        "\"eth\\\\x2a\"",
        "\"eth\\x2a\"",
        "!!str \"eth*\"",
        "&pattern 'eth*'",
        "!!str e*",
    };

    [Theory]
    [MemberData(nameof(NameForms))]
    public async Task A_catch_all_is_refused_exactly_when_the_name_netplan_reads_matches_eth0(string name)
    {
        var yaml = $"network:\n  version: 2\n  ethernets:\n    all:\n      match:\n        name: {name}\n      dhcp4: true\n";
        var generated = Assert.Single(await GeneratedAsync(yaml)).Name;
        using var root = Machine(yaml);

        var result = await ResetAsync(root, VmData());

        if (NetworkdGlob.MatchesList(generated, "eth0"))
        {
            Assert.Equal("500", result.ReturnCode);
            Assert.StartsWith($"{CloudInitPath} has the definition 'all' (ethernets) whose match: (name \"{generated}\") also matches eth0", result.Message, StringComparison.Ordinal);
            Assert.Equal(yaml, root.Read(CloudInitPath));
        }
        else
        {
            Assert.Equal(CommandResult.Ok(), result);
            Assert.Equal(yaml, root.Read(CloudInitPath));
        }
    }

    [Fact]
    public async Task A_name_given_by_an_alias_is_followed_to_its_pattern()
    {
        // netplan follows the alias to "eth*" (its other use ruled out by a MAC); so does resetnetwork since session 29, and refuses.
        const string yaml = "network:\n  version: 2\n  ethernets:\n    other:\n      match:\n        name: &n \"eth*\"\n        macaddress: \"bc:76:4e:20:6c:5c\"\n      dhcp4: true\n" +
            "    all:\n      match:\n        name: *n\n      dhcp4: true\n";
        Assert.Equal(["eth*", "eth*"], (await GeneratedAsync(yaml)).Select(network => network.Name));
        using var root = Machine(yaml);

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.StartsWith($"{CloudInitPath} has the definition 'all' (ethernets) whose match: (name \"eth*\") also matches eth0", result.Message, StringComparison.Ordinal);
        Assert.Equal(yaml, root.Read(CloudInitPath));
    }

    [Fact]
    public async Task A_match_given_by_an_alias_is_followed_as_netplan_follows_it()
    {
        // netplan follows it (to a MAC that leaves eth0 out); so does resetnetwork since session 29 (before, it refused rather than guess).
        const string yaml = "network:\n  version: 2\n  ethernets:\n    eth1:\n      match: &m\n        name: \"eth*\"\n        macaddress: \"bc:76:4e:20:6c:5c\"\n" +
            "    all:\n      match: *m\n      dhcp4: true\n";
        Assert.Equal(["eth*", "eth*"], (await GeneratedAsync(yaml)).Select(network => network.Name));
        using var root = Machine(yaml);

        var result = await ResetAsync(root, VmData());

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(yaml, root.Read(CloudInitPath));
    }

    /// <summary>Files in flow style that give eth0 addresses, in forms a search for eth0 missed.</summary>
    public static TheoryData<string> FlowDefinitionsOfEth0() => new()
    {
        "{\"network\": {\"version\": 2, \"ethernets\": {\"eth0\":{\"addresses\":[\"10.0.0.5/24\"]}}}}\n",
        "network: {version: 2, ethernets: {nic: {match: {\"name\": eth0}, addresses: [10.0.0.5/24]}}}\n",
        "network: {version: 2, ethernets: {nic: {match: {name: !!str eth0}, addresses: [10.0.0.5/24]}}}\n",
    };

    [Theory]
    [MemberData(nameof(FlowDefinitionsOfEth0))]
    public async Task A_flow_style_file_that_configures_eth0_is_refused(string yaml)
    {
        Assert.Equal(["10.0.0.5/24"], (await GeneratedAsync(yaml)).Single(network => network.Name == "eth0").Addresses);
        using var root = Machine(yaml);
        var before = root.Hash(FakeRoot.StateDirectory);

        var result = await ResetAsync(root, VmData());

        Assert.Equal(new CommandResult("500", $"{CloudInitPath} defines eth0 in a form resetnetwork cannot edit (flow style, tabs, several documents or a repeated network: key); nothing was changed"), result);
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
        Assert.Equal(yaml, root.Read(CloudInitPath));
    }

    [Fact]
    public async Task A_file_with_a_byte_order_mark_and_crlf_line_ends_is_edited_and_netplan_then_gives_eth0_our_addresses_only()
    {
        const string yaml = "\ufeffnetwork:\r\n  version: 2\r\n  ethernets:\r\n    eth0:\r\n      addresses: [10.0.0.5/24]\r\n    eth1:\r\n      addresses: [10.20.0.5/24]\r\n";
        using var root = Machine("");
        File.WriteAllText(root.Host(CloudInitPath), yaml, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Assert.Equal(["10.0.0.5/24"], (await GeneratedAsync(yaml)).Single(network => network.Name == "eth0").Addresses);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        var netplan = ExternalTool.Require("netplan", "netplan.io");
        var generate = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);
        Assert.True(generate.ExitCode == 0, $"netplan generate failed ({generate.ExitCode}): {generate.StandardError}");
        var networks = Directory.GetFiles(root.Host("/run/systemd/network"), "10-netplan-*.network")
            .Select(path => NetworkdSemantics.Parse(File.ReadAllText(path)))
            .ToDictionary(network => network.Name);
        Assert.Equal(["10.20.0.5/24"], networks["eth1"].Addresses);
        Assert.Equal(["162.209.76.19/24", "2001:4802:7802:104:be76:4eff:fe20:6c5a/64"], networks["eth0"].Addresses);
    }

    [Fact]
    public async Task A_definition_naming_eth0_under_a_quoted_key_is_ours_and_taken_out()
    {
        const string yaml = "network:\n  version: 2\n  ethernets:\n    nic:\n      match:\n        \"name\": eth0\n      addresses: [10.0.0.5/24]\n";
        Assert.Equal(["10.0.0.5/24"], (await GeneratedAsync(yaml)).Single(network => network.Name == "eth0").Addresses);
        using var root = Machine(yaml);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Null(root.Read(CloudInitPath));
        Assert.Equal(yaml, root.Read(CloudInitPath + ".bak"));
    }
}
