using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// The domain requests as C xenstored 4.17 answers them: ids read with <c>atoi</c>, unknown domains
/// refused by RELEASE, RESUME and SET_TARGET, INTRODUCE's event only for a new domain.
/// </summary>
public sealed class DomainRequestTests
{
    [Theory]
    [InlineData("7\0", "/local/domain/7")]
    [InlineData("abc\0", "/local/domain/0")]            // no digits: 0
    [InlineData("\0", "/local/domain/0")]
    [InlineData(" \t+12x\0", "/local/domain/12")]       // white space, a sign, digits up to a non-digit
    [InlineData("-1\0", "/local/domain/4294967295")]    // an int stored in an unsigned int
    [InlineData("99999999999999999999\0", "/local/domain/4294967295")] // strtol saturates, the cast keeps the low bits
    [InlineData("4294967303\0", "/local/domain/7")]     // 2^32 + 7: the low 32 bits
    public async Task GET_DOMAIN_PATH_reads_the_id_as_atoi_does(string argument, string expected)
    {
        await using var store = new EmbeddedXenStore();
        using var raw = await RawConnection.ConnectAsync(store.GuestSocket);

        Assert.Equal(expected, await AskAsync(raw, XenStoreMessageType.GetDomainPath, argument));
    }

    [Theory]
    [InlineData("7\0\0")]   // two arguments
    [InlineData("7")]       // no terminator
    public async Task GET_DOMAIN_PATH_still_needs_exactly_one_argument(string argument)
    {
        await using var store = new EmbeddedXenStore();
        using var raw = await RawConnection.ConnectAsync(store.GuestSocket);

        Assert.Equal("ERROR EINVAL", await AskAsync(raw, XenStoreMessageType.GetDomainPath, argument));
    }

    [Theory]
    [InlineData("7xyz\0", "T")]
    [InlineData("abc\0", "T")]    // domain 0
    [InlineData("8\0", "F")]
    [InlineData("32752\0", "T")]  // DOMID_SELF
    public async Task IS_DOMAIN_INTRODUCED_reads_the_id_as_atoi_does(string argument, string expected)
    {
        await using var store = new EmbeddedXenStore();
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);

