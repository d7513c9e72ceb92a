using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Forms the session 30 review found read otherwise than bash reads them, or read differently by bash and dash:
/// bash's <c>$[…]</c> (one arithmetic word; dash has no <c>$[</c>), a quote or expansion inside a double-quoted
/// string inside <c>$(…)</c>, an inner expansion holding the outer one's closing bracket, a substring offset holding
/// <c>${…}</c>, and a backquoted command that leaves a quote open (bash reads on, dash stops the file). Each file is
/// sourced by a clean bash, and by dash where the two are said to agree or to differ.
/// </summary>
public sealed class ShellShellsDisagreeTests
{
    [Theory]
    [InlineData("KEY=$[1+2]\n", "set:3", "unknown")]
    [InlineData("KEY=a\nX=$[1<<2]\nKEY=b\n", "set:b", "set:b")]
    [InlineData("KEY=a\nX=$[1<<2]\nKEY=b\n2]\n", "set:b", "set:b")]
    [InlineData("KEY=a\nX=$(echo $[1<<2])\nKEY=b\n2]\n", "set:b", "set:b")]
    [InlineData("KEY=a\nX=$[$(echo ])]\nKEY=b\n", "set:b", "set:b")]
    [InlineData("KEY=a\nX=$(echo \"\\\");KEY=b;#\")\n", "set:a", "set:a")]
    [InlineData("KEY=a\nX=$(echo \"$(echo \");KEY=b;#\")\")\n", "set:a", "set:a")]
    [InlineData("KEY=a\nX=$(echo ${Y:-)})\nKEY=b\n", "set:b", "set:b")]
    [InlineData("KEY=a\nX=${Y:-$(echo })}\nKEY=b\n", "set:b", "set:b")]
    [InlineData("KEY=a\nY=abc\nN=KEY\nX=${Y:${N}=1}\n", "set:1", "unknown")]
    [InlineData("KEY=a\nY=abc\nX=${Y:${N:-KEY}=1:1}\n", "set:1", "unknown")]
    [InlineData("KEY=a\nX=$(echo $'a\\'b')\nKEY=b\n", "set:b", "set:b")]
    [InlineData("X=$(echo $'\\'x)\nKEY=b\n')\n", "unset", "unset")]
    public async Task The_reader_reads_them_as_bash_does(string text, string bash, string read)
    {
        // bash: $[1+2] is 3 (dash keeps the text), $[1<<2] a shift; a quote escaped or inside an expansion in a
        // double-quoted string closes nothing, nor does a ) or } inside an inner expansion; ${Y:${N}=1} assigns
        // the name N holds, which the reader does not follow: the key is unknown.
        Assert.Equal(bash, await ShellValueReaderTests.SourceAsync(text));

        Assert.Equal(read, Describe(ShellValueReader.Read(text, "KEY")));
    }

    [Theory]
    [InlineData("KEY=a\nX=$(echo \"\\\");KEY=b;#\")\n")]
    [InlineData("KEY=a\nX=$(echo \"$(echo \");KEY=b;#\")\")\n")]
    public async Task The_editor_leaves_a_quoted_string_inside_a_substitution_as_it_is(string text)
    {
        // The string holds ";KEY=b;#": editing it as a command would change X.
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal(text.Replace("KEY=a", "KEY=new", StringComparison.Ordinal), set);
        Assert.Equal(text["KEY=a\n".Length..], removed);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal(await ShellValueReaderTests.SourceAsync(text, "X"), await ShellValueReaderTests.SourceAsync(set, "X"));
        Assert.Equal(await ShellSyntaxCheckTests.DashSourceAsync(text, "X"), await ShellSyntaxCheckTests.DashSourceAsync(set, "X"));
    }

