using System.Text;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// C xenstored 4.17's process_message looks up the header's transaction id for every request type
/// it knows but WATCH and UNWATCH (<c>XS_FLAG_NOTID</c>), after the unknown-type (ENOSYS) and
/// privilege (EACCES) checks and before the request itself: an id the connection has no
/// transaction under is ENOENT, and the request is not applied. (The Linux xenbus device answers
/// such a request ENOENT itself too.) The node requests and the transaction requests are pinned
/// elsewhere; these are the rest.
/// </summary>
public sealed class TransactionIdLookupTests : IAsyncLifetime
{
    private const uint Unknown = 999;
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    public static TheoryData<XenStoreMessageType, string> DomainRequests => new()
    {
        { XenStoreMessageType.GetDomainPath, "7\0" },
        { XenStoreMessageType.IsDomainIntroduced, "7\0" },
        { XenStoreMessageType.Introduce, "9\0" + "0\0" + "5\0" },
        { XenStoreMessageType.Release, "7\0" },
        { XenStoreMessageType.Resume, "7\0" },
        { XenStoreMessageType.SetTarget, "7\0" + "7\0" },
        { XenStoreMessageType.ResetWatches, "\0" },
        { XenStoreMessageType.Control, "print\0" + "x\0" },
    };

    [Theory]
    [MemberData(nameof(DomainRequests))]
    public async Task A_request_under_an_unknown_transaction_id_is_ENOENT_and_not_applied(XenStoreMessageType type, string payload)
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.WatchAsync(1, "/watched", "t");

        await raw.SendAsync(type, 2, Unknown, Encoding.Latin1.GetBytes(payload));
        var (header, answer) = await raw.ReplyAsync(2);