        Assert.Equal(expected, await AskAsync(raw, XenStoreMessageType.IsDomainIntroduced, argument));
    }

    [Theory]
    [InlineData(XenStoreMessageType.Release, "9\0", "ERROR ENOENT")]   // not introduced
    [InlineData(XenStoreMessageType.Release, "0\0", "ERROR EINVAL")]   // dom0
    [InlineData(XenStoreMessageType.Release, "abc\0", "ERROR EINVAL")] // atoi: dom0
    [InlineData(XenStoreMessageType.Release, "7\0\0", "ERROR EINVAL")] // two arguments
    [InlineData(XenStoreMessageType.Resume, "9\0", "ERROR ENOENT")]
    [InlineData(XenStoreMessageType.Resume, "0\0", "ERROR EINVAL")]
    [InlineData(XenStoreMessageType.Resume, "7\0", "OK")]
    [InlineData(XenStoreMessageType.Resume, "7 and more\0", "OK")]
    [InlineData(XenStoreMessageType.SetTarget, "9\0" + "7\0", "ERROR ENOENT")]
    [InlineData(XenStoreMessageType.SetTarget, "7\0" + "9\0", "ERROR ENOENT")]
    [InlineData(XenStoreMessageType.SetTarget, "7\0", "ERROR EINVAL")]
    [InlineData(XenStoreMessageType.SetTarget, "7\0" + "0\0", "OK")]
    [InlineData(XenStoreMessageType.Introduce, "9\0" + "0\0" + "0\0", "ERROR EINVAL")] // no event channel
    [InlineData(XenStoreMessageType.Introduce, "9\0" + "0\0", "ERROR EINVAL")]
    [InlineData(XenStoreMessageType.Introduce, "9\0" + "0\0" + "5\0" + "/extra\0", "OK")]
    public async Task Domain_requests_answer_as_C_xenstored(XenStoreMessageType type, string payload, string expected)
    {
        await using var store = new EmbeddedXenStore();
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);

        Assert.Equal(expected, await AskAsync(raw, type, payload));
    }

    [Theory]
    [InlineData("0", "a|b||")]
    [InlineData("abc", "a|b||")]   // no digits: 0
    [InlineData(" 2x", "b||")]     // from byte 2
    [InlineData("-1", "|")]        // 4294967295: past the end, only the terminating empty string
    public async Task DIRECTORY_PART_reads_its_offset_as_atoi_does_too(string offset, string expected)
    {
        await using var store = new EmbeddedXenStore();
        store.Server.Write("/dir/a", []);
        store.Server.Write("/dir/b", []);
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);

        await raw.SendAsync(XenStoreMessageType.DirectoryPart, 1, $"/dir\0{offset}\0");
        var (header, reply) = await raw.ReplyAsync(1);

        // "<generation>\0" then the names from the offset, each with its NUL, then one more NUL.
        Assert.Equal(XenStoreMessageType.DirectoryPart, header.Type);
        Assert.Equal(expected, reply[(reply.IndexOf('\0') + 1)..].Replace('\0', '|'));
    }

    [Fact]
    public async Task Releasing_twice_is_ENOENT_the_second_time()
    {
        await using var store = new EmbeddedXenStore();
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);

        Assert.Equal("OK", await AskAsync(raw, XenStoreMessageType.Release, "7\0"));
        Assert.Equal("ERROR ENOENT", await AskAsync(raw, XenStoreMessageType.Release, "7\0"));
        Assert.Equal("F", await AskAsync(raw, XenStoreMessageType.IsDomainIntroduced, "7\0"));
    }

    [Fact]
    public async Task Introducing_a_domain_again_fires_no_second_event()
    {
        await using var store = new EmbeddedXenStore();
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);
        await raw.SendAsync(XenStoreMessageType.Watch, 1, "@introduceDomain\0i\0");
        await raw.SendAsync(XenStoreMessageType.Watch, 2, "@releaseDomain\0r\0");
        await raw.SendAsync(XenStoreMessageType.Introduce, 3, "9\0" + "0\0" + "5\0");
        await raw.SendAsync(XenStoreMessageType.Introduce, 4, "9\0" + "0\0" + "6\0");
        await raw.SendAsync(XenStoreMessageType.Release, 5, "9\0");
        await raw.SendAsync(XenStoreMessageType.GetDomainPath, 6, "0\0");

        // Everything in arrival order: a request's events come before its reply, a watch's first
        // event after it, and a release's after it too (as C xenstored 4.17 sends them).
        Assert.Equal(
            ["1 OK", "event @introduceDomain i", "2 OK", "event @releaseDomain r", "event @introduceDomain i", "3 OK", "4 OK", "5 OK", "event @releaseDomain r", "6 /local/domain/0"],
            await OutputUntilAsync(raw, 6));
    }

    // Every message up to the reply to `lastRequest`: "event <path> <token>" or "<request id> <payload>".
    internal static async Task<List<string>> OutputUntilAsync(RawConnection raw, uint lastRequest)
    {
        var output = new List<string>();
        while (true)
        {
            var message = await raw.ReceiveAsync() ?? throw new InvalidOperationException("connection closed");
            var text = System.Text.Encoding.Latin1.GetString(message.Payload).TrimEnd('\0').Replace('\0', ' ');
            output.Add(message.Header.Type == XenStoreMessageType.WatchEvent ? "event " + text : $"{message.Header.RequestId} {text}");
            if (message.Header.Type != XenStoreMessageType.WatchEvent && message.Header.RequestId == lastRequest)
            {
                return output;
            }
        }
    }

    /// <summary>Sends a request and returns its reply's payload, or <c>ERROR &lt;name&gt;</c>, without the final NUL.</summary>
    internal static async Task<string> AskAsync(RawConnection raw, XenStoreMessageType type, string payload)
    {
        const uint RequestId = 0x5151;
        await raw.SendAsync(type, RequestId, payload);
        var (header, reply) = await raw.ReplyAsync(RequestId);
        var text = reply.TrimEnd('\0');
        return header.Type == XenStoreMessageType.Error ? "ERROR " + text : text;
    }
}
