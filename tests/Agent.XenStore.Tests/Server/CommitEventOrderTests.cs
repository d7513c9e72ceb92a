using System.Globalization;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// The order of a commit's watch events. C xenstored (<c>finalize_transaction</c>) fires them walking
/// the nodes the transaction accessed, in the order of their first access, reads included, one event
/// per node: not in path order, and not in the order of the writes when a node was read before
/// others were written. A subtree removed in a transaction so fires from its root down, where a
/// removal outside one fires children first, as it deletes.
/// </summary>
public sealed class CommitEventOrderTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task A_node_read_before_others_were_written_fires_first_as_pyxs_sees_it()
    {
        _store.Server.Write("/o/b", "0"u8);
        var output = await Pyxs.RunAsync(_store.Dom0Socket, """
            import sys, pyxs
            c = pyxs.Client(unix_socket_path=sys.argv[1]); c.connect()
            m = c.monitor()
            m.watch(b"/o", b"tok")
            events = m.wait()
            print(tuple(next(events)))
            w = pyxs.Client(unix_socket_path=sys.argv[1]); w.connect()
            w.transaction()
            w.read(b"/o/b")
            w.write(b"/o/a", b"1")
            w.write(b"/o/b", b"2")
            w.write(b"/o/c", b"3")
            print(w.commit())
            for _ in range(3):
                print(tuple(next(events)))
            w.close(); c.close()
            """);

        Assert.Equal("(b'/o', b'tok')\nTrue\n(b'/o/b', b'tok')\n(b'/o/a', b'tok')\n(b'/o/c', b'tok')\n", output);
    }

    [Fact]
    public async Task Written_nodes_fire_in_the_order_the_transaction_first_touched_them_not_in_path_order()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.WatchAsync(1, "/p", "tok");
        var transaction = await StartAsync(raw, 2);
        foreach (var (id, path) in new[] { (3u, "/p/z"), (4u, "/p/a"), (5u, "/p/m"), (6u, "/p/z") })
        {
            Assert.Empty(await raw.EventsUntilReplyAsync(id, XenStoreMessageType.Write, path + "\0v", transaction));
        }

        var events = await raw.EventsUntilReplyAsync(7, XenStoreMessageType.TransactionEnd, "T\0", transaction);

        Assert.Equal(["/p/z\0tok\0", "/p/a\0tok\0", "/p/m\0tok\0"], events);
    }

    [Fact]
    public async Task A_subtree_removed_in_a_transaction_fires_from_its_root_down_and_outside_one_children_first()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.WatchAsync(1, "/r", "root");
        await raw.WatchAsync(2, "/r/x/y", "y");
        await raw.WatchAsync(3, "/r/x/y/z", "z");
        var expectedInOrder = new[] { "/r/x\0root\0", "/r/x/y\0y\0", "/r/x/y/z\0z\0" };

        _store.Server.Write("/r/x/y/z", "v"u8);
        await raw.EventsUntilReplyAsync(4, XenStoreMessageType.Read, "/r\0");
        var transaction = await StartAsync(raw, 5);
        Assert.Empty(await raw.EventsUntilReplyAsync(6, XenStoreMessageType.Remove, "/r/x\0", transaction));
        Assert.Equal(expectedInOrder, await raw.EventsUntilReplyAsync(7, XenStoreMessageType.TransactionEnd, "T\0", transaction));

        _store.Server.Write("/r/x/y/z", "v"u8);
        await raw.EventsUntilReplyAsync(8, XenStoreMessageType.Read, "/r\0");
        Assert.Equal(Enumerable.Reverse(expectedInOrder), await raw.EventsUntilReplyAsync(9, XenStoreMessageType.Remove, "/r/x\0"));
    }

    [Fact]
    public async Task A_node_written_and_then_removed_with_its_parent_still_fires_recursive_watches()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.WatchAsync(1, "/s", "s");
        _store.Server.Write("/s/x/y", "v"u8);
        await raw.EventsUntilReplyAsync(2, XenStoreMessageType.Read, "/s\0");
        var transaction = await StartAsync(raw, 3);
        Assert.Empty(await raw.EventsUntilReplyAsync(4, XenStoreMessageType.Write, "/s/x/y\0w", transaction));
        Assert.Empty(await raw.EventsUntilReplyAsync(5, XenStoreMessageType.Remove, "/s/x\0", transaction));

        // Removing /s/x alone would tell only exact watchers of /s/x/y; C's queue_watches lets an
        // earlier change that fires recursive watches stand (an exact event never replaces one).
        Assert.Equal(["/s/x/y\0s\0", "/s/x\0s\0"], await raw.EventsUntilReplyAsync(6, XenStoreMessageType.TransactionEnd, "T\0", transaction));
    }

    private static async Task<uint> StartAsync(RawConnection raw, uint requestId)
    {
        await raw.SendAsync(XenStoreMessageType.TransactionStart, requestId, "\0");
        return uint.Parse((await raw.ReplyAsync(requestId)).Payload.TrimEnd('\0'), CultureInfo.InvariantCulture);
    }
}
