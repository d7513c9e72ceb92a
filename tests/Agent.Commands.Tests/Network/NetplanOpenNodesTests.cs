using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.RackspaceNetplan;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Another file's quoted scalars and flow collections that go on over several lines, and its explicit keys, held against the real
/// <c>netplan generate</c> (0.106), for rackspace's eth0 (bc:76:4e:20:6c:5a): a quote that opens nothing (an apostrophe in a plain
/// scalar or a comment, a <c>'</c> inside a double-quoted scalar, a block scalar's text) must not take the definitions after it into
/// the scalar; one closed on a line that looks like a comment ends there; one never closed makes the file one netplan fails on, not
/// edited; and <c>? set-name</c> then <c>: eth0</c>, which netplan reads as <c>set-name: eth0</c>, is not passed over.
/// </summary>
public sealed class NetplanOpenNodesTests
{
    private const string Head = "network:\n  version: 2\n  ethernets:\n    lan:\n      dhcp4: true\n";
    private const string Tail = "    eth0:\n      dhcp4: true\n    eth9:\n      dhcp4: true\n";

    [Theory]
    [InlineData("an apostrophe in a plain scalar", "      dhcp4-overrides:\n        hostname: it's\n")]
    [InlineData("quotes in comments", "      optional: true # it's \"on\n      # don't [\n")]
    [InlineData("an apostrophe in a double-quoted scalar", "      dhcp4-overrides:\n        hostname: \"it's\"\n")]
    [InlineData("a block scalar's text", "      dhcp4-overrides:\n        hostname: >-\n          it's \"x {\n")]
    [InlineData("a comment holding a quote inside a flow list", "      nameservers:\n        addresses: [8.8.8.8, # it's\n          8.8.4.4]\n")]
    // Closed on a line that starts with # (the scalar's text, no comment): eth0 and eth9 after it are definitions of their own.
    [InlineData("a quoted scalar closed on a line starting with #", "      dhcp4-overrides:\n        hostname: \"x\n# y\"\n")]
    public async Task A_quote_that_opens_nothing_or_is_closed_leaves_the_definitions_after_it_alone(string name, string lan)
    {
        var yaml = Head + lan + Tail;
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.True(File.Exists(root.Combine("run", "systemd", "network", "10-netplan-eth9.network")), name);
        }

