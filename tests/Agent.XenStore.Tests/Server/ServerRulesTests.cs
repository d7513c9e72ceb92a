using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>Guest quotas and access rules of the embedded server.</summary>
public sealed class ServerRulesTests
{
    [Fact]
    public async Task Guests_hit_their_node_quota_and_dom0_does_not()
    {
        await using var store = new EmbeddedXenStore(new XenStoreServerOptions { MaxNodesPerDomain = 20 });
        await using var guest = await store.GuestAsync();
        var owned = 3; // data, data/host, data/guest

        for (var i = owned; i < 20; i++)
        {
            await guest.WriteAsync($"data/n{i}", "v");
        }

        var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.WriteAsync("data/one-too-many", "v"));
        Assert.Equal("ENOSPC", error.ErrorName);
        await using var dom0 = await store.Dom0Async();
        await dom0.WriteAsync("/local/domain/7/data/from-dom0", "v");
    }

    [Fact]
    public async Task Concurrent_transactions_of_a_guest_cannot_together_pass_its_node_quota()
    {
        await using var store = new EmbeddedXenStore(new XenStoreServerOptions { MaxNodesPerDomain = 20 });
        var connections = new List<XenStoreClient>();
        var transactions = new List<XenStoreTransaction>();
        try
        {
            // Five connections, each with a transaction under its own directory (so none conflicts
            // with another) that alone fits: 3 + 5 owned + 5 new = 13 <= 20. Checked against their
            // snapshots only, all five would commit, 33 nodes in all.
            for (var c = 0; c < 5; c++)
            {
                var guest = await store.GuestAsync();
                connections.Add(guest);
                await guest.WriteAsync($"data/c{c}", "");
            }

            foreach (var (guest, c) in connections.Select((guest, c) => (guest, c)))
            {
                var transaction = await guest.BeginTransactionAsync();
                transactions.Add(transaction);
                for (var n = 0; n < 5; n++)
                {
                    await transaction.WriteAsync($"data/c{c}/n{n}", "v");
                }
            }

            var outcomes = new List<string>();
            foreach (var transaction in transactions)
            {
                try
                {
                    outcomes.Add(await transaction.CommitAsync() ? "committed" : "EAGAIN");
                }
                catch (XenStoreErrorException error)
                {
                    outcomes.Add(error.ErrorName);
                }
            }

            // 8 + 5 + 5 = 18 fit; a third would make 23.
            Assert.Equal(["committed", "committed", "ENOSPC", "ENOSPC", "ENOSPC"], outcomes);
            await using var dom0 = await store.Dom0Async();
            Assert.Equal(5, (await dom0.DirectoryAsync("/local/domain/7/data/c1")).Count);
            Assert.Empty(await dom0.DirectoryAsync("/local/domain/7/data/c2"));
            // The refused transactions are gone and count for nothing: exactly two more nodes fit.
            await connections[0].WriteAsync("data/fits", "v");
            await connections[0].WriteAsync("data/fits-too", "v");
            Assert.Equal("ENOSPC", (await Assert.ThrowsAsync<XenStoreErrorException>(() => connections[0].WriteAsync("data/over", "v"))).ErrorName);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_transaction_that_removes_more_than_it_creates_commits_at_the_quota()
    {
        // The creation is checked against the 5 nodes owned outside the transaction (C xenstored
        // 4.17), then another connection fills the quota (in data/host, which the transaction did not
        // touch, so it does not conflict): the commit's net change (-1) still fits.
        await using var store = new EmbeddedXenStore(new XenStoreServerOptions { MaxNodesPerDomain = 6 });
        await using var guest = await store.GuestAsync();
        await guest.WriteAsync("data/a", "v");
        await guest.WriteAsync("data/b", "v");
        await using var other = await store.GuestAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await transaction.WriteAsync("data/d", "v");
        await transaction.RemoveAsync("data/a");
        await transaction.RemoveAsync("data/b");
        await guest.WriteAsync("data/host/c", "v");

        Assert.True(await transaction.CommitAsync());
        await using var dom0 = await store.Dom0Async();
        Assert.Equal(["d", "guest", "host"], (await dom0.DirectoryAsync("/local/domain/7/data")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Guests_may_not_store_big_values_or_too_many_watches()
    {
        await using var store = new EmbeddedXenStore(new XenStoreServerOptions { MaxWatchesPerDomain = 2 });
        await using var guest = await store.GuestAsync();

        Assert.Equal("ENOSPC", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.WriteAsync("data/big", new byte[2100]))).ErrorName);
        // C xenstored refuses only once the count exceeds the quota: 2 + 1 watches.
        await guest.WatchAsync("data/a");
        await guest.WatchAsync("data/b");
        await guest.WatchAsync("data/c");
        Assert.Equal("E2BIG", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.WatchAsync("data/d"))).ErrorName);
    }

    [Fact]
    public async Task The_watch_quota_counts_every_connection_of_the_domain()
    {
        // C xenstored counts watches per domain (domain_watch), not per connection.
        await using var store = new EmbeddedXenStore(new XenStoreServerOptions { MaxWatchesPerDomain = 2 });
        await using var dom0 = await store.Dom0Async();
        await using var second = await store.GuestAsync();
        var first = await store.GuestAsync();
        await first.WatchAsync("data/a");
        await first.WatchAsync("data/b");
        await second.WatchAsync("data/c");

        Assert.Equal("E2BIG", (await Assert.ThrowsAsync<XenStoreErrorException>(() => second.WatchAsync("data/d"))).ErrorName);
        for (var i = 0; i < 4; i++)
        {
            await dom0.WatchAsync($"/dom0/watch{i}"); // dom0 has no quota
        }

        // The first connection's watches go with it.
        await first.DisposeAsync();
        await WaitForAsync(() => store.Server.ConnectionCount == 2);
        await second.WatchAsync("data/d");
        await second.WatchAsync("data/e");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task A_guest_cannot_grow_a_directory_record_past_the_limit_with_childrens_names()
    {
        // As C xenstored counts it: data/guest's record holds its children's names, so UUID-named
        // responses fill it after a few dozen, while dom0 may go on adding.
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        var written = 0;
        XenStoreErrorException? refused = null;
        while (refused is null && written < 1000)
        {
            try
            {
                await guest.WriteAsync($"data/guest/{Guid.NewGuid()}", "{}");
                written++;
            }
            catch (XenStoreErrorException exception)
            {
                refused = exception;
            }
        }

        Assert.Equal("ENOSPC", refused?.ErrorName);
        // 37 bytes per name (a UUID and its NUL) after the record's 24-byte header and 8-byte
        // permission entry: 32 + 54 × 37 = 2030 bytes, while a 55th would make 2067.
        Assert.Equal(54, written);
        await using var dom0 = await store.Dom0Async();
        await dom0.WriteAsync($"/local/domain/7/data/guest/{Guid.NewGuid()}", "from dom0");
    }

    [Fact]
    public async Task A_guest_may_hold_one_transaction_more_than_the_quota_as_in_C_xenstored()
    {
        await using var store = new EmbeddedXenStore(new XenStoreServerOptions { MaxTransactionsPerConnection = 2 });
        await using var guest = await store.GuestAsync();

        // do_transaction_start refuses only when more than the quota are already open.
        var open = new List<GuestAgent.XenStore.Client.XenStoreTransaction>();
        for (var i = 0; i < 3; i++)
        {
            open.Add(await guest.BeginTransactionAsync());
        }

        Assert.Equal("ENOSPC", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.BeginTransactionAsync())).ErrorName);
        await open[0].DisposeAsync();
        open.Add(await guest.BeginTransactionAsync());
        foreach (var transaction in open.Skip(1))
        {
            await transaction.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("data/absent", null)]              // writable parent: removing an absent node is fine
    [InlineData("data/missing/absent", "ENOENT")]  // the parent is missing too
    [InlineData("vm-data/absent", "EACCES")]       // readable, not writable: C xenstored looks it up for writing
    [InlineData("vm-data/missing/absent", "EACCES")]
    public async Task Removing_an_absent_node_needs_write_access_to_its_nearest_existing_ancestor(string path, string? error)
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();

        var thrown = await Record.ExceptionAsync(() => guest.RemoveAsync(path));

        Assert.Equal(error, (thrown as XenStoreErrorException)?.ErrorName);
        Assert.True(error is null == thrown is null, $"unexpected {thrown}");
    }

    [Fact]
    public async Task Removing_the_root_is_EINVAL_for_dom0_and_EACCES_for_a_guest()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await using var dom0 = await store.Dom0Async();

        Assert.Equal("EACCES", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.RemoveAsync("/"))).ErrorName);
        Assert.Equal("EINVAL", (await Assert.ThrowsAsync<XenStoreErrorException>(() => dom0.RemoveAsync("/"))).ErrorName);
    }

    [Theory]
    [InlineData("data/absent", "ENOENT")]
    [InlineData("vm-data/absent", "EACCES")]
    public async Task Setting_permissions_of_an_absent_node_needs_write_access_to_learn_it_is_absent(string path, string error)
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();

        var thrown = await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.SetPermissionsAsync(path, [GuestAgent.XenStore.Wire.XenStorePermission.Parse("n7")]));

        Assert.Equal(error, thrown.ErrorName);
    }

    [Fact]
    public async Task A_watcher_whose_read_access_is_revoked_hears_of_the_revocation()
    {
        // watch_permitted checks the permissions from before a SET_PERMS too.
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        store.Server.Write("/hidden/node", "x"u8); // /hidden inherits n0 from /: the guest cannot read it
        store.Server.SetPermissions("/hidden/node", GuestAgent.XenStore.Wire.XenStorePermission.Parse("r0"));
        await using var watch = await guest.WatchAsync("/hidden", "t");
        Assert.Equal("/hidden", (await watch.Events.ReadAsync()).Path);

        store.Server.SetPermissions("/hidden/node", GuestAgent.XenStore.Wire.XenStorePermission.Parse("n0"));
        store.Server.Write("/hidden/marker", "m"u8); // n0: unseen
        store.Server.SetPermissions("/hidden/marker", GuestAgent.XenStore.Wire.XenStorePermission.Parse("r0"));

        Assert.Equal("/hidden/node", (await watch.Events.ReadAsync()).Path);
        Assert.Equal("/hidden/marker", (await watch.Events.ReadAsync()).Path);
    }

    [Fact]
    public async Task Watch_events_are_filtered_by_read_permission()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        await using var watch = await guest.WatchAsync("/local/domain/0", "dom0");
        Assert.Equal("/local/domain/0", (await watch.Events.ReadAsync()).Path);

        store.Server.Write("/local/domain/0/private", "x"u8);
        store.Server.Write("/local/domain/0/public", "x"u8);
        store.Server.SetPermissions("/local/domain/0/public", GuestAgent.XenStore.Wire.XenStorePermission.Parse("r0"));

        Assert.Equal("/local/domain/0/public", (await watch.Events.ReadAsync()).Path);
    }
}
