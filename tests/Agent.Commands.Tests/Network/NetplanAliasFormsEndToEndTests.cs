using static GuestAgent.Commands.Tests.Network.NetplanTwoNicMachine;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The YAML forms around anchors and aliases that session 30 reads as libyaml does, through the reset and against the
/// real <c>netplan generate</c> (0.106): a plain scalar continued on a line starting with <c>*</c> (its text, no alias),
/// an alias used as a key, a block mapping named from inside a flow collection, and an anchor on a section header.
/// Each case failed on the code before session 30 but the last, which holds the line range an anchor on a section header
/// covers (a mutant of network_s30_net6.py).
/// </summary>
public sealed class NetplanAliasFormsEndToEndTests
{
    [Fact]
    public async Task A_star_continuing_a_plain_scalar_is_its_text_not_an_alias_of_eth0s_anchor()
    {
        // eth1's second search domain is "example.com *dns" to libyaml; read as an alias, it named eth0's anchor and the edit was refused.
        const string yaml = "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [10.0.0.5/24]\n      nameservers: &dns\n        addresses: [192.0.2.53]\n" +
            "    eth1:\n      addresses: [10.20.0.5/24]\n      nameservers:\n        search:\n          - example.com\n            *dns\n";
        using (var generated = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.Contains("Domains=example.com *dns", File.ReadAllText(generated.Combine("run", "systemd", "network", "10-netplan-eth1.network")), StringComparison.Ordinal);
        }

        using var root = Machine(yaml);

        Assert.Equal(["10.20.0.5/24"], (await ResetAndGenerateAsync(root))["eth1"].Addresses);
        Assert.Contains("Domains=example.com *dns", root.Read("/run/systemd/network/10-netplan-eth1.network"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eth0_defined_under_an_alias_used_as_a_key_is_taken_out()
    {
        // *n: is eth0 to netplan (checked below); the file had no layout before, and was refused as a form not edited.
        const string yaml = "network:\n  version: 2\n  ethernets:\n    eth1:\n      addresses: [10.20.0.5/24]\n      nameservers: {search: [&n eth0]}\n" +
            "    *n :\n      addresses: [10.0.0.5/24]\n";
        using (var generated = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.Equal(["10.0.0.5/24"], NetworkdSemantics.Parse(File.ReadAllText(generated.Combine("run", "systemd", "network", "10-netplan-eth0.network"))).Addresses);
        }

        using var root = Machine(yaml);

        Assert.Equal(["10.20.0.5/24"], (await ResetAndGenerateAsync(root))["eth1"].Addresses);
        Assert.DoesNotContain("10.0.0.5", root.Read(CloudInitPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alias_used_as_a_key_naming_a_collection_is_refused_naming_the_file()
    {
        const string yaml = "network:\n  version: 2\n  ethernets:\n    eth1:\n      dhcp4: true\n      nameservers: {search: [&m {a: b}]}\n    *m: {dhcp4: true}\n";
        var (generated, generate) = await NetplanAlone.GenerateAsync(yaml, "50-cloud-init.yaml");
        generated.Dispose();
        Assert.NotEqual(0, generate.ExitCode);
        Assert.Contains("expected scalar", generate.StandardError, StringComparison.Ordinal);
        using var root = Machine(yaml);
        var before = root.Hash("/var");

        var result = await ResetAsync(root, VmData());

        Assert.Equal(
            new CommandResult("500", $"{CloudInitPath} uses the YAML alias *m as a key, naming a collection (netplan fails on it: \"expected scalar\"); nothing was changed"),
            result);
        Assert.Equal(before, root.Hash("/var"));
    }

    [Fact]
    public async Task A_match_given_by_an_alias_of_a_block_mapping_in_flow_style_is_read()
    {
        // nic matches eth0's MAC through the alias (netplan gives eth0 its address, checked below); left as written, "match: *m"
        // matched nothing known, so nic was kept beside id0, whose anchor it names, and the reset refused.
        const string yaml = "network:\n  version: 2\n  ethernets:\n    id0:\n      match: &m\n        macaddress: \"bc:76:4e:20:6c:5a\"\n      addresses: [10.0.0.5/24]\n" +
            "    nic: {match: *m, addresses: [10.9.0.5/24]}\n    eth1:\n      addresses: [10.20.0.5/24]\n";
        using (var generated = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            var nic = File.ReadAllText(generated.Combine("run", "systemd", "network", "10-netplan-nic.network"));
            Assert.Contains("PermanentMACAddress=bc:76:4e:20:6c:5a", nic, StringComparison.Ordinal);
            Assert.Equal(["10.9.0.5/24"], NetworkdSemantics.Parse(nic).Addresses);
        }

        using var root = Machine(yaml);

        Assert.Equal(["eth0", "eth1"], (await ResetAndGenerateAsync(root)).Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("10.9.0.5", root.Read(CloudInitPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anchor_on_a_section_header_covers_the_definitions_below_it()
    {
        // The alias names the whole section, eth0 (its second definition) included: taken out, the alias would name less.
        // netplan refuses this file as it is (a section is no bond's parameters): the refusal loses nothing.
        const string yaml = "network:\n  version: 2\n  ethernets: &e\n    eth1:\n      dhcp4: true\n    eth0:\n      addresses: [10.0.0.5/24]\n" +
            "  bonds:\n    bond0:\n      parameters: *e\n";
        var (generated, generate) = await NetplanAlone.GenerateAsync(yaml, "50-cloud-init.yaml");
        generated.Dispose();
        Assert.NotEqual(0, generate.ExitCode);
        using var root = Machine(yaml);
        var before = root.Hash("/var");

        var result = await ResetAsync(root, VmData());

        Assert.Equal(
            new CommandResult("500", $"{CloudInitPath} defines an interface resetnetwork configures as 'eth0', which other definitions there share (a YAML anchor: the alias *e names a node in it); " +
                "it cannot be taken out of the file without breaking them; nothing was changed"),
            result);
        Assert.Equal(before, root.Hash("/var"));
    }
}
