using System.Globalization;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// The nodes one guest transaction may access, as C xenstored 4.17 limits them (<c>access_node</c>:
/// 1,024 by default, <c>quota_trans_nodes</c>): every node a transaction touches is remembered
/// until it ends, nodes that do not exist included, so without a limit a guest could make the
/// server hold any amount of memory by reading made-up paths in a transaction it never ends. The
/// access past the quota fails with ENOSPC and the transaction can no longer commit (ENOMEM, C's
/// answer for a failed transaction); dom0 has no such quota.
/// </summary>
public sealed class TransactionNodeQuotaTests : IAsyncLifetime
{
    private const int Reads = 1_100;

    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task A_guest_transaction_reading_more_nodes_than_the_quota_is_refused_and_cannot_commit()
    {
        using var guest = await RawConnection.ConnectAsync(_store.GuestSocket);
        var transaction = await StartAsync(guest);

        var answers = await ReadDistinctAsync(guest, transaction);

        // Every node up to the quota, then none. The first read takes two (its own path and
        // data/guest, the nearest existing node, looked up for the ENOENT/EACCES check), each later one
        // a single new path: reads 0 to 1022 fit, read 1023 would be node 1025.
        var first = answers.FindIndex(answer => answer != "ENOENT");
        Assert.Equal(1_023, first);
        Assert.All(answers[first..], answer => Assert.Equal("ENOSPC", answer));
        Assert.Equal("ENOMEM", await EndAsync(guest, transaction, "T"));
    }

    [Fact]
    public async Task A_refused_guest_transaction_may_still_be_aborted_and_a_new_one_works()
    {
        using var guest = await RawConnection.ConnectAsync(_store.GuestSocket);
        var transaction = await StartAsync(guest);
        Assert.Contains("ENOSPC", await ReadDistinctAsync(guest, transaction));

        Assert.Equal("OK", await EndAsync(guest, transaction, "F"));
        var next = await StartAsync(guest);
        await guest.SendAsync(XenStoreMessageType.Write, 9, next, "data/guest/after\0v"u8.ToArray());
        Assert.Equal(XenStoreMessageType.Write, (await guest.ReplyAsync(9)).Header.Type);
        Assert.Equal("OK", await EndAsync(guest, next, "T"));
        Assert.Equal("v"u8.ToArray(), _store.Server.TryRead(EmbeddedXenStore.GuestHome + "/data/guest/after"));
    }

    [Fact]
    public async Task The_quota_is_the_servers_option()
    {
        await using var store = new EmbeddedXenStore(new GuestAgent.XenStore.Server.XenStoreServerOptions { MaxNodesPerTransaction = 20 });
        using var guest = await RawConnection.ConnectAsync(store.GuestSocket);
        var transaction = await StartAsync(guest);

        var answers = await ReadDistinctAsync(guest, transaction);

        // data/guest, looked up for the first read's permission check, takes one node of the 20.
        Assert.Equal(19, answers.FindIndex(answer => answer != "ENOENT"));
        Assert.Equal("ENOMEM", await EndAsync(guest, transaction, "T"));
    }

    [Fact]
    public async Task The_quota_counts_each_node_once_up_to_exactly_its_value()
    {
        await using var store = new EmbeddedXenStore(new GuestAgent.XenStore.Server.XenStoreServerOptions { MaxNodesPerTransaction = 2 });
        foreach (var name in new[] { "a", "b", "c" })
        {
            var path = EmbeddedXenStore.GuestHome + "/data/guest/" + name;
            store.Server.Write(path, "v"u8);
            store.Server.SetPermissions(path, XenStorePermission.Parse("n7"));
        }

        using var guest = await RawConnection.ConnectAsync(store.GuestSocket);
        var transaction = await StartAsync(guest);

        // Reading an existing node touches that node only: a and b fill the quota, a again is no new
        // node, c is one too many.
        Assert.Equal(["value", "value", "value", "ENOSPC"], await ReadEachAsync(guest, transaction, "a", "b", "a", "c"));
        Assert.Equal("ENOMEM", await EndAsync(guest, transaction, "T"));
    }

