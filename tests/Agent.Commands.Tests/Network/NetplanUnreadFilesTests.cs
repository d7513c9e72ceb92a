using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using static GuestAgent.Commands.Tests.Network.RackspaceNetplan;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// An <c>/etc/netplan</c> <c>.yml</c> file, which <c>resetnetwork</c> reconciles like a <c>.yaml</c> one but netplan never reads (it
/// globs <c>*.yaml</c>; held against the real <c>netplan generate</c>, 0.106): nothing in it makes netplan fail, so nothing in it is refused
/// as if it did. Bytes libyaml refuses are read leniently, and refused, with a text of the reset's own, only where the reset would move
/// the file aside or edit it.
/// </summary>
public sealed class NetplanUnreadFilesTests
{
    private const string Yml = "/etc/netplan/60-old.yml";
    private const string Lan = "network:\n  version: 2\n  ethernets:\n    lan:\n      match: {name: eth9}\n";
    private const string Eth0 = "    eth0:\n      dhcp4: true\n";
    private const string Cycle = "network:\n  version: 2\n  bonds:\n    bond0:\n      macaddress: \"02:00:00:00:00:08\"\n      interfaces: &m [eth8, *m]\n";

    // Before session 37 both were refused ("… so netplan fails on it already"), where netplan generate succeeds on the tree: the reset
    // stopped by a file no one reads, which it had nothing to change in.
    [Theory]
    [InlineData("# \xFF\n")]
    [InlineData("# x\u0001\n")]
    public async Task A_yml_file_libyaml_refuses_that_needs_no_change_is_left_as_it_is(string comment)
    {
        using var root = NetplanTwoNicMachine.Machine(Lan);
        File.WriteAllBytes(root.Host(Yml), [.. Encoding.Latin1.GetBytes(comment), .. Encoding.UTF8.GetBytes(Lan)]);
        Assert.Equal(0, (await NetplanTwoNicMachine.GenerateAsync(root)).ExitCode);

        var result = RenderFiles(root);
        Assert.DoesNotContain(Yml, result.Removals);
        Assert.DoesNotContain(result.Files, f => f.Path == Yml);
        Assert.Contains(result.Files, f => f.Path == "/etc/netplan/90-guest-agent.yaml");
    }

    // Read leniently, the file may hold other text than it seems to: neither moved aside (a file of eth0 alone) nor edited (eth0 beside
    // lan) on that reading. Before session 37 refused as "netplan fails on it already", which it does not.
    [Theory]
    [InlineData("# \xFF\n", "is not valid UTF-8 (at byte 2)", Lan + Eth0)]
    [InlineData("# \xFF\n", "is not valid UTF-8 (at byte 2)", "network:\n  version: 2\n  ethernets:\n" + Eth0)]
    [InlineData("# x\u0001\n", "holds the character U+0001 on line 1", "network:\n  version: 2\n  ethernets:\n" + Eth0)]
    public void A_yml_file_libyaml_refuses_that_defines_a_configured_interface_is_refused_as_unreadable(string comment, string problem, string yaml)
    {
        using var root = NetplanTwoNicMachine.Machine(Lan);
        File.WriteAllBytes(root.Host(Yml), [.. Encoding.Latin1.GetBytes(comment), .. Encoding.UTF8.GetBytes(yaml)]);

        Assert.Equal(
            $"{Yml} {problem}, so resetnetwork cannot read it as it is, and it defines eth0, which resetnetwork would have to take out of it; " +
            "netplan does not read the file (only *.yaml files), but resetnetwork reconciles an /etc/netplan .yml file like a .yaml one: " +
            "write it in UTF-8 without control characters, or move it out of /etc/netplan; nothing was changed",
            Assert.Throws<InvalidNetworkDataException>(() => RenderFiles(root)).Message);
    }

