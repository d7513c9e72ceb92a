using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Files that reach a variable without writing <c>$KEY</c>, beyond <see cref="ShellIndirectReferenceTests"/>'
/// forms: <c>[ -v KEY ]</c>, arithmetic subscripts and offsets, commands that list every variable, a
/// sourced file, a command named by an expansion, a trap's code (run after the file). The editor keeps
/// every key's assignments there and sets or unsets it after them, or refuses; the reader calls a key such
/// a form may set unknown; <c>Remove</c> refuses a file that may set a key it cannot name. Each result is
/// sourced by a clean bash (<see cref="ShellValueReaderTests.SourceAsync"/>), the POSIX forms by dash too.
/// </summary>
public sealed class ShellHiddenReferenceTests
{
    private const string RemoveRefused =
        "/etc/rc.conf: the variables to remove cannot all be found: the file may set a variable by a name only running it tells (eval, let, declare, arithmetic, a sourced file or a command named by a variable)";

    [Theory]
    [InlineData("KEY=a\n[ -v KEY ] && OTHER=yes\n")]
    [InlineData("KEY=a\ntest -v KEY && OTHER=yes\n")]
    [InlineData("KEY=a\nP=KEY\nif [ -n x ] && [ -v \"$P\" ]; then OTHER=yes; fi\n")]
    [InlineData("KEY=a\nP=KEY\n[ -v \"$P\" ] && OTHER=yes\n")]
    [InlineData("KEY=2\nb=(x y z)\nOTHER=${b[KEY]}\n")]
    [InlineData("KEY=2\nb=(x y z)\nOTHER=\"${#b[KEY]}\"\n")]
    [InlineData("KEY=2\nX=abcdef\nOTHER=${X:KEY}\n")]
    [InlineData("KEY=2\nX=abcdef\nOTHER=${X:0:KEY}\n")]
    [InlineData("KEY=a\nOTHER=$(set | grep -c ^KEY=)\n")]
    [InlineData("KEY=a\nOTHER=$(set 2>/dev/null | grep -c ^KEY=)\n")]
    [InlineData("export KEY=a\nf() { OTHER=$(env | grep -c '^K[E]Y='); }\nif true; then f; fi\n")]
    [InlineData("export KEY=a\nOTHER=$(export -p | grep -c KEY=)\n")]
    [InlineData("export KEY=a\nOTHER=$(export | grep -c KEY=)\n")]
    [InlineData("export KEY=a\nOTHER=$(env | grep -c ^KEY=)\n")]
    [InlineData("export KEY=a\nOTHER=$(printenv KEY)\n")]
    [InlineData("KEY=a\nOTHER=$(compgen -A variable | grep -c ^KEY$)\n")]
    public async Task A_file_that_observes_a_key_without_expanding_it_keeps_every_key_and_sets_it_after(string text)
    {
        // OTHER follows KEY (whether it is set, its value as arithmetic, a listing of the variables):
        // editing KEY=a in place would change OTHER, so KEY=a stays and the editor's line follows.
        var other = await ShellValueReaderTests.SourceAsync(text, "OTHER");
        Assert.NotEqual("unset", other);

        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal(text + "KEY=new\n", set);
        Assert.Equal(text + "unset -v KEY\n", removed);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        Assert.Equal(other, await ShellValueReaderTests.SourceAsync(set, "OTHER"));
        Assert.Equal(other, await ShellValueReaderTests.SourceAsync(removed, "OTHER"));
    }

