using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// How the network refusals quote what they did not write themselves (<see cref="MessageText"/>): a name
/// escaped and cut, a path escaped whole, a file's text cut (never inside a surrogate pair).
/// </summary>
public sealed class MessageTextTests
{
    [Fact]
    public void A_name_is_escaped_and_cut_a_path_is_escaped_whole()
    {
        var long70 = new string('a', 70);

        Assert.Equal("x%01y%25%27%22%5C%C3%A9%F0%9F%9A%80", MessageText.Escaped("x\u0001y%'\"\\é\U0001F680"));
        Assert.Equal(new string('a', 64) + "...", MessageText.Escaped(long70));
        Assert.Equal(new string('a', 64), MessageText.Escaped(new string('a', 64)));
        Assert.Equal("/etc/" + long70 + "%09%0A", MessageText.EscapedPath("/etc/" + long70 + "\t\n"));
        Assert.Equal("/etc/a b/c~", MessageText.EscapedPath("/etc/a b/c~"));
    }

    [Fact]
    public void A_files_text_is_cut_after_its_length_but_not_inside_a_surrogate_pair()
    {
        Assert.Equal(new string('v', 64), MessageText.Excerpt(new string('v', 64)));
        Assert.Equal(new string('v', 64) + "...", MessageText.Excerpt(new string('v', 65)));
        Assert.Equal("abc...", MessageText.Excerpt("abcd", 3));
        // The emoji's high half would be the 64th character: the cut comes before the pair, not inside it.
        Assert.Equal(new string('v', 63) + "...", MessageText.Excerpt(new string('v', 63) + "\U0001F680 and more"));
        Assert.Equal(new string('v', 62) + "\U0001F680...", MessageText.Excerpt(new string('v', 62) + "\U0001F680 and more"));
        // Control characters are left to the response writer: this only cuts.
        Assert.Equal("a\tb", MessageText.Excerpt("a\tb"));
    }
}
