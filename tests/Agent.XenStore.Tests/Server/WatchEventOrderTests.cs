using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// The order in which one change's events reach a connection: the order its watches were registered
/// (C xenstored's <c>fire_watches</c> walks each connection's watch list, which <c>add_watch</c>
/// appends to), not path depth, not token order. A removed watch re-added goes to the end. Every
/// event a request fires comes before its reply, so the events before a reply are that request's
/// alone. Raw connections: a client library could reorder or merge what it hands on.
/// </summary>
public sealed class WatchEventOrderTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Each_connection_hears_in_its_own_registration_order_whatever_the_others_registered()
    {
        using var first = await RawConnection.ConnectAsync(_store.Dom0Socket);
        using var second = await RawConnection.ConnectAsync(_store.Dom0Socket);
        // Interleaved registrations, deepest and shallowest mixed, on both connections.
        await first.WatchAsync(1, "/n/a/b", "f1");
        await second.WatchAsync(1, "/n/a", "s1");
        await first.WatchAsync(2, "/n", "f2");
        await second.WatchAsync(2, "/n/a/b/x/y", "s-below"); // below the change: never fires
        await first.WatchAsync(3, "/", "f3");
        await second.WatchAsync(3, "/n", "s2");
        await first.WatchAsync(4, "/n/a", "f4");
        await second.WatchAsync(4, "/n/a/b/x", "s3");

        var written = await first.EventsUntilReplyAsync(5, XenStoreMessageType.Write, "/n/a/b/x\0v");
        var heard = await second.EventsUntilReplyAsync(5, XenStoreMessageType.Read, "/n/a/b/x\0");

        Assert.Equal(["/n/a/b/x\0f1\0", "/n/a/b/x\0f2\0", "/n/a/b/x\0f3\0", "/n/a/b/x\0f4\0"], written);
        Assert.Equal(["/n/a/b/x\0s1\0", "/n/a/b/x\0s2\0", "/n/a/b/x\0s3\0"], heard);
    }

    [Fact]
    public async Task Watches_on_one_path_fire_in_registration_order_not_token_order()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.WatchAsync(1, "/same", "zulu");
        await raw.WatchAsync(2, "/same", "alpha");
        await raw.WatchAsync(3, "/same", "mike");

        var events = await raw.EventsUntilReplyAsync(4, XenStoreMessageType.Write, "/same\0v");

        Assert.Equal(["/same\0zulu\0", "/same\0alpha\0", "/same\0mike\0"], events);
    }

    [Fact]
    public async Task A_watch_removed_and_registered_again_fires_after_the_ones_registered_meanwhile()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.WatchAsync(1, "/r", "t1");
        await raw.WatchAsync(2, "/r/q", "t2");
        await raw.WatchAsync(3, "/r", "t3");
        Assert.Empty(await raw.EventsUntilReplyAsync(4, XenStoreMessageType.Unwatch, "/r\0t1\0"));
        await raw.WatchAsync(5, "/r", "t1");

        var events = await raw.EventsUntilReplyAsync(6, XenStoreMessageType.Write, "/r/q\0v");

        Assert.Equal(["/r/q\0t2\0", "/r/q\0t3\0", "/r/q\0t1\0"], events);
    }

    [Fact]
    public async Task An_unwatched_pair_fires_no_more_and_the_rest_keep_their_order()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.WatchAsync(1, "/u", "a");
        await raw.WatchAsync(2, "/u", "b");
        await raw.WatchAsync(3, "/u/v", "a");
        await raw.WatchAsync(4, "/", "c");
        Assert.Empty(await raw.EventsUntilReplyAsync(5, XenStoreMessageType.Unwatch, "/u\0a\0"));

        var events = await raw.EventsUntilReplyAsync(6, XenStoreMessageType.Write, "/u/v\0v");

        Assert.Equal(["/u/v\0b\0", "/u/v\0a\0", "/u/v\0c\0"], events);
    }

    [Fact]
    public async Task A_removed_subtree_fires_children_first_each_to_its_watches_in_registration_order()
    {
        _store.Server.Write("/d/a/b/c", "v"u8);
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.WatchAsync(1, "/d/a/b", "t1");
        await raw.WatchAsync(2, "/d", "t2");
        await raw.WatchAsync(3, "/d/a/b/c", "t3");
        await raw.WatchAsync(4, "/d/a/b", "t4");

        var events = await raw.EventsUntilReplyAsync(5, XenStoreMessageType.Remove, "/d/a\0");

        // The descendants match exact watches only; the removed root matches /d too.
        Assert.Equal(["/d/a/b/c\0t3\0", "/d/a/b\0t1\0", "/d/a/b\0t4\0", "/d/a\0t2\0"], events);
    }

    [Fact]
    public async Task Relative_and_absolute_watches_of_a_guest_fire_in_registration_order()
    {
        using var guest = await RawConnection.ConnectAsync(_store.GuestSocket);
        await guest.WatchAsync(1, EmbeddedXenStore.GuestHome + "/data/o", "absolute");
        await guest.WatchAsync(2, "data/o", "relative");
        await guest.WatchAsync(3, "data", "above");

        var events = await guest.EventsUntilReplyAsync(4, XenStoreMessageType.Write, "data/o/k\0v");

        Assert.Equal([EmbeddedXenStore.GuestHome + "/data/o/k\0absolute\0", "data/o/k\0relative\0", "data/o/k\0above\0"], events);
    }

    [Fact]
    public async Task A_special_paths_watches_fire_in_registration_order()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.WatchAsync(1, XenStorePath.ReleaseDomain, "zulu");
        await raw.WatchAsync(2, "/local", "nodes"); // the release's removals fire here, before @releaseDomain
        await raw.WatchAsync(3, XenStorePath.ReleaseDomain, "alpha");

        // The release's events follow its reply (as C xenstored 4.17 sends them): taken up to the next reply.
        await raw.SendAsync(XenStoreMessageType.Release, 4, "7\0");
        var events = await raw.EventsUntilReplyAsync(5, XenStoreMessageType.GetDomainPath, "0\0");

        Assert.Equal([$"{XenStorePath.ReleaseDomain}\0zulu\0", $"{XenStorePath.ReleaseDomain}\0alpha\0"], events[^2..]);
        Assert.NotEmpty(events[..^2]);
        Assert.All(events[..^2], e => Assert.StartsWith("/local/domain/7/", e, StringComparison.Ordinal));
    }
}
