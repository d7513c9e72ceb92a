using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A syntax error inside a command substitution (<c>$( ( ) )</c>, <c>$(fi)</c>, <c>$(a &amp;&amp;)</c>, in double quotes,
/// <c>${…}</c> or arithmetic, nested) ends a sourced file in bash and dash as one outside does: both parse <c>$(…)</c>
/// when they read its line (bash then leaves the whole sourcing shell, status 127, so the files are sourced under a
/// trap on exit). The reader must not read the lines after it, and the editor must not edit them, as bash never runs them.
/// </summary>
public sealed class ShellSubstitutionSyntaxTests
{
    [Theory]
    [InlineData("A=1\nLOST=$( ( ) )\nB=1\n", 1)]
    [InlineData("A=1\nLOST=$(fi)\n", 1)]
    [InlineData("A=1\nLOST=\"$(fi)\"\n", 1)]
    [InlineData("A=1\nLOST=\"${Y:-$(fi)}\"\n", 1)]
    [InlineData("A=1\nLOST=$(( $(done) ))\n", 1)]
    [InlineData("A=1\nLOST=$[1 + $(fi)]\n", 1)]
    [InlineData("A=1\nLOST=$(a &&)\n", 1)]
    [InlineData("A=1\nLOST=$(a ;;)\n", 1)]
    [InlineData("A=1\nLOST=$(if true; then fi)\n", 1)]
    [InlineData("A=1\nLOST=$(cat <<E\nfi\nE\nfi)\n", 1)]
    [InlineData("A=1\nLOST=$( (#)\n))\n", 1)]
    [InlineData("A=1\nLOST=$(echo $( ( ) ))\n", 1)]
    [InlineData("A=1\nLOST=( $(fi) )\n", 1)]
    [InlineData("A=1\nfor x in $(fi); do LOST=1; done\n", 1)]
    [InlineData("A=1\nLOST=1 >$(fi)\n", 1)]
    [InlineData("A=1\nLOST=1; : $(done)\nB=1\n", 1)]
    [InlineData("A=1\nif true; then\n  LOST=$(fi)\nfi\n", 1)]
    [InlineData("A=1\nLOST=\"it's $(fi)\"\n", 1)]
    [InlineData("A=1\nLOST=$(fi)$(echo ok)\n", 1)]
    [InlineData("A=1\nLOST=$(! !)\n", 1)]
    [InlineData("A=1\nLOST=$(!)\n", 1)]
    [InlineData("A=1\nLOST=\"$(! )\"\n", 1)]
    [InlineData("A=1\nLOST=$(a | !)\n", 1)]
    [InlineData("A=1\nLOST=$(echo a; !)\n", 1)]
    [InlineData("A=1\nLOST=${Y:-$(! | a)}\n", 1)]
    public async Task An_error_inside_is_found_at_the_complete_command_where_both_shells_stop(string text, int line)
    {
        var at = ShellSyntaxCheckTests.Offset(text, line);

        Assert.Equal(new ShellSyntax(ShellSyntaxOutcome.Error, at), ShellSyntaxCheck.Check(text));
        var marked = text[..at] + "MARK=1\n" + text[at..];
        Assert.Equal("A=set:1 MARK=set:1 LOST=unset", await ShellSyntaxCheckTests.TrapSourceAsync("bash", marked, "A", "MARK", "LOST"));
        Assert.Equal("A=set:1 MARK=set:1 LOST=unset", await ShellSyntaxCheckTests.DashSourceAsync(marked, "A", "MARK", "LOST"));
        Assert.Equal(ShellValueState.Unset, ShellValueReader.Read(text, "LOST").State);
        Assert.Equal(ShellValue.Known("1"), ShellValueReader.Read(text, "A"));
    }

    [Theory]
    [InlineData("X=$( ( ) )\nKEY=b\n", "unset")]
    [InlineData("KEY=a\nX=$( ( ) )\nKEY=b\n", "set:a")]
    [InlineData("KEY=a\nX=$(fi)\nKEY=b\n", "set:a")]
    [InlineData("X=\"${Y:-$(done)}\"\nKEY=b\n", "unset")]
    [InlineData("X=$(a &&)\nKEY=b\n", "unset")]
    [InlineData("X=$(a ;;)\nKEY=b\n", "unset")]
    [InlineData("X=$(cat <<E\nfi\nE\nfi)\nKEY=b\n", "unset")]
    [InlineData("KEY=a\nX=$(echo $( ( ) ))\nKEY=b\n", "set:a")]
    [InlineData("KEY=a\nX=$(! !)\nKEY=b\n", "set:a")]
    [InlineData("X=$(a | !)\nKEY=b\n", "unset")]
    public async Task The_lines_after_it_are_neither_read_nor_edited(string text, string sourced)
    {
        Assert.Equal("KEY=" + sourced, await ShellSyntaxCheckTests.TrapSourceAsync("bash", text, "KEY"));
        Assert.Equal("KEY=" + sourced, await ShellSyntaxCheckTests.DashSourceAsync(text, "KEY"));
        Assert.Equal(sourced == "unset" ? ShellValue.Unset : ShellValue.Known("a"), ShellValueReader.Read(text, "KEY"));

        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        // Before, KEY=b was rewritten in place, where neither shell gets.
        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.TrapSourceAsync("bash", set, "KEY"));
        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(set, "KEY"));
        Assert.Equal("KEY=unset", await ShellSyntaxCheckTests.TrapSourceAsync("bash", removed, "KEY"));
        Assert.Equal("KEY=unset", await ShellSyntaxCheckTests.DashSourceAsync(removed, "KEY"));
    }

    [Fact]
    public async Task Nested_substitutions_in_double_quoted_expansions_cost_no_more_per_level()
    {
        // Each level's $(…) was scanned by ShellBracketScan.QuoteSplits and again by the scan of the ${…} around it: 2^40
        // scans here, which never ended. Both shells read it at once (X=a, KEY=b).
        const int depth = 40;
        var text = "KEY=a\nX=\"" + string.Concat(Enumerable.Repeat("${Y:-$(echo \"", depth)) + "a"
            + string.Concat(Enumerable.Repeat("\")}", depth)) + "\"\nKEY=b\n";

        await AssertReadOnAndEditedAsync(text);
    }

    [Fact]
    public async Task Here_documents_in_substitutions_in_bodies_cost_no_more_per_level()
    {
        // A body's $(cat <<E…) was checked by the scan that finds its ) and again by the check of its commands, each level
        // from a new substring: 2^40 checks here, which never ended. Both shells read it at once (KEY=b).
        const int depth = 40;
        var body = "a";
        for (var level = depth; level > 0; level--)
        {
            body = $"$(cat <<E{level}\n{body}\nE{level}\n)";
        }

        var text = "KEY=a\n: <<E0\n" + body + "\nE0\nKEY=b\n";

        await AssertReadOnAndEditedAsync(text);
    }

    [Fact]
    public async Task Backquotes_nested_in_substitutions_cost_no_more_per_level()
    {
        // X=$(echo `echo $(echo \`echo …`)`): each backquoted command was read by the lexer and again by the check of how
        // dash parses it, each from a new copy, and each $(…) around one again by the check of its commands: the work grew
        // much faster than the text (which doubles per level, by the escapes); the old code did not end here in 150 s.
        // Both shells read it (X=a, KEY=b).
        const int depth = 12;
        var nested = "a";
        for (var level = 0; level < depth; level++)
        {
            nested = "$(echo `echo " + nested.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal) + "`)";
        }

        var text = "KEY=a\nX=" + nested + "\nKEY=b\n";

        var set = await AssertReadOnAndEditedAsync(text);
        Assert.Equal("X=set:a", await ShellSyntaxCheckTests.TrapSourceAsync("bash", set, "X"));
    }

    /// <summary>Both shells read <paramref name="text"/> to its end (KEY=b), and so do the check and the reader; the edit of KEY holds in both. Returns the edited text.</summary>
    private static async Task<string> AssertReadOnAndEditedAsync(string text)
    {
        Assert.Equal(ShellSyntaxOutcome.Parses, ShellSyntaxCheck.Check(text).Outcome);
        Assert.Equal(ShellValue.Known("b"), ShellValueReader.Read(text, "KEY"));
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.TrapSourceAsync("bash", set, "KEY"));
        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(set, "KEY"));
        return set;
    }
}
