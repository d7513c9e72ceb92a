using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// Which watchers hear of the nodes a removal deletes. C xenstored 4.17 fires while deleting, children
/// first, so a deleted node's event goes to a watcher who may read the node or its parent as they
/// were; in a transaction it fires on commit, when only the node's own entries count.
/// </summary>
public sealed class SubtreeRemovalEventTests
{
    [Fact]
    public async Task A_watcher_who_may_read_a_deleted_nodes_parent_hears_of_it()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        CreateTree(store); // the guest may read /tree/a, not /tree/a/b
        await using var watch = await WatchAsync(guest, "/tree/a/b");

        store.Server.Remove("/tree/a");
        MarkSeen(store, "/tree/a/b/marker");

        Assert.Equal("/tree/a/b", (await watch.Events.ReadAsync()).Path);
        Assert.Equal("/tree/a/b/marker", (await watch.Events.ReadAsync()).Path);
    }

    [Fact]
    public async Task A_watcher_who_may_read_neither_the_node_nor_its_parent_does_not()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        CreateTree(store);
        store.Server.Write("/tree/a/b/c", "c"u8); // inherits n0 from /tree/a/b
        await using var watch = await WatchAsync(guest, "/tree/a/b/c");

        store.Server.Remove("/tree/a");
        MarkSeen(store, "/tree/a/b/c/marker");

        Assert.Equal("/tree/a/b/c/marker", (await watch.Events.ReadAsync()).Path);
    }

    [Fact]
    public async Task The_removed_roots_parent_counts_too()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        CreateTree(store);
        await using var watch = await WatchAsync(guest, "/tree/a/b");

        store.Server.Remove("/tree/a/b");
        MarkSeen(store, "/tree/a/b/marker");

        Assert.Equal("/tree/a/b", (await watch.Events.ReadAsync()).Path);
        Assert.Equal("/tree/a/b/marker", (await watch.Events.ReadAsync()).Path);
    }

    [Fact]
    public async Task In_a_transaction_only_the_deleted_nodes_own_entries_count()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await using var dom0 = await store.Dom0Async();
        CreateTree(store);
        await using var watch = await WatchAsync(guest, "/tree/a/b");

        await using (var transaction = await dom0.BeginTransactionAsync())
        {
            await transaction.RemoveAsync("/tree/a");
            await transaction.CommitAsync();
        }

        MarkSeen(store, "/tree/a/b/marker");

        Assert.Equal("/tree/a/b/marker", (await watch.Events.ReadAsync()).Path);
    }

    // /tree/a readable by guest 7, /tree/a/b not.
    private static void CreateTree(EmbeddedXenStore store)
    {
        store.Server.Write("/tree/a/b", "b"u8);
        store.Server.SetPermissions("/tree/a", XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7"));
        store.Server.SetPermissions("/tree/a/b", XenStorePermission.Parse("n0"));
    }

    // A node the guest may read, whose event marks that everything before it has been delivered.
    private static void MarkSeen(EmbeddedXenStore store, string path)
    {
        store.Server.Write(path, "m"u8); // created with n0: unseen
        store.Server.SetPermissions(path, XenStorePermission.Parse("r0"));
    }

    private static async Task<XenStoreWatch> WatchAsync(XenStoreClient guest, string path)
    {
        var watch = await guest.WatchAsync(path, "t");
        Assert.Equal(path, (await watch.Events.ReadAsync()).Path);
        return watch;
    }
}
