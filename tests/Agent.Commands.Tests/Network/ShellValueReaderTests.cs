using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Shell-style files read as bash reads them: each static file is sourced by a clean bash
/// (<c>env -i bash --noprofile --norc</c>) and what it leaves <c>KEY</c> with must be what
/// <see cref="ShellValueReader"/> reads. Files whose value only running them could tell (an
/// expansion, a command substitution, a command that names the variable) are never run: the
/// reader must call them unknown.
/// </summary>
public sealed class ShellValueReaderTests
{
    public static TheoryData<string> StaticFiles() => new(
        "", "KEY=web\n", "KEY=web", "KEY='web'\n", "KEY=\"web\"\n", "KEY=\n", "KEY=''\n", "OTHER=web\n",
        // Comments: at a word's start only.
        "KEY=web # the old one\n", "KEY='web two'\t# quoted\n", "KEY=\"web\" #\n", "KEY=a#b\n", "KEY=#a\n", "KEY= #a\n",
        "KEY='a'#b\n", "# KEY=no\nKEY=yes\n#KEY=no\n", "KEY=a\\#b\n",
        // The last assignment wins; several on a line, in order.
        "KEY=first\nexport KEY=last\n", "KEY=1 KEY=2\n", "A=1 KEY=2 B=3\n", "KEY=a;OTHER=b\n", "KEY=a ; OTHER=b\n",
        "OTHER=b; KEY=a\n", "KEY=a;\n", "KEY=a;KEY=b\n",
        // Quotes joined to one word.
        "KEY=\"n\"o\n", "KEY=n\"o\"\n", "KEY='n'\"o\"\n", "KEY=a'b c'd\n", "KEY=\"a b\"'c d'\n",
        // Backslashes outside and in double quotes, and in single quotes (literal).
        "KEY=a\\ b\n", "KEY=a\\\"b\n", "KEY=\\$x\n", "KEY=\\`x\\`\n", "KEY=\"a\\\"b\"\n", "KEY=\"a\\\\b\"\n", "KEY=\"a\\$b\"\n",
        "KEY=\"a\\`b\"\n", "KEY=\"a\\nb\"\n", "KEY=\"a\\'b\"\n", "KEY='$x `y` \\ \"'\n", "KEY='a\\'\n", "KEY=a\\",
        // Backslash-newline joins lines, except in single quotes; a double-quoted value spans lines.
        "KEY=a\\\nb\n", "KEY=\"a\\\nb\"\n", "KEY='a\\\nb'\n", "KEY=\\\na\n", "export \\\nKEY=a\n", "KEY=\"a\nb\"\n",
        "KEY=a \\\n# a comment on the next line\n", "KEY=a \\\n OTHER=b\n",
        "KEY='a\n# not a comment\nb'\n",
        // ANSI-C and locale quoting.
        "KEY=$'a\\tb'\n", "KEY=$'\\x41\\101\\u0042\\cA\\c?'\n", "KEY=$'it\\'s'\n", "KEY=$'a\\0b'c\n", "KEY=$'\\q\\x\\u'\n",
        "KEY=$'\\e\\E\\a\\b\\f\\n\\r\\v\\\\\\\"\\?'\n", "KEY=$'\\1010\\x414'\n", "KEY=$\"x\"\n", "KEY=\"$'x'\"\n",
        // \c with a backslash, or ending the string: the string ends where backslashes paired leave a quote (found by the generated files).
        "KEY=$'\\401'\n", "KEY=$'\\400x'y\n", "KEY=$'a\\c\\\\b'\n", "KEY=$'\\c\\\\'\nOTHER=1\n", "KEY=$'\\c'\n", "KEY=$'\\c\\'x'\n", "KEY=$'\\c'x'\n",
        // Dollar signs that are no expansion, tildes that are not expanded, no globbing or braces.
        "KEY=a$\n", "KEY=\"$\"\n", "KEY=$\n", "KEY=a~\n", "KEY='~'\n", "KEY=\\~\n", "KEY=\"~\"\n", "KEY={a,b}\n", "KEY=*\n",
        // No tilde expansion once quotes stand between (even empty ones), nor in an export argument that is no assignment word.
        "KEY=''~\n", "KEY=a:\"\"~\n", "KEY=$''~\n", "KEY=a=~\n", "export 'KEY'=~\n", "export K\\EY=a:~\n",
        // export, quoted or not, and what is no assignment.
        "export KEY=v\n", "  export  KEY=v\n", "export\tKEY=v\n", "export OTHER KEY=v\n", "export \"KEY=a b\"\n",
        "export KEY\n", "KEY=a\nexport KEY\n", "KEY =v\n", "\"KEY\"=v\n", "K\\EY=v\n", "\tKEY=v\n", "KEY=v\t\n",
        // bash's append, and unset.
        "KEY=a\nKEY+=b\n", "KEY+=b\n", "KEY+='b c'\n", "KEY=a\nunset KEY\n", "KEY=a\nunset OTHER\n", "KEY=a\nunset KEY\nKEY+=b\n",
        // unset -v, which the editor writes.
        "unset -v KEY\n", "KEY=a\nunset -v KEY\n", "KEY=a\nunset -v OTHER\n", "KEY=a\nunset -v -v KEY\n", "KEY=a\nunset -v 'KEY'\n",
        // A syntax error: what ran before it stands.
        "KEY=a\nKEY=\"web\n", "KEY=\"web'\n", "KEY=a\nKEY=$'x\n", "KEY=a\n;\nKEY=b\n", "KEY=a\nKEY='b\n",
        // bash parses a whole line before it runs it: a syntax error loses what came before it on its line (found by the generated files).
        "KEY=a\nKEY=b; OTHER=1 \"\n", "KEY=a\nKEY=b; |\n", "KEY=a\nKEY=b \\\n OTHER=\"\n", "KEY=a\nKEY=(x\n) \"\n", "KEY=a\nKEY=b &&\nOTHER=\"\n",
        "KEY=a;\nKEY=b '\n", "KEY=a\nKEY=b; return; OTHER='\n", "KEY=a; return; KEY=b\nKEY=c\n", "KEY=a\nKEY=(x \"\n",
        "KEY=a; return; OTHER=b\nKEY='c\n",
        // The file stops at return; what the reader does not follow but does not name KEY leaves it alone.
        "KEY=a\nreturn\nKEY=b\n", "KEY=a\nif true; then OTHER=b; fi\n", "KEY=a\n(OTHER=b)\n",
        // Arrays (Arch's rc.conf) set other names, and a parenthesis that is no array ends what can be read.
        "MODULES=(a !b)\nKEY=web\nDAEMONS=(x\n  y # z\n)\n", "A=(x) KEY=web\n",
        // A command's own name is no assignment, and a name only part of another (MYKEY, KEYS) is not KEY.
        "KEY${OTHER}=v\n", "KEY=a\nread MYKEY\n", "KEY=a\nread KEYS\n", "KEY=a\nexport OTHER={a,b} OTHER=x{,y}\n",
        // CRLF: the carriage return is part of the value for bash.
        "KEY=web\r\n", "KEY=\"web\"\r\n", "KEY=web #c\r\n",
        // Lists run by the status before each pipeline (an assignment's is 0); a pipeline's commands and a
        // list in the background run in a copy of the shell, which sets nothing in the sourcing one.
        "KEY=1 && OTHER=2\n", "OTHER=1 || KEY=2\n", "KEY=1 || OTHER=2\n", "KEY=1 | :\n", "KEY=1 |& :\n", "KEY=1 &\n",
        "KEY=a && OTHER=b &\n", "KEY=a; OTHER=b &\n", "KEY=a\nKEY=b | :\n", "KEY=a\nKEY=b &\n", "KEY=a &&\n\nKEY=b\n",
        "KEY=a && KEY=b || KEY=c\n", "KEY=a || KEY=b && KEY=c\n", "export KEY=1 || KEY=2\n", "KEY=a\nunset KEY && KEY=3\n",
        "KEY=a & KEY=b\n", "KEY+=a\nKEY+=b\n", "KEY=a | OTHER=b && KEY=c\n", "KEY=a\nKEY=b | OTHER=c | :\n");

