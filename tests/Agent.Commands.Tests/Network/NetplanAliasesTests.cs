using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// YAML anchors and aliases, <c>%YAML</c> directives and tags in another netplan file, read as libyaml reads
/// them: the renderer netplan gives eth0 compared with the real <c>netplan generate</c> (0.106), the
/// expansion itself, and its limits (an alias cycle, a "billion laughs"). Every case of the renderer theory
/// was read as networkd (or as the renderer "*r") before session 29.
/// </summary>
public sealed class NetplanAliasesTests
{
    private const string Eth0 = "    eth0:\n      dhcp4: true\n";

    public static TheoryData<string, string, string> Renderers => new()
    {
        { "a network-wide renderer given by an alias", "network:\n  version: 2\n  ethernets:\n    eth1:\n      renderer: &r NetworkManager\n      dhcp4: true\n" + Eth0 + "  renderer: *r\n", "NetworkManager" },
        { "a section renderer given by an alias", "network:\n  version: 2\n  bonds:\n    renderer: &r NetworkManager\n  ethernets:\n    renderer: *r\n" + Eth0, "NetworkManager" },
        { "eth0's own renderer given by an alias", "network:\n  version: 2\n  ethernets:\n    eth1: {renderer: &r NetworkManager, dhcp4: true}\n    eth0:\n      renderer: *r # aliased\n      dhcp4: true\n", "NetworkManager" },
        { "eth0's whole definition given by an alias", "network:\n  version: 2\n  ethernets:\n    eth1: &base\n      renderer: NetworkManager\n      dhcp4: true\n    eth0: *base\n", "NetworkManager" },
        { "a flow-style renderer given by an alias", "network: {version: 2, ethernets: {eth1: {renderer: &r NetworkManager}, eth0: {dhcp4: true}}, renderer: *r}\n", "NetworkManager" },
        { "a %YAML 1.1 directive", "%YAML 1.1\n---\nnetwork:\n  version: 2\n  renderer: NetworkManager\n  ethernets:\n" + Eth0, "NetworkManager" },
        { "a %YAML 1.2 directive and a tag on the document", "%YAML 1.2\n--- !!map\nnetwork:\n  version: 2\n  renderer: NetworkManager\n  ethernets:\n" + Eth0, "NetworkManager" },
        { "a %TAG directive and its tag on the renderer", "%TAG !e! tag:example.com,2000:\n---\nnetwork:\n  version: 2\n  renderer: !e!name NetworkManager\n  ethernets:\n" + Eth0, "NetworkManager" },
        { "tags on every key and value", "!!str network: !!map\n  !!str version: !!int 2\n  !!str renderer: !!str NetworkManager\n  !!str ethernets: !!map\n    !!str eth0: !!map\n      !!str dhcp4: !!bool true\n", "NetworkManager" },
        { "a tagged section with its own renderer", "network:\n  version: 2\n  ethernets: !!map\n    renderer: NetworkManager\n" + Eth0, "NetworkManager" },
        { "CRLF line ends and an alias of a whole definition before a comment", "network:\r\n  version: 2\r\n  ethernets:\r\n    eth1: &b\r\n      renderer: NetworkManager\r\n    eth0: *b # c\r\n", "NetworkManager" },
        { "a tab between a key's colon and its alias", "network:\n  version: 2\n  ethernets:\n    eth1: {renderer: &r NetworkManager}\n    eth0:\n      renderer:\t*r\n", "NetworkManager" },
        { "an anchored key and a tagged section renderer", "network:\n  version: 2\n  ethernets:\n    !!str renderer: NetworkManager\n    &k eth0:\n      dhcp4: true\n", "NetworkManager" },
        // Session 30: read as networkd (the file had no layout, so the section's renderer went unread) before.
        { "a section named by an alias used as a key, with its renderer", "network:\n  version: 2\n  bonds:\n    bond0:\n      nameservers: {search: [&s ethernets]}\n  *s :\n    renderer: NetworkManager\n" + Eth0, "NetworkManager" },
        // Session 30: read as NetworkManager (the "&r" continuing a search domain taken for an anchor) before.
        { "a renderer by an alias, after a plain scalar continued on a line starting with &r", "network:\n  version: 2\n  ethernets:\n    eth1:\n      nameservers:\n        search:\n          - &r networkd\n          - example.com\n            &r NetworkManager\n" + Eth0 + "  renderer: *r\n", "networkd" },
        // Session 30 (review): read as networkd (the value below the key read as an empty one) before.
        { "a network-wide renderer on the line below its key", "network:\n  version: 2\n  renderer:\n    NetworkManager\n  ethernets:\n" + Eth0, "NetworkManager" },
        { "a tagged section renderer on the line below its key", "network:\n  version: 2\n  ethernets:\n    renderer: !!str\n      NetworkManager\n" + Eth0, "NetworkManager" },
        { "eth0's own quoted renderer on the line below its key", "network:\n  version: 2\n  ethernets:\n    eth0:\n      renderer:\n        # below\n        \"NetworkManager\"\n      dhcp4: true\n", "NetworkManager" },
    };

