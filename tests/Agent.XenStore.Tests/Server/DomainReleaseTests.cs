using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;
using static GuestAgent.XenStore.Tests.Server.DomainRequestTests;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// What RELEASE and a repeated INTRODUCE do to a domain's connections and nodes, as in C xenstored
/// 4.17 (without <c>-K</c>): a release closes the domain's connections, removes every node it owns
/// (firing watches as an RM would) and fires <c>@releaseDomain</c>, and entries naming it stop
/// counting even in transactions already open; INTRODUCE resets the domain's connections' watches
/// and transactions.
/// </summary>
public sealed class DomainReleaseTests
{
    [Fact]
    public async Task Releasing_a_domain_closes_its_connections_before_anything_fires()
    {
        await using var store = new EmbeddedXenStore();
        using var guest = await RawConnection.ConnectAsync(store.GuestSocket);
        await guest.SendAsync(XenStoreMessageType.Watch, 1, "data/host\0g\0");
        Assert.Equal(["1 OK"], await OutputUntilAsync(guest, 1));
        Assert.Equal(XenStoreMessageType.WatchEvent, (await guest.ReceiveAsync())!.Value.Header.Type);
        using var dom0 = await RawConnection.ConnectAsync(store.Dom0Socket);

        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Release, "7\0"));

        // The end of the stream: no event for the removed data/host came first.
        Assert.Null(await guest.ReceiveAsync());
    }

    [Fact]
    public async Task Releasing_a_domain_removes_every_node_it_owns_with_its_subtree()
    {
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();
        await using (var guest = await store.GuestAsync())
        {
            await guest.WriteAsync("data/host/request", "r");
        }

        await dom0.WriteAsync("/vm/given", "g");
        await dom0.SetPermissionsAsync("/vm/given", [Permission("n7")]);
        await dom0.WriteAsync("/vm/given/kept-by-dom0", "k");
        await dom0.SetPermissionsAsync("/vm/given/kept-by-dom0", [Permission("n0")]);
        await dom0.WriteAsync("/vm/shared", "s");
        await dom0.SetPermissionsAsync("/vm/shared", [Permission("n0"), Permission("r7")]);
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);

        Assert.Equal("OK", await AskAsync(raw, XenStoreMessageType.Release, "7\0"));

        // data (and below) and /vm/given (and the dom0 node under it) were the guest's; the home and
        // the toolstack's nodes are dom0's and stay, as does a dom0 node with an entry for the guest.
        Assert.Equal(["domid", "name", "vm-data"], await dom0.DirectoryAsync("/local/domain/7"));
        Assert.Equal(["shared"], await dom0.DirectoryAsync("/vm"));
        Assert.Null(await dom0.TryReadAsync("/local/domain/7/data/host/request"));
        Assert.Null(await dom0.TryReadAsync("/vm/given/kept-by-dom0"));
        Assert.Equal(["n0", "r7"], (await dom0.GetPermissionsAsync("/vm/shared")).Select(p => p.ToString()));
    }

    [Fact]
    public async Task A_release_answers_then_fires_each_removal_then_releaseDomain()
    {
        await using var store = new EmbeddedXenStore();
        using var raw = await RawConnection.ConnectAsync(store.Dom0Socket);
        await raw.SendAsync(XenStoreMessageType.Watch, 1, "/local/domain/7\0home\0");
        await raw.SendAsync(XenStoreMessageType.Watch, 2, "/local/domain/7/data/host\0host\0");
        await raw.SendAsync(XenStoreMessageType.Watch, 3, "@releaseDomain\0r\0");
        await raw.SendAsync(XenStoreMessageType.Release, 4, "7\0");
        await raw.SendAsync(XenStoreMessageType.GetDomainPath, 5, "0\0");

        // As an RM of data: children first, a descendant only for a watch on it exactly. C
        // xenstored 4.17 answers RELEASE before any of them (CXenstoredDifferentialTests,
        // "domain-lifecycle", shows it), unlike a request whose own changes fire before its reply.
        Assert.Equal(
            [
                "1 OK", "event /local/domain/7 home", "2 OK", "event /local/domain/7/data/host host", "3 OK", "event @releaseDomain r",
                "4 OK", "event /local/domain/7/data/host host", "event /local/domain/7/data home", "event @releaseDomain r", "5 /local/domain/0",
            ],
            await OutputUntilAsync(raw, 5));
    }

    [Fact]
    public async Task A_removal_by_release_is_heard_only_by_watchers_who_may_read_the_node_or_its_parent()
    {
        await using var store = new EmbeddedXenStore();
        var socket = Path.Combine(store.Directory, "guest8.sock");
        store.Server.Listen(socket, GuestAgent.XenStore.Server.XenStoreIdentity.Guest(8)); // 8 exists from here on
        store.Server.Write("/vm/given", []);
        store.Server.SetPermissions("/vm", Permission("n0"), Permission("r8"));
        store.Server.SetPermissions("/vm/given", Permission("n7"));
        store.Server.Write("/hidden/given", []);
        store.Server.SetPermissions("/hidden/given", Permission("n7"));
        using var guest8 = await RawConnection.ConnectAsync(socket);
        await guest8.SendAsync(XenStoreMessageType.Watch, 1, "/vm\0v\0");
        await guest8.SendAsync(XenStoreMessageType.Watch, 2, "/hidden\0h\0");
        Assert.Equal(["1 OK", "event /vm v", "2 OK"], await OutputUntilAsync(guest8, 2));
        using var dom0 = await RawConnection.ConnectAsync(store.Dom0Socket);

        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Release, "7\0"));
        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Write, "/vm/sync\0s"));
        await guest8.SendAsync(XenStoreMessageType.Read, 3, "/vm/sync\0");

        // /vm/given's parent is readable by 8, /hidden/given's is not (nor is @releaseDomain).
        Assert.Equal(["event /hidden h", "event /vm/given v", "event /vm/sync v", "3 s"], await OutputUntilAsync(guest8, 3));
    }

    [Fact]
    public async Task Introducing_a_domain_again_drops_its_connections_watches_and_transactions()
    {
        await using var store = new EmbeddedXenStore();
        using var guest = await RawConnection.ConnectAsync(store.GuestSocket);
        await guest.SendAsync(XenStoreMessageType.Watch, 1, "data/host\0g\0");
        await guest.SendAsync(XenStoreMessageType.TransactionStart, 2, "\0");
        Assert.Equal(["1 OK", "event data/host g", "2 1"], await OutputUntilAsync(guest, 2));
        using var dom0 = await RawConnection.ConnectAsync(store.Dom0Socket);

        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Introduce, "7\0" + "0\0" + "5\0"));
        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Write, "/local/domain/7/data/host/new\0v"));

        // The connection stays open; no event for the write; transaction 1 is gone; the same watch
        // can be set again.
        await guest.SendAsync(XenStoreMessageType.Read, 3, 1, "data/host\0"u8.ToArray());
        await guest.SendAsync(XenStoreMessageType.Watch, 4, "data/host\0g\0");
        Assert.Equal(["3 ENOENT", "4 OK"], await OutputUntilAsync(guest, 4));
        Assert.Equal(XenStoreMessageType.WatchEvent, (await guest.ReceiveAsync())!.Value.Header.Type);
    }

    [Fact]
    public async Task Introducing_dom0_leaves_dom0s_connections_alone()
    {
        await using var store = new EmbeddedXenStore();
        using var dom0 = await RawConnection.ConnectAsync(store.Dom0Socket);
        await dom0.SendAsync(XenStoreMessageType.Watch, 1, "/x\0t\0");
        await dom0.SendAsync(XenStoreMessageType.Introduce, 2, "0\0" + "0\0" + "5\0");
        await dom0.SendAsync(XenStoreMessageType.Write, 3, "/x\0v");

        Assert.Equal(["1 OK", "event /x t", "2 OK", "event /x t", "3 OK"], await OutputUntilAsync(dom0, 3));
    }

    [Fact]
    public async Task A_transaction_open_at_a_release_stops_honouring_the_domains_entries_at_once()
    {
        await using var store = new EmbeddedXenStore();
        store.Server.Write("/shared", []);
        store.Server.Write("/open", []);
        store.Server.SetPermissions("/open", Permission("r0"));
        using var dom0 = await RawConnection.ConnectAsync(store.Dom0Socket);
        var transaction = await StartTransactionAsync(dom0);
        Assert.Equal("OK", await AskInAsync(dom0, transaction, XenStoreMessageType.Write, "/shared/x\0v"));
        Assert.Equal("OK", await AskInAsync(dom0, transaction, XenStoreMessageType.SetPermissions, "/shared/x\0n0\0r7\0"));

        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Release, "7\0"));

        // A connection acting as 7 after the release watches both; the commit's event for /shared/x
        // no longer counts the entry for 7, so the first event it hears is the one for /open/y.
        using var guest = await WatchAsTheGuestAsync(store, "/shared");
        Assert.Equal("OK", await AskInAsync(dom0, transaction, XenStoreMessageType.TransactionEnd, "T\0"));

        await AssertTheGuestHeardOnlyOfOpenAsync(dom0, guest);
        Assert.Equal("n0|r7", (await AskAsync(dom0, XenStoreMessageType.GetPermissions, "/shared/x\0")).Replace('\0', '|'));
    }

    [Fact]
    public async Task A_transaction_open_at_a_release_no_longer_counts_the_domains_entries_from_its_first_access()
    {
        await using var store = new EmbeddedXenStore();
        store.Server.Write("/shared/x", "old"u8);
        store.Server.SetPermissions("/shared/x", Permission("n0"), Permission("r7"));
        store.Server.Write("/open", []);
        store.Server.SetPermissions("/open", Permission("r0"));
        using var dom0 = await RawConnection.ConnectAsync(store.Dom0Socket);
        var transaction = await StartTransactionAsync(dom0);
        Assert.Equal("OK", await AskInAsync(dom0, transaction, XenStoreMessageType.Write, "/shared/x\0new")); // first access: n0 r7

        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Release, "7\0"));

        // A connection acting as 7 after the release hears nothing of the commit: the entry for 7 the
        // node had at the transaction's first access stopped counting with the release.
        using var guest = await WatchAsTheGuestAsync(store, "/shared/x");
        Assert.Equal("OK", await AskInAsync(dom0, transaction, XenStoreMessageType.TransactionEnd, "T\0"));

        await AssertTheGuestHeardOnlyOfOpenAsync(dom0, guest);
        Assert.Equal("new", await AskAsync(dom0, XenStoreMessageType.Read, "/shared/x\0"));
    }

    [Fact]
    public async Task A_transaction_started_after_a_release_records_the_nodes_entries_without_the_domain()
    {
        await using var store = new EmbeddedXenStore();
        store.Server.Write("/shared/x", "old"u8);
        store.Server.SetPermissions("/shared/x", Permission("n0"), Permission("r7"));
        store.Server.Write("/open", []);
        store.Server.SetPermissions("/open", Permission("r0"));
        using var dom0 = await RawConnection.ConnectAsync(store.Dom0Socket);
        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Release, "7\0"));
        using var guest = await WatchAsTheGuestAsync(store, "/shared/x");

        // The entry for 7 is still listed but no longer counts: the node's entries at the
        // transaction's first access give the connection acting as 7 nothing to hear.
        var transaction = await StartTransactionAsync(dom0);
        Assert.Equal("OK", await AskInAsync(dom0, transaction, XenStoreMessageType.Write, "/shared/x\0new"));
        Assert.Equal("OK", await AskInAsync(dom0, transaction, XenStoreMessageType.TransactionEnd, "T\0"));

        await AssertTheGuestHeardOnlyOfOpenAsync(dom0, guest);
        Assert.Equal("n0|r7", (await AskAsync(dom0, XenStoreMessageType.GetPermissions, "/shared/x\0")).Replace('\0', '|'));
    }

    [Fact]
    public async Task In_a_transaction_open_at_a_release_a_node_the_domain_owned_reads_as_dom0s()
    {
        await using var store = new EmbeddedXenStore();
        using var dom0 = await RawConnection.ConnectAsync(store.Dom0Socket);
        var transaction = await StartTransactionAsync(dom0);
        Assert.Equal("OK", await AskInAsync(dom0, transaction, XenStoreMessageType.Write, "/local/domain/7/data/host/t\0v"));
        Assert.Equal("n7", await AskInAsync(dom0, transaction, XenStoreMessageType.GetPermissions, "/local/domain/7/data/host/t\0"));

        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Release, "7\0"));

        // C's read_node gives a node whose owner is gone to dom0; the commit then conflicts with the
        // removal of data.
        Assert.Equal("n0", await AskInAsync(dom0, transaction, XenStoreMessageType.GetPermissions, "/local/domain/7/data/host/t\0"));
        Assert.Equal("ERROR EAGAIN", await AskInAsync(dom0, transaction, XenStoreMessageType.TransactionEnd, "T\0"));
    }

    [Fact]
    public async Task A_transaction_that_read_a_node_the_domain_owned_conflicts_after_its_release()
    {
        await using var store = new EmbeddedXenStore();
        store.Server.Write("/local/domain/7/data/guest/owned", "v"u8);
        store.Server.SetPermissions("/local/domain/7/data/guest/owned", Permission("n7"));
        using var dom0 = await RawConnection.ConnectAsync(store.Dom0Socket);
        var transaction = await StartTransactionAsync(dom0);
        Assert.Equal("v", await AskInAsync(dom0, transaction, XenStoreMessageType.Read, "/local/domain/7/data/guest/owned\0")); // first access: n7
        Assert.Equal("OK", await AskInAsync(dom0, transaction, XenStoreMessageType.Write, "/local/domain/7/data/guest/owned\0w"));

        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Release, "7\0"));

        // The owner entry recorded at first access still names 7 (DomainRelease leaves it), which is
        // harmless only because such a commit never reaches its watch checks.
        Assert.Equal("ERROR EAGAIN", await AskInAsync(dom0, transaction, XenStoreMessageType.TransactionEnd, "T\0"));
        Assert.Null(store.Server.TryRead("/local/domain/7/data/guest/owned"));
    }

    /// <summary>A connection acting as 7 that watches <paramref name="watched"/> and <c>/open</c> (whose first events it has read).</summary>
    private static async Task<RawConnection> WatchAsTheGuestAsync(EmbeddedXenStore store, string watched)
    {
        var guest = await RawConnection.ConnectAsync(store.GuestSocket);
        await guest.SendAsync(XenStoreMessageType.Watch, 1, $"{watched}\0s\0");
        await guest.SendAsync(XenStoreMessageType.Watch, 2, "/open\0o\0");
        Assert.Equal(["1 OK", $"event {watched} s", "2 OK"], await OutputUntilAsync(guest, 2));
        return guest;
    }

    /// <summary>
    /// Writes under <c>/open</c> and has the guest read <c>/shared/x</c>: the guest's next output is
    /// that write's events and its refused read, so it heard nothing of <c>/shared</c> before them.
    /// </summary>
    private static async Task AssertTheGuestHeardOnlyOfOpenAsync(RawConnection dom0, RawConnection guest)
    {
        Assert.Equal("OK", await AskAsync(dom0, XenStoreMessageType.Write, "/open/y\0v"));
        await guest.SendAsync(XenStoreMessageType.Read, 3, "/shared/x\0");
        Assert.Equal(["event /open o", "event /open/y o", "3 EACCES"], await OutputUntilAsync(guest, 3));
    }

    private static async Task<uint> StartTransactionAsync(RawConnection dom0) =>
        uint.Parse(await AskAsync(dom0, XenStoreMessageType.TransactionStart, "\0"), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> AskInAsync(RawConnection raw, uint transaction, XenStoreMessageType type, string payload)
    {
        const uint RequestId = 0x6262;
        await raw.SendAsync(type, RequestId, transaction, System.Text.Encoding.Latin1.GetBytes(payload));
        var (header, reply) = await raw.ReplyAsync(RequestId);
        var text = reply.TrimEnd('\0');
        return header.Type == XenStoreMessageType.Error ? "ERROR " + text : text;
    }

    private static XenStorePermission Permission(string text) => XenStorePermission.Parse(text);
}
