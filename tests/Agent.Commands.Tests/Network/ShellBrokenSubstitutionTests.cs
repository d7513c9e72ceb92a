using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Forms <see cref="ShellBrokenSubstitutionDifferentialTests"/> found read or edited otherwise than bash and dash read
/// them (session 35), each sourced in both shells: a here-document nested in a substitution inside an expanded
/// here-document's body (dash reads the nested body's lines, bash ends the outer body at its first delimiter line), a
/// line starting with the delimiter and holding a <c>)</c> (inside <c>$(…)</c> bash ends the body there, dash does not), a here-document
/// no line ends (a line appended at the end would be part of its body), and a <c>#</c> right after an inner
/// substitution's <c>)</c> (text, not a comment).
/// </summary>
public sealed class ShellBrokenSubstitutionTests
{
    [Theory]
    [InlineData("KEY=a\n: <<E\n$(cat <<E\ntext\nE\n)\nE\nKEY=b\n", "set:a", "set:b")]
    [InlineData("KEY=a\n: <<E\n`cat <<E\ntext\nE\n`\nE\nKEY=b\n", "set:a", "set:b")]
    [InlineData("KEY=a\nX=$(cat <<E\n$(cat <<'E'\ntext\nE\n)a\nE\n)\nKEY=b\n", "set:a", "set:b")]
    [InlineData("KEY=a\nX=$(cat <<'E'\ntext\nE)\nKEY=b\n", "set:b", "set:a")]
    [InlineData("KEY=a\nX=$(cat <<'E'\nE)\nE\n)\nKEY=b\n", "set:a", "set:b")]
    [InlineData("KEY=a\nX=$(cat <<'E'\nE )\nE\n)\nKEY=b\n", "set:a", "set:b")]
    [InlineData("KEY=a\nX=$(cat <<'E'\nEx)\nE\n)\nKEY=b\n", "set:a", "set:b")]
    [InlineData("KEY=a\n: <<-Eho\nKEY=b\n", "set:a", "set:a")]
    public async Task Files_whose_here_documents_end_elsewhere_to_bash_dash_or_an_added_line_are_refused(string text, string bash, string dash)
    {
        Assert.Equal("KEY=" + bash, await ShellSyntaxCheckTests.TrapSourceAsync("bash", text, "KEY"));
        Assert.Equal("KEY=" + dash, await ShellSyntaxCheckTests.TrapSourceAsync("dash", text, "KEY"));

        var set = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Set(text, [new("KEY", "new")], "f"));
        Assert.Contains("here-document", set.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "f"));
    }

    [Theory]
    [InlineData("KEY=a\n: <<'E'\n$(cat <<F\nE\nKEY=b\n")]
    [InlineData("KEY=a\n: <<E\n$(cat <<F\ntext\nF\n)\nE\nKEY=b\n")]
    [InlineData("KEY=a\nX=$(cat <<'E'\nE x\nE\n)\nKEY=b\n")]
    public async Task Here_documents_that_both_shells_end_alike_are_edited(string text)
    {
        // A quoted body is text to both shells; a nested body ended inside the outer one is read alike; a line starting
        // with the delimiter but holding no ) does not end a body in $(…) to bash either.
        foreach (var shell in new[] { "bash", "dash" })
        {
            Assert.Equal("KEY=set:b", await ShellSyntaxCheckTests.TrapSourceAsync(shell, text, "KEY"));
            Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.TrapSourceAsync(shell, ShellVariableEditor.Set(text, [new("KEY", "new")]), "KEY"));
            Assert.Equal("KEY=unset", await ShellSyntaxCheckTests.TrapSourceAsync(shell, ShellVariableEditor.Remove(text, key => key == "KEY"), "KEY"));
        }
    }

    [Theory]
    [InlineData("KEY=a\nX=$(echo $(echo a)#)\nKEY=b\n")]
    [InlineData("KEY=a\nX=$(echo ${Y:-a}#)\nKEY=b\n")]
    public async Task A_hash_right_after_an_inner_expansion_is_text(string text)
    {
        foreach (var shell in new[] { "bash", "dash" })
        {
            Assert.Equal("KEY=set:b X=set:a#", await ShellSyntaxCheckTests.TrapSourceAsync(shell, text, "KEY", "X"));
            Assert.Equal("KEY=set:new X=set:a#", await ShellSyntaxCheckTests.TrapSourceAsync(shell, ShellVariableEditor.Set(text, [new("KEY", "new")]), "KEY", "X"));
            Assert.Equal("KEY=unset X=set:a#", await ShellSyntaxCheckTests.TrapSourceAsync(shell, ShellVariableEditor.Remove(text, key => key == "KEY"), "KEY", "X"));
        }

        Assert.Equal(ShellValue.Known("b"), ShellValueReader.Read(text, "KEY"));
    }
}
