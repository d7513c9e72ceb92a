using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// Who hears of a transaction's changes. C xenstored 4.17 (<c>finalize_transaction</c>) commits the
/// nodes one at a time in the order the transaction first accessed them and fires each node's watches
/// right after its own commit, letting a watcher see the change if it may read the node as it was at
/// the transaction's first access, or as it is now, or (when the node exists now) its parent as it
/// is now, which for a parent the transaction accessed later is still the parent before the commit.
/// The permissions a node had in between, at each change, do not count.
/// </summary>
public sealed class CommitEventPermissionTests
{
    [Fact]
    public async Task Access_granted_and_taken_back_within_the_transaction_shows_the_guest_nothing()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await using var dom0 = await store.Dom0Async();
        store.Server.Write("/tx/a", "a"u8); // n0 from /: the guest may read neither /tx nor /tx/a
        await using var watch = await WatchAsync(guest, "/tx/a");

        await using (var transaction = await dom0.BeginTransactionAsync())
        {
            await transaction.SetPermissionsAsync("/tx/a", [XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7")]);
            await transaction.SetPermissionsAsync("/tx/a", [XenStorePermission.Parse("n0")]);
            Assert.True(await transaction.CommitAsync());
        }

        MarkSeen(store, "/tx/a/marker");

        Assert.Equal("/tx/a/marker", (await watch.Events.ReadAsync()).Path);
    }

    [Fact]
    public async Task A_node_created_and_removed_within_the_transaction_fires_for_nobody_not_even_dom0()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await using var dom0 = await store.Dom0Async();
        store.Server.Write("/tx", "p"u8);
        store.Server.SetPermissions("/tx", XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7")); // the guest may read the parent
        await using var guestWatch = await WatchAsync(guest, "/tx/gone");
        await using var watcher = await store.Dom0Async();
        await using var dom0Watch = await WatchAsync(watcher, "/tx/gone");

        await using (var transaction = await dom0.BeginTransactionAsync())
        {
            await transaction.WriteAsync("/tx/gone", "x");
            await transaction.RemoveAsync("/tx/gone");
            Assert.True(await transaction.CommitAsync());
        }

        MarkSeen(store, "/tx/gone/marker");

        Assert.Equal("/tx/gone/marker", (await guestWatch.Events.ReadAsync()).Path);
        Assert.Equal("/tx/gone/marker", (await dom0Watch.Events.ReadAsync()).Path);
    }

    [Fact]
    public async Task A_parent_the_transaction_accessed_later_counts_as_it_was_before_the_commit()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await using var dom0 = await store.Dom0Async();
        store.Server.Write("/tx/b", "b"u8);
        store.Server.SetPermissions("/tx", XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7")); // readable by the guest
        store.Server.SetPermissions("/tx/b", XenStorePermission.Parse("n0")); // not
        await using var watch = await WatchAsync(guest, "/tx/b");

        // /tx/b is accessed first, so it is committed and fires while /tx still reads as the guest's.
        await using (var transaction = await dom0.BeginTransactionAsync())
        {
            await transaction.WriteAsync("/tx/b", "changed");
            await transaction.SetPermissionsAsync("/tx", [XenStorePermission.Parse("n0")]);
            Assert.True(await transaction.CommitAsync());
        }

        MarkSeen(store, "/tx/b/marker");

        Assert.Equal("/tx/b", (await watch.Events.ReadAsync()).Path);
        Assert.Equal("/tx/b/marker", (await watch.Events.ReadAsync()).Path);
    }

    [Fact]
    public async Task A_node_the_guest_could_read_when_the_transaction_first_touched_it_fires_for_the_guest()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await using var dom0 = await store.Dom0Async();
        store.Server.Write("/tx/c", "c"u8);
        store.Server.SetPermissions("/tx/c", XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7"));
        await using var watch = await WatchAsync(guest, "/tx/c");

        // Read first, then made unreadable and written: the write itself was never readable by the guest.
        await using (var transaction = await dom0.BeginTransactionAsync())
        {
            Assert.Equal("c"u8.ToArray(), await transaction.ReadAsync("/tx/c"));
            await transaction.SetPermissionsAsync("/tx/c", [XenStorePermission.Parse("n0")]);
            await transaction.WriteAsync("/tx/c", "secret");
            Assert.True(await transaction.CommitAsync());
        }

        MarkSeen(store, "/tx/c/marker");

        Assert.Equal("/tx/c", (await watch.Events.ReadAsync()).Path);
        Assert.Equal("/tx/c/marker", (await watch.Events.ReadAsync()).Path);
    }

    [Fact]
    public async Task A_node_removed_in_the_transaction_is_not_told_through_its_parent()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await using var dom0 = await store.Dom0Async();
        store.Server.Write("/tx/d", "d"u8);
        store.Server.SetPermissions("/tx", XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7")); // readable by the guest
        store.Server.SetPermissions("/tx/d", XenStorePermission.Parse("n0")); // not
        await using var watch = await WatchAsync(guest, "/tx/d");

        // Outside a transaction the parent would count (C fires while deleting); at a commit C finds
        // the node gone and checks only the entries it had at the transaction's first access.
        await using (var transaction = await dom0.BeginTransactionAsync())
        {
            await transaction.RemoveAsync("/tx/d");
            Assert.True(await transaction.CommitAsync());
        }

        MarkSeen(store, "/tx/d/marker");

        Assert.Equal("/tx/d/marker", (await watch.Events.ReadAsync()).Path);
    }

    [Fact]
    public async Task Read_access_granted_in_the_transaction_lets_the_guest_hear_of_the_commit()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await using var dom0 = await store.Dom0Async();
        store.Server.Write("/tx/e", "e"u8); // n0 from /: unreadable by the guest until the commit
        await using var watch = await WatchAsync(guest, "/tx/e");

        await using (var transaction = await dom0.BeginTransactionAsync())
        {
            await transaction.SetPermissionsAsync("/tx/e", [XenStorePermission.Parse("n0"), XenStorePermission.Parse("r7")]);
            Assert.True(await transaction.CommitAsync());
        }

        MarkSeen(store, "/tx/e/marker");

        Assert.Equal("/tx/e", (await watch.Events.ReadAsync()).Path);
        Assert.Equal("/tx/e/marker", (await watch.Events.ReadAsync()).Path);
    }

    // A node the guest may read, whose event marks that everything before it has been delivered.
    private static void MarkSeen(EmbeddedXenStore store, string path)
    {
        store.Server.Write(path, "m"u8); // created with its parent's entries: maybe unseen
        store.Server.SetPermissions(path, XenStorePermission.Parse("r0"));
    }

    private static async Task<XenStoreWatch> WatchAsync(XenStoreClient client, string path)
    {
        var watch = await client.WatchAsync(path, "t");
        Assert.Equal(path, (await watch.Events.ReadAsync()).Path);
        return watch;
    }
}
