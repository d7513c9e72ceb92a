using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;

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

    [Fact]
    public void Nested_substitutions_are_checked_once_per_level()
    {
        // Without the memo of a substitution's check, a level's $(…) in a body was checked along each path to it (from the
        // file's scan and from each outer level's check), a count growing much faster than the depth, which the 40-deep
        // tests above only notice by running long (network_s32_shell8.py's mutant 2, killed by its timeout). Counted here,
        // such a defect fails at once.
        var shallow = new ShellScanMemo();
        var deep = new ShellScanMemo();

        Assert.Equal(ShellSyntaxOutcome.Parses, ShellSyntaxCheck.Check(BodyNesting(10), shallow).Outcome);
        Assert.Equal(ShellSyntaxOutcome.Parses, ShellSyntaxCheck.Check(BodyNesting(20), deep).Outcome);
        Assert.InRange(shallow.Checked, 10, long.MaxValue);
        Assert.InRange(deep.Checked, 0, shallow.Checked * 5 / 2);
    }

    [Fact]
    public void Plain_nesting_costs_the_bracket_scan_no_more_per_level()
    {
        // Each level's commands were checked as a new text whose brackets the scan looked for again from that level on:
        // its depth times its length (4x the work for twice the depth here). Now a bracket found in the file is not looked
        // for again in a level cut out of it, and each character is scanned about once.
        var shallow = new ShellScanMemo();
        var deep = new ShellScanMemo();

        Assert.Equal(ShellSyntaxOutcome.Parses, ShellSyntaxCheck.Check(PlainNesting(100, "a"), shallow).Outcome);
        Assert.Equal(ShellSyntaxOutcome.Parses, ShellSyntaxCheck.Check(PlainNesting(200, "a"), deep).Outcome);
        Assert.InRange(shallow.Scanned, PlainNesting(100, "a").Length / 2, long.MaxValue);
        Assert.InRange(deep.Scanned, 0, shallow.Scanned * 5 / 2);
    }

    [Theory]
    [InlineData("a", 0)]
    [InlineData("( )", 2)]
    public async Task A_deep_plain_nesting_is_read_as_both_shells_parse_it(string innermost, int exitCode)
    {
        // 300 levels: bash -n and dash -n parse it (sourcing it would fork a subshell per level, so a shallow copy is sourced).
        var deep = PlainNesting(300, innermost);
        Assert.Equal(exitCode, await ParseExitCodeAsync("bash", deep));
        Assert.Equal(exitCode, await ParseExitCodeAsync("dash", deep));

        var expected = exitCode == 0 ? new ShellSyntax(ShellSyntaxOutcome.Parses, -1) : new ShellSyntax(ShellSyntaxOutcome.Error, "KEY=a\n".Length);
        Assert.Equal(expected, ShellSyntaxCheck.Check(deep));
        Assert.Equal(ShellValue.Known(exitCode == 0 ? "b" : "a"), ShellValueReader.Read(deep, "KEY"));

        var shallow = PlainNesting(4, innermost);
        Assert.Equal(expected, ShellSyntaxCheck.Check(shallow));
        var sourced = exitCode == 0 ? "KEY=set:b X=set:a" : "KEY=set:a X=unset";
        Assert.Equal(sourced, await ShellSyntaxCheckTests.TrapSourceAsync("bash", shallow, "KEY", "X"));
        Assert.Equal(sourced, await ShellSyntaxCheckTests.DashSourceAsync(shallow, "KEY", "X"));
        var set = ShellVariableEditor.Set(shallow, [new("KEY", "new")]);
        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.TrapSourceAsync("bash", set, "KEY"));
        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(set, "KEY"));
    }

    /// <summary><c>: &lt;&lt;E0⏎$(cat &lt;&lt;E1⏎$(cat &lt;&lt;E2⏎…⏎E2⏎)⏎E1⏎)⏎E0</c>, <paramref name="depth"/> levels.</summary>
    private static string BodyNesting(int depth)
    {
        var body = "a";
        for (var level = depth; level > 0; level--)
        {
            body = $"$(cat <<E{level}\n{body}\nE{level}\n)";
        }

        return "KEY=a\n: <<E0\n" + body + "\nE0\nKEY=b\n";
    }

    /// <summary><c>KEY=a⏎X=$(: filler⏎echo $(: filler⏎echo …<paramref name="innermost"/>))⏎KEY=b</c>, <paramref name="depth"/> levels.</summary>
    private static string PlainNesting(int depth, string innermost)
    {
        var filler = new string('x', 60);
        return "KEY=a\nX=" + string.Concat(Enumerable.Repeat($"$(: {filler}\necho ", depth)) + innermost
            + new string(')', depth) + "\nKEY=b\n";
    }

    private static async Task<int> ParseExitCodeAsync(string shell, string text)
    {
        var path = ExternalTool.Require(shell, shell);
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("checked");
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
        return (await ExternalTool.RunAsync(path, shell == "bash" ? ["--noprofile", "--norc", "-n", file] : ["-n", file])).ExitCode;
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
