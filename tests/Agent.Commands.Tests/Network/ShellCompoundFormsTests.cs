using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A negated subshell (<c>! ( : )</c>), bash's <c>[[ … ]]</c> and its arithmetic command <c>((…))</c>, which bash 5.2 and
/// dash 0.5.12 both read on from (dash runs <c>[[</c> as a command that fails, and <c>((0))</c> as a subshell in a
/// subshell): <see cref="ShellSyntaxCheck"/> follows them where both shells read them alike, so the editor sets a key
/// after them; each file is sourced by both shells. Where one shell stops and the other reads on, they stay not followed.
/// </summary>
public sealed class ShellCompoundFormsTests
{
    [Theory]
    [InlineData("! ( : )")]
    [InlineData("! { :; } && ! ( : ) || ! : | :\nf() { ! :; }\n{ ! :; } ; ( ! : )\n! \\\n:")]
    [InlineData("! ( :\n)\n{ ! ( : ); }\n! ( : ) >/dev/null &")]
    [InlineData("[[ ! -f x ]] 2>/dev/null\n! ((0)) 2>/dev/null")]
    [InlineData("[[ a = b ]] && [[ -z \"\" ]] || [[ ! ! a ]]\n! [[ -f x ]]; [[ x =~ ^a ]]; [[ a -nt b ]]")]
    [InlineData("[[ -foo ]] || [[ \"-f\" ]] || [[ -- ]] || [[ = ]]")]
    [InlineData("if [[ a != b ]]; then :; fi\nwhile [[ ! a ]]; do :; done")]
    [InlineData("((0)); ((x = 1)) >/dev/null; ((a !))\nif ((0)); then :; fi\n! ((0)) | :")]
    public async Task A_form_both_shells_read_on_from_is_followed_and_a_key_after_it_edited(string form)
    {
        // Before, each was not followed: Set refused KEY ("may stop before its end").
        var text = "KEY=a\n" + form + "\nKEY=b\n";
        Assert.Equal("KEY=set:b", await ShellSyntaxCheckTests.TrapSourceAsync("bash", text, "KEY"));
        Assert.Equal("KEY=set:b", await ShellSyntaxCheckTests.DashSourceAsync(text, "KEY"));
        Assert.Equal(new ShellSyntax(ShellSyntaxOutcome.Parses, -1), ShellSyntaxCheck.Check(text));

        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.TrapSourceAsync("bash", set, "KEY"));
        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(set, "KEY"));
        if (form.Contains("((", StringComparison.Ordinal))
        {
            // An arithmetic command may assign a name only running it tells (ShellNameReach): Remove refuses such a file, as before.
            return;
        }

        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");
        Assert.Equal("KEY=unset", await ShellSyntaxCheckTests.TrapSourceAsync("bash", removed, "KEY"));
        Assert.Equal("KEY=unset", await ShellSyntaxCheckTests.DashSourceAsync(removed, "KEY"));
    }

    [Theory]
    [InlineData("[[ a b ]]", "a", "b")]
    [InlineData("[[ -f ]]", "a", "b")]
    [InlineData("[[ \"-f\" x ]]", "a", "b")]
    [InlineData("[[ ! ]]", "a", "b")]
    [InlineData("[[ ]]", "a", "b")]
    [InlineData("[[ a = b c ]]", "a", "b")]
    [InlineData("[[ -f x y ]]", "a", "b")]
    [InlineData("[[ a ]] b", "a", "b")]
    [InlineData("[[ -f ]] ]]", "a", "b")]
    [InlineData("[[ ! ( a ) ]]", "b", "a")]
    [InlineData("(( ))", "b", "a")]
    [InlineData("((!))", "b", "a")]
    [InlineData("((if))", "b", "a")]
    [InlineData("((;))", "b", "a")]
    public async Task A_form_one_shell_stops_at_stays_not_followed(string form, string bash, string dash)
    {
        var text = "KEY=a\n" + form + "\nKEY=b\n";
        Assert.Equal("KEY=set:" + bash, await ShellSyntaxCheckTests.TrapSourceAsync("bash", text, "KEY"));
        Assert.Equal("KEY=set:" + dash, await ShellSyntaxCheckTests.DashSourceAsync(text, "KEY"));

        Assert.Equal(new ShellSyntax(ShellSyntaxOutcome.NotFollowed, -1), ShellSyntaxCheck.Check(text));
    }
}
