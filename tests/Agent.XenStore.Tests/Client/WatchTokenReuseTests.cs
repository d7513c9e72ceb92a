using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>
/// <see cref="XenStoreWatch.DisposeAsync"/> returns before the UNWATCH reply, so a watch registered
/// again with the same token right after it could receive the events the server fired for the old
/// watch before it handled the UNWATCH (libxenstore's xs_unwatch waits for the reply and then purges
/// the token's queued events). The connection drops a token's events until that reply is read.
/// </summary>
/// <remarks>
/// The peer sends the wire sequence a server may legitimately send (its output order is its
/// processing order: the old watch's event, the UNWATCH reply, the WATCH reply, the initial event);
/// it only sends the first two once the new WATCH is in, which pins the schedule the race allows
/// (and would hang a client that waited for the UNWATCH reply before registering the new watch).
/// </remarks>
public sealed class WatchTokenReuseTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_watch_registered_again_with_the_token_of_a_disposed_one_hears_nothing_of_the_old_one()
    {
        uint unwatchId = 0;
        await using var peer = new ScriptedPeer((header, payload) =>
        {
            var parts = XenStorePayload.Split(payload);
            switch (header.Type)
            {
                case XenStoreMessageType.Watch when parts[0] == "/a":
                    return [.. XenStoreMessage.Encode(header.Type, header.RequestId, 0, "OK\0"u8), .. Event("/a", parts[1])];
                case XenStoreMessageType.Unwatch:
                    unwatchId = header.RequestId;
                    return [];
                case XenStoreMessageType.Watch:
                    return [
                        .. Event("/a/late", parts[1]),
                        .. XenStoreMessage.Encode(XenStoreMessageType.Unwatch, unwatchId, 0, "OK\0"u8),
                        .. XenStoreMessage.Encode(header.Type, header.RequestId, 0, "OK\0"u8),
                        .. Event(parts[0], parts[1])];
                default:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, "OK\0"u8);
            }
        });
        await using var client = await XenStoreClient.ConnectAsync(peer.SocketPath);
        var old = await client.WatchAsync("/a", "tok");
        Assert.Equal("/a", (await old.Events.ReadAsync().AsTask().WaitAsync(Hang)).Path);

        await old.DisposeAsync();
        await using var again = await client.WatchAsync("/b", "tok").WaitAsync(Hang);

        Assert.Equal(new XenStoreWatchEvent("/b", "tok"), await again.Events.ReadAsync().AsTask().WaitAsync(Hang));
    }

    private static byte[] Event(string path, string token) =>
        XenStoreMessage.Encode(XenStoreMessageType.WatchEvent, 0, 0, XenStorePayload.Strings(path, token));
}
