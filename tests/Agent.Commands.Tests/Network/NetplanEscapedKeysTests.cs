using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.NetplanTwoNicMachine;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Another netplan file's quoted keys and values are read as netplan reads them: <c>"eth\x30":</c>
/// is its <c>eth0</c>, whose addresses netplan would append to ours if the definition stayed.
/// </summary>
public sealed class NetplanEscapedKeysTests
{
    /// <summary>Key tokens and what netplan makes of them: the interface name it writes, or null where its YAML reader refuses the file.</summary>
    public static TheoryData<string> Tokens() => new(
        "\"eth\\x30\"", "\"eth\\u0030\"", "\"eth\\U00000030\"", "\"e\\x74h0\"", "\"eth\\x2d1\"", "'eth0'", "\"eth0\"", "eth0",
        "\"eth\\q\"", "\"eth\\'0\"", "\"eth\\x3g\"", "\"eth\\x3\"", "\"eth\\uD800\"", "\"eth\\U00110000\"");

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task A_key_decodes_to_the_name_netplan_gives_it(string token)
    {
        var generated = await NetplanAlone.GenerateAsync($"network:\n  version: 2\n  ethernets:\n    {token}:\n      dhcp4: true\n", "50-other.yaml");
        using var root = generated.Root;
        var generate = generated.Generate;

        string? theirs;
        if (generate.StandardError.Contains("Invalid YAML", StringComparison.Ordinal))
        {
            theirs = null;
        }
        else
        {
            Assert.True(generate.ExitCode == 0, $"netplan generate failed ({generate.ExitCode}): {generate.StandardError}");
            var network = Assert.Single(Directory.GetFiles(root.Combine("run", "systemd", "network"), "*.network"));
            theirs = NetworkdSemantics.Parse(File.ReadAllText(network)).Name;
        }

        Assert.Equal(theirs, YamlQuotedScalar.Decode(token));
    }

    [Fact]
    public void A_search_over_text_sees_each_double_quoted_scalar_decoded_and_keeps_one_netplan_refuses()
    {
        Assert.Equal("  \"eth0\":\n    match: {name: \"eth*\"}  # \"eth\\q\"\n", YamlQuotedScalar.DecodeAll("  \"eth\\x30\":\n    match: {name: \"eth\\x2a\"}  # \"eth\\q\"\n"));
        Assert.Equal("'a\\x30' plain\\x30", YamlQuotedScalar.DecodeAll("'a\\x30' plain\\x30"));
        // A token that is not one closed scalar is none: netplan's reader would not take it so.
        Assert.Null(YamlQuotedScalar.Decode("\"eth0"));
        Assert.Null(YamlQuotedScalar.Decode("'eth0\""));
        Assert.Null(YamlQuotedScalar.Decode("\"a\"b\""));
        Assert.Null(YamlQuotedScalar.Decode("'a'b'"));
        Assert.Equal("a'b", YamlQuotedScalar.Decode("'a''b'"));
    }

    [Fact]
    public async Task An_escaped_key_of_a_configured_interface_is_taken_out_and_netplan_then_gives_it_our_addresses_only()
    {
        const string yaml = "network:\n  version: 2\n  ethernets:\n    \"eth\\x30\":\n      dhcp4: true\n      addresses: [10.0.0.5/24]\n    eth1:\n      addresses: [10.20.0.5/24]\n";
        using var root = Machine(yaml);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal(yaml, root.Read(CloudInitPath + ".bak"));
        Assert.DoesNotContain("10.0.0.5", root.Read(CloudInitPath)!, StringComparison.Ordinal);
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        var generate = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);
        Assert.True(generate.ExitCode == 0, $"netplan generate failed ({generate.ExitCode}): {generate.StandardError}");
        var networks = Directory.GetFiles(root.Host("/run/systemd/network"), "10-netplan-*.network")
            .Select(path => (Text: File.ReadAllText(path), Meaning: NetworkdSemantics.Parse(File.ReadAllText(path))))
            .ToDictionary(n => n.Meaning.Name);
        Assert.Equal(["10.20.0.5/24"], networks["eth1"].Meaning.Addresses);
        Assert.Equal(["162.209.76.19/24", "2001:4802:7802:104:be76:4eff:fe20:6c5a/64"], networks["eth0"].Meaning.Addresses);
        Assert.DoesNotContain("DHCP=", networks["eth0"].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_definition_naming_eth0_by_an_escaped_match_name_is_ours_and_taken_out()
    {
        // netplan reads name: "eth\x30" as eth0 (checked below): the definition is eth0's, not a catch-all to refuse.
        const string yaml = "network:\n  version: 2\n  ethernets:\n    nic:\n      match: {name: \"eth\\x30\"}\n      addresses: [10.0.0.5/24]\n    eth1:\n      addresses: [10.20.0.5/24]\n";
        using (var generated = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            var nic = NetworkdSemantics.Parse(File.ReadAllText(generated.Combine("run", "systemd", "network", "10-netplan-nic.network")));
            Assert.Equal("eth0", nic.Name);
        }

        using var root = Machine(yaml);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.DoesNotContain("10.0.0.5", root.Read(CloudInitPath)!, StringComparison.Ordinal);
        Assert.Contains("# nic: configured by the guest agent", root.Read(CloudInitPath)!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_escaped_key_of_a_configured_interface_in_flow_style_is_refused()
    {
        const string yaml = "network: {version: 2, ethernets: {\"eth\\x30\": {addresses: [10.0.0.5/24]}}}\n";
        using var root = Machine(yaml);
        var before = root.Hash(FakeRoot.StateDirectory);

        var result = await ResetAsync(root, VmData());

        Assert.Equal(new CommandResult("500", $"{CloudInitPath} defines eth0 in a form resetnetwork cannot edit (flow style, tabs, several documents or a repeated network: key); nothing was changed"), result);
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
        Assert.Equal(yaml, root.Read(CloudInitPath));
    }

    [Fact]
    public async Task An_escaped_match_pattern_catching_a_configured_interface_is_refused()
    {
        const string yaml = "network:\n  version: 2\n  ethernets:\n    all-en:\n      match:\n        name: \"eth\\x2a\"\n      dhcp4: true\n";
        using var root = Machine(yaml);

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.StartsWith($"{CloudInitPath} has the definition 'all-en' (ethernets) whose match: (name \"eth*\") also matches eth0", result.Message, StringComparison.Ordinal);
        Assert.Equal(yaml, root.Read(CloudInitPath));
    }
}