    [Theory]
    [MemberData(nameof(Renderers))]
    public async Task The_agent_reads_the_renderer_the_real_netplan_gives_eth0(string name, string yaml, string expected)
    {
        var theirs = await NetplanYamlFormsTests.GeneratedRendererAsync(yaml);

        var ours = NetplanEffectiveRenderer.Of(new InMemoryFileView(new Dictionary<string, string> { ["/etc/netplan/50-other.yaml"] = yaml }), "eth0");

        Assert.True(expected == theirs, $"{name}: netplan gave eth0 {theirs}, the case expects {expected}");
        Assert.True(theirs == ours, $"{name}: netplan gave eth0 {theirs}, the agent read {ours}");
    }

    public static TheoryData<string, string> Expansions => new()
    {
        { "a: &m [eth0, eth1]\nb: *m\n", "a: &m [eth0, eth1]\nb: [eth0, eth1]\n" },
        // Session 31: a tagged empty value is an empty string, a null only untagged or !!null; a plain scalar continued inside the node
        // is folded and quoted (was left as written, *m, which nothing after the expansion follows). Each pair loads alike with PyYAML.
        { "a: &m\n  x: !!str\n  y: !!null\n  z:\n  w: ! \nb: [*m]\n", "a: &m\n  x: !!str\n  y: !!null\n  z:\n  w: ! \nb: [{x: \"\", y: , z: , w: \"\"}]\n" },
        { "a: &m\n  k:\n      v\n    w\nb: [*m]\n", "a: &m\n  k:\n      v\n    w\nb: [{k: \"v w\"}]\n" },
        { "a: &m\n  - !!str\n  - x\n  - &n !!str\nb: [*m]\n", "a: &m\n  - !!str\n  - x\n  - &n !!str\nb: [[\"\", x, \"\"]]\n" },
        { "a: &m\n  name: eth0\n  driver: virtio\n    net\n\n    x # c\nb: {match: *m}\n", "a: &m\n  name: eth0\n  driver: virtio\n    net\n\n    x # c\nb: {match: {name: eth0, driver: \"virtio net\\x0ax\"}}\n" },
        { "a: &m\n  - eth0\n    eth1\n  - k:\n      v\n      w\n  - !!str a\n     b\nb: [*m]\n", "a: &m\n  - eth0\n    eth1\n  - k:\n      v\n      w\n  - !!str a\n     b\nb: [[\"eth0 eth1\", {k: \"v w\"}, \"a b\"]]\n" },
        { "a: &m\n  - eth0\nb:\n  c: *m # the list\n", "a: &m\n  - eth0\nb:\n  c:\n    - eth0\n" },
        { "a: &m\n- eth0\nb: *m\n", "a: &m\n- eth0\nb:\n  - eth0\n" },
        { "a: &m {x: 1}\nb: [*m, \"*m\", '*m'] # *m\nc: a *m\n", "a: &m {x: 1}\nb: [{x: 1}, \"*m\", '*m'] # *m\nc: a *m\n" },
        { "a: &m 1\nb: &m 2\nc: *m\n", "a: &m 1\nb: &m 2\nc: 2\n" },
        { "a: &m 1\nb: *m\nc: &m 2\n", "a: &m 1\nb: 1\nc: &m 2\n" },
        { "a: &m 1\n---\nc: *m\n", "a: &m 1\n---\nc: *m\n" },
        { "a: &m\n  x: 1\nb: [*m]\n", "a: &m\n  x: 1\nb: [{x: 1}]\n" },
        { "a: &m 1\nb: &n [*m, *m]\nc: *n\n", "a: &m 1\nb: &n [1, 1]\nc: [1, 1]\n" },
        { "- &m eth0\n- *m\n", "- &m eth0\n- eth0\n" },
        { "a: &m \"x\\\"y\"\nb: *m\n", "a: &m \"x\\\"y\"\nb: \"x\\\"y\"\n" },
        // An anchored empty item is a null (PyYAML: {'x': [None, 'eth0'], 'y': None}): the items after it are the list's, not its node.
        { "x:\n  - &m\n  - eth0\ny: *m\n", "x:\n  - &m\n  - eth0\ny: \n" },
        { "x:\n  - |\n  - &m eth0\ny: *m\n", "x:\n  - |\n  - &m eth0\ny: eth0\n" },
        // Session 30, each checked with PyYAML's libyaml loader (the two texts load the same). A line continuing a plain
        // scalar is its text, in block or flow style: a * or & starting it is no alias or anchor.
        { "a: &m 1\nb: text\n  *m\nc: *m\n", "a: &m 1\nb: text\n  *m\nc: 1\n" },
        { "a: &m 1\nb: text\n  &m 2\nc: *m\n", "a: &m 1\nb: text\n  &m 2\nc: 1\n" },
        { "a: &m 1\nb:\n  text\n  &m 2\nc: *m\n", "a: &m 1\nb:\n  text\n  &m 2\nc: 1\n" },
        { "a: &m 1\nb:\n- text\n  &m 2\nc: *m\n", "a: &m 1\nb:\n- text\n  &m 2\nc: 1\n" },
        { "a: &m 1\nb: [text\n  *m]\n", "a: &m 1\nb: [text\n  *m]\n" },
        // An anchored plain scalar over several lines stands for the one line libyaml folds it into.
        { "a: &m one\n  two\n\n  three\nb: *m\n", "a: &m one\n  two\n\n  three\nb: \"one two\\x0athree\"\n" },
        { "a: [&m one\n  two]\nb: *m\n", "a: [&m one\n  two]\nb: \"one two\"\n" },
        // A block node named from inside a flow collection, in flow style; one holding a block scalar is left as written.
        { "a: &m\n  - eth0\n  - eth1\nb: [*m]\n", "a: &m\n  - eth0\n  - eth1\nb: [[eth0, eth1]]\n" },
        { "a: &m\n  name: eth0 # x\n  driver: [\"xen*\"]\nb: {match: *m}\n", "a: &m\n  name: eth0 # x\n  driver: [\"xen*\"]\nb: {match: {name: eth0, driver: [\"xen*\"]}}\n" },
        { "a: &m\n  - name: eth0\n    mtu: !!int 9000\n  - - x\n    - &n y\n  - \"a\"\nb: [*m]\n", "a: &m\n  - name: eth0\n    mtu: !!int 9000\n  - - x\n    - &n y\n  - \"a\"\nb: [[{name: eth0, mtu: 9000}, [x, y], \"a\"]]\n" },
        { "a: &m\n  x:\n  y: 1\nb: [*m]\n", "a: &m\n  x:\n  y: 1\nb: [{x: , y: 1}]\n" },
        { "a: &m\n  - a,b\nb: [*m]\n", "a: &m\n  - a,b\nb: [[\"a,b\"]]\n" },
        { "a: &m\n  x:\n  - 1\n  y: {z: 2}\nb: {c: *m}\n", "a: &m\n  x:\n  - 1\n  y: {z: 2}\nb: {c: {x: [1], y: {z: 2}}}\n" },
        { "a: &m\n  -   x: 1\n      y: 2\nb: [*m]\n", "a: &m\n  -   x: 1\n      y: 2\nb: [[{x: 1, y: 2}]]\n" },
        { "a: &m\n  - {x: 1}\n  - \"y: z\"\n  \nb: [*m]\n", "a: &m\n  - {x: 1}\n  - \"y: z\"\n  \nb: [[{x: 1}, \"y: z\"]]\n" },
        { "a: &m\n  \"k:  x\": 1\nb: [*m]\n", "a: &m\n  \"k:  x\": 1\nb: [{\"k:  x\": 1}]\n" },
        { "a: &m\n  x: |\n    t\nb: [*m]\n", "a: &m\n  x: |\n    t\nb: [*m]\n" },
        { "a: &m\n  - one\n    two\nb: [*m]\n", "a: &m\n  - one\n    two\nb: [[\"one two\"]]\n" },
        // A comment line ends a plain scalar; a flow indicator at the next line's start ends one in flow style.
        { "a: &m one\n  # two\nb: *m\n", "a: &m one\n  # two\nb: one\n" },
        { "a: [&m x\n  , y]\nb: *m\n", "a: [&m x\n  , y]\nb: x\n" },
        // An alias used as a key naming a block node (netplan fails: "expected scalar") stays as written.
        { "a: &m\n  x: 1\n*m : 2\n", "a: &m\n  x: 1\n*m : 2\n" },
        // Session 30 (review): folded scalars holding quotes, backslashes and #, in flow too; block nodes with quoted keys, nested lists,
        // empty collections, nulls and comments written in flow style, each checked with PyYAML (libyaml) to load as the original.
        { "a: &m x \"y\" \\z x#w\n  v # c\nb: *m\n", "a: &m x \"y\" \\z x#w\n  v # c\nb: \"x \\\"y\\\" \\\\z x#w v\"\n" },
        { "a: &m x\n  y\nb: [*m, {k: *m}]\n", "a: &m x\n  y\nb: [\"x y\", {k: \"x y\"}]\n" },
        { "a: &m\n  \"k:1\": [1, 2] # c\n  # c2\n  'j': {}\n  n:\n  s:\n  - - 1\n    - x, y\n  e: []\nb: [*m]\n", "a: &m\n  \"k:1\": [1, 2] # c\n  # c2\n  'j': {}\n  n:\n  s:\n  - - 1\n    - x, y\n  e: []\nb: [{\"k:1\": [1, 2], 'j': {}, n: , s: [[1, \"x, y\"]], e: []}]\n" },
        { "a: &m\n  x: a \"b # c\"\nb: [*m]\n", "a: &m\n  x: a \"b # c\"\nb: [{x: a \"b}]\n" },
        { "a: &m\n  x: a\n\n    b\nb: [*m]\n", "a: &m\n  x: a\n\n    b\nb: [{x: \"a\\x0ab\"}]\n" },
        { "a: &m\n  - x: 1\n    y: 'it''s'\nb: {c: *m}\n", "a: &m\n  - x: 1\n    y: 'it''s'\nb: {c: [{x: 1, y: 'it''s'}]}\n" },
        { "a: &m\n  - \"x # y\"\n  - a \"b # c\"\n  - k: !!str \"v # w\"\n    j: {\"i\":\"u # t\"}\nb: [*m]\n", "a: &m\n  - \"x # y\"\n  - a \"b # c\"\n  - k: !!str \"v # w\"\n    j: {\"i\":\"u # t\"}\nb: [[\"x # y\", a \"b, {k: \"v # w\", j: {\"i\":\"u # t\"}}]]\n" },
    };

