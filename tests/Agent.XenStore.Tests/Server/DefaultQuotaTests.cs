using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// A server with no options set gives a guest C xenstored 4.17's default quotas (xenstore-protocol.md
/// §8: 1000 nodes, 128 watches, 10 transactions), each refused only once exceeded as C does. The
/// other tests set their quotas low; these are the only ones that reach the defaults themselves.
/// </summary>
public sealed class DefaultQuotaTests
{
    [Fact]
    public async Task A_guest_owns_1000_nodes_written_by_the_Xen_projects_own_client_and_not_one_more()
    {
        await using var store = new EmbeddedXenStore();
        // The guest already owns data, data/host and data/guest. 997 more: 30 directories made by
        // the writes of 967 values into them (spread out, since a directory's record holds its
        // children's names and must stay below 2048 bytes). xenstore-write takes many pairs in one
        // run, each relative path written under the guest's home, in one transaction: C xenstored
        // 4.17 refuses a commit whose net growth reaches the quota (as run here: "couldn't end
        // transaction", nothing written), so the last node is written alone.
        var pairs = Enumerable.Range(0, 967).SelectMany(n => new[] { $"data/d{n % 30}/n{n}", "v" }).ToArray();
        var reaching = await XenStoreTools.RunAsync(store.GuestSocket, "xenstore-write", pairs);
        Assert.NotEqual(0, reaching.ExitCode);
        Assert.Contains("couldn't end transaction", reaching.StandardError, StringComparison.Ordinal);
        Assert.Null(store.Server.TryRead(EmbeddedXenStore.GuestHome + "/data/d0"));
        await XenStoreTools.SucceedAsync(store.GuestSocket, "xenstore-write", pairs[..^2]);
        await XenStoreTools.SucceedAsync(store.GuestSocket, "xenstore-write", pairs[^2..]);

        var refused = await XenStoreTools.RunAsync(store.GuestSocket, "xenstore-write", "data/d0/one-too-many", "v");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("could not write path data/d0/one-too-many", refused.StandardError, StringComparison.Ordinal);
        Assert.Null(store.Server.TryRead(EmbeddedXenStore.GuestHome + "/data/d0/one-too-many"));
        Assert.Equal("v"u8.ToArray(), store.Server.TryRead(EmbeddedXenStore.GuestHome + "/data/d6/n966"));
        await using var guest = await store.GuestAsync();
        Assert.Equal("ENOSPC", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.WriteAsync("data/d1/one-too-many", "v"))).ErrorName);
    }

    [Fact]
    public async Task A_guest_may_hold_129_watches_and_not_130()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        for (var i = 0; i < 129; i++)
        {
            await guest.WatchAsync($"data/w{i}");
        }

        var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.WatchAsync("data/one-too-many"));

        Assert.Equal("E2BIG", error.ErrorName);
    }

    [Fact]
    public async Task A_guest_connection_may_hold_11_transactions_and_not_12_and_the_error_says_so()
    {
        await using var store = new EmbeddedXenStore();
        await using var guest = await store.GuestAsync();
        var open = new List<XenStoreTransaction>();
        try
        {
            for (var i = 0; i < 11; i++)
            {
                open.Add(await guest.BeginTransactionAsync());
            }

            var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.BeginTransactionAsync());

            Assert.Equal("ENOSPC", error.ErrorName);
            // A request without a path: the message names the request and the error, for the log.
            Assert.Equal("XenStore TransactionStart failed: ENOSPC", error.Message);
            Assert.Null(error.Path);
        }
        finally
        {
            foreach (var transaction in open)
            {
                await transaction.DisposeAsync();
            }
        }
    }
}