    // A top-level key beside network: ("unknown key") and one id under two sections ("changes device type") make netplan fail on a .yaml,
    // never on a .yml. Before session 37 both were refused as "netplan fails on it already"; now the .yml is left as it is, or, defining
    // eth0, edited like any other (the rest kept).
    [Theory]
    [InlineData(Lan + "bogus: 1\n", "bogus: 1\n")]
    [InlineData(Lan + "  bonds:\n    lan:\n      interfaces: [eth8]\n", "  bonds:\n    lan:\n      interfaces: [eth8]\n")]
    public async Task A_yml_file_netplan_would_reject_as_a_yaml_is_no_refusal(string yaml, string kept)
    {
        var (asYaml, generate) = await NetplanAlone.GenerateAsync(yaml, "60-old.yaml");
        asYaml.Dispose();
        Assert.NotEqual(0, generate.ExitCode);
        (await NetplanAlone.GeneratedAsync(yaml, "60-old.yml")).Dispose();

        var result = Render(new Dictionary<string, string> { [Yml] = yaml });
        Assert.DoesNotContain(Yml, result.Removals);
        Assert.DoesNotContain(result.Files, f => f.Path == Yml);

        var withEth0 = yaml.Replace("      match: {name: eth9}\n", "      match: {name: eth9}\n" + Eth0, StringComparison.Ordinal);
        var edited = Assert.Single(Render(new Dictionary<string, string> { [Yml] = withEth0 }).Files, f => f.Path == Yml).Contents;
        Assert.Contains("    eth0: {}\n", edited, StringComparison.Ordinal);
        Assert.DoesNotContain("dhcp4", edited, StringComparison.Ordinal);
        Assert.EndsWith(kept, edited, StringComparison.Ordinal);
    }

    // netplan fails on each as a .yaml (the reset names libyaml's error; netplan 0.106 words the second "Invalid YAML"), never as a .yml. Before session 37 each .yml was refused as "(netplan fails on it: …)"; now it is left as it is, and refused with a text of the
    // reset's own only when it may define a configured interface (its name as a word in it, or its MAC), as the same .yaml still is.
    [Theory]
    [InlineData(Cycle, "eth8", "eth0", "has the YAML alias *m inside the node its anchor &m names, a cycle", "expected scalar")]
    [InlineData(Cycle, "02:00:00:00:00:08", "BC:76:4E:20:6C:5A", "has the YAML alias *m inside the node its anchor &m names, a cycle", "expected scalar")]
    [InlineData("network: {version: 2, bonds: {bond0: {interfaces: &m [eth8, *m]}}}\n", "eth8", "eth0", "has the YAML alias *m inside the node its anchor &m names, a cycle", "expected scalar")]
    [InlineData(Lan + "      set-name: \"eth8\n", "eth8", "eth0", "has a quoted scalar or flow collection on line 6 that is never closed", "found unexpected end of stream")]
    public async Task A_yml_file_whose_yaml_resetnetwork_cannot_follow_is_refused_only_when_it_may_define_a_configured_interface(
        string yaml, string other, string mention, string reason, string netplanError)
    {
        var (asYaml, generate) = await NetplanAlone.GenerateAsync(yaml, "60-old.yaml");
        asYaml.Dispose();
        Assert.NotEqual(0, generate.ExitCode);
        (await NetplanAlone.GeneratedAsync(yaml, "60-old.yml")).Dispose();

        var result = Render(new Dictionary<string, string> { [Yml] = yaml });
        Assert.DoesNotContain(Yml, result.Removals);
        Assert.DoesNotContain(result.Files, f => f.Path == Yml);

        var mentioning = yaml.Replace(other, mention, StringComparison.Ordinal);
        Assert.Equal(
            $"{Yml} {reason}, so resetnetwork cannot read it, and it may define eth0, which resetnetwork would have to take out of it; " +
            "netplan does not read the file (only *.yaml files), but resetnetwork reconciles an /etc/netplan .yml file like a .yaml one: " +
            "fix the file, or move it out of /etc/netplan; nothing was changed",
            Assert.Throws<InvalidNetworkDataException>(() => Render(new Dictionary<string, string> { [Yml] = mentioning })).Message);
        Assert.Equal(
            $"{CloudInit} {reason} (netplan fails on it: \"{netplanError}\"); nothing was changed",
            Assert.Throws<InvalidNetworkDataException>(() => Render(mentioning)).Message);
    }

