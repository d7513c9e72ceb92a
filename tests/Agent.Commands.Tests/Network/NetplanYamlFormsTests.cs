using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// YAML forms another netplan file may use around the renderer, each given to the real
/// <c>netplan generate</c> (which backend it writes eth0 for) and to the agent's reading
/// (<see cref="NetplanEffectiveRenderer"/>): the two must agree. Every case here was read wrongly
/// before session 26 but three, kept to show they are read right: CRLF, a key holding <c>\"</c> in flow
/// style and a comment holding a brace after a flow-style value.
/// </summary>
public sealed class NetplanYamlFormsTests
{
    private const string Eth0 = "  ethernets:\n    eth0:\n      dhcp4: true\n";

    public static TheoryData<string, string, string> Files => new()
    {
        { "a flow-style renderer with a hex escape", "network: {version: 2, renderer: \"Network\\x4danager\", ethernets: {eth0: {dhcp4: true}}}\n", "NetworkManager" },
        { "a flow-style renderer with a unicode escape, single quotes around a key", "network: {'version': 2, 'renderer': \"Network\\u004danager\", ethernets: {eth0: {dhcp4: true}}}\n", "NetworkManager" },
        { "a flow-style renderer over an escaped line break", "network: {version: 2, renderer: \"Network\\\n      Manager\", ethernets: {eth0: {dhcp4: true}}}\n", "NetworkManager" },
        { "a flow-style renderer with a tag", "network: {version: 2, renderer: !!str NetworkManager, ethernets: {eth0: {dhcp4: true}}}\n", "NetworkManager" },
        { "a flow-style renderer with an anchor and a comment holding a quote", "network: {version: 2, # it's\n  renderer: &r NetworkManager, ethernets: {eth0: {dhcp4: true}}}\n", "NetworkManager" },
        { "a flow-style renderer before a comment holding a brace", "network: {version: 2, renderer: NetworkManager # {x\n  , ethernets: {eth0: {dhcp4: true}}}\n", "NetworkManager" },
        { "a flow-style renderer after a key holding an escaped quote", "network: {version: 2, ethernets: {\"a\\\"b\": {match: {name: eth1}}, eth0: {dhcp4: true}}, renderer: NetworkManager}\n", "NetworkManager" },
        { "a renderer before a comment after a tab", "network:\n  version: 2\n  renderer: NetworkManager\t# the desktop's\n" + Eth0, "NetworkManager" },
        { "a renderer with a tag", "network:\n  version: 2\n  renderer: !!str NetworkManager\n" + Eth0, "NetworkManager" },
        { "a renderer with an anchor", "network:\n  version: 2\n  renderer: &r NetworkManager\n" + Eth0, "NetworkManager" },
        { "a folded block scalar renderer", "network:\n  version: 2\n  renderer: >-\n    NetworkManager\n" + Eth0, "NetworkManager" },
        { "a literal block scalar renderer with a comment", "network:\n  version: 2\n  renderer: |- # the desktop's\n    NetworkManager\n" + Eth0, "NetworkManager" },
        { "a double-quoted renderer over an escaped line break", "network:\n  version: 2\n  renderer: \"Network\\\n    Manager\"\n" + Eth0, "NetworkManager" },
        { "a document ended by ...", "network:\n  version: 2\n  renderer: NetworkManager\n" + Eth0 + "...\n", "NetworkManager" },
        { "the first of two documents", "--- # first\nnetwork:\n  version: 2\n  renderer: NetworkManager\n" + Eth0 + "---\nnetwork:\n  version: 2\n  renderer: networkd\n", "NetworkManager" },
        { "the first of two documents, in flow style", "network: {version: 2, renderer: NetworkManager, ethernets: {eth0: {dhcp4: true}}}\n---\nnetwork: {version: 2, renderer: networkd}\n", "NetworkManager" },
        { "a renderer in a second network: key over the first's", "network:\n  version: 2\n  renderer: networkd\n" + Eth0 + "network:\n  renderer: NetworkManager\n", "NetworkManager" },
        { "a renderer in a second network: key over the first's, the other way", "network:\n  version: 2\n  renderer: NetworkManager\n" + Eth0 + "network:\n  renderer: networkd\n", "networkd" },
        { "a network: with an anchor", "network: &n\n  version: 2\n  renderer: NetworkManager\n" + Eth0, "NetworkManager" },
        { "a network: with a tag", "network: !!map\n  version: 2\n  renderer: NetworkManager\n" + Eth0, "NetworkManager" },
        { "a network: with an anchor and a comment", "network: &n # the desktop's\n  version: 2\n  renderer: NetworkManager\n" + Eth0, "NetworkManager" },
        { "a flow-style network: on the next line", "network:\n  {version: 2, renderer: NetworkManager, ethernets: {eth0: {dhcp4: true}}}\n", "NetworkManager" },
        { "a flow-style network: on the next line, after an anchor", "network: &n\n  {version: 2, renderer: NetworkManager, ethernets: {eth0: {dhcp4: true}}}\n", "NetworkManager" },
        { "CRLF line ends", "network:\r\n  version: 2\r\n  renderer: NetworkManager\r\n  ethernets:\r\n    eth0:\r\n      dhcp4: true\r\n", "NetworkManager" },
        { "a section renderer before a key with an escaped double quote", "network:\n  version: 2\n  ethernets:\n    renderer: NetworkManager\n    \"a\\\"b\":\n      match: {name: eth1}\n    eth0:\n      dhcp4: true\n", "NetworkManager" },
        { "a section renderer before a key with a doubled single quote", "network:\n  version: 2\n  ethernets:\n    renderer: NetworkManager\n    'it''s':\n      match: {name: eth1}\n    eth0:\n      dhcp4: true\n", "NetworkManager" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_agent_reads_the_renderer_the_real_netplan_gives_eth0(string name, string yaml, string expected)
    {
        const string File50 = "/etc/netplan/50-other.yaml";
        var theirs = await GeneratedRendererAsync(yaml);

        var ours = NetplanEffectiveRenderer.Of(new InMemoryFileView(new Dictionary<string, string> { [File50] = yaml }), "eth0");

        Assert.True(expected == theirs, $"{name}: netplan gave eth0 {theirs}, the case expects {expected}");
        Assert.True(theirs == ours, $"{name}: netplan gave eth0 {theirs}, the agent read {ours}");
    }

    /// <summary>The backend <c>netplan generate</c> writes eth0 for, with <paramref name="yaml"/> as the only netplan file.</summary>
    internal static async Task<string> GeneratedRendererAsync(string yaml)
    {
        using var root = await NetplanAlone.GeneratedAsync(yaml, "50-other.yaml");
        var networkd = File.Exists(root.Combine("run", "systemd", "network", "10-netplan-eth0.network"));
        var networkManager = File.Exists(root.Combine("run", "NetworkManager", "system-connections", "netplan-eth0.nmconnection"));
        Assert.True(networkd != networkManager, $"netplan wrote eth0 for networkd: {networkd}, for NetworkManager: {networkManager}");
        return networkd ? NetplanEffectiveRenderer.Networkd : NetplanEffectiveRenderer.NetworkManager;
    }

    [Fact]
    public void A_quoted_scalar_over_several_lines_is_folded_as_libyaml_folds_it()
    {
        Assert.Equal("a b", YamlQuotedScalar.Decode("\"a  \n   b\""));
        Assert.Equal("a\nb", YamlQuotedScalar.Decode("'a\n\n  b'"));
        Assert.Equal("ab", YamlQuotedScalar.Decode("\"a\\\n   b\""));
        Assert.Equal("a\nb", YamlQuotedScalar.Decode("\"a\\\r\n\r\n  b\""));
        Assert.Equal("a \tb", YamlQuotedScalar.Decode("\"a \tb\""));
    }

    [Fact]
    public void A_search_over_text_keeps_each_decoded_scalar_one_scalar_that_decodes_to_its_value()
    {
        // A quote or backslash in the value is escaped again: the search sees one scalar, and decoding it once gives the value.
        Assert.Equal("name: \"e*\\\"x\" # \"eth\\\\x2a\"", YamlQuotedScalar.DecodeAll("name: \"e*\\\"x\" # \"eth\\\\x2a\""));
        Assert.Equal("e*\"x", YamlQuotedScalar.Decode(YamlQuotedScalar.DecodeAll("\"e\\x2a\\x22x\"")));
        Assert.Equal("\"a\\x09\\x0a\\u2028\"", YamlQuotedScalar.Quote("a\t\n\u2028"));
        Assert.Equal("a\t\n\u2028", YamlQuotedScalar.Decode(YamlQuotedScalar.Quote("a\t\n\u2028")));
    }
}
