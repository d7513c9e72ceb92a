using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Where <see cref="ShellVariableEditor"/> puts a line of its own (<see cref="ShellLinePlacement"/>),
/// and what the renderers built on it keep (<see cref="ShellKeptStatements"/>): each result is sourced
/// by a clean bash (<see cref="ShellValueReaderTests.SourceAsync"/>), where a removed key must be
/// unset, a set one the new value, and every other variable as it was.
/// </summary>
public sealed class ShellEditPlacementTests
{
    [Theory]
    [InlineData("KEY=(a b)\nOTHER=w\n")]
    [InlineData("if true; then\n  KEY=a\nfi\nOTHER=w\n")]
    [InlineData("KEY=v >/dev/null\nOTHER=w\n")]
    [InlineData("export -n KEY=v\nOTHER=w\n")]
    [InlineData("OTHER=w; KEY=(a) &&\n  OTHER=w\n")]
    [InlineData("KEY=(a); return\nOTHER=x\n")]
    [InlineData("OTHER=w\nKEY=(a)\n;\n")]
    [InlineData("if true; then KEY=a; fi\n}\nOTHER=w\n")]
    [InlineData("if true; then KEY=a; fi\nOTHER=w\nif true; then\n  OTHER=x\n")]
    [InlineData("if true; then KEY=a; fi\nOTHER=w\\\n")]
    [InlineData("if true; then export K\\EY=a; fi\nOTHER=w\n")]
    [InlineData("if true; then KEY=a; fi\nOTHER=(w .)\n")]
    public async Task Removing_a_key_the_editor_cannot_take_out_unsets_it_where_bash_reads_it(string text)
    {
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.NotEqual("unset", await ShellValueReaderTests.SourceAsync(text));
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        Assert.Equal(await ShellValueReaderTests.SourceAsync(text, "OTHER"), await ShellValueReaderTests.SourceAsync(removed, "OTHER"));
        Assert.Contains("unset -v KEY", removed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OTHER=w\nreturn\n", "OTHER=w\nKEY=new\nreturn\n")]
    [InlineData("OTHER=w\n;\nOTHER=x\n", "OTHER=w\nKEY=new\n;\nOTHER=x\n")]
    [InlineData("OTHER=w\nDESC=\"open\nOTHER=x\n", "OTHER=w\nKEY=new\nDESC=\"open\nOTHER=x\n")]
    [InlineData("OTHER=w; unset KEY; return\n", "OTHER=w; unset KEY; KEY=new; return\n")]
    [InlineData("OTHER=w\nKEY=(a); return\n", "OTHER=w\nKEY=(a); KEY=new; return\n")]
    [InlineData("OTHER=w\nif true; then OTHER=x; fi\nreturn\n", "OTHER=w\nKEY=new\nif true; then OTHER=x; fi\nreturn\n")]
    [InlineData("if true; then KEY=b; fi\nDESC=\"open\n", "if true; then KEY=b; fi\nKEY=new\nDESC=\"open\n")]
    public async Task A_key_set_in_a_file_that_stops_early_goes_where_bash_still_reads_it(string text, string expected)
    {
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);

        Assert.Equal(expected, set);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal(await ShellValueReaderTests.SourceAsync(text, "OTHER"), await ShellValueReaderTests.SourceAsync(set, "OTHER"));
    }

    [Theory]
    [InlineData("if true; then KEY=b; return; fi\n")]
    [InlineData("KEY=a\nf() { KEY=b; }\nf\nreturn\n")]
    [InlineData("if true; then KEY=b; fi\ncase x in\n  *) fi ;;\nesac\n")]
    public async Task A_key_a_construct_changes_in_a_file_that_may_stop_early_is_refused_with_the_file_named(string text)
    {
        // bash would leave KEY=b whatever line is added: nothing is written, and the error says why.
        Assert.Equal("set:b", await ShellValueReaderTests.SourceAsync(text + "KEY=new\nunset -v KEY\n"));

        var set = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Set(text, [new("KEY", "new")], "/etc/rc.conf"));
        var removed = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));

        Assert.Equal(
            "/etc/rc.conf: KEY cannot be set safely: the file changes it in a construct this agent does not follow and may stop before its end (a return, exit, set, eval or a syntax error)",
            set.Message);
        Assert.StartsWith("/etc/rc.conf: KEY cannot be removed safely: ", removed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KEY=a\nif true; then\n  KEY=b\nfi\nfi\nOTHER=x\n", "KEY=new\nif true; then\n  KEY=b\nfi\nKEY=new\nfi\nOTHER=x\n")]
    [InlineData("OTHER=w\nif true; then KEY=b; fi\nif true; then\n  OTHER=x\n", "OTHER=w\nif true; then KEY=b; fi\nKEY=new\nif true; then\n  OTHER=x\n")]
    [InlineData("{ KEY=b; }\nOTHER=w; done\n", "{ KEY=b; }\nKEY=new\nOTHER=w; done\n")]
    [InlineData("KEY=b\nwhile false; do :; done\nKEY=c && fi\n", "KEY=new\nwhile false; do :; done\nKEY=c && fi\n")]
    [InlineData("if true; then KEY=b; fi\nOTHER=w >\n", "if true; then KEY=b; fi\nKEY=new\nOTHER=w >\n")]
    [InlineData("{ KEY=b; }\nOTHER=w; OTHER=x 2> ;\nOTHER=y\n", "{ KEY=b; }\nKEY=new\nOTHER=w; OTHER=x 2> ;\nOTHER=y\n")]
    public async Task A_key_a_construct_changes_before_a_syntax_error_is_set_right_before_the_error(string text, string expected)
    {
        // bash stops at the complete command holding the stray closer or the construct left open: a line
        // after it never runs, and one before the construct that sets KEY would be overridden.
        Assert.Equal("set:b", await ShellValueReaderTests.SourceAsync(text + "KEY=new\n"));

        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);

        Assert.Equal(expected, set);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal(await ShellValueReaderTests.SourceAsync(text, "OTHER"), await ShellValueReaderTests.SourceAsync(set, "OTHER"));
    }

    [Theory]
    [InlineData("KEY=a\nOTHER=$KEY\n", "KEY=a\nOTHER=$KEY\nKEY=new\n", "KEY=a\nOTHER=$KEY\nunset -v KEY\n")]
    [InlineData("KEY=a; OTHER=\"${KEY}x\"\n", "KEY=a; OTHER=\"${KEY}x\"\nKEY=new\n", "KEY=a; OTHER=\"${KEY}x\"\nunset -v KEY\n")]
    [InlineData("KEY=a\nOTHER=${KEY:-d}\nKEY=b\n", "KEY=a\nOTHER=${KEY:-d}\nKEY=b\nKEY=new\n", "KEY=a\nOTHER=${KEY:-d}\nKEY=b\nunset -v KEY\n")]
    [InlineData("KEY=abcd\nOTHER=${#KEY}\n", "KEY=abcd\nOTHER=${#KEY}\nKEY=new\n", "KEY=abcd\nOTHER=${#KEY}\nunset -v KEY\n")]
    [InlineData("KEY=2\nOTHER=$((KEY + 1))\n", "KEY=2\nOTHER=$((KEY + 1))\nKEY=new\n", "KEY=2\nOTHER=$((KEY + 1))\nunset -v KEY\n")]
    [InlineData("export KEY=a\nif true; then OTHER=\"$KEY\"; fi\n", "export KEY=a\nif true; then OTHER=\"$KEY\"; fi\nKEY=new\n", "export KEY=a\nif true; then OTHER=\"$KEY\"; fi\nunset -v KEY\n")]
    [InlineData("KEY=a\nOTHER=$KEY\nreturn\nOTHER=x\n", "KEY=a\nOTHER=$KEY\nKEY=new\nreturn\nOTHER=x\n", "KEY=a\nOTHER=$KEY\nunset -v KEY\nreturn\nOTHER=x\n")]
    [InlineData("KEY=a\nOTHER=$KEYS$MYKEY\n", "KEY=new\nOTHER=$KEYS$MYKEY\n", "OTHER=$KEYS$MYKEY\n")]
    [InlineData("KEY=a\nOTHER=$K\\\nEY\n", "KEY=a\nOTHER=$K\\\nEY\nKEY=new\n", "KEY=a\nOTHER=$K\\\nEY\nunset -v KEY\n")]
    public async Task A_key_the_file_expands_keeps_its_assignments_and_gets_a_line_after_them(string text, string expectedSet, string expectedRemoved)
    {
        // Editing KEY=a in place would change what OTHER=$KEY computes from it: the other variables keep their values.
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal(expectedSet, set);
        Assert.Equal(expectedRemoved, removed);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        var other = await ShellValueReaderTests.SourceAsync(text, "OTHER");
        Assert.Equal(other, await ShellValueReaderTests.SourceAsync(set, "OTHER"));
        Assert.Equal(other, await ShellValueReaderTests.SourceAsync(removed, "OTHER"));
    }

    [Fact]
    public async Task A_name_quoting_splits_is_the_key_it_spells()
    {
        // export K\EY=b sets KEY: the if names it, so the line goes after it.
        var set = ShellVariableEditor.Set("if true; then export K\\EY=b; fi\n", [new("KEY", "new")]);

        Assert.Equal("if true; then export K\\EY=b; fi\nKEY=new\n", set);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
    }

    [Theory]
    [InlineData("KEY=$(false) && OTHER=w\n")]
    [InlineData("KEY=$(false) || OTHER=w\n")]
    [InlineData("OTHER=v; KEY=`false` && OTHER=w; OTHER=x$OTHER\n")]
    [InlineData("true && KEY=$(false) || OTHER=w\n")]
    public async Task An_assignment_whose_command_substitution_decides_what_a_list_runs_is_kept(string text)
    {
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        foreach (var edited in new[] { set, removed })
        {
            // The list is as it was, so it runs what it ran: the editor's line comes after it.
            Assert.StartsWith(text, edited, StringComparison.Ordinal);
            Assert.Equal(await ShellValueReaderTests.SourceAsync(text, "OTHER"), await ShellValueReaderTests.SourceAsync(edited, "OTHER"));
        }
    }

    [Theory]
    [InlineData("readonly KEY=x\nOTHER=w\n")]
    [InlineData("OTHER=w; declare -r KEY=x\n")]
    public async Task A_key_the_file_makes_read_only_is_refused(string text)
    {
        // bash refuses the new assignment and the unset, goes on, and keeps x.
        Assert.Equal("set:x", await ShellValueReaderTests.SourceAsync(text + "KEY=new\nunset -v KEY\n"));

        var set = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Set(text, [new("KEY", "new")], "/etc/rc.conf"));
        var removed = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));

        Assert.Equal("/etc/rc.conf: KEY cannot be set safely: the file makes it read-only or declares it (readonly, declare, typeset, local)", set.Message);
        Assert.StartsWith("/etc/rc.conf: KEY cannot be removed safely: ", removed.Message, StringComparison.Ordinal);
        Assert.Equal("OTHER=w\nKEY=new\n", ShellVariableEditor.Set("OTHER=w\n", [new("KEY", "new")]));
    }

    [Fact]
    public async Task FreeBsd_writes_its_settings_before_a_return_and_unsets_what_it_cannot_take_out()
    {
        var returns = Render("sshd_enable=\"YES\"\nifconfig_eth0=\"DHCP\"\nreturn\nlate=1\n");
        var condition = Render("sshd_enable=\"YES\"\nif true; then ifconfig_eth0_alias0=\"10.9.9.9\"; fi\n");

        foreach (var text in new[] { returns, condition })
        {
            Assert.Equal("set:192.0.2.10 netmask 255.255.255.0 up", await ShellValueReaderTests.SourceAsync(text, "ifconfig_eth0"));
            Assert.Equal("set:192.0.2.1", await ShellValueReaderTests.SourceAsync(text, "defaultrouter"));
            Assert.Equal("set:YES", await ShellValueReaderTests.SourceAsync(text, "sshd_enable"));
            Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(text, "ifconfig_eth0_alias0"));
        }

        Assert.EndsWith("return\nlate=1\n", returns, StringComparison.Ordinal);
        // The settings go before the if, which does not name them; the alias is unset after it.
        Assert.StartsWith("sshd_enable=\"YES\"\ndhcpd_enable=\"NO\"\n", condition, StringComparison.Ordinal);
        Assert.EndsWith("fi\nunset -v ifconfig_eth0_alias0\n", condition, StringComparison.Ordinal);

        static string Render(string rcConf) =>
            new FreeBsdRenderer().Render(RenderedFileRulesTests.Eth0(), new InMemoryFileView(new Dictionary<string, string> { [FreeBsdRenderer.FilePath] = rcConf }))
                .Files.Single().Contents;
    }

    [Fact]
    public async Task Red_Hat_keeps_other_keys_per_assignment_and_comments_out_what_it_cannot_edit()
    {
        var existing = "MTU=1500; IPADDR=10.0.0.9\nIPADDR=10.0.0.8; ZONE=public\nDESC=\"two\nIPADDR=10.0.0.7\"\nNETMASK=(255.0.0.0) MTU2=1\n";
        var files = new InMemoryFileView(new Dictionary<string, string> { ["/etc/sysconfig/network-scripts/ifcfg-eth0"] = existing });

        var ifcfg = new RedHatRenderer().Render(RenderedFileRulesTests.Eth0(), files).Files.Single(f => f.Path.EndsWith("/ifcfg-eth0", StringComparison.Ordinal)).Contents;

        Assert.Equal("set:192.0.2.10", await ShellValueReaderTests.SourceAsync(ifcfg, "IPADDR"));
        Assert.Equal("set:255.255.255.0", await ShellValueReaderTests.SourceAsync(ifcfg, "NETMASK"));
        Assert.Equal("set:1500", await ShellValueReaderTests.SourceAsync(ifcfg, "MTU"));
        Assert.Equal("set:public", await ShellValueReaderTests.SourceAsync(ifcfg, "ZONE"));
        Assert.Equal("set:two\nIPADDR=10.0.0.7", await ShellValueReaderTests.SourceAsync(ifcfg, "DESC"));
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(ifcfg, "MTU2"));
        Assert.Contains(ShellKeptStatements.NotKeptNote + "\n# NETMASK=(255.0.0.0) MTU2=1\n", ifcfg, StringComparison.Ordinal);
    }
}
