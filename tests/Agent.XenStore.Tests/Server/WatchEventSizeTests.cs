using System.Text;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// A watch event is "&lt;path&gt;\0&lt;token&gt;\0": a long token on a watch high in the tree plus a
/// long path below it can exceed the 4096-byte payload limit, and C xenstored then drops the event
/// (send_event) rather than send a message no client accepts.
/// </summary>
public sealed class WatchEventSizeTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task An_event_over_4096_bytes_is_dropped_and_the_watch_keeps_firing()
    {
        using var watcher = await RawConnection.ConnectAsync(_store.Dom0Socket);
        var token = new string('t', 3800);
        await watcher.SendAsync(XenStoreMessageType.Watch, 1, "/w\0" + token + "\0");
        Assert.Equal(XenStoreMessageType.Watch, (await watcher.ReceiveAsync())!.Value.Header.Type);
        Assert.Equal(XenStoreMessageType.WatchEvent, (await watcher.ReceiveAsync())!.Value.Header.Type);

        // "/w/" and 292 bytes, a NUL, the token and a NUL make 4097 bytes, one too many. It is the
        // watcher's own write, so an event would come before the reply (RobustnessTests): none does.
        var tooLong = "/w/" + new string('a', 4097 - 3800 - 2 - 3);
        await watcher.SendAsync(XenStoreMessageType.Write, 2, 0, XenStorePayload.PathAndValue(tooLong, "1"u8));
        var reply = (await watcher.ReceiveAsync())!.Value;
        Assert.Equal(XenStoreMessageType.Write, reply.Header.Type);
        Assert.Equal(2u, reply.Header.RequestId);

        // One byte shorter fits exactly, and is delivered (before its reply).
        var longest = tooLong[..^1];
        await watcher.SendAsync(XenStoreMessageType.Write, 3, 0, XenStorePayload.PathAndValue(longest, "1"u8));
        var delivered = (await watcher.ReceiveAsync())!.Value;
        Assert.Equal(XenStoreMessageType.WatchEvent, delivered.Header.Type);
        Assert.Equal(XenStoreLimits.PayloadMax, delivered.Payload.Length);
        Assert.Equal(longest + "\0" + token + "\0", Encoding.Latin1.GetString(delivered.Payload));
        Assert.Equal(3u, (await watcher.ReceiveAsync())!.Value.Header.RequestId);
    }
}
