using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The rules around the rendered files that the golden files do not show: which per-interface
/// files are stale, which keys of an existing Red Hat ifcfg file are kept, SUSE's global routes
/// file, and how a shell variable file with a repeated key or a stray '=' line is edited and read.
/// </summary>
public sealed class RenderedFileRulesTests
{
    [Fact]
    public void Stale_files_are_those_of_other_interfaces_and_old_aliases_never_loopbacks_written_or_present_ones()
    {
        var current = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/d/ifcfg-lo"] = "",
            ["/d/ifcfg-eth0"] = "",
            ["/d/route-eth0"] = "",
            ["/d/ifcfg-eth0:1"] = "",  // an alias file of the original agent: extra addresses are IPADDRn now
            ["/d/ifcfg-eth9"] = "",    // an interface that is gone
            ["/d/route-eth9"] = "",
            ["/d/ifcfg-wg0"] = "",     // exists, not configured here
            ["/d/network"] = "",
        });

        var stale = StaleInterfaceFiles.Find(current, "/d", ["ifcfg-", "route-"], new HashSet<string> { "/d/ifcfg-eth0", "/d/route-eth0" }, ["wg0"]);

        Assert.Equal(["/d/ifcfg-eth0:1", "/d/ifcfg-eth9", "/d/route-eth9"], stale.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Red_Hat_keeps_an_existing_key_that_only_starts_like_a_managed_one()
    {
        var existing = "DEVICE=eth0\nZONE=public\nGATEWAYDEV=eth0\nIPADDR2=10.0.0.9\nNETMASK2=255.0.0.0\nDNS3=192.0.2.53\nMTU=9000\n";
        var files = new InMemoryFileView(new Dictionary<string, string> { ["/etc/sysconfig/network-scripts/ifcfg-eth0"] = existing });

        var ifcfg = new RedHatRenderer().Render(Eth0(), files).Files.Single(f => f.Path.EndsWith("/ifcfg-eth0", StringComparison.Ordinal)).Contents;

        var kept = ifcfg[ifcfg.IndexOf("# Kept from the previous configuration\n", StringComparison.Ordinal)..];
        Assert.Equal("# Kept from the previous configuration\nZONE=public\nGATEWAYDEV=eth0\nMTU=9000\n", kept);
    }

    [Fact]
    public void Suse_removes_a_global_routes_file_and_leaves_none_it_did_not_find()
    {
        var withRoutes = new InMemoryFileView(new Dictionary<string, string> { ["/etc/sysconfig/network/routes"] = "default 192.0.2.1 - -\n" });

        Assert.Contains("/etc/sysconfig/network/routes", new SuseRenderer().Render(Eth0(), withRoutes).Removals);
        Assert.DoesNotContain("/etc/sysconfig/network/routes", new SuseRenderer().Render(Eth0(), new InMemoryFileView()).Removals);
    }

    [Fact]
    public void Setting_a_repeated_key_leaves_one_assignment_where_the_first_was()
    {
        var text = ShellVariableEditor.Set("HOSTNAME=old\nNETWORKING=yes\nexport HOSTNAME=older\n", [new("HOSTNAME", "new")]);

        Assert.Equal("HOSTNAME=new\nNETWORKING=yes\n", text);
    }

    [Fact]
    public void A_line_starting_with_an_equals_sign_is_kept_as_it_is()
    {
        var text = ShellVariableEditor.Set("=stray\nNETWORKING=no\n", [new("NETWORKING", "yes")]);

        Assert.Equal("=stray\nNETWORKING=yes\n", text);
        Assert.Null(ShellVariableEditor.KeyOf("=stray"));
    }

    [Fact]
    public void A_value_read_loses_its_quotes_and_an_unclosed_quote_sets_nothing()
    {
        Assert.Equal("web", ShellVariableEditor.Get("HOSTNAME='web'\n", "HOSTNAME"));
        Assert.Equal("web", ShellVariableEditor.Get("HOSTNAME=\"web\"\n", "HOSTNAME"));
        // bash stops at the syntax error, before the assignment (ShellValueReaderTests compares more with bash).
        Assert.Null(ShellVariableEditor.Get("HOSTNAME=\"web'\n", "HOSTNAME"));
    }

    [Theory]
    [InlineData("HOSTNAME=web # the old one\n", "web")]
    [InlineData("HOSTNAME='web two'\t# quoted\n", "web two")]
    [InlineData("HOSTNAME=\"web\" #\n", "web")]
    [InlineData("HOSTNAME=first\nexport HOSTNAME=last\n", "last")]
    public void A_value_is_read_as_the_shell_reads_it(string text, string expected)
    {
        // The shell keeps a key's last assignment; a blank ends an unquoted or quoted word, and what follows it (a comment) is dropped.
        Assert.Equal(expected, ShellVariableEditor.Get(text, "HOSTNAME"));
    }

    [Fact]
    public void A_network_without_a_label_gets_no_label_comment_in_any_file()
    {
        var labelled = Eth0();
        var unlabelled = Eth0(label: "");

        string Text(INetworkRenderer renderer, NetworkConfiguration configuration) =>
            string.Concat(renderer.Render(configuration, new InMemoryFileView()).Files.Select(f => f.Contents));

        Assert.Contains(RendererCatalog.All, r => Text(r, labelled).Contains("# Label public\n", StringComparison.Ordinal));
        Assert.All(RendererCatalog.All, r => Assert.DoesNotContain("# Label", Text(r, unlabelled), StringComparison.Ordinal));
    }

    internal static NetworkConfiguration Eth0(string label = "public")
    {
        var entry = new KeyValuePair<string, byte[]>(
            "BC764E206C5A",
            System.Text.Encoding.UTF8.GetBytes("""{"label":""" + System.Text.Json.JsonSerializer.Serialize(label) + ""","mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.10","netmask":"255.255.255.0","enabled":"1"}],"gateway":"192.0.2.1","dns":["192.0.2.53"]}"""));
        var mac = MacAddress.TryParse("bc:76:4e:20:6c:5a", out var parsed) ? parsed : throw new InvalidOperationException("test MAC");
        return NetworkConfigurationBuilder.Build([entry], null, null, [new SystemInterface("eth0", mac)], [], ["lo", "eth0"]);
    }
}
