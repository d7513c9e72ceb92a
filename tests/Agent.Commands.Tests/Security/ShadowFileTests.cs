using System.Text;
using GuestAgent.Commands.Security;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// The edit of one entry in a shadow (or <c>master.passwd</c>) file: exactly the user's line, its
/// hash and (for a shadow file) its last-change day; every other byte as it was.
/// </summary>
public sealed class ShadowFileTests
{
    [Fact]
    public void The_entry_is_the_user_named_exactly_not_one_whose_name_starts_with_the_same_letters()
    {
        // Accounts such as "rooter" or "root2" sort before "root:" in some files; they are not root.
        var before = Bytes("rooter:$6$other$hash:18000:0:99999:7:::\nroot2:*:18000:0:99999:7:::\nroot:$6$old$hash:19000:0:99999:7:::\n");

        Assert.Null(ShadowFile.TryGetHash(before, "root", out var hash));
        Assert.Equal("$6$old$hash", hash);
        Assert.Null(ShadowFile.TryReplaceHash(before, "root", current => current == "$6$old$hash" ? "$6$new$hash" : "wrong", 20000, out var after));
        Assert.Equal("rooter:$6$other$hash:18000:0:99999:7:::\nroot2:*:18000:0:99999:7:::\nroot:$6$new$hash:20000:0:99999:7:::\n", Text(after));
    }

    [Fact]
    public void A_user_named_only_by_a_longer_account_has_no_entry()
    {
        Assert.Equal(PasswordMessages.NoEntry, ShadowFile.TryGetHash(Bytes("rooter:*:18000:0:99999:7:::\n"), "root", out _));
    }

    [Fact]
    public void An_entry_ending_in_CRLF_keeps_its_carriage_return_and_every_other_byte_is_kept()
    {
        // Latin-1 bytes outside ASCII, blank lines and a line without a newline at the end round-trip as they were.
        var before = Bytes("# caf\u00e9 \u00ff\r\n\nroot:*:19000:0:99999:7:::\r\ndaemon:*:19000:0:99999:7:::");

        Assert.Null(ShadowFile.TryReplaceHash(before, "root", _ => "$y$new", 20001, out var after));

        Assert.Equal("# caf\u00e9 \u00ff\r\n\nroot:$y$new:20001:0:99999:7:::\r\ndaemon:*:19000:0:99999:7:::", Text(after));
    }

    [Fact]
    public void Without_a_last_change_day_the_third_field_is_left_as_it_was()
    {
        // FreeBSD's master.passwd: the third field is the uid.
        Assert.Null(ShadowFile.TryReplaceHash(Bytes("root:old:0:0::0:0:Charlie &:/root:/bin/csh\n"), "root", _ => "new", null, out var after));

        Assert.Equal("root:new:0:0::0:0:Charlie &:/root:/bin/csh\n", Text(after));
    }

    [Theory]
    [InlineData("root:x\n")]
    [InlineData("root:x\r\n")]
    public void An_entry_of_fewer_than_three_fields_is_an_unknown_format(string text)
    {
        Assert.Equal(PasswordMessages.UnknownFormat, ShadowFile.TryReplaceHash(Bytes("daemon:*:1:0:99999:7:::\n" + text), "root", _ => "new", 1, out var after));
        Assert.Empty(after);
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.Latin1.GetString(bytes);
}