        Assert.Equal((XenStoreMessageType.Error, "ENOENT\0"), (header.Type, answer));
        Assert.Equal(Unknown, header.TransactionId);
        // Nothing was done: domain 7 was not released, 9 not introduced, and the watch still fires.
        Assert.NotNull(_store.Server.TryRead("/local/domain/7/data/host"));
        await raw.SendAsync(XenStoreMessageType.IsDomainIntroduced, 3, "9\0");
        Assert.Equal("F\0", (await raw.ReplyAsync(3)).Payload);
        Assert.Equal(["/watched\0t\0"], await raw.EventsUntilReplyAsync(4, XenStoreMessageType.Write, "/watched\0v"));
    }

    [Fact]
    public async Task A_guest_is_refused_a_privileged_request_before_its_transaction_id_is_looked_up()
    {
        using var raw = await RawConnection.ConnectAsync(_store.GuestSocket);

        await raw.SendAsync(XenStoreMessageType.Release, 1, Unknown, "7\0"u8.ToArray());
        Assert.Equal("EACCES\0", (await raw.ReplyAsync(1)).Payload);
        await raw.SendAsync(XenStoreMessageType.GetDomainPath, 2, Unknown, "7\0"u8.ToArray());
        Assert.Equal("ENOENT\0", (await raw.ReplyAsync(2)).Payload);
    }

    [Fact]
    public async Task Watch_and_unwatch_ignore_the_transaction_id_and_an_unknown_type_is_ENOSYS_first()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);

        await raw.SendAsync(XenStoreMessageType.Watch, 1, Unknown, "/w\0t\0"u8.ToArray());
        Assert.Equal("OK\0", (await raw.ReplyAsync(1)).Payload);
        await raw.SendAsync(XenStoreMessageType.Unwatch, 2, Unknown, "/w\0t\0"u8.ToArray());
        Assert.Equal("OK\0", (await raw.ReplyAsync(2)).Payload);
        await raw.SendAsync((XenStoreMessageType)23, 3, Unknown, "0\0"u8.ToArray());
        Assert.Equal("ENOSYS\0", (await raw.ReplyAsync(3)).Payload);
        await raw.SendAsync(XenStoreMessageType.Restrict, 4, Unknown, "7\0"u8.ToArray());
        Assert.Equal("ENOSYS\0", (await raw.ReplyAsync(4)).Payload);
    }

    [Fact]
    public async Task A_request_under_a_transaction_the_connection_holds_is_served()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.SendAsync(XenStoreMessageType.TransactionStart, 1, "\0");
        var tx = uint.Parse((await raw.ReplyAsync(1)).Payload.TrimEnd('\0'), System.Globalization.CultureInfo.InvariantCulture);

        await raw.SendAsync(XenStoreMessageType.GetDomainPath, 2, tx, "7\0"u8.ToArray());
        var (header, path) = await raw.ReplyAsync(2);

        Assert.Equal((XenStoreMessageType.GetDomainPath, "/local/domain/7\0", tx), (header.Type, path, header.TransactionId));
    }

    // C's process_message only looks the id up: do_introduce and do_release never read
    // conn->transaction, and what they change they change as no connection (introduce_domain's
    // fire_watches(NULL, ...) for @introduceDomain, destroy_domain's walk and @releaseDomain with a
    // NULL connection), so nothing waits for the commit and an abort undoes nothing.
    [Fact]
    public async Task INTRODUCE_and_RELEASE_under_a_transaction_act_at_once_outside_it()
    {
        using var caller = await RawConnection.ConnectAsync(_store.Dom0Socket);
        using var watcher = await RawConnection.ConnectAsync(_store.Dom0Socket);
        using var guest = await RawConnection.ConnectAsync(_store.GuestSocket);
        await watcher.WatchAsync(1, "@introduceDomain", "i");
        await watcher.WatchAsync(2, "@releaseDomain", "r");
        await guest.WatchAsync(1, "data", "g");
        await caller.SendAsync(XenStoreMessageType.TransactionStart, 1, "\0");
        var tx = uint.Parse((await caller.ReplyAsync(1)).Payload.TrimEnd('\0'), System.Globalization.CultureInfo.InvariantCulture);

        await caller.SendAsync(XenStoreMessageType.Introduce, 2, tx, Encoding.Latin1.GetBytes("9\0" + "0\0" + "5\0"));
        var (introduced, ok) = await caller.ReplyAsync(2);
        Assert.Equal((XenStoreMessageType.Introduce, "OK\0", tx), (introduced.Type, ok, introduced.TransactionId));
        Assert.Equal(["@introduceDomain\0i\0"], await watcher.EventsUntilReplyAsync(3, XenStoreMessageType.IsDomainIntroduced, "9\0"));

        // INTRODUCE of domain 7 resets its connections now: the guest's watch is gone, so it may be set again.
        await caller.SendAsync(XenStoreMessageType.Introduce, 3, tx, Encoding.Latin1.GetBytes("7\0" + "0\0" + "5\0"));
        Assert.Equal("OK\0", (await caller.ReplyAsync(3)).Payload);
        await guest.SendAsync(XenStoreMessageType.Watch, 2, "data\0g\0");
        Assert.Equal("OK\0", (await guest.ReplyAsync(2)).Payload);

        await caller.SendAsync(XenStoreMessageType.Release, 4, tx, "7\0"u8.ToArray());
        Assert.Equal("OK\0", (await caller.ReplyAsync(4)).Payload);
        Assert.Null(_store.Server.TryRead("/local/domain/7/data"));
        Assert.Equal(["@releaseDomain\0r\0"], await watcher.EventsUntilReplyAsync(4, XenStoreMessageType.IsDomainIntroduced, "7\0"));

        // The transaction touched no node: it commits, and ending it changes nothing of the above.
        await caller.SendAsync(XenStoreMessageType.TransactionEnd, 5, tx, "T\0"u8.ToArray());
        Assert.Equal("OK\0", (await caller.ReplyAsync(5)).Payload);
        await caller.SendAsync(XenStoreMessageType.IsDomainIntroduced, 6, "9\0");
        Assert.Equal("T\0", (await caller.ReplyAsync(6)).Payload);
        await caller.SendAsync(XenStoreMessageType.IsDomainIntroduced, 7, "7\0");
        Assert.Equal("F\0", (await caller.ReplyAsync(7)).Payload);
    }

    [Fact]
    public async Task INTRODUCE_under_a_transaction_that_is_aborted_stays_done()
    {
        using var caller = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await caller.SendAsync(XenStoreMessageType.TransactionStart, 1, "\0");
        var tx = uint.Parse((await caller.ReplyAsync(1)).Payload.TrimEnd('\0'), System.Globalization.CultureInfo.InvariantCulture);

        await caller.SendAsync(XenStoreMessageType.Introduce, 2, tx, Encoding.Latin1.GetBytes("9\0" + "0\0" + "5\0"));
        Assert.Equal("OK\0", (await caller.ReplyAsync(2)).Payload);
        await caller.SendAsync(XenStoreMessageType.TransactionEnd, 3, tx, "F\0"u8.ToArray());
        Assert.Equal("OK\0", (await caller.ReplyAsync(3)).Payload);

        await caller.SendAsync(XenStoreMessageType.IsDomainIntroduced, 4, "9\0");
        Assert.Equal("T\0", (await caller.ReplyAsync(4)).Payload);
    }
}
