using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Files that reach a variable by a name only running them tells (<c>eval</c>, <c>${!ref}</c>,
/// arithmetic, <c>declare</c>, a name reference): <see cref="ShellVariableEditor"/> keeps every key's
/// assignments there and sets or unsets it after them, or refuses, and <see cref="ShellValueReader"/>
/// calls a key such a command may set unknown. Each result is sourced by a clean bash
/// (<see cref="ShellValueReaderTests.SourceAsync"/>), and the POSIX forms by dash too.
/// </summary>
public sealed class ShellIndirectReferenceTests
{
    [Theory]
    [InlineData("KEY=a\nP=K\neval \"OTHER=\\$${P}EY\"\n", false)]
    [InlineData("KEY=a\n: P\n\"eval\" \"OTHER=\\$${P:-K}EY\"\n", false)]
    [InlineData("KEY=a\nP=K\nX=1 eval \"OTHER=\\$${P}EY\"\n", false)]
    [InlineData("KEY=a\nP=K\nbuiltin eval \"OTHER=\\$${P}EY\"\n", false)]
    [InlineData("KEY=a\nP=K\ncommand eval \"OTHER=\\$${P}EY\"\n", false)]
    [InlineData("KEY=a\nP=K\nOTHER=$(eval \"echo \\$${P}EY\")\n", true)]
    [InlineData("KEY=a\nP=K\nif true; then OTHER=`eval \"echo \\\\$${P}EY\"`; fi\n", false)]
    [InlineData("KEY=a\nref=K; ref=${ref}EY\nOTHER=${!ref}\n", true)]
    [InlineData("KEY=a\nOTHER=${!KE*}\n", true)]
    [InlineData("KEY=2\nlet OTHER=KEY+1\n", false)]
    [InlineData("KEY=2\nOTHER=$[KEY+1]\n", true)]
    [InlineData("KEY=2\ndeclare -i OTHER\nOTHER=KEY+1\n", false)]
    [InlineData("KEY=2\nP=K\nOTHER=$(( ${P}EY + 1 ))\n", true)]
    public async Task A_file_that_reads_a_variable_by_a_computed_name_keeps_every_key_and_sets_it_after(string text, bool removable)
    {
        // OTHER is computed from KEY through a name the text never writes as $KEY: editing KEY=a in
        // place would give OTHER the new value (or none), so KEY=a stays and the editor's line follows.
        var other = await ShellValueReaderTests.SourceAsync(text, "OTHER");
        Assert.NotEqual("unset", other);

        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);

        Assert.Equal(text + "KEY=new\n", set);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal(other, await ShellValueReaderTests.SourceAsync(set, "OTHER"));

        // A command that may set a variable by a computed name (eval, let, declare) may set one the file
        // never names, which Remove cannot find: it refuses (ShellHiddenReferenceTests).
        if (!removable)
        {
            Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY"));
            return;
        }

        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");
        Assert.Equal(text + "unset -v KEY\n", removed);
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        Assert.Equal(other, await ShellValueReaderTests.SourceAsync(removed, "OTHER"));
    }

    [Theory]
    [InlineData("KEY=a\nP=K\nOTHER=$(eval \"echo \\$${P}EY\")\n")]
    [InlineData("KEY=2\nP=K\nOTHER=$(( ${P}EY + 1 ))\n")]
    public async Task A_posix_sh_reads_the_edited_file_as_bash_does(string text)
    {
        // FreeBSD's rc.conf and Gentoo's conf.d are sourced by /bin/sh: eval and $(( )) are POSIX.
        var before = await ShellSyntaxCheckTests.DashSourceAsync(text, "OTHER");
        Assert.StartsWith("OTHER=set:", before, StringComparison.Ordinal);

        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal(before + " KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(set, "OTHER", "KEY"));
        Assert.Equal(before + " KEY=unset", await ShellSyntaxCheckTests.DashSourceAsync(removed, "OTHER", "KEY"));
    }

    [Theory]
    [InlineData("KEY=a\nP=K\neval \"${P}EY=b\"\n")]
    [InlineData("KEY=a\nP=K\nlet \"${P}EY=3\"\n")]
    [InlineData("KEY=a\nif true; then P=K; : $(( ${P}EY = 3 )); fi\nOTHER=w\n")]
    // Forms that set KEY unseen (ShellHiddenReferenceTests): a subscript's or an offset's arithmetic, a
    // command named by an expansion, a command that sets the name it is given.
    [InlineData("KEY=a\nb[KEY=7]=q\n")]
    [InlineData("KEY=a\nX=abc; : ${X:KEY=1}\n")]
    [InlineData("KEY=a\nb=(x); : \"${b[KEY=3]}\"\n")]
    [InlineData("KEY=a\nC=eval P=K\n$C \"${P}EY=b\"\n")]
    [InlineData("KEY=a\nP=K\nprintf -v \"${P}EY\" b\n")]
    [InlineData("KEY=a\nP=K\nset -- -x; getopts x \"${P}EY\"\n")]
    [InlineData("KEY=a\nOTHER=w\n(( ${P:-K}EY = 3 ))\n")]
    public async Task A_key_a_command_may_set_by_a_computed_name_or_unseen_is_set_after_that_command(string text)
    {
        // The command sets KEY: a new value written before it (in place, or before the if) would be lost.
        Assert.NotEqual("set:a", await ShellValueReaderTests.SourceAsync(text));
        Assert.Equal(ShellValueState.Unknown, ShellValueReader.Read(text, "KEY").State);

        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);

        Assert.Equal(text + "KEY=new\n", set);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));

        // Such a command may set a variable the file never names, which Remove cannot find.
        Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY"));
    }

    [Theory]
    [InlineData("KEY=a\nif true; then P=K; eval \"${P}EY=b\"; fi\n")]
    [InlineData("KEY=a\nP=K\nif eval \"${P}EY=b\"; then :; fi\n")]
    public async Task A_construct_that_may_set_any_variable_by_name_is_refused_when_the_line_would_follow_it(string text)
    {
        // The construct sets KEY: a line before it would lose, and one after it is read only if the
        // construct, which the editor does not follow, does not end the file (eval could return).
        Assert.NotEqual("set:a", await ShellValueReaderTests.SourceAsync(text));

        var set = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Set(text, [new("KEY", "new")], "/etc/rc.conf"));
        var removed = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));

        Assert.Equal(
            "/etc/rc.conf: KEY cannot be set safely: the file changes it in a construct this agent does not follow and may stop before its end (a return, exit, set, eval or a syntax error)",
            set.Message);
        Assert.StartsWith("/etc/rc.conf: KEY cannot be removed safely: ", removed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P=K\ndeclare -n ref=${P}EY\nif true; then ref=b; fi\nOTHER=w\n")]
    [InlineData("P=K\nOTHER=w; typeset -n ref=${P}EY\nif true; then ref=b; fi\n")]
    public void A_file_with_a_name_reference_is_refused(string text)
    {
        // ref=b sets the variable ref names, which only running the file tells: any key may be it, and
        // the editor's line, put before the if that does not name the key, would not be read last.
        var set = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Set(text, [new("KEY", "new")], "/etc/rc.conf"));

        Assert.Equal(
            "/etc/rc.conf: KEY cannot be set safely: the file declares a name reference (declare, typeset or local -n), through which it may change any variable",
            set.Message);
    }

    [Fact]
    public async Task A_declare_with_no_name_reference_is_no_reason_to_refuse()
    {
        var set = ShellVariableEditor.Set("OTHER=w; declare -x DOMAIN=example.net\n", [new("KEY", "new")], "/etc/rc.conf");

        Assert.Equal("OTHER=w; declare -x DOMAIN=example.net\nKEY=new\n", set);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
    }

    [Theory]
    [InlineData("KEY=a\ndhcpd_conf=\"/usr/local/etc/dhcpd.conf\"\n", "KEY=new\ndhcpd_conf=\"/usr/local/etc/dhcpd.conf\"\n")]
    [InlineData("KEY=a\n# let DHCP set it, or eval $((1)) ${!x}\nOTHER=w\n", "KEY=new\n# let DHCP set it, or eval $((1)) ${!x}\nOTHER=w\n")]
    [InlineData("KEY=a\nDESC=\"let it be\" OTHER='(( x'\n", "KEY=new\nDESC=\"let it be\" OTHER='(( x'\n")]
    [InlineData("KEY=a\n: let eval declare\n", "KEY=new\n: let eval declare\n")]
    public void Words_that_run_no_command_leave_the_key_edited_in_place(string text, string expected)
    {
        // A path, a comment or a value is no eval, let or local: the file reaches no variable by name.
        Assert.Equal(expected, ShellVariableEditor.Set(text, [new("KEY", "new")]));
        Assert.Equal("a", ShellVariableEditor.Get(text, "KEY"));
    }
}
