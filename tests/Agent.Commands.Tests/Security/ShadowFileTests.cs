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
    public void Every_byte_but_the_entrys_hash_and_day_is_kept()
    {
        // Latin-1 bytes outside ASCII, CRLF and blank lines, NIS lines and a line without a newline at the end round-trip as they were.
        var before = Bytes("# caf\u00e9 \u00ff\r\n\n+::::::::\r\nroot:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::");

        Assert.Null(ShadowFile.TryReplaceHash(before, "root", _ => "$y$new", 20001, out var after));

        Assert.Equal("# caf\u00e9 \u00ff\r\n\n+::::::::\r\nroot:$y$new:20001:0:99999:7:::\ndaemon:*:19000:0:99999:7:::", Text(after));
    }

    [Fact]
    public void A_master_passwd_entry_ending_in_CRLF_keeps_its_carriage_return()
    {
        Assert.Null(ShadowFile.TryReplaceHash(Bytes("root:old:0:0::0:0:Charlie &:/root:/bin/csh\r\n"), "root", _ => "new", null, out var after));

        Assert.Equal("root:new:0:0::0:0:Charlie &:/root:/bin/csh\r\n", Text(after));
    }

    /// <summary>
    /// glibc's <c>getspnam</c> (what <c>pam_unix</c> checks a login against) and shadow-utils'
    /// <c>chpasswd</c> pass over a line that is not a shadow entry and read the next <c>root:</c> line:
    /// the new hash goes there, not into the line no login reads (which would answer "0" and leave
    /// root's working password the old one).
    /// </summary>
    [Fact]
    public void A_root_line_login_does_not_read_is_passed_over_for_the_one_it_reads()
    {
        var before = Bytes("root:$6$broken:19000\r\nroot:$6$old$hash:19000:0:99999:7:::\n");

        Assert.Null(ShadowFile.TryGetHash(before, "root", out var hash));
        Assert.Equal("$6$old$hash", hash);
        Assert.Null(ShadowFile.TryReplaceHash(before, "root", current => current == "$6$old$hash" ? "$6$new" : "wrong", 20000, out var after));
        Assert.Equal("root:$6$broken:19000\r\nroot:$6$new:20000:0:99999:7:::\n", Text(after));
    }

    /// <summary>Root lines <c>getent shadow root</c> does not return (checked with glibc 2.36 and a file bound over <c>/etc/shadow</c>).</summary>
    [Theory]
    [InlineData("root:x:19000\n")]
    [InlineData("root:x:19000:0\n")]
    [InlineData("root:x:19000:0:99999:7\n")]
    [InlineData("root:x:19000:0:99999:7:::x\n")]
    [InlineData("root:x:19000:0:99999:7::::\n")]
    [InlineData("root:x:19000:0:99999:7::5::\n")]
    [InlineData("root:x:19000:0:99999:7::\n")]
    [InlineData("root:x:::\n")]
    [InlineData("root:x:19000:0:99999:7:::\r\n")]
    [InlineData("root:x:19000:0:99999\r\n")]
    [InlineData("root:x:19000:zero:99999:7:::\n")]
    [InlineData("root:x:19000:0: :7:::\n")]
    public void A_root_line_login_cannot_read_is_an_unknown_format(string line)
    {
        var before = Bytes("daemon:*:1:0:99999:7:::\n" + line);

        Assert.Equal(PasswordMessages.UnknownFormat, ShadowFile.TryGetHash(before, "root", out _));
        Assert.Equal(PasswordMessages.UnknownFormat, ShadowFile.TryReplaceHash(before, "root", _ => "new", 1, out var after));
        Assert.Empty(after);
    }

    /// <summary>
    /// The shapes glibc reads (each checked with <c>getent shadow root</c>): the old five fields (white
    /// space after a fifth colon, CR included), eight ending in an expiry day, or nine; numbers empty or decimal.
    /// </summary>
    [Theory]
    [InlineData("root:x:19000:0:99999\n", "root:new:20000:0:99999\n")]
    [InlineData("root:x:19000:0:99999:\r\n", "root:new:20000:0:99999:\r\n")]
    [InlineData("root:x::::\n", "root:new:20000:::\n")]
    [InlineData("root:x:1:0:99999:7::5\n", "root:new:20000:0:99999:7::5\n")]
    [InlineData("root:x:::::::\n", "root:new:20000::::::\n")]
    // A last line without a newline gets one: musl cannot read it without (MuslShadowEntryTests).
    [InlineData("root:!:19000:0:99999:7:::", "root:new:20000:0:99999:7:::\n")]
    [InlineData("root:x:19000:0:99999: 7:: +5:\n", "root:new:20000:0:99999: 7:: +5:\n")]
    // The last-change field is replaced, so a line that only its value kept from being read becomes root's entry.
    [InlineData("root:x:yesterday:0:99999:7:::\n", "root:new:20000:0:99999:7:::\n")]
    public void Every_shape_login_reads_is_edited(string line, string expected)
    {
        Assert.Null(ShadowFile.TryReplaceHash(Bytes(line), "root", _ => "new", 20000, out var after));

        Assert.Equal(expected, Text(after));
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
