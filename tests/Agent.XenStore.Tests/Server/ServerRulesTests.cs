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
    public async Task Guests_may_not_store_big_values_or_too_many_watches()
    {
        await using var store = new EmbeddedXenStore(new XenStoreServerOptions { MaxWatchesPerConnection = 2 });
        await using var guest = await store.GuestAsync();

        Assert.Equal("ENOSPC", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.WriteAsync("data/big", new byte[2100]))).ErrorName);
        await guest.WatchAsync("data/a");
        await guest.WatchAsync("data/b");
        Assert.Equal("E2BIG", (await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.WatchAsync("data/c"))).ErrorName);
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
