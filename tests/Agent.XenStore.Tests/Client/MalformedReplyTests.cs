using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>The client against a scripted peer: malformed replies are rejected clearly, quirks are tolerated.</summary>
public sealed class MalformedReplyTests
{
    [Fact]
    public async Task An_oversized_reply_length_breaks_the_connection_with_a_clear_error()
    {
        await using var peer = new ScriptedPeer((header, _) =>
        {
            var reply = new byte[16];
            new XenStoreHeader(header.Type, header.RequestId, 0, 5000).Write(reply);
            return reply;
        });
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var error = await Assert.ThrowsAsync<XenStoreProtocolException>(() => client.ReadAsync("/x"));

        Assert.Contains("5000-byte payload", error.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_is_rejected()
    {
        await using var peer = new ScriptedPeer((header, _) => XenStoreMessage.Encode(XenStoreMessageType.Directory, header.RequestId, 0, "a\0"u8));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var error = await Assert.ThrowsAsync<XenStoreProtocolException>(() => client.ReadAsync("/x"));

        Assert.Equal("XenStore peer (unix socket " + peer.SocketPath + ") answered a Read request with a Directory reply.", error.Message);
    }

    [Fact]
    public async Task A_reply_nobody_asked_for_is_rejected()
    {
        await using var peer = new ScriptedPeer(
            (header, _) => XenStoreMessage.Encode(header.Type, header.RequestId, 0, "v"u8),
            greeting: XenStoreMessage.Encode(XenStoreMessageType.Read, 99, 0, "surprise"u8));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        await client.Completion;

        var error = await Assert.ThrowsAnyAsync<XenStoreConnectionException>(() => client.ReadAsync("/x"));
        Assert.Contains("no request was outstanding", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_event_without_a_token_is_rejected()
    {
        await using var peer = new ScriptedPeer(
            (header, _) => XenStoreMessage.Encode(header.Type, header.RequestId, 0, "v"u8),
            greeting: XenStoreMessage.Encode(XenStoreMessageType.WatchEvent, 0, 0, "/only-a-path"u8));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        await client.Completion;

        var error = await Assert.ThrowsAnyAsync<XenStoreConnectionException>(() => client.ReadAsync("/x"));
        Assert.Contains("without a token", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no generation, no NUL", "a malformed DIRECTORY_PART reply")]
    [InlineData("\0a\0\0", "a malformed DIRECTORY_PART reply")]
    [InlineData("7\0", "an empty DIRECTORY_PART chunk")]
    public async Task A_directory_part_without_a_generation_or_a_chunk_is_rejected(string reply, string what)
    {
        // DIRECTORY_PART follows DIRECTORY's E2BIG; its reply is "<generation>\0<names>", never an empty generation.
        await using var peer = new ScriptedPeer((header, _) => header.Type == XenStoreMessageType.Directory
            ? XenStoreMessage.Encode(XenStoreMessageType.Error, header.RequestId, 0, "E2BIG\0"u8)
            : XenStoreMessage.Encode(XenStoreMessageType.DirectoryPart, header.RequestId, 0, System.Text.Encoding.ASCII.GetBytes(reply)));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var error = await Assert.ThrowsAsync<XenStoreProtocolException>(() => client.DirectoryAsync("/big"));

        Assert.Equal($"XenStore returned {what} for '/big'.", error.Message);
    }

    [Fact]
    public async Task Unknown_error_names_are_kept()
    {
        await using var peer = new ScriptedPeer((header, _) => XenStoreMessage.Encode(XenStoreMessageType.Error, header.RequestId, 0, "EQUOTA\0"u8));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => client.WriteAsync("/x", "v"));

        Assert.Equal("EQUOTA", error.ErrorName);
        Assert.False(error.IsKnownError);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Replies_with_id_zero_go_to_the_oldest_request_and_event_ids_are_ignored()
    {
        // Like old kernels: WATCH answered with req_id 0, events carrying garbage ids.
        await using var peer = new ScriptedPeer((header, payload) =>
        {
            if (header.Type == XenStoreMessageType.Watch)
            {
                return [.. XenStoreMessage.Encode(XenStoreMessageType.Watch, 0, 0, "OK\0"u8), .. XenStoreMessage.Encode(XenStoreMessageType.WatchEvent, 0xABCDEF, 0x1234, payload)];
            }

            return XenStoreMessage.Encode(header.Type, header.RequestId, header.TransactionId, "value"u8);
        });
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        await using var watch = await client.WatchAsync("data/host", "tok");

        Assert.Equal(new XenStoreWatchEvent("data/host", "tok"), await watch.Events.ReadAsync());
        Assert.Equal("value", await client.ReadStringAsync("/x"));
    }

    [Fact]
    public async Task A_watch_reply_with_id_zero_goes_to_the_watch_while_an_older_request_still_waits()
    {
        // An old kernel answers WATCH at once, with req_id 0, while xenstored has not yet answered a
        // read sent just before it: the OK must not be taken for the read's reply.
        uint? heldRead = null;
        await using var peer = new ScriptedPeer((header, payload) =>
        {
            if (header.Type == XenStoreMessageType.Read)
            {
                heldRead = header.RequestId;
                return [];
            }

            if (header.Type != XenStoreMessageType.Watch)
            {
                return XenStoreMessage.Encode(header.Type, header.RequestId, 0, "OK\0"u8);
            }

            return
            [
                .. XenStoreMessage.Encode(XenStoreMessageType.Watch, 0, 0, "OK\0"u8),
                .. XenStoreMessage.Encode(XenStoreMessageType.Read, heldRead!.Value, 0, "late"u8),
                .. XenStoreMessage.Encode(XenStoreMessageType.WatchEvent, 0, 0, payload),
            ];
        });
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var reading = client.ReadStringAsync("/x");
        await using var watch = await client.WatchAsync("data/host", "tok");

        Assert.Equal("late", await reading);
        Assert.Equal(new XenStoreWatchEvent("data/host", "tok"), await watch.Events.ReadAsync());
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Replies_split_into_single_bytes_and_events_ahead_of_replies_are_reassembled()
    {
        // Every answer goes out one byte per write; a WATCH is answered event first, then OK.
        await using var peer = new ScriptedPeer(
            (header, payload) => header.Type == XenStoreMessageType.Watch
                ? [.. XenStoreMessage.Encode(XenStoreMessageType.WatchEvent, 0, 0, payload), .. XenStoreMessage.Encode(XenStoreMessageType.Watch, header.RequestId, 0, "OK\0"u8)]
                : XenStoreMessage.Encode(header.Type, header.RequestId, header.TransactionId, "a-value-of-some-length"u8),
            dribble: true);
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        await using var watch = await client.WatchAsync("/w", "tok");
        var first = await client.ReadStringAsync("/x");
        var second = await client.ReadStringAsync("/y");

        Assert.Equal(new XenStoreWatchEvent("/w", "tok"), await watch.Events.ReadAsync());
        Assert.Equal("a-value-of-some-length", first);
        Assert.Equal("a-value-of-some-length", second);
    }
}