    [Theory]
    [InlineData("KEY=1\nb[KEY]=q\nOTHER=${b[1]}\n")]
    [InlineData("KEY=a\nC=eval P=K\n$C \"OTHER=\\$${P}EY\"\n")]
    [InlineData("KEY=a\nC=eval P=K\n\"${C}\" \"OTHER=\\$${P}EY\"\n")]
    [InlineData("KEY=a\nP=K\n$(echo eval) \"OTHER=\\$${P}EY\"\n")]
    public async Task A_file_that_may_set_a_variable_unseen_keeps_every_key_and_refuses_removing(string text)
    {
        // An element's assignment is arithmetic (b[K=3]=q sets K), a command named by an expansion any
        // code: KEY=a stays and the editor's line follows it; Remove cannot find every key such code sets.
        var other = await ShellValueReaderTests.SourceAsync(text, "OTHER");
        Assert.NotEqual("unset", other);

        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));

        Assert.Equal(text + "KEY=new\n", set);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal(other, await ShellValueReaderTests.SourceAsync(set, "OTHER"));
        Assert.Equal(RemoveRefused, removed.Message);
    }

    [Theory]
    [InlineData("KEY=a\nOTHER=$(set | grep -c ^KEY=)\n", true)]
    [InlineData("export KEY=a\nOTHER=$(export -p | grep -c KEY=)\n", true)]
    [InlineData("export KEY=a\nOTHER=$(env | grep -c ^KEY=)\n", true)]
    [InlineData("KEY=a\nC=eval P=K\n$C \"OTHER=\\$${P}EY\"\n", false)]
    [InlineData("KEY=a\nP=K\neval \"OTHER=\\$${P}EY\"\n", false)]
    public async Task A_posix_sh_reads_the_edited_file_as_bash_does(string text, bool removable)
    {
        // FreeBSD's rc.conf and Gentoo's conf.d are sourced by /bin/sh: these forms are POSIX.
        var before = await ShellSyntaxCheckTests.DashSourceAsync(text, "OTHER");
        Assert.StartsWith("OTHER=set:", before, StringComparison.Ordinal);

        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        Assert.Equal(before + " KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(set, "OTHER", "KEY"));
        if (removable)
        {
            var removed = ShellVariableEditor.Remove(text, key => key == "KEY");
            Assert.Equal(before + " KEY=unset", await ShellSyntaxCheckTests.DashSourceAsync(removed, "OTHER", "KEY"));
        }
        else
        {
            Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY"));
        }
    }

    [Theory]
    [InlineData("OTHER=$KEY\n")]
    [InlineData("KEY=b\n")]
    public async Task A_sourced_file_may_read_or_set_any_key(string sourced)
    {
        // Its code is not in the file: it may compute from KEY (keep KEY=a) and set it (the line goes after it).
        using var directory = new TemporaryDirectory();
        var more = directory.Combine("more");
        await File.WriteAllTextAsync(more, sourced, TestContext.Current.CancellationToken);
        foreach (var source in new[] { ".", "source" })
        {
            var text = $"KEY=a\n{source} {more}\n";
            var other = await ShellValueReaderTests.SourceAsync(text, "OTHER");
            var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
            var removed = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));

            Assert.Equal(ShellValueState.Unknown, ShellValueReader.Read(text, "KEY").State);
            Assert.Equal(text + "KEY=new\n", set);
            Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
            Assert.Equal(other, await ShellValueReaderTests.SourceAsync(set, "OTHER"));
            Assert.Equal(RemoveRefused, removed.Message);
        }
    }

    [Theory]
    [InlineData("trap 'KEY=b' RETURN\nKEY=a\n")]
    [InlineData("KEY=a\ntrap 'OTHER=$KEY' RETURN\n")]
    [InlineData("KEY=a\nP=K\ntrap 'eval \"${P}EY=b\"' RETURN\n")]
    [InlineData("KEY=a\nT='KEY=b'\ntrap \"$T\" RETURN\n")]
    [InlineData("KEY=a\nif true; then trap 'KEY=b' RETURN; fi\n")]
    [InlineData("KEY=a\ntrap 'OTHER=$KEY' DEBUG\n")]
    public async Task A_trap_whose_code_may_reach_the_key_is_refused(string text)
    {
        // The trap's code runs when the sourced file returns (or before each command): after any line the
        // editor could add, so KEY=new would not be the value, or OTHER would follow it.
        var set = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Set(text, [new("KEY", "new")], "/etc/rc.conf"));
        var removed = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));

        Assert.Equal(ShellValueState.Unknown, ShellValueReader.Read(text, "KEY").State);
        Assert.StartsWith("/etc/rc.conf: KEY cannot be set safely: ", set.Message, StringComparison.Ordinal);
        Assert.StartsWith("/etc/rc.conf: KEY cannot be removed safely: ", removed.Message, StringComparison.Ordinal);

        // Not even a line at the very end gives KEY=new with OTHER as it was.
        var appended = text + "KEY=new\n";
        var other = await ShellValueReaderTests.SourceAsync(text, "OTHER");
        Assert.False(await ShellValueReaderTests.SourceAsync(appended) == "set:new" && await ShellValueReaderTests.SourceAsync(appended, "OTHER") == other);
    }

    [Theory]
    [InlineData("trap 'KEY=b' RETURN\nKEY=a\n", "trap 'KEY=b' RETURN", "set:b")]
    [InlineData("KEY=a\nif true; then trap 'KEY=$KEY.x' RETURN; fi\n", "trap 'KEY=$KEY.x' RETURN", "set:new.x")]
    [InlineData("KEY=a\nT='KEY=b'\ntrap \"$T\" RETURN\n", "trap \"$T\" RETURN", "set:b")]
    public async Task A_trap_refusal_names_the_trap(string text, string trap, string appended)
    {
        // The trap runs when the sourced file returns: even the last line is not the last word.
        Assert.Equal(appended, await ShellValueReaderTests.SourceAsync(text + "KEY=new\n"));

        var set = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Set(text, [new("KEY", "new")], "/etc/rc.conf"));
        var removed = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));

        var reason = $"safely: the file sets a trap whose code may read or change it ({trap}), and it runs after the file's last line, where no line this agent writes can follow it";
        Assert.Equal("/etc/rc.conf: KEY cannot be set " + reason, set.Message);
        Assert.Equal("/etc/rc.conf: KEY cannot be removed " + reason, removed.Message);
    }

    [Fact]
    public async Task A_test_construct_that_observes_a_computed_name_is_refused_rather_than_preceded()
    {
        // [[ -v $P ]] sees whether KEY is set: an unset before it changes OTHER, and the line cannot
        // follow a [[, which the syntax check does not follow.
        const string text = "KEY=a\nP=KEY\n[[ -n x && -v $P ]] && OTHER=yes\n";
        Assert.Equal("set:yes", await ShellValueReaderTests.SourceAsync(text, "OTHER"));

        var removed = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));

        Assert.StartsWith("/etc/rc.conf: KEY cannot be removed safely: ", removed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trap_that_does_not_reach_the_key_leaves_it_edited_in_place()
    {
        const string text = "trap ':' EXIT\nKEY=a\nOTHER=w\n";
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);

        Assert.Equal("trap ':' EXIT\nKEY=new\nOTHER=w\n", set);
        Assert.Equal("a", ShellVariableEditor.Get(text, "KEY"));
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
    }

    [Theory]
    [InlineData("P=K\neval \"${P}EY=b\"\n")]
    [InlineData("C=eval P=K\n$C \"${P}EY=b\"\n")]
    [InlineData("P=K\nif true; then eval \"${P}EY=b\"; fi\n")]
    public async Task Remove_refuses_a_file_that_may_set_a_key_under_a_name_it_never_writes(string text)
    {
        // Remove unsets the keys the file names: KEY is not one of them, yet the file sets it.
        Assert.Equal("set:b", await ShellValueReaderTests.SourceAsync(text));

        var removed = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));

        Assert.Equal(RemoveRefused, removed.Message);
    }

    [Theory]
    [InlineData("KEY=a\n# [ -v KEY ] set; env . /etc/x $CMD ${X:KEY}\nOTHER='set' DESC=\"env printenv\"\n")]
    [InlineData("KEY=a\nunset -v OTHER\n")]
    [InlineData("KEY=a\ncommand -v ip >/dev/null && OTHER=w\n")]
    [InlineData("KEY=a\nset -u; export OTHER\n")]
    [InlineData("KEY=a\nX=${Y:-d}${Z:=e}${W:+f}${b[0]}${b[@]}${X:1:2}${X: -1}\n")]
    [InlineData("KEY=a\nb[0]=$X\n")]
    [InlineData("KEY=a\nOTHER=w > \"${NULL:-/dev/null}\"\n")]
    [InlineData("KEY=a\ncase \"$X\" in *) OTHER=w ;; esac\n")]
    [InlineData("KEY=a\nfor x in $L; do :; done\n")]
    [InlineData("KEY=a\n[[ $X == y ]] || OTHER=w\n")]
    public void Words_that_observe_no_variable_leave_the_key_edited_in_place(string text)
    {
        // A comment, a value, unset's and command's -v, set and export with arguments, literal subscripts
        // and offsets, a redirection's file and the words of case, for and [[ run or list nothing.
        Assert.Equal(text.Replace("KEY=a", "KEY=new", StringComparison.Ordinal), ShellVariableEditor.Set(text, [new("KEY", "new")]));
        Assert.Equal("a", ShellVariableEditor.Get(text, "KEY"));
    }

    [Theory]
    [InlineData("function f { eval x; }", false, true)]
    [InlineData("b[0]=x eval y", false, true)]
    [InlineData("echo ${X:$1}", false, true)]
    [InlineData("echo ${a[_1]}", false, true)]
    [InlineData("set", true, true)]
    [InlineData("export -p", true, true)]
    [InlineData("readonly", true, true)]
    [InlineData("env", true, true)]
    [InlineData("printenv HOME", true, true)]
    [InlineData("compgen -A variable", true, true)]
    [InlineData("[ -R ref ]", true, true)]
    [InlineData("set", false, false)]
    [InlineData("printenv HOME; [ -v KEY ]", false, false)]
    [InlineData("case x in eval) ;; esac", false, false)]
    [InlineData("cat <<< \"$X\" 2> \"$Y\"", false, false)]
    [InlineData("/usr/bin/$X y", false, false)]
    [InlineData("printf -v \"$P\" x", false, true)]
    [InlineData("mapfile -t \"$P\"", false, true)]
    [InlineData("readarray \"${P}\"", false, true)]
    [InlineData("read -r \"$P\"", false, true)]
    [InlineData("readonly \"${P}EY=b\"", false, true)]
    [InlineData("printf \"$F\" \"$X\"; read -r \"x$P\"", false, false)]
    public void ReachesByName_reads_where_commands_start(string text, bool observing, bool expected)
    {
        // A function's { starts commands, an element's assignment comes before the name, a subscript's
        // expansion or name may be any variable's (${X:$1}, _1); a text's last command is a listing
        // too; a case's word and a redirection's file are no commands, and a command whose name only
        // ends in an expansion runs a file.
        Assert.Equal(expected, ShellNameReach.ReachesByName(text, observing));
    }

    [Fact]
    public async Task A_file_that_makes_a_variable_read_only_by_a_computed_name_is_refused()
    {
        // readonly "${P}EY=b" makes KEY read-only: bash refuses any later KEY=new and keeps b.
        const string text = "KEY=a\nP=K\nreadonly \"${P}EY=b\"\n";
        Assert.Equal("set:b", await ShellValueReaderTests.SourceAsync(text + "KEY=new\n"));

        var set = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Set(text, [new("KEY", "new")], "/etc/rc.conf"));

        Assert.Equal(
            "/etc/rc.conf: KEY cannot be set safely: the file makes a variable read-only or declares it by a name only running it tells (readonly, declare, typeset, local)",
            set.Message);
        Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));
    }

    [Fact]
    public void A_file_with_only_observing_forms_may_still_be_removed_from()
    {
        const string text = "KEY=a\n[ -v OTHER ] && X=1\nOTHER=$(set | grep -c ^Y=)\n";

        Assert.Equal(text + "unset -v KEY\n", ShellVariableEditor.Remove(text, key => key == "KEY"));
    }
}