        Assert.Equal(
            Head + lan + "    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n    eth0: {}\n    eth9:\n      dhcp4: true\n",
            Render(yaml).Files.Single(f => f.Path == CloudInit).Contents);
    }

    // Before session 33 a node alone on the line below its key was not followed: the line closing it, at the definitions' indent, was
    // read as a key or left the file without a layout (then refused as naming eth0 in a form resetnetwork cannot edit).
    [Theory]
    [InlineData("a double-quoted scalar", "      dhcp4-overrides:\n        hostname:\n          \"x\n    y\"\n")]
    [InlineData("a single-quoted scalar holding a quote", "      dhcp4-overrides:\n        hostname:\n          'it''s\n    y'\n")]
    [InlineData("a tag on the key's line", "      dhcp4-overrides:\n        hostname: !!str\n          \"x\n    y\"\n")]
    [InlineData("a tag before it", "      dhcp4-overrides:\n        hostname:\n          !!str \"x\n    y\"\n")]
    [InlineData("a tag alone between", "      dhcp4-overrides:\n        hostname:\n          !!str\n          \"x\n    y\"\n")]
    [InlineData("a comment after the key", "      dhcp4-overrides:\n        hostname: # c\n          \"x\n    y\"\n")]
    [InlineData("a flow list", "      nameservers:\n        search:\n          [a,\n    b]\n")]
    [InlineData("a list item's", "      nameservers:\n        search:\n          -\n            \"a\n    b\"\n")]
    [InlineData("a flow mapping", "      networkmanager:\n        passthrough:\n          {ethernet.mtu: \"1500\",\n    }\n")]
    // A comment line or a blank line between the key and its node is no node (libyaml passes over both): the node after it is followed.
    [InlineData("a comment line between", "      dhcp4-overrides:\n        hostname:\n          # c \"\n          \"x\n    y\"\n")]
    [InlineData("a blank line between", "      dhcp4-overrides:\n        hostname:\n\n          \"x\n    y\"\n")]
    // A quoted scalar after the key on a list item's line (routes' - to:), its line break escaped (default to netplan): before the session
    // 33 review its closing line, at the definitions' indent, left the file without a layout, refused as defining eth0.
    [InlineData("a list item's key's", "      routes:\n        - to: \"default\\\n    \"\n          via: 10.0.0.1\n")]
    public async Task A_node_on_the_line_below_its_key_is_read_as_one_on_the_key_line(string name, string lan)
    {
        const string head = "network:\n  version: 2\n  ethernets:\n";
        var yaml = head + "    eth0:\n      dhcp4: true\n    lan:\n      dhcp4: true\n" + lan + "    eth9:\n      dhcp4: true\n";
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.True(File.Exists(root.Combine("run", "systemd", "network", "10-netplan-eth9.network")), name);
            Assert.True(File.Exists(root.Combine("run", "systemd", "network", "10-netplan-lan.network")), name);
        }

        Assert.Equal(
            head + "    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n    eth0: {}\n    lan:\n      dhcp4: true\n" + lan + "    eth9:\n      dhcp4: true\n",
            Render(yaml).Files.Single(f => f.Path == CloudInit).Contents);
    }

    // A node left open on the line below a key, or after the key of a list item, is followed to its close. The old reader took
    // eth0: y" for a definition of eth0 (and took it out, the scalar's text) and match: {}" for a catch-all's key; before the
    // session 33 review a list item holding a key (- 10.0.0.5/24: {label: "x) was not followed either: its closing line, at the
    // definitions' indent, was read as a definition of eth0 and taken out, the text of lan's address label.
    [Theory]
    [InlineData("      dhcp4-overrides:\n        hostname:\n          \"x\n    eth0: y\"\n", "Name=lan")]
    [InlineData("      dhcp4-overrides:\n        hostname:\n          \"x\n      match: {}\"\n", "Name=lan")]
    [InlineData("      addresses:\n      - 10.0.0.5/24: {label: \"lan:\n    eth0: y\"}\n", "Label=lan: eth0: y")]
    [InlineData("      addresses:\n      - 10.0.0.5/24:\n          {label: \"lan:\n    eth0: y\"}\n", "Label=lan: eth0: y")]
    public async Task A_key_inside_a_node_left_open_below_a_key_is_its_text(string lanBody, string lanLine)
    {
        var yaml = "network:\n  version: 2\n  ethernets:\n    lan:\n" + lanBody + "    eth9:\n      dhcp4: true\n";
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.False(File.Exists(root.Combine("run", "systemd", "network", "10-netplan-eth0.network")));
            Assert.Contains(lanLine, File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-lan.network")));
        }

        Assert.DoesNotContain(Render(yaml).Files, f => f.Path == CloudInit);
    }

    // A block scalar alone below its key is text down to the key's indent: before the session 33 review its line a: "x was read as a
    // key opening a quote, which took eth0's definition into lan's (up to the quote of "h"), so eth0 was left in the file.
    [Fact]
    public async Task A_block_scalar_below_its_key_is_text_deeper_than_the_key()
    {
        const string lan = "      dhcp4-overrides:\n        hostname:\n          |-\n          a: \"x\n";
        const string eth0 = "    eth0:\n      dhcp4: true\n      dhcp4-overrides: {hostname: \"h\"}\n";
        var yaml = Head + lan + eth0 + "    eth9:\n      dhcp4: true\n";
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.Contains("Hostname=a: \"x", File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-lan.network")));
            Assert.Contains("Hostname=h", File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-eth0.network")));
        }

        Assert.Equal(
            Head + lan + "    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n    eth0: {}\n    eth9:\n      dhcp4: true\n",
            Render(yaml).Files.Single(f => f.Path == CloudInit).Contents);
    }

    [Theory]
    [InlineData("      dhcp4-overrides:\n        hostname: \"x\n", 7)]
    [InlineData("      dhcp4-overrides:\n        hostname: 'it''s\n", 7)]
    [InlineData("      nameservers:\n        addresses: [8.8.8.8,\n", 7)]
    [InlineData("      dhcp4-overrides:\n        hostname:\n          \"x\n", 8)]
    public async Task A_quote_or_bracket_never_closed_is_refused_as_netplan_fails_on_it(string lan, int line)
    {
        var yaml = Head + lan + Tail;
        var (root, generate) = await NetplanAlone.GenerateAsync(yaml, "50-cloud-init.yaml");
        using (root)
        {
            Assert.NotEqual(0, generate.ExitCode);
        }

        Assert.Equal(
            $"{CloudInit} has a quoted scalar or flow collection on line {line} that is never closed (netplan fails on it: \"found unexpected end of stream\"); nothing was changed",
            Assert.Throws<InvalidNetworkDataException>(() => Render(yaml)).Message);
    }

    [Theory]
    [InlineData("    lan:\n      match: {macaddress: \"bc:76:4e:20:6c:5c\"}\n      ? set-name\n      : eth0\n")]
    [InlineData("    lan: {match: {macaddress: \"bc:76:4e:20:6c:5c\"}, ? set-name : eth0}\n")]
    public async Task An_explicit_set_name_key_is_not_passed_over(string lan)
    {
        var yaml = "network:\n  version: 2\n  ethernets:\n" + lan;
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.Contains("Name=eth0", File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-lan.link")));
        }

        Assert.StartsWith(
            $"{CloudInit} has the definition 'lan' (ethernets), which may be eth0's, with a match:, set-name: or macaddress: in a form resetnetwork cannot read",
            Assert.Throws<InvalidNetworkDataException>(() => Render(yaml)).Message,
            StringComparison.Ordinal);
    }
}