    [Theory]
    [MemberData(nameof(StaticFiles))]
    public async Task A_static_file_is_read_as_bash_sources_it(string text)
    {
        var bash = await SourceAsync(text);

        var read = ShellValueReader.Read(text, "KEY");

        Assert.Equal(bash, read.State switch
        {
            ShellValueState.Known => "set:" + read.Text,
            ShellValueState.Unset => "unset",
            _ => "unknown",
        });
    }

    public static TheoryData<string> UnknownFiles() => new(
        "KEY=$OTHER\n", "KEY=\"$OTHER\"\n", "KEY=${OTHER}\n", "KEY=$(hostname)\n", "KEY=`hostname`\n", "KEY=\"x$(echo y)\"\n",
        "KEY=$((1+2))\n", "KEY=$1\n", "KEY=~\n", "KEY=~/x\n", "KEY=a:~\n", "KEY=$'\\xfa'\n", "KEY=$'\\u00e9'\n",
        "KEY=a\nKEY+=$x\n", "KEY=$x\nKEY+=b\n", "OTHER=$x && KEY=2\n", "OTHER=$(x) || KEY=2\n", "true && KEY=2\n",
        // The last command of a pipeline runs in the shell itself under shopt -s lastpipe; a construct in a list.
        "OTHER=1 | KEY=2\n", "KEY=a && if true; then :; fi\n",
        "read KEY\n", "declare KEY=1\n", "readonly KEY=1\n", "KEY=a b\n", "KEY=a\nKEY=b :\n", "if true; then KEY=a; fi\n",
        "f() { KEY=b; }\nKEY=a\n", "KEY=a\n[ -f x ] && return\nKEY=b\n", "export $x\n", "unset $x\n",
        "KEY=(a b)\n", "KEY=a\nOTHER=( x ( y ) )\nKEY=b\n", "KEY=a >/dev/null\n", "export -n KEY=1\n", "KEY=a\nKEY=$x # comment\n", "KEY=x export KEY\n",
        "export KEY=\"$x\"\n", "export KEY=~\n", "KEY=$'\\x80'\n", "KEY=$_x\n", "if false; then\nKEY=a\nfi\n",
        // A tilde after a backslash-newline is still expanded. Found by the generated files: brace expansion in export's
        // and unset's arguments, an assignment to KEY before unset (bash unsets only that one, a POSIX shell keeps it unset).
        "KEY=\\\n~\n", "KEY=a:\\\n~/x\n", "export KEY={a,b}\n", "export KEY=a{b,c}d\n", "KEY=a\nunset KEY{,}\n", "KEY=a\nunset K?Y\n",
        "KEY=a\nKEY=b unset KEY\n",
        // A sourced file's code is not the file's: it may set any variable.
        "KEY=a\nif [ -f x ]; then . x; fi\n", "KEY=a\nsource x\n");