    // A catch-all in a .yml the reset cannot lay out (flow style) is refused as a .yaml's is, the .yml being reconciled like one; the text
    // says netplan does not read it now. Before session 40 it said only "netplan would configure eth0 from it too", as for a .yaml.
    [Fact]
    public void A_yml_file_without_a_layout_that_may_catch_a_configured_interface_is_refused_saying_netplan_does_not_read_it()
    {
        const string flow = "network: {version: 2, ethernets: {all: {match: {name: \"eth*\"}, dhcp4: true}}}\n";

        Assert.Equal(
            $"{Yml} may match eth0 by a name pattern or a driver (match:) in a form resetnetwork cannot read (flow style, tabs, several documents or a repeated network: key); " +
            "netplan does not read the file (only *.yaml files), but resetnetwork reconciles an /etc/netplan .yml file like a .yaml one, and read as one, " +
            "netplan would configure eth0 from it too, beside the configured addresses; narrow or remove that match, or move the file out of /etc/netplan, " +
            "or let another network system configure this guest; nothing was changed",
            Assert.Throws<InvalidNetworkDataException>(() => Render(new Dictionary<string, string> { [Yml] = flow })).Message);
    }

    // netplan fails on a dangling *.yaml link ("Cannot stat", checked) but never looks at a .yml one. Before session 37 refused as
    // "… which is not a file, so netplan fails on it".
    [Fact]
    public void A_dangling_yml_link_is_no_refusal()
    {
        var view = new InMemoryFileView(new Dictionary<string, string> { [CloudInit] = Lan }, linkTargets: new Dictionary<string, string> { [Yml] = "/srv/gone.yml" });
        var result = new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), view);

        Assert.DoesNotContain(Yml, result.Removals);
        Assert.DoesNotContain(result.Files, f => f.Path == Yml);
    }

    // A hidden .yaml is never read either (glob's star takes no leading dot; the real netplan generate writes nothing from it), and unlike a
    // .yml was never meant to be reconciled: one of eth0 alone is not moved aside, one beside another device not edited, and a form netplan
    // would fail on in a .yaml is no refusal. Before session 66 the first two were changed and the third refused.
    [Theory]
    [InlineData("network:\n  version: 2\n  ethernets:\n" + Eth0)]
    [InlineData(Lan + Eth0)]
    [InlineData("network:\n  version: 2\n  bonds:\n    bond0:\n      interfaces: &m [eth0, *m]\n")]
    public async Task A_hidden_yaml_file_is_left_as_it_is(string yaml)
    {
        const string hidden = "/etc/netplan/.60-old.yaml";
        using (var alone = await NetplanAlone.GeneratedAsync(new Dictionary<string, string> { [hidden] = yaml }))
        {
            Assert.False(Directory.Exists(alone.Combine("run", "systemd", "network")));
        }

        foreach (var path in new[] { hidden, "/run/netplan/.60-old.yaml", "/lib/netplan/.60-old.yaml" })
        {
            var result = Render(new Dictionary<string, string> { [path] = yaml });
            Assert.DoesNotContain(result.Removals, removal => removal.Contains("/.60-old.yaml", StringComparison.Ordinal));
            Assert.DoesNotContain(result.Files, f => f.Path.Contains("/.60-old.yaml", StringComparison.Ordinal));
            Assert.Contains(result.Files, f => f.Path == "/etc/netplan/90-guest-agent.yaml");
        }
    }

    private static RenderResult RenderFiles(FakeRoot root) =>
        new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), new FileSystemView(root.CreateSystem().FileSystem));
}
