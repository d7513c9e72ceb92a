using System.Text;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// C xenstored's <c>send_event</c> drops a watch event identical (path and token) to one still queued
/// on the connection; everything one request fires is queued before any of it is written, so within
/// a request an identical event goes out once. Events come before the request's reply, so the reply
/// marks the end of what the request fired. A raw connection: pyxs delivers an event once per watch
/// registered with its token, which would hide what the server sent.
/// </summary>
/// <remarks>
/// Across requests C drops an identical event only while the earlier one is still unsent, which
/// for a client that reads happens only when its socket is full: C writes between requests. This
/// server handles a client's pipelined requests while another thread writes, so "still unsent"
/// would depend on that thread's pace; it delivers such events (spurious events are allowed).
/// </remarks>
public sealed class DuplicateEventTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Two_watches_with_one_token_that_match_one_write_deliver_one_event()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.WatchAsync(1, "/ov", "tok");
        await raw.WatchAsync(2, "/ov/q", "tok");

        var events = await raw.EventsUntilReplyAsync(3, XenStoreMessageType.Write, "/ov/q/r\0v");

        Assert.Equal(["/ov/q/r\0tok\0"], events);
    }

    [Fact]
    public async Task Watches_with_different_tokens_each_get_their_event()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.WatchAsync(1, "/ov", "one");
        await raw.WatchAsync(2, "/ov/q", "two");

        var events = await raw.EventsUntilReplyAsync(3, XenStoreMessageType.Write, "/ov/q/r\0v");

        Assert.Equal(["/ov/q/r\0one\0", "/ov/q/r\0two\0"], events.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_node_written_twice_in_a_transaction_fires_once_at_the_commit()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.WatchAsync(1, "/tx", "tok");
        await raw.SendAsync(XenStoreMessageType.TransactionStart, 2, "\0");
        var transaction = uint.Parse((await raw.ReplyAsync(2)).Payload.TrimEnd('\0'), System.Globalization.CultureInfo.InvariantCulture);
        await raw.SendAsync(XenStoreMessageType.Write, 3, transaction, Encoding.Latin1.GetBytes("/tx/a\01"));
        await raw.ReplyAsync(3);
        await raw.SendAsync(XenStoreMessageType.Write, 4, transaction, Encoding.Latin1.GetBytes("/tx/b\01"));
        await raw.ReplyAsync(4);
        await raw.SendAsync(XenStoreMessageType.Write, 5, transaction, Encoding.Latin1.GetBytes("/tx/a\02"));
        await raw.ReplyAsync(5);

        var events = await raw.EventsUntilReplyAsync(6, XenStoreMessageType.TransactionEnd, "T\0", transaction);

        Assert.Equal(["/tx/a\0tok\0", "/tx/b\0tok\0"], events);
    }
}
