using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Here-documents inside a command substitution, and delimiters bash and dash read after quote removal and
/// line joining (<c>&lt;&lt;""</c>, <c>&lt;&lt;E\⏎OF</c>): the body is text, so a <c>)</c>, a quote or a
/// <c>KEY=x</c> line in it neither closes the substitution nor is a command (<see cref="ShellBracketScan"/>).
/// Each file is sourced by a clean bash, the POSIX ones by dash too.
/// </summary>
public sealed class ShellSubstitutionHereDocumentTests
{
    [Theory]
    [InlineData("KEY=a\nX=$(cat <<'EOF'\n)\nKEY=x\nEOF\n)\n", "set:a")]
    [InlineData("KEY=a\nX=$(cat <<'EOF'\n'\nEOF\n)\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$(cat <<'EOF'\n(\nEOF\n)\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$( : <<'EOF'\nKEY=x\n)\nEOF\n)\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=\"$(cat <<'EOF'\n\"\nKEY=x\nEOF\n)\"\n", "set:a")]
    [InlineData("KEY=a\nX=$(echo $((1<<2)))\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$(cat <<A; (( 1 << 2 )); cat <<B\nA\nKEY=x\nB\n)\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$((1<<2))\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$(cat <<A; (( 1 << 2 )); cat <<B\nA\n'\nB\n)\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$(cat <<EOF)\nKEY=x\nEOF\n", "set:a")]
    [InlineData("KEY=a\n: <<\"\"\nKEY=x\n\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\n: <<''\nKEY=x\n\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\n: <<E\\\nOF\nKEY=x\nEOF\nKEY=b\n", "set:b")]
    public async Task The_reader_takes_the_body_as_text(string text, string expected)
    {
        Assert.Equal(expected, await ShellValueReaderTests.SourceAsync(text));

        Assert.Equal(expected, Describe(ShellValueReader.Read(text, "KEY")));
    }

    [Theory]
    [InlineData("KEY=a\nX=$(cat <<'EOF'\n)\nKEY=x\nEOF\n)\n", "set:a")]
    [InlineData("KEY=a\nX=$(cat <<'EOF'\n'\nEOF\n)\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\n: <<''\nKEY=x\n\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\n: <<E\\\nOF\nKEY=x\nEOF\nKEY=b\n", "set:b")]
    public async Task A_posix_sh_reads_them_as_bash_does(string text, string expected)
    {
        Assert.Equal("KEY=" + expected, await ShellSyntaxCheckTests.DashSourceAsync(text, "KEY"));

        Assert.Equal(expected, Describe(ShellValueReader.Read(text, "KEY")));
    }

    [Theory]
    [InlineData("KEY=a\nX=$(cat <<'EOF'\n)\nKEY=x\nEOF\n)\n")]
    [InlineData("KEY=a\nX=$(cat <<'EOF'\n'\nEOF\n)\nKEY=b\n")]
    [InlineData("KEY=a\nX=$( : <<'EOF'\nKEY=x\n)\nEOF\n)\nKEY=b\n")]
    [InlineData("KEY=a\nX=\"$(cat <<'EOF'\n\"\nKEY=x\nEOF\n)\"\n")]
    [InlineData("KEY=a\nX=$(cat <<\"\"\nKEY=x\n\n)\nKEY=b\n")]
    [InlineData("KEY=a\nX=$(cat <<E\\\nOF\nKEY=x\nEOF\n)\nKEY=b\n")]
    public async Task The_editor_keeps_the_body_and_takes_effect(string text)
    {
        // Before, Set rewrote the body's KEY=x (changing X) or left the real KEY=b after its new line.
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        var body = await ShellValueReaderTests.SourceAsync(text, "X");
        Assert.StartsWith("set:", body, StringComparison.Ordinal);
        Assert.Equal(body, await ShellValueReaderTests.SourceAsync(set, "X"));
        Assert.Equal(body, await ShellValueReaderTests.SourceAsync(removed, "X"));
    }

    [Theory]
    [InlineData("KEY=a\nX=$( # it's here\n echo a )\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$( echo a # )\n)\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$(#)\nKEY=x\n)\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$(cat <<EOF # )\nKEY=x\nEOF\n)\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$( echo a#b $# ${#X} \"#\" )\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=${Y:- #}\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$(cat <<EOF # (\n)\nEOF\n)\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$(echo `echo )`)\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$(echo `echo \"(\" # )`)\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=${Y:-`echo }`}\nKEY=b\n", "set:b")]
    [InlineData("KEY=a\nX=$(echo `echo a # )`\nKEY=x\n)\nKEY=b\n", "set:b")]
    public async Task A_comment_or_backquoted_command_inside_closes_nothing(string text, string expected)
    {
        // A comment where a word would start runs to its line's end, so its quote or ')' is text; a backquoted
        // command is one unit (bash and dash read the ')' or '}' in it as its own). Before, the quote left the
        // substitution open and the ')' closed it early: the reading stopped, or took KEY=x for a command.
        Assert.Equal(expected, await ShellValueReaderTests.SourceAsync(text));
        Assert.Equal("KEY=" + expected, await ShellSyntaxCheckTests.DashSourceAsync(text, "KEY"));

        Assert.Equal(expected, Describe(ShellValueReader.Read(text, "KEY")));
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal(await ShellValueReaderTests.SourceAsync(text, "X"), await ShellValueReaderTests.SourceAsync(set, "X"));
    }

    private static string Describe(ShellValue value) => value.State switch
    {
        ShellValueState.Known => "set:" + value.KnownText,
        ShellValueState.Unset => "unset",
        _ => "unknown",
    };
}
