using GuestAgent.Commands;

namespace GuestAgent.Tests.Commands;

/// <summary>
/// The <c>(at …)</c> path of a refused complex value shows only plain member names and numeric
/// indices, at most 64 characters: System.Text.Json's path also carries the keys the host sent.
/// </summary>
public sealed class BindingErrorPathTests
{
    private const string Refused = "Property 'user' of command 'user.plan' must be a JSON value of type 'UserSpec'";

    [Theory]
    [InlineData("$.name", " (at $.name)")]
    [InlineData("$.steps[12].run", " (at $.steps[12].run)")]
    [InlineData("$[3]", " (at $[3])")]
    [InlineData("$.first_name-2", " (at $.first_name-2)")]
    [InlineData("$.env['secret/key']", " (at $.env)")]
    [InlineData("$.env['secret/key'].inner", " (at $.env)")]
    [InlineData("$.files['/root/.ssh/authorized_keys'][0]", " (at $.files)")]
    [InlineData("$.steps[x]", " (at $.steps)")]
    [InlineData("$.steps[]", " (at $.steps)")]
    [InlineData("$.steps[1", " (at $.steps)")]
    [InlineData("$.env.caf\u00e9", " (at $.env)")]
    [InlineData("$.env.a\u0001b", " (at $.env)")]
    [InlineData("$.env.", " (at $.env)")]
    [InlineData("$['secret']", "")]
    [InlineData("$", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("name", "")]
    public void Only_plain_names_and_indices_are_shown(string? path, string at) =>
        Assert.Equal(Refused + at, BindingErrors.WrongType("user.plan", "user", "a JSON value of type 'UserSpec'", path));

    [Fact]
    public void A_path_of_64_characters_is_shown_whole()
    {
        var path = "$." + new string('a', 62);

        Assert.EndsWith($" (at {path})", Text(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_longer_path_is_cut_after_the_last_whole_segment_that_leaves_room_for_the_mark()
    {
        var path = "$" + string.Concat(Enumerable.Repeat(".abcdefghi", 7));  // 71 characters

        // Six segments (61 characters) and "...": 64.
        Assert.EndsWith($" (at {path[..61]}...)", Text(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_segment_too_long_to_show_leaves_only_the_mark()
    {
        var path = "$." + new string('k', 10_000);

        Assert.EndsWith(" (at $...)", Text(path), StringComparison.Ordinal);
        Assert.DoesNotContain("kkk", Text(path), StringComparison.Ordinal);
    }

    private static string Text(string path) => BindingErrors.WrongType("c", "p", "x", path);
}