    [Fact]
    public async Task A_write_refused_for_the_quota_creates_nothing_in_the_transaction()
    {
        await using var store = new EmbeddedXenStore(new GuestAgent.XenStore.Server.XenStoreServerOptions { MaxNodesPerTransaction = 3 });
        using var guest = await RawConnection.ConnectAsync(store.GuestSocket);
        var transaction = await StartAsync(guest);
        Assert.Equal("", await AskAsync(guest, transaction, XenStoreMessageType.Directory, "data/guest\0")); // data/guest
        Assert.Equal(["ENOENT", "ENOENT"], await ReadEachAsync(guest, transaction, "r0", "r1")); // the quota is full

        // C's create_node writes the new node before its parent, so access_node refuses it before the
        // parent's child list grows: the failed request leaves the transaction's view as it was.
        Assert.Equal("ENOSPC", await AskAsync(guest, transaction, XenStoreMessageType.Write, "data/guest/phantom\0v"));

        Assert.Equal("", await AskAsync(guest, transaction, XenStoreMessageType.Directory, "data/guest\0"));
        Assert.Equal("ENOMEM", await EndAsync(guest, transaction, "T"));
    }

    [Fact]
    public async Task A_removal_refused_for_the_quota_removes_nothing_in_the_transaction()
    {
        await using var store = new EmbeddedXenStore(new GuestAgent.XenStore.Server.XenStoreServerOptions { MaxNodesPerTransaction = 2 });
        var path = EmbeddedXenStore.GuestHome + "/data/guest/kept";
        store.Server.Write(path, "v"u8);
        store.Server.SetPermissions(path, XenStorePermission.Parse("n7"));
        using var guest = await RawConnection.ConnectAsync(store.GuestSocket);
        var transaction = await StartAsync(guest);
        Assert.Equal("kept", await AskAsync(guest, transaction, XenStoreMessageType.Directory, "data/guest\0"));
        Assert.Equal(["ENOENT"], await ReadEachAsync(guest, transaction, "r0")); // the quota is full

        Assert.Equal("ENOSPC", await AskAsync(guest, transaction, XenStoreMessageType.Remove, "data/guest/kept\0"));

        Assert.Equal("kept", await AskAsync(guest, transaction, XenStoreMessageType.Directory, "data/guest\0"));
        Assert.Equal("ENOMEM", await EndAsync(guest, transaction, "T"));
        Assert.Equal("v"u8.ToArray(), store.Server.TryRead(path));
    }

    [Fact]
    public async Task A_request_refused_for_the_quota_leaves_no_event_queued_in_the_transaction()
    {
        await using var store = new EmbeddedXenStore(new GuestAgent.XenStore.Server.XenStoreServerOptions { MaxNodesPerTransaction = 3 });
        var kept = EmbeddedXenStore.GuestHome + "/data/guest/kept";
        store.Server.Write(kept, "v"u8);
        store.Server.SetPermissions(kept, XenStorePermission.Parse("n7"));
        using var guest = await RawConnection.ConnectAsync(store.GuestSocket);
        var transaction = await StartAsync(guest);
        Assert.Equal("OK", await AskAsync(guest, transaction, XenStoreMessageType.Write, "data/guest/a\0v")); // a, data/guest
        Assert.Equal(["ENOENT"], await ReadEachAsync(guest, transaction, "r0")); // the quota is full

        // Both would queue an event (b created, kept removed) before the quota refuses them.
        Assert.Equal("ENOSPC", await AskAsync(guest, transaction, XenStoreMessageType.Write, "data/guest/b\0v"));
        Assert.Equal("ENOSPC", await AskAsync(guest, transaction, XenStoreMessageType.Remove, "data/guest/kept\0"));

        // The refused requests changed nothing: only the write that succeeded has an event queued.
        Assert.Equal([EmbeddedXenStore.GuestHome + "/data/guest/a"], QueuedEvents(store, transaction));
        Assert.Equal("ENOMEM", await EndAsync(guest, transaction, "T"));
    }