    [Theory]
    [InlineData("KEY=a\nX=$[1<<2]\nKEY=b\n2]\n", "set:b", "set:a")]
    [InlineData("X=$[1<<E]\nKEY=b\nE]\n", "set:b", "unset")]
    [InlineData("KEY=a\nX=$(echo $[1<<2])\nKEY=b\n2]\n", "set:b", "set:b")]
    [InlineData("KEY=a\nX=`echo \"`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`echo '`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=\"`echo \\\"a`\"\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(echo `echo \"`)\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(echo \"`echo \"`\");KEY=b;#\")\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(echo `echo \\`echo \"\\``)\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`( )`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`echo $(fi)`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(echo `if`)\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`{ fi; }`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`{ a; fi; }`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`a && fi`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`a ;& b`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`echo a; in`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n: <<E\n$(fi)\nE\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n: <<E\n${Y:-$( ( ) )}\nE\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n: <<E\n`a &&`\nE\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(cat <<E\n$(fi)\nE\n)\nKEY=b\n", "set:b", "set:a")]
    [InlineData("X=\"${Y:-it's}\"\nKEY=b\n", "unset", "set:b")]
    [InlineData("KEY=a\nX=\"${Y:-it's}\"\nKEY=b\n'}\"\n", "set:a", "set:b")]
    [InlineData("KEY=a\nX=\"${Y:-'$(fi)'}\"\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(echo \"${Y+a'b}\")\nKEY=b\n')\"\n", "set:a", "set:b")]
    [InlineData("KEY=a\nX=\"${Y:-'}'}\"\nKEY=b\n", "set:b", "set:b")]
    [InlineData("KEY=a\nX=\"${Y:-'\\\\'b'}\"\nKEY=b\n", "set:a", "set:b")]
    [InlineData("KEY=a\nX=\"${Y:-'a\\'b'}\"\nKEY=b\n", "set:a", "set:b")]
    [InlineData("KEY=a\nX=\"${Y:-'\"'}\"\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=\"${Y:-'$(echo '}')'}\"\nKEY=b\n", "set:b", "set:b")]
    [InlineData("KEY=a\nX=\"${Y:-'${Z:-'}'}'}\"\nKEY=b\n", "set:b", "set:b")]
    [InlineData("KEY=a\nX=\"${Y:-'$(( $(fi) ))'}\"\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=\"${Y:-'`( )`'}\"\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=\"${Y:-'$(echo ok)'x'}\"\nKEY=b\n", "set:a", "set:b")]
    [InlineData("KEY=a\nX=$(echo \"${Y:-'$(fi)'}\")\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=\"${Y:-'$HOME'${Z:-'}'}}\"\nKEY=b\n", "set:b", "set:b")]
    [InlineData("KEY=a\nX=`! `\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`echo a; !`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`! !`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`! ! echo a`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`a | !`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`! )`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=\"${Y:='x}'}\"\nKEY=b\n", "set:b", "set:b")]
    [InlineData("KEY=a\nX=\"${@:-'}'}\"\nKEY=b\n", "set:b", "set:b")]
    [InlineData("KEY=a\n! !\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n!\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n! ;\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n! # c\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n: && !\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n{ ! ; }\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nif ! ; then :; fi\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n! ! :\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n! &>/dev/null\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n! !\nKEY=b\nfi\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(! ;)\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(!\n)\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(! ;)\nKEY=b\nfi\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(! ;)\nKEY=b\nfi\nY=$(! ;)\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(! ;)\nKEY=b\nY=$(! ;) fi\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(! ;)\nKEY=b\nY=$(! ;); fi\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=\"${Y:-$(! ! :)}\"\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=\"${Y:-'$(! ! :)'}\"\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n: <<E\n$(! ;)\nE\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`echo $(! ;)`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`a | ! b`\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(((x)) )\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=\"${Y:-$(((0)) ; echo)}\"\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$((x)+(y))\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(((x)) ; fi)\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\n: <<E\n$(((x)) )\nE\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=`echo $(((x)) )`\nKEY=b\n", "set:b", "set:a")]
    public async Task A_form_bash_and_dash_split_differently_makes_the_editor_refuse(string text, string bash, string dash)
    {
        // Unquoted $[…] holding <<: a shift to bash, a here-document to dash. A backquoted command left open (a quote,
        // also \" in double quotes, nested, or inside $(…)): bash reports it when it runs and reads on, dash stops the file.
        Assert.Equal(bash, await ShellValueReaderTests.SourceAsync(text));
        Assert.Equal("KEY=" + dash, await ShellSyntaxCheckTests.DashSourceAsync(text, "KEY"));

        var set = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Set(text, [new("KEY", "new")], "/etc/rc.conf"));
        var removed = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));
        Assert.All([set, removed], e => Assert.Contains("/etc/rc.conf: holds a here-document the editor does not read", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("KEY=a\nX=\"$[1<<2]\"\nKEY=b\n2]\n")]
    [InlineData("KEY=a\nX=$(echo $(($[1<<2])))\nKEY=b\n")]
    [InlineData("KEY=a\nX=`echo \\\"a`\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"`echo \\\"a\\\"`\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'a'}\" Z=\"${Y#'a'}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=$(echo $'a\\tb') Y=$'a\\tb' Z=${Y:-'$(fi)'}\nKEY=b\n")]
    [InlineData("KEY=a\nX=`echo ok` Y=$(echo `echo ok`)\nKEY=b\n")]
    [InlineData("KEY=a\nX=`fi` Y=`echo )` Z=`a ;;`\nKEY=b\n")]
    [InlineData("KEY=a\nX=`a ;;& b` Y=`do` Z=`echo a; elif`\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-$(echo '}')}\" Z=\"${Y:-`echo '}'`}\" W=${Y:-'}'}\nKEY=b\n")]
    [InlineData("KEY=a\n: <<'E'\n$(fi) `( )`\nE\nKEY=b\n")]
    [InlineData("KEY=a\n: <<E\n$(echo ok) `echo ok`\nE\nKEY=b\n")]
    [InlineData("KEY=a\nX=`! echo a` Y=`! >/dev/null` Z=`! { :; }`\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'$HOME'}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'${Z:-c}'}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'$(echo a)'}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'`echo a`'}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'a\\\\'}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'a\\}'}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'\\'}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'$(echo \")\")'}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'`echo }`'}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'$((1+2))'}\" Y=\"${Y:-'`fi`'}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=$(echo \"${Y:-'$HOME'}\" \"${Y:-'a\\}'}\")\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'$HOME'${Z:-a}}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'a'\"b\"}\" Y=\"${Y:-'a'${Z:-'b'}}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:+'$HOME'}\" W=\"${Y#'a}'}\" V=\"${Y%'}'}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y-'\\\"'}\" W=\"${Y:-'a'\\}}\" V=\"${Y:-\"'\"}\"\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"${Y:-'a'${Z:-'b}'}}\" W=\"${Y=a'b'c}\" V=\"${Y:-\\'a}\"\nKEY=b\n")]
    [InlineData("KEY=a\n! : && [ ! -f x ] && X=$(! true)\nKEY=b\n")]
    [InlineData("KEY=a\nX=$(echo !) Y=$(: && ! :)\n! : || ! :\nKEY=b\n")]
    [InlineData("KEY=a\nif ! false; then :; fi\nwhile ! :; do :; done\nuntil ! false; do :; done\nKEY=b\n")]
    [InlineData("KEY=a\nX=$((!0)) Y=a!b Z=\"!\" W='!' V=!x # !\nKEY=b\n")]
    [InlineData("KEY=a\nX=$(( (1) + 2 )) Y=$((1)) Z=\"$(((1)))\" W=$((2*(1+1)))\nKEY=b\n")]
    public async Task A_form_both_shells_split_alike_is_edited(string text)
    {
        // $[…] in double quotes or arithmetic opens nothing in either shell; \" in unquoted backquotes stays escaped.
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(set, "KEY"));
        Assert.Equal("KEY=unset", await ShellSyntaxCheckTests.DashSourceAsync(removed, "KEY"));
    }

    [Theory]
    [InlineData("X=$(echo $'\\'x)\nKEY=b\n')\n", "unset")]
    [InlineData("KEY=a\nX=$(echo $'a\\'b')\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$(echo $'a\\'b)\nKEY=b\n')\n", "set:a")]
    public async Task A_bash_quote_inside_a_substitution_is_edited_as_bash_reads_it(string text, string bash)
    {
        // $'\'x)…' ends at the quote no backslash escapes. Before, the scan ended it at the first quote (dash's reading,
        // which has no $'…': a file bash alone reads right, as at the top level), so Set rewrote KEY=b inside bash's string.
        Assert.Equal(bash, await ShellValueReaderTests.SourceAsync(text));
        Assert.Equal(bash, Describe(ShellValueReader.Read(text, "KEY")));

        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        Assert.Equal(await ShellValueReaderTests.SourceAsync(text, "X"), await ShellValueReaderTests.SourceAsync(set, "X"));
        Assert.Equal(await ShellValueReaderTests.SourceAsync(text, "X"), await ShellValueReaderTests.SourceAsync(removed, "X"));
    }

    [Theory]
    [InlineData("KEY=a\nY=abc\nN=OTHER\nX=${Y:${N}=1}\n", "set:1")]
    [InlineData("KEY=a\nN=O\nN=${N}THER\nX=$(( \"$N\" = 4 ))\n", "set:4")]
    [InlineData("KEY=a\nN=O\nN=${N}THER\nX=$(( \"$N\"++ ))\n", "set:1")]
    public async Task Remove_refuses_a_file_that_assigns_a_computed_name(string text, string other)
    {
        // ${Y:${N}=1} and $(( "$N" = 4 )) (bash removes the quotes) set the variable N names, OTHER, which the file never
        // writes: the reader must not take it as unset, and Remove cannot know which name is set.
        Assert.Equal(other, await ShellValueReaderTests.SourceAsync(text, "OTHER"));

        Assert.Equal(ShellValueState.Unknown, ShellValueReader.Read(text, "OTHER").State);
        Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "OTHER"));
    }

    private static string Describe(ShellValue value) => value.State switch
    {
        ShellValueState.Known => "set:" + value.KnownText,
        ShellValueState.Unset => "unset",
        _ => "unknown",
    };
}
