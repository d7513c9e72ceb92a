using System.Text;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>Our client against the embedded server.</summary>
public sealed class XenStoreClientTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Reads_writes_lists_and_removes()
    {
        await using var client = await _store.Dom0Async();
        byte[] binary = [0, 1, 2, 255, 0];

        await client.WriteAsync("/c/a", "text");
        await client.WriteAsync("/c/bin", binary);
        await client.MkdirAsync("/c/empty");

        Assert.Equal("text", await client.ReadStringAsync("/c/a"));
        Assert.Equal(binary, await client.ReadAsync("/c/bin"));
        Assert.Empty(await client.ReadAsync("/c/empty"));
        Assert.Equal(["a", "bin", "empty"], await client.DirectoryAsync("/c"));
        Assert.Null(await client.TryReadAsync("/c/missing"));
        var missing = await Assert.ThrowsAsync<XenStoreErrorException>(() => client.ReadAsync("/c/missing"));
        Assert.Equal("ENOENT", missing.ErrorName);
        Assert.Equal("/c/missing", missing.Path);

        await client.RemoveAsync("/c");
        Assert.Null(_store.Server.TryRead("/c/a"));
        Assert.Equal("/local/domain/42", await client.GetDomainPathAsync(42));
    }

    [Fact]
    public async Task Relative_paths_resolve_against_the_guest_home()
    {
        await using var guest = await _store.GuestAsync();

        Assert.Equal("7", await guest.ReadStringAsync("domid"));
        await guest.WriteAsync("data/guest/x", "y");
        Assert.Equal("y"u8.ToArray(), _store.Server.TryRead("/local/domain/7/data/guest/x"));
        var denied = await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.WriteAsync("vm-data/hostname", "h"));
        Assert.Equal("EACCES", denied.ErrorName);
    }

    [Fact]
    public async Task TryRead_returns_null_only_for_a_missing_node_and_throws_other_errors()
    {
        await using var dom0 = await _store.Dom0Async();
        await dom0.WriteAsync("/local/domain/7/private", "dom0 only");
        await dom0.SetPermissionsAsync("/local/domain/7/private", [XenStorePermission.Parse("n0")]);
        await using var guest = await _store.GuestAsync();

        Assert.Null(await guest.TryReadAsync("missing"));
        var denied = await Assert.ThrowsAsync<XenStoreErrorException>(() => guest.TryReadAsync("private"));
        Assert.Equal("EACCES", denied.ErrorName);
        Assert.Equal(XenStoreMessageType.Read, denied.RequestType);
        Assert.Equal("private", denied.Path);
    }

    [Fact]
    public async Task Permissions_round_trip()
    {
        await using var client = await _store.Dom0Async();
        await client.WriteAsync("/perm", "v");

        // The owner must exist (guest 7 does); an entry for a domain that does not (5) is kept as set.
        await client.SetPermissionsAsync("/perm", [XenStorePermission.Parse("n7"), XenStorePermission.Parse("r5"), XenStorePermission.Parse("b0")]);

        Assert.Equal(["n7", "r5", "b0"], (await client.GetPermissionsAsync("/perm")).Select(p => p.ToString()));
    }

    [Fact]
    public async Task Setting_no_permission_at_all_is_refused_before_sending()
    {
        await using var client = await _store.Dom0Async();
        await client.WriteAsync("/perm-none", "v");

        // The first entry names the owner: a list without one is the caller's mistake, not the server's.
        await Assert.ThrowsAsync<ArgumentException>(() => client.SetPermissionsAsync("/perm-none", []));

        Assert.Equal(["n0"], _store.Server.TryGetPermissions("/perm-none")!.Select(p => p.ToString()));
    }

    [Fact]
    public async Task Permissions_of_domain_ids_from_2_to_the_31_up_round_trip_through_their_signed_form()
    {
        await using var client = await _store.Dom0Async();
        await client.WriteAsync("/perm-big", "v");

        await client.SetPermissionsAsync("/perm-big", [new XenStorePermission(XenStoreAccess.None, 0), new XenStorePermission(XenStoreAccess.Read, uint.MaxValue)]);

        // GET_PERMS answers "r-1", as C xenstored does; the client reads it back as the same domain.
        Assert.Equal([0u, uint.MaxValue], (await client.GetPermissionsAsync("/perm-big")).Select(p => p.DomainId));
    }

    [Fact]
    public async Task Big_directories_are_read_with_DIRECTORY_PART_after_E2BIG()
    {
        var names = Enumerable.Range(0, 400).Select(i => $"child-with-a-long-name-{i:D4}").ToList();
        foreach (var name in names)
        {
            _store.Server.Write("/big/" + name, []);
        }

        await using var client = await _store.Dom0Async();

        Assert.Equal(names, await client.DirectoryAsync("/big"));
    }

    [Fact]
    public async Task Watches_stream_the_initial_event_then_relative_changes()
    {
        await using var guest = await _store.GuestAsync();
        await using var watch = await guest.WatchAsync("data/host", "requests");
        var events = watch.ReadAllAsync().GetAsyncEnumerator();

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(new XenStoreWatchEvent("data/host", "requests"), events.Current);

        _store.Server.Write("/local/domain/7/data/host/r1", "{}"u8);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("data/host/r1", events.Current.Path);

        _store.Server.Remove("/local/domain/7/data/host/r1");
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("data/host/r1", events.Current.Path);
    }

    [Fact]
    public async Task Removing_a_subtree_fires_for_every_deleted_node()
    {
        await using var client = await _store.Dom0Async();
        await client.WriteAsync("/rm/a/b", "1");
        await using var onLeaf = await client.WatchAsync("/rm/a/b", "leaf");
        await using var onRoot = await client.WatchAsync("/rm", "root");
        Assert.Equal("/rm/a/b", (await onLeaf.Events.ReadAsync()).Path);
        Assert.Equal("/rm", (await onRoot.Events.ReadAsync()).Path);

        await client.RemoveAsync("/rm/a");

        // The removed root matches ancestors; each descendant fires for exact watchers.
        Assert.Equal("/rm/a/b", (await onLeaf.Events.ReadAsync()).Path);
        Assert.Equal("/rm/a", (await onRoot.Events.ReadAsync()).Path);
    }

    [Fact]
    public async Task Transactions_are_isolated_and_retried_on_EAGAIN()
    {
        await using var client = await _store.Dom0Async();
        await using var other = await _store.Dom0Async();
        await client.WriteAsync("/counter", "0");
        _store.Server.ForceTransactionConflicts(2);
        var attempts = 0;

        var result = await client.TransactAsync(async (tx, token) =>
        {
            attempts++;
            var value = int.Parse(await tx.ReadStringAsync("/counter", token), System.Globalization.CultureInfo.InvariantCulture);
            await tx.WriteAsync("/counter", (value + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), token);
            Assert.Equal("0", await other.ReadStringAsync("/counter", token));
            return value + 1;
        });

        Assert.Equal(3, attempts);
        Assert.Equal(1, result);
        Assert.Equal("1", await other.ReadStringAsync("/counter"));
    }

    [Fact]
    public async Task A_real_conflict_makes_commit_return_false()
    {
        await using var client = await _store.Dom0Async();
        await using var other = await _store.Dom0Async();
        await client.WriteAsync("/k", "a");

        await using var tx = await client.BeginTransactionAsync();
        await tx.ReadAsync("/k");
        await other.WriteAsync("/k", "b");
        await tx.WriteAsync("/k", "c");

        Assert.False(await tx.CommitAsync());
        Assert.Equal("b", await other.ReadStringAsync("/k"));
    }

    [Fact]
    public async Task Oversized_requests_are_refused_before_sending()
    {
        await using var client = await _store.Dom0Async();

        var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => client.WriteAsync("/big-value", new byte[5000]));

        Assert.Equal("E2BIG", error.ErrorName);
        Assert.True(client.IsConnected);
        Assert.Null(_store.Server.TryRead("/big-value"));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_connection()
    {
        await using var client = await _store.Dom0Async();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.WriteAsync($"/many/n{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var values = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.ReadStringAsync($"/many/n{i}")));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), values);
        // One connection: the 400 concurrent calls were multiplexed over the client's own, none opened another.
        Assert.Equal(1, _store.Server.ConnectionCount);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_closed_server_surfaces_as_a_connection_exception()
    {
        var client = await _store.Dom0Async();
        await using var watch = await client.WatchAsync("/x");
        await watch.Events.ReadAsync();

        _store.Server.Disconnect();

        var error = await Assert.ThrowsAnyAsync<XenStoreConnectionException>(async () =>
        {
            await foreach (var _ in watch.ReadAllAsync())
            {
            }
        });
        Assert.Contains("closed", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<XenStoreConnectionException>(() => client.ReadAsync("/x"));
        Assert.False(client.IsConnected);
        await client.DisposeAsync();
    }

    [Fact]
    public void Set_but_empty_variables_count_as_set_as_libxenstores_getenv_does()
    {
        // xenstore-common.h: getenv("XENSTORED_PATH") non-NULL is the endpoint, "" included (xs_open then
        // fails with ENOENT); an empty XENSTORED_RUNDIR gives "/socket".
        Assert.Equal([""], GuestAgent.XenStore.Transports.XenStoreEndpoint.Candidates(name => name is "XENSTORED_PATH" ? "" : "/run/x"));
        Assert.Equal("/socket", GuestAgent.XenStore.Transports.XenStoreEndpoint.Candidates(name => name is "XENSTORED_RUNDIR" ? "" : null)[0]);
        Assert.Equal("/run/x/socket", GuestAgent.XenStore.Transports.XenStoreEndpoint.Candidates(name => name is "XENSTORED_RUNDIR" ? "/run/x/" : null)[0]);
    }

    [Fact]
    public async Task Unix_sockets_and_devices_are_told_apart_like_libxenstore()
    {
        Assert.Equal(["/custom/path"], GuestAgent.XenStore.Transports.XenStoreEndpoint.Candidates(name => name == "XENSTORED_PATH" ? "/custom/path" : null));
        var defaults = GuestAgent.XenStore.Transports.XenStoreEndpoint.Candidates(name => name == "XENSTORED_RUNDIR" ? "/run/x" : null);
        Assert.Equal("/run/x/socket", defaults[0]);
        Assert.Contains(defaults[1], new[] { "/dev/xen/xenbus", "/proc/xen/xenbus" });

        await using var socketClient = await XenStoreClient.ConnectAsync(_store.Dom0Socket);
        Assert.StartsWith("unix socket", socketClient.Description, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<XenStoreConnectionException>(() => XenStoreClient.ConnectAsync(Path.Combine(_store.Directory, "nothing")));
        Assert.Contains("nothing", missing.Message, StringComparison.Ordinal);
        Assert.Equal(Encoding.ASCII.GetBytes("7"), await socketClient.ReadAsync("/local/domain/7/domid"));
    }
}
