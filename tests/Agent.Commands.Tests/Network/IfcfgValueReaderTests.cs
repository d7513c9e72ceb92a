using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// An ifcfg variable read as NetworkManager's ifcfg-rh plugin reads it (shvar.c's line parsing and
/// <c>svUnescape</c>; NetworkManager is not installed here, so its reading is written out case by
/// case): the one-line forms it shares with bash, checked against bash, and the forms where the
/// two differ, with NetworkManager's answer.
/// </summary>
public sealed class IfcfgValueReaderTests
{
    public static TheoryData<string> SharedForms() => new(
        "NM_CONTROLLED=no\n", "NM_CONTROLLED=\"no\"\n", "NM_CONTROLLED='no'\n", "  NM_CONTROLLED=no\n", "\tNM_CONTROLLED=no\n",
        "NM_CONTROLLED='n'\"o\"\n", "NM_CONTROLLED=n\\o\n", "NM_CONTROLLED=no;\n", "NM_CONTROLLED=\"no\" ; # c\n",
        "NM_CONTROLLED=$'no'\n", "NM_CONTROLLED=$'\\x6eo\\101'\n", "NM_CONTROLLED=$'\\q\\e'\n", "NM_CONTROLLED=a#b\n",
        "NM_CONTROLLED=no # kickstart\n", "NM_CONTROLLED=\n", "NM_CONTROLLED= # empty\n", "NM_CONTROLLED=\"a\\\"b\\\\c\\$d\\`e\"\n",
        "NM_CONTROLLED=\"a\\'b\"c\n", "NM_CONTROLLED=yes\nNM_CONTROLLED=no\n", "NM_CONTROLLED=no\n#NM_CONTROLLED=yes\n",
        "NM_CONTROLLED='$x `y`'\n", "NM_CONTROLLED=$'\\556o'\n", "NM_CONTROLLED=\"a;b|c&d(e)f<g>h\"\n", "OTHER=no\n");

    [Theory]
    [MemberData(nameof(SharedForms))]
    public async Task A_one_line_form_both_read_alike_is_read_as_bash_reads_it(string text)
    {
        var bash = ExternalTool.Require("bash", "bash");
        var env = ExternalTool.Require("env", "coreutils");
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("ifcfg-eth0");
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
        var script = ". \"$1\"; if [ -n \"${NM_CONTROLLED+x}\" ]; then printf 'set:%s' \"$NM_CONTROLLED\"; else printf unset; fi";
        var sourced = await ExternalTool.RunAsync(env, ["-i", bash, "--noprofile", "--norc", "-c", script, "bash", file]);

        Assert.Equal(sourced.StandardOutput, IfcfgValueReader.Get(text, "NM_CONTROLLED") is { } value ? "set:" + value : "unset");
    }

    [Theory]
    // Lines that are no assignment for NetworkManager (bash: no, no and "no").
    [InlineData("export NM_CONTROLLED=no\n", null)]
    [InlineData("NM_CONTROLLED+=no\n", null)]
    [InlineData("NM_CONTROLLED=yes\nexport NM_CONTROLLED=no\n", "yes")]
    // Any of GLib's spaces ends the value, a CRLF line's \r too (bash: "no\r").
    [InlineData("NM_CONTROLLED=no\r\n", "no")]
    [InlineData("NM_CONTROLLED=no\f\n", "no")]
    // No expansion: unquoted it is text (bash: the variable's value, the home directory), in double quotes unreadable.
    [InlineData("NM_CONTROLLED=$x\n", "$x")]
    [InlineData("NM_CONTROLLED=`x`\n", "`x`")]
    [InlineData("NM_CONTROLLED=~\n", "~")]
    [InlineData("NM_CONTROLLED=\"$x\"\n", "")]
    [InlineData("NM_CONTROLLED=\"`x`\"\n", "")]
    [InlineData("NM_CONTROLLED=$\"no\"\n", "$no")]
    // Only blanks, one ';' and a comment may follow the value; anything else makes it unreadable (bash: "no").
    [InlineData("NM_CONTROLLED=no; OTHER=1\n", "")]
    [InlineData("NM_CONTROLLED=no;;\n", "")]
    [InlineData("NM_CONTROLLED=no && x\n", "")]
    [InlineData("NM_CONTROLLED=no b\n", "")]
    [InlineData("NM_CONTROLLED=n|o\n", "")]
    [InlineData("NM_CONTROLLED=n>o\n", "")]
    // No line continuation (bash: "n\no", "no", "no\").
    [InlineData("NM_CONTROLLED=\"n\no\"\n", "")]
    [InlineData("NM_CONTROLLED=n\\\no\n", "")]
    [InlineData("NM_CONTROLLED=no\\\n", "")]
    [InlineData("NM_CONTROLLED='no\n", "")]
    [InlineData("NM_CONTROLLED=$'no\n", "")]
    // Its old writer's escapes of ' and ~ in double quotes, undone only in a value of that form (bash keeps the backslash).
    [InlineData("NM_CONTROLLED=\"no\\~\"\n", "no~")]
    [InlineData("NM_CONTROLLED=\"it\\'s\"\n", "it's")]
    [InlineData("NM_CONTROLLED=\"a\\~\"b\n", "a\\~b")]
    [InlineData("NM_CONTROLLED=\"a\\~\\x\"\n", "a\\~\\x")]
    // $'...': \u beyond ASCII is its character (bash: the locale's), \c is no escape, a NUL makes the value unreadable
    // (GLib's UTF-8 check fails on it; bash ends that quoted string there: "no").
    [InlineData("NM_CONTROLLED=$'n\\0x'o\n", "")]
    [InlineData("NM_CONTROLLED=no$'\\u0000'\n", "")]
    [InlineData("NM_CONTROLLED=$'\\u00e9'\n", "\u00e9")]
    [InlineData("NM_CONTROLLED=$'\\cA'\n", "\\cA")]
    [InlineData("NM_CONTROLLED=$'\\xfa'\n", "")]
    public void A_form_NetworkManager_reads_its_own_way(string text, string? expected)
    {
        Assert.Equal(expected, IfcfgValueReader.Get(text, "NM_CONTROLLED"));
    }
}