    // Two anchors of one name: YAML's rule (the last before the alias) is followed, though netplan 0.106 refuses
    // such a file ("second occurrence", checked), so no netplan case has one.
    /// <summary>A plain value over several lines, each expected value the one PyYAML's libyaml loader gives (netplan refuses a renderer so written, but not a name).</summary>
    [Theory]
    [InlineData("renderer: Network\n  Manager", "Network Manager")]
    [InlineData("renderer: Network\n\n  Manager x # c", "Network\nManager x")]
    [InlineData("renderer:\n  Network\n  Manager", "Network Manager")]
    [InlineData("renderer: &r !!str a\\b \"c\"\n   d#e", "a\\b \"c\" d#e")]
    [InlineData("renderer: !!str\n\n  a\n   b", "a b")]
    public void A_plain_value_continued_on_the_lines_below_is_read_folded_as_libyaml_folds_it(string yaml, string expected)
    {
        var lines = yaml.Split('\n');
        Assert.Equal(expected, NetplanYamlLines.ValueOf(lines, (0, lines.Length - 1)));
    }

    [Theory]
    [MemberData(nameof(Expansions))]
    public void An_alias_is_replaced_by_the_node_its_anchor_names_as_libyaml_resolves_it(string yaml, string expected) =>
        Assert.Equal(expected, NetplanAliases.ExpandAll(yaml));

