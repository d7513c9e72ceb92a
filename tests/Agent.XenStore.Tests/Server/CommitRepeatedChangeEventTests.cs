using System.Globalization;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// What a commit fires for a node a transaction changed more than once, on the wire. C xenstored 4.17
/// keeps one record per node the transaction accessed, with a "fire watch" flag, and fires one event
/// per flagged node at the commit, in first-access order (<c>finalize_transaction</c>): however many
/// times a node was written, removed, re-created or had its permissions set, a watcher hears of it
/// once, if at all, and who hears depends on the node's entries at first access and now, never on
/// those it had in between. A node only ever changed as a removed subtree's descendant fires exact
/// watches only; any other change to it lets recursive watches fire too.
/// </summary>
public sealed class CommitRepeatedChangeEventTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task A_node_written_many_times_fires_once_per_watch_in_first_access_order()
    {
        _store.Server.Write("/m", []);
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await dom0.WatchAsync(1, "/m", "m");
        await dom0.WatchAsync(2, "/m/a", "a");
        var transaction = await StartAsync(dom0, 3);
        var requestId = 10u;
        for (var i = 0; i < 200; i++)
        {
            Assert.Empty(await dom0.EventsUntilReplyAsync(requestId++, XenStoreMessageType.Write, $"/m/a\0{i}", transaction));
            if (i == 100)
            {
                Assert.Empty(await dom0.EventsUntilReplyAsync(requestId++, XenStoreMessageType.Write, "/m/b\0b", transaction));
            }
        }

        var events = await dom0.EventsUntilReplyAsync(requestId, XenStoreMessageType.TransactionEnd, "T\0", transaction);

        Assert.Equal(["/m/a\0m\0", "/m/a\0a\0", "/m/b\0m\0"], events);
        Assert.Equal("199"u8.ToArray(), _store.Server.TryRead("/m/a"));
    }

    [Fact]
    public async Task Write_remove_write_fires_once_and_whoever_could_read_the_node_at_first_access_hears()
    {
        _store.Server.Write("/w/n", "0"u8);
        _store.Server.SetPermissions("/w/n", XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7"));
        _store.Server.Write("/w/gone", "0"u8);
        _store.Server.SetPermissions("/w/gone", XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7"));
        using var guest = await RawConnection.ConnectAsync(_store.GuestSocket);
        await guest.WatchAsync(1, "/w", "g");
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await dom0.WatchAsync(1, "/w", "w");
        await dom0.WatchAsync(2, "/w/n", "n");
        await dom0.WatchAsync(3, "/w/gone", "gone");
        var transaction = await StartAsync(dom0, 4);

        // /w/n ends re-created by dom0, with /w's entries (n0): the guest may read it only as it was.
        // /w/gone ends removed; /w/fresh is new and never readable by the guest.
        var requestId = 10u;
        foreach (var (type, payload) in new[]
        {
            (XenStoreMessageType.Write, "/w/n\01"), (XenStoreMessageType.Remove, "/w/n\0"), (XenStoreMessageType.Write, "/w/n\02"),
            (XenStoreMessageType.Write, "/w/fresh\01"), (XenStoreMessageType.Write, "/w/gone\01"), (XenStoreMessageType.Remove, "/w/fresh\0"),
            (XenStoreMessageType.Remove, "/w/gone\0"), (XenStoreMessageType.Write, "/w/fresh\02"), (XenStoreMessageType.Write, "/w/gone\02"),
            (XenStoreMessageType.Write, "/w/n\03"), (XenStoreMessageType.Remove, "/w/gone\0"),
        })
        {
            Assert.Empty(await dom0.EventsUntilReplyAsync(requestId++, type, payload, transaction));
        }

        var events = await dom0.EventsUntilReplyAsync(requestId, XenStoreMessageType.TransactionEnd, "T\0", transaction);

        Assert.Equal(["/w/n\0w\0", "/w/n\0n\0", "/w/fresh\0w\0", "/w/gone\0w\0", "/w/gone\0gone\0"], events);
        Assert.Equal(["/w/n\0g\0", "/w/gone\0g\0"], await guest.EventsUntilReplyAsync(2, XenStoreMessageType.GetDomainPath, "7\0"));
        Assert.Null(_store.Server.TryRead("/w/gone"));
    }

    [Fact]
    public async Task A_removed_subtree_then_written_inside_fires_recursive_watches_only_for_what_was_written()
    {
        _store.Server.Write("/s/x/y/z", "v"u8);
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await dom0.WatchAsync(1, "/s", "s");
        await dom0.WatchAsync(2, "/s/x/y", "y");
        await dom0.WatchAsync(3, "/s/x/y/z", "z");
        var transaction = await StartAsync(dom0, 4);
        Assert.Empty(await dom0.EventsUntilReplyAsync(5, XenStoreMessageType.Remove, "/s/x\0", transaction));
        Assert.Empty(await dom0.EventsUntilReplyAsync(6, XenStoreMessageType.Write, "/s/x/y\0new", transaction));

        var events = await dom0.EventsUntilReplyAsync(7, XenStoreMessageType.TransactionEnd, "T\0", transaction);

        // /s/x/y/z was only removed as a descendant: exact watches only. /s/x/y was written after its
        // removal as a descendant, so the watch on /s hears of it too; /s/x, re-created only as an
        // intermediate node, fires for its removal as the subtree's root.
        Assert.Equal(["/s/x\0s\0", "/s/x/y\0s\0", "/s/x/y\0y\0", "/s/x/y/z\0z\0"], events);
    }

    [Fact]
    public async Task A_subtree_removed_twice_around_a_write_below_it_fires_each_node_once()
    {
        _store.Server.Write("/t/x/y", "v"u8);
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await dom0.WatchAsync(1, "/t", "t");
        await dom0.WatchAsync(2, "/t/x/y", "y");
        await dom0.WatchAsync(3, "/t/x/y/z", "z");
        var transaction = await StartAsync(dom0, 4);
        Assert.Empty(await dom0.EventsUntilReplyAsync(5, XenStoreMessageType.Remove, "/t/x\0", transaction));
        Assert.Empty(await dom0.EventsUntilReplyAsync(6, XenStoreMessageType.Write, "/t/x/y/z\0new", transaction));
        Assert.Empty(await dom0.EventsUntilReplyAsync(7, XenStoreMessageType.Remove, "/t/x\0", transaction));

        var events = await dom0.EventsUntilReplyAsync(8, XenStoreMessageType.TransactionEnd, "T\0", transaction);

        // /t/x/y/z was created and removed in the transaction: it fires for nobody. /t/x/y existed at
        // first access and was only ever removed as a descendant: exact watches only.
        Assert.Equal(["/t/x\0t\0", "/t/x/y\0y\0"], events);
    }

    [Fact]
    public async Task Permissions_set_between_writes_count_only_as_they_were_at_first_access_and_are_at_the_commit()
    {
        var guest8Socket = Path.Combine(_store.Directory, "guest8.sock");
        _store.Server.Listen(guest8Socket, XenStoreIdentity.Guest(8)); // domain 8 exists from here on
        _store.Server.Write("/p/a", "0"u8);
        _store.Server.SetPermissions("/p/a", XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7"));
        _store.Server.Write("/p/b", "0"u8);
        _store.Server.SetPermissions("/p/b", XenStorePermission.Parse("n0"), XenStorePermission.Parse("r8"));
        _store.Server.Write("/p/c", "0"u8); // n0 from /, as /p: neither guest may read it or its parent
        using var guest7 = await RawConnection.ConnectAsync(_store.GuestSocket);
        await guest7.WatchAsync(1, "/p", "g7");
        using var guest8 = await RawConnection.ConnectAsync(guest8Socket);
        await guest8.WatchAsync(1, "/p", "g8");
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await dom0.WatchAsync(1, "/p", "d");
        var transaction = await StartAsync(dom0, 2);

        var requestId = 10u;
        foreach (var (type, payload) in new[]
        {
            (XenStoreMessageType.Write, "/p/a\01"), (XenStoreMessageType.Write, "/p/b\01"),
            (XenStoreMessageType.Write, "/p/c\01"), (XenStoreMessageType.Write, "/p/d\01"),
            (XenStoreMessageType.SetPermissions, "/p/a\0n0\0r8\0"), // a: 7 at first access, 8 now
            (XenStoreMessageType.SetPermissions, "/p/b\0n0\0r7\0"), // b: 8 at first access, 7 in between
            (XenStoreMessageType.SetPermissions, "/p/c\0n0\0r7\0r8\0"), // c: both in between only
            (XenStoreMessageType.SetPermissions, "/p/d\0n0\0r7\0"), // d: created, 7 now
            (XenStoreMessageType.Write, "/p/a\02"), (XenStoreMessageType.Write, "/p/b\02"),
            (XenStoreMessageType.Write, "/p/c\02"), (XenStoreMessageType.Write, "/p/d\02"),
            (XenStoreMessageType.SetPermissions, "/p/b\0n0\0"),
            (XenStoreMessageType.SetPermissions, "/p/c\0n0\0"),
            (XenStoreMessageType.Write, "/p/b\03"), (XenStoreMessageType.Write, "/p/c\03"),
        })
        {
            Assert.Empty(await dom0.EventsUntilReplyAsync(requestId++, type, payload, transaction));
        }

        var events = await dom0.EventsUntilReplyAsync(requestId, XenStoreMessageType.TransactionEnd, "T\0", transaction);

        Assert.Equal(["/p/a\0d\0", "/p/b\0d\0", "/p/c\0d\0", "/p/d\0d\0"], events);
        Assert.Equal(["/p/a\0g7\0", "/p/d\0g7\0"], await guest7.EventsUntilReplyAsync(2, XenStoreMessageType.GetDomainPath, "7\0"));
        Assert.Equal(["/p/a\0g8\0", "/p/b\0g8\0"], await guest8.EventsUntilReplyAsync(2, XenStoreMessageType.GetDomainPath, "8\0"));
    }

    [Fact]
    public async Task A_guest_writing_one_node_many_times_leaves_one_entry_queued_for_the_commit()
    {
        var node = EmbeddedXenStore.GuestHome + "/data/guest/n";
        using var guest = await RawConnection.ConnectAsync(_store.GuestSocket);
        var transaction = await StartAsync(guest, 1);
        for (var i = 0; i < 2000; i++)
        {
            Assert.Empty(await guest.EventsUntilReplyAsync((uint)i + 10, XenStoreMessageType.Write, $"data/guest/n\0{i}", transaction));
        }

        // Re-touching a node is free for the transaction-node quota: only one entry per node keeps
        // what the guest makes dom0 hold within it.
        Assert.Equal([(node, false)], WatchesToFire(EmbeddedXenStore.GuestDomain, transaction));
    }

    [Fact]
    public async Task The_queue_holds_one_entry_per_node_exact_only_while_every_change_was_a_removed_descendants()
    {
        _store.Server.Write("/u/x/y/z", "v"u8);
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        var transaction = await StartAsync(dom0, 1);
        var requestId = 10u;
        for (var round = 0; round < 50; round++)
        {
            foreach (var (type, payload) in new[]
            {
                (XenStoreMessageType.Write, "/u/a\0v"), (XenStoreMessageType.Remove, "/u/a\0"), (XenStoreMessageType.Write, "/u/a\0w"),
                (XenStoreMessageType.SetPermissions, "/u/a\0n0\0r7\0"), (XenStoreMessageType.Remove, "/u/x\0"), (XenStoreMessageType.Mkdir, "/u/x/y\0"),
            })
            {
                Assert.Empty(await dom0.EventsUntilReplyAsync(requestId++, type, payload, transaction));
            }
        }

        // /u/x/y was re-created (a change of its own) after its first removal as a descendant;
        // /u/x/y/z only ever went with the subtree.
        Assert.Equal(
            [("/u/a", false), ("/u/x", false), ("/u/x/y", false), ("/u/x/y/z", true)],
            WatchesToFire(0, transaction).OrderBy(entry => entry.Path, StringComparer.Ordinal));
    }

    private static async Task<uint> StartAsync(RawConnection raw, uint requestId)
    {
        await raw.SendAsync(XenStoreMessageType.TransactionStart, requestId, "\0");
        return uint.Parse((await raw.ReplyAsync(requestId)).Payload.TrimEnd('\0'), CultureInfo.InvariantCulture);
    }

    // What the transaction holds for its commit (no reply shows it): each node and whether only
    // exact watches match.
    private List<(string Path, bool ExactOnly)> WatchesToFire(uint domainId, uint transaction)
    {
        var state = _store.Server.State;
        lock (state.Gate)
        {
            var connection = state.Connections.Single(c => c.Identity.DomainId == domainId);
            return [.. connection.Transactions[transaction].WatchesToFire.Select(entry => (entry.Key, entry.Value))];
        }
    }
}