    [Theory]
    [MemberData(nameof(UnknownFiles))]
    public void A_value_only_running_the_file_would_tell_is_unknown(string text)
    {
        // Never run: an expansion's value is the environment's, not the file's.
        Assert.Equal(ShellValue.Unknown, ShellValueReader.Read(text, "KEY"));
        Assert.Null(ShellVariableEditor.Get(text, "KEY"));
    }

    [Theory]
    [InlineData("OTHER=$(x)\nKEY=a\n", "a")]
    [InlineData("KEY=a\nOTHER=`x`\n", "a")]
    [InlineData("KEY=a\necho \"$(x)\"\n", "a")]
    [InlineData("KEY=$(x)\nKEY=a\n", "a")]
    [InlineData("KEY=$((1+2))\nKEY=a\n", "a")]
    [InlineData("KEY=${x:-\"}\"}\nKEY=a\n", "a")]
    public void An_expansion_that_does_not_reach_the_variable_leaves_it_known(string text, string expected)
    {
        Assert.Equal(ShellValue.Known(expected), ShellValueReader.Read(text, "KEY"));
    }

    [Theory]
    [InlineData("  export  KEY=v\n")]
    [InlineData("KEY =v\n")]
    [InlineData("KEY+=v\n")]
    [InlineData("\tKEY=v\n")]
    [InlineData("export\tKEY=v\n")]
    [InlineData("\t export \t KEY=v\n")]
    [InlineData("KEY=v\n")]
    [InlineData("#KEY=v\n")]
    [InlineData("export KEY\n")]
    [InlineData("\"KEY\"=v\n")]
    [InlineData("\fKEY=v\n")]
    [InlineData("exportKEY=v\n")]
    [InlineData("export=v\n")]
    public async Task The_line_editor_and_the_reader_agree_on_which_lines_assign(string line)
    {
        var assigned = await SourceAsync(line) != "unset";

        Assert.Equal(assigned, ShellVariableEditor.KeyOf(line.TrimEnd('\n')) == "KEY");
        Assert.Equal(assigned, ShellValueReader.Read(line, "KEY").State != ShellValueState.Unset);
    }

    [Theory]
    [InlineData("KEY=a\nKEY+=b\n")]
    [InlineData("export\tKEY=a\n")]
    [InlineData("KEY=a\n  KEY+=' b'\nOTHER=c\n")]
    public async Task Setting_a_key_leaves_the_new_value_for_bash(string text)
    {
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);

