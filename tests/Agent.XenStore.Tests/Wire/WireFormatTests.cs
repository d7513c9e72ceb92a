using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Wire;

public sealed class WireFormatTests
{
    [Fact]
    public void Headers_are_four_little_endian_words()
    {
        var message = XenStoreMessage.Encode(XenStoreMessageType.Read, 0x01020304, 5, "ab\0"u8);

        Assert.Equal(new byte[] { 2, 0, 0, 0, 4, 3, 2, 1, 5, 0, 0, 0, 3, 0, 0, 0, (byte)'a', (byte)'b', 0 }, message);
        Assert.Equal(new XenStoreHeader(XenStoreMessageType.Read, 0x01020304, 5, 3), XenStoreHeader.Read(message));
    }

    [Fact]
    public void Write_payloads_have_no_nul_after_the_value()
    {
        Assert.Equal("/a\0v\0x"u8.ToArray(), XenStorePayload.PathAndValue("/a", "v\0x"u8));
        Assert.Equal("/a\0tok\0"u8.ToArray(), XenStorePayload.Strings("/a", "tok"));
    }

    [Theory]
    [InlineData("/a\0", true, "/a")]
    [InlineData("/a", false, "")]
    [InlineData("/a\0b\0", false, "")]
    [InlineData("\0", true, "")]
    public void One_argument_requests_need_exactly_one_trailing_nul(string payload, bool valid, string argument)
    {
        Assert.Equal(valid, XenStorePayload.TryOneArgument(System.Text.Encoding.Latin1.GetBytes(payload), out var parsed));
        Assert.Equal(argument, parsed);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/local/domain/7/data/host/3f2a-uuid", true)]
    [InlineData("/a_b-c@d", true)]
    [InlineData("", false)]
    [InlineData("relative", false)]
    [InlineData("/a/", false)]
    [InlineData("/a//b", false)]
    [InlineData("/a b", false)]
    [InlineData("/a.b", false)]
    public void Absolute_paths_follow_xenstored_rules(string path, bool valid) =>
        Assert.Equal(valid, XenStorePath.IsValidAbsolute(path));

    [Fact]
    public void Path_lengths_are_limited_per_domain_home()
    {
        Assert.True(XenStorePath.IsValidAbsolute("/local/domain/7/" + new string('a', 2048)));
        Assert.False(XenStorePath.IsValidAbsolute("/local/domain/7/" + new string('a', 2049)));
        Assert.True(XenStorePath.IsValidAbsolute("/" + new string('a', 2047)));
        Assert.False(XenStorePath.IsValidAbsolute("/" + new string('a', 2048)));
        Assert.True(XenStorePath.IsValidAbsolute("/local/domain/12345/" + new string('a', 2048)));
        Assert.True(XenStorePath.IsValidAbsolute("/local/domain/-1234/" + new string('a', 2048)));
    }

    // C xenstored 4.17 finds the home with sscanf("/local/domain/%5u/%n"): at most five characters
    // of an optional sign and digits, then a slash. A component it does not read as one leaves the
    // whole path under the 2048-byte limit.
    [Theory]
    [InlineData("/local/domain/123456/")] // six digits
    [InlineData("/local/domain/-12345/")] // the sign counts in the five
    [InlineData("/local/domain/abc/")]
    [InlineData("/local/domain/7a/")]
    [InlineData("/local/domain/-/")]
    [InlineData("/local/domain/")] // no home component at all: one long name after the prefix
    public void A_home_component_sscanf_does_not_read_leaves_the_whole_path_limited(string prefix)
    {
        Assert.True(XenStorePath.IsValidAbsolute(prefix + new string('a', 2048 - prefix.Length)));
        Assert.False(XenStorePath.IsValidAbsolute(prefix + new string('a', 2049 - prefix.Length)));
    }

    [Fact]
    public void Relative_paths_resolve_against_the_home() =>
        Assert.Equal("/local/domain/7/data/host", XenStorePath.Resolve("data/host", XenStorePath.DomainHome(7)));

    [Theory]
    [InlineData("n0", XenStoreAccess.None, 0u)]
    [InlineData("r5", XenStoreAccess.Read, 5u)]
    [InlineData("w12", XenStoreAccess.Write, 12u)]
    [InlineData("b32752", XenStoreAccess.Both, 32752u)]
    [InlineData("w2147483647", XenStoreAccess.Write, 2147483647u)]
    [InlineData("r-2147483648", XenStoreAccess.Read, 2147483648u)] // from 2^31 up, C's %i of an int
    [InlineData("n-1", XenStoreAccess.None, 4294967295u)]
    public void Permissions_parse_and_format(string text, XenStoreAccess access, uint domain)
    {
        var permission = XenStorePermission.Parse(text);

        Assert.Equal(new XenStorePermission(access, domain), permission);
        Assert.Equal(text, permission.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("x1")]
    [InlineData("r")]
    [InlineData("r-")]
    [InlineData("r-0")]
    [InlineData("r--1")]
    [InlineData("r+1")]
    [InlineData("r-2147483649")]
    [InlineData("r4294967296")]
    [InlineData("r1a")]
    public void Malformed_permissions_are_rejected(string text) =>
        Assert.False(XenStorePermission.TryParse(text, out _));

    [Theory]
    [InlineData("r4294967295", "r-1")]
    [InlineData("b2147483648", "b-2147483648")]
    public void An_unsigned_id_from_2_to_the_31_parses_and_formats_signed_as_C(string unsigned, string signed) =>
        Assert.Equal(signed, XenStorePermission.Parse(unsigned).ToString());

    [Fact]
    public void Error_names_keep_the_wire_order_and_unknown_names_are_recognised_as_such()
    {
        // xsd_errors[] of xs_wire.h (spec §4), legacy names included: a peer may still send them.
        Assert.Equal(
            ["EINVAL", "EACCES", "EEXIST", "EISDIR", "ENOENT", "ENOMEM", "ENOSPC", "EIO", "ENOTEMPTY", "ENOSYS", "EROFS", "EBUSY", "EAGAIN", "EISCONN", "E2BIG", "EPERM"],
            XenStoreErrors.Known);
        Assert.True(XenStoreErrors.IsKnown("EAGAIN"));
        Assert.True(XenStoreErrors.IsKnown("EISCONN"));
        Assert.False(XenStoreErrors.IsKnown("EQUOTA"));

        // libxenstore's get_error compares with strcmp: another case is another (unknown) name.
        Assert.False(XenStoreErrors.IsKnown("eagain"));
    }
}