    [Theory]
    [InlineData("a: &m [eth0, *m]\n")]
    [InlineData("a: &m\n  b: *m\n")]
    [InlineData("a: &m [x, &n [*m]]\nb: *n\n")]
    public void An_alias_inside_the_node_its_anchor_names_is_refused_as_a_cycle(string yaml)
    {
        var refusal = Assert.Throws<NetplanYamlException>(() => NetplanAliases.ExpandAll(yaml));
        Assert.Contains("a cycle", refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>Ten levels of ten aliases each: 10^10 copies of one scalar, in under 300 characters of YAML.</summary>
    internal static string Laughs(string indent)
    {
        var levels = new List<string> { $"&l0 [{string.Join(", ", Enumerable.Repeat("lol", 10))}]" };
        for (var i = 1; i < 10; i++)
        {
            levels.Add($"&l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]");
        }

        return $"{indent}search: [{string.Join(", ", levels)}]\n{indent}addresses: *l9\n";
    }

    [Fact]
    public void A_billion_laughs_is_refused_once_it_expands_beyond_the_cap()
    {
        var refusal = Assert.Throws<NetplanYamlException>(() => NetplanAliases.ExpandAll("nameservers:\n" + Laughs("  ")));

        Assert.Equal($"has YAML aliases that expand to more than {NetplanAliases.MaxExpansion} characters, which resetnetwork does not follow (a \"billion laughs\")", refusal.Message);
    }

    [Fact]
    public void An_expansion_just_under_the_cap_is_followed()
    {
        var big = new string('x', NetplanAliases.MaxExpansion / 4);
        var expanded = NetplanAliases.ExpandAll($"a: &m {big}\nb: *m\n");

        Assert.Equal($"a: &m {big}\nb: {big}\n", expanded);
    }

    [Fact]
    public void A_line_chaining_keys_is_passed_over_not_recursed_into()
    {
        // a: a: a: … netplan refuses ("mapping values are not allowed"); a recursion per key would overflow the stack.
        var chained = string.Concat(Enumerable.Repeat("a: ", 200_000)) + "*m\n";

        Assert.Equal("x: &m 1\n" + chained + "b: 1\n", NetplanAliases.ExpandAll("x: &m 1\n" + chained + "b: *m\n"));
    }

    [Fact]
    public void A_long_chain_of_aliases_is_refused_not_recursed_into()
    {
        // Each anchor's node holds an alias of the one before: 100,000 levels, under the size cap, past any stack.
        var chain = "a0: &a0 x\n" + string.Concat(Enumerable.Range(1, 100_000).Select(i => $"a{i}: &a{i} [*a{i - 1}]\n"));

        var refusal = Assert.Throws<NetplanYamlException>(() => NetplanAliases.ExpandAll(chain));

        Assert.Equal("has YAML aliases nested deeper than 64 (an alias in a node an alias names, and so on), which resetnetwork does not follow", refusal.Message);
        Assert.Equal("a0: &a0 x\na1: &a1 [x]\na2: &a2 [[x]]\nb: [[[x]]]\n", NetplanAliases.ExpandAll("a0: &a0 x\na1: &a1 [*a0]\na2: &a2 [*a1]\nb: [*a2]\n"));
    }

    [Fact]
    public void Flow_collections_nested_too_deep_are_refused_not_recursed_into()
    {
        var refusal = Assert.Throws<NetplanYamlException>(() => NetplanAliases.ExpandAll("a: *m\nb: " + new string('[', 100_000)));

        Assert.Equal("nests flow collections deeper than 256, which resetnetwork does not read", refusal.Message);
    }
}