        Assert.Equal("set:new", await SourceAsync(set));
        Assert.DoesNotContain("KEY", ShellVariableEditor.Remove(text, key => key == "KEY"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DESC=\"first\nKEY=x\"\nKEY=a\n")]
    [InlineData("KEY=\"a\nb\"\nDESC=kept\n")]
    [InlineData("KEY=a\\\nb\nDESC=kept\n")]
    [InlineData("DESC='x\nKEY=y'\n")]
    public async Task A_value_spanning_lines_is_set_and_removed_whole(string text)
    {
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal("set:new", await SourceAsync(set));
        Assert.Equal(await SourceAsync(text, "DESC"), await SourceAsync(set, "DESC"));
        Assert.Equal("unset", await SourceAsync(removed));
        Assert.Equal(await SourceAsync(text, "DESC"), await SourceAsync(removed, "DESC"));
    }

    [Theory]
    [InlineData("KEY=a; OTHER=w\n")]
    [InlineData("KEY=a;OTHER=w # note\n")]
    [InlineData("  KEY+=a ; OTHER=w\n")]
    [InlineData("KEY=a OTHER=w\n")]
    [InlineData("export KEY=a OTHER=w\n")]
    [InlineData("export KEY=a; OTHER=w\n")]
    [InlineData("KEY=a; KEY=b; OTHER=w\n")]
    [InlineData("KEY=\"x\ny\"; OTHER=w\n")]
    [InlineData("OTHER=v\nKEY=a; OTHER=w; KEY=b\n")]
    public async Task Setting_or_removing_a_key_keeps_the_other_commands_on_its_line(string text)
    {
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal("set:new", await SourceAsync(set));
        Assert.Equal("set:w", await SourceAsync(set, "OTHER"));
        Assert.Equal("unset", await SourceAsync(removed));
        Assert.Equal("set:w", await SourceAsync(removed, "OTHER"));
        Assert.Equal(text.Contains("# note", StringComparison.Ordinal), set.Contains("# note", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("KEY=a true; OTHER=w\n")]
    [InlineData("KEY=a OTHER=w true\n")]
    public async Task An_assignment_for_one_command_is_left_alone(string text)
    {
        // bash gives the command KEY in its environment and never sets it for the file: the line stays
        // whole and setting KEY appends its own assignment.
        Assert.Equal("unset", await SourceAsync(text));
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);

        Assert.Equal(text + "KEY=new\n", set);
        Assert.Equal("set:new", await SourceAsync(set));

        // The reader cannot tell that the command (a function, maybe) does not keep KEY: it is unset after it.
        Assert.Equal(text + "unset -v KEY\n", ShellVariableEditor.Remove(text, key => key == "KEY"));
    }

    [Fact]
    public void Only_the_assignment_and_its_separator_are_edited()
    {
        Assert.Equal("KEY=new; OTHER=w # note\n", ShellVariableEditor.Set("KEY=a; OTHER=w # note\n", [new("KEY", "new")]));
        Assert.Equal("OTHER=w\n", ShellVariableEditor.Remove("KEY=a OTHER=w\n", key => key == "KEY"));
        Assert.Equal("OTHER=w\n", ShellVariableEditor.Remove("export KEY=a; OTHER=w\n", key => key == "KEY"));
        Assert.Equal("OTHER=w\n", ShellVariableEditor.Remove("KEY=a\nOTHER=w\n", key => key == "KEY"));
    }

    [Fact]
    public void After_a_quote_left_open_each_line_is_edited_as_its_own()
    {
        // bash reads nothing after the open quote; the lines stay as they were, the key's own line replaced.
        Assert.Equal("KEY=new\nOTHER=1\n", ShellVariableEditor.Set("KEY=\"web\nOTHER=1\n", [new("KEY", "new")]));
        Assert.Equal("OTHER=1\n", ShellVariableEditor.Remove("KEY=\"web\nOTHER=1\n", key => key == "KEY"));
    }

    /// <summary>What a clean bash's sourcing of <paramref name="text"/> leaves <paramref name="key"/> with.</summary>
    internal static async Task<string> SourceAsync(string text, string key = "KEY")
    {
        var env = ExternalTool.Require("env", "coreutils");
        var bash = ExternalTool.Require("bash", "bash");
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("sourced");
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
        var script = ". \"$1\"; if [ -n \"${" + key + "+x}\" ]; then printf 'set:%s' \"$" + key + "\"; else printf unset; fi";
        var result = await ExternalTool.RunAsync(env, ["-i", bash, "--noprofile", "--norc", "-c", script, "bash", file]);
        Assert.Equal(0, result.ExitCode);
        return result.StandardOutput;
    }
}
