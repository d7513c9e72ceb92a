using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>The client's framing at its limits, and replies old kernels and other peers send.</summary>
public sealed class ClientFramingTests
{
    /// <summary>A safety net only: it turns a reply that never comes into a failure instead of a hang.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_request_of_exactly_the_largest_payload_is_sent()
    {
        await using var store = new EmbeddedXenStore(new XenStoreServerOptions { MaxNodeSize = 2 * XenStoreLimits.PayloadMax });
        await using var client = await store.Dom0Async();
        // "/v", its NUL, and the value: 4096 bytes in all, the most one message may carry.
        var value = new byte[XenStoreLimits.PayloadMax - 3];
        Random.Shared.NextBytes(value);

        await client.WriteAsync("/v", value);

        Assert.Equal(value, store.Server.TryRead("/v"));
        Assert.Equal(value, await client.ReadAsync("/v"));
    }

    [Fact]
    public async Task A_reply_of_exactly_the_largest_payload_is_read()
    {
        var value = Enumerable.Range(0, XenStoreLimits.PayloadMax).Select(i => (byte)('a' + (i % 26))).ToArray();
        await using var peer = new ScriptedPeer((header, _) => XenStoreMessage.Encode(header.Type, header.RequestId, 0, value));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        Assert.Equal(value, await client.ReadAsync("/x"));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task An_error_reply_with_id_zero_goes_to_the_oldest_request()
    {
        // An old kernel refusing a WATCH itself answers ERROR with req_id 0: the watch fails, nothing else.
        await using var peer = new ScriptedPeer((header, _) => header.Type == XenStoreMessageType.Watch
            ? XenStoreMessage.Encode(XenStoreMessageType.Error, 0, 0, "EINVAL\0"u8)
            : XenStoreMessage.Encode(header.Type, header.RequestId, 0, "v"u8));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var refused = await Assert.ThrowsAsync<XenStoreErrorException>(() => client.WatchAsync("/w", "tok").WaitAsync(Hang));

        Assert.Equal("EINVAL", refused.ErrorName);
        Assert.Equal(XenStoreMessageType.Watch, refused.RequestType);
        Assert.True(client.IsConnected);
        Assert.Equal("v", await client.ReadStringAsync("/x").WaitAsync(Hang));
    }

    [Fact]
    public async Task Every_watch_answered_with_id_zero_completes_its_own_request()
    {
        // An answered request is no longer outstanding: the second id-0 reply is the second watch's.
        await using var peer = new ScriptedPeer((header, payload) => header.Type == XenStoreMessageType.Watch
            ? [.. XenStoreMessage.Encode(XenStoreMessageType.Watch, 0, 0, "OK\0"u8), .. XenStoreMessage.Encode(XenStoreMessageType.WatchEvent, 0, 0, payload)]
            : XenStoreMessage.Encode(header.Type, header.RequestId, 0, "v"u8));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        await using var first = await client.WatchAsync("/a", "one").WaitAsync(Hang);
        await using var second = await client.WatchAsync("/b", "two").WaitAsync(Hang);

        Assert.Equal(new XenStoreWatchEvent("/a", "one"), await first.Events.ReadAsync());
        Assert.Equal(new XenStoreWatchEvent("/b", "two"), await second.Events.ReadAsync());
    }

    [Fact]
    public async Task An_error_name_without_its_terminator_is_kept_whole()
    {
        await using var peer = new ScriptedPeer((header, _) => XenStoreMessage.Encode(XenStoreMessageType.Error, header.RequestId, 0, "EQUOTA"u8));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => client.WriteAsync("/x", "v"));

        Assert.Equal("EQUOTA", error.ErrorName);
    }

    [Fact]
    public async Task A_watch_event_whose_token_has_no_terminator_is_delivered()
    {
        await using var peer = new ScriptedPeer((header, _) => header.Type == XenStoreMessageType.Watch
            ? [.. XenStoreMessage.Encode(XenStoreMessageType.Watch, header.RequestId, 0, "OK\0"u8), .. XenStoreMessage.Encode(XenStoreMessageType.WatchEvent, 0, 0, "/w\0tok"u8)]
            : XenStoreMessage.Encode(header.Type, header.RequestId, 0, "v"u8));
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);

        await using var watch = await client.WatchAsync("/w", "tok");

        Assert.Equal(new XenStoreWatchEvent("/w", "tok"), await watch.Events.ReadAsync().AsTask().WaitAsync(Hang));
        Assert.True(client.IsConnected);
    }
}