    [Fact]
    public async Task Dom0_has_no_such_quota()
    {
        using var dom0 = await RawConnection.ConnectAsync(_store.Dom0Socket);
        var transaction = await StartAsync(dom0);

        var answers = await ReadDistinctAsync(dom0, transaction, "/local/domain/7/data/guest/");

        Assert.All(answers, answer => Assert.Equal("ENOENT", answer));
        Assert.Equal("OK", await EndAsync(dom0, transaction, "T"));
    }

    // The paths of the events the guest's transaction has queued for its commit (no reply shows them).
    private static List<string> QueuedEvents(EmbeddedXenStore store, uint transaction)
    {
        var state = store.Server.State;
        lock (state.Gate)
        {
            var connection = state.Connections.Single(c => c.Identity.DomainId == EmbeddedXenStore.GuestDomain);
            return [.. connection.Transactions[transaction].WatchesToFire.Keys];
        }
    }

    // Reads data/guest/0, data/guest/1, … (none exists) in the transaction; each answer's error name.
    private static async Task<List<string>> ReadDistinctAsync(RawConnection connection, uint transaction, string prefix = "data/guest/")
    {
        var answers = new List<string>(Reads);
        for (var i = 0; i < Reads; i++)
        {
            var id = (uint)(100 + i);
            await connection.SendAsync(XenStoreMessageType.Read, id, transaction, System.Text.Encoding.ASCII.GetBytes(prefix + i.ToString(CultureInfo.InvariantCulture) + "\0"));
            var (header, payload) = await connection.ReplyAsync(id);
            answers.Add(header.Type == XenStoreMessageType.Error ? payload.TrimEnd('\0') : "value");
        }

        return answers;
    }

    // Reads data/guest/NAME for each name in the transaction; each answer's error name, or "value".
    private static async Task<List<string>> ReadEachAsync(RawConnection connection, uint transaction, params string[] names)
    {
        var answers = new List<string>();
        foreach (var (name, i) in names.Select((name, i) => (name, i)))
        {
            var id = (uint)(100 + i);
            await connection.SendAsync(XenStoreMessageType.Read, id, transaction, System.Text.Encoding.ASCII.GetBytes("data/guest/" + name + "\0"));
            var (header, payload) = await connection.ReplyAsync(id);
            answers.Add(header.Type == XenStoreMessageType.Error ? payload.TrimEnd('\0') : "value");
        }

        return answers;
    }

    // One request in the transaction: the reply's payload without its NULs, or the error name.
    private static async Task<string> AskAsync(RawConnection connection, uint transaction, XenStoreMessageType type, string payload)
    {
        await connection.SendAsync(type, 50, transaction, System.Text.Encoding.ASCII.GetBytes(payload));
        return (await connection.ReplyAsync(50)).Payload.Replace("\0", "", StringComparison.Ordinal);
    }

    private static async Task<uint> StartAsync(RawConnection connection)
    {
        await connection.SendAsync(XenStoreMessageType.TransactionStart, 1, "\0");
        return uint.Parse((await connection.ReplyAsync(1)).Payload.TrimEnd('\0'), CultureInfo.InvariantCulture);
    }

    // TRANSACTION_END's answer: "OK" or the error name.
    private static async Task<string> EndAsync(RawConnection connection, uint transaction, string argument)
    {
        await connection.SendAsync(XenStoreMessageType.TransactionEnd, 2, transaction, System.Text.Encoding.ASCII.GetBytes(argument + "\0"));
        return (await connection.ReplyAsync(2)).Payload.TrimEnd('\0');
    }
}
