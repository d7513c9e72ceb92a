using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// A guest's node creations inside a transaction, driven by pyxs over the guest's connection. C
/// xenstored 4.17 checks each one against the nodes the domain owns outside the transaction, as
/// committed (<c>domain_nbentry</c>): the transaction's own removals make no room and its own
/// creations take none, and the commit checks the net change. The expected lines are what C
/// xenstored 4.17.7 (Debian xen-utils-4.17, <c>-E 12</c>) answered to this script over a guest's ring.
/// </summary>
public sealed class TransactionCreationQuotaTests
{
    /// <summary>A pyxs client connected as the guest, and <c>code</c>, which prints a call's result or its errno's name.</summary>
    private const string Connected = """
        import sys, errno, pyxs
        from pyxs.exceptions import PyXSError
        def code(f):
            try:
                r = f()
                return "OK" if r is None else str(r)
            except PyXSError as e:
                return errno.errorcode.get(e.args[0], str(e.args[0]))
        c = pyxs.Client(unix_socket_path=sys.argv[1]); c.connect()

        """;
    [Fact]
    public async Task Creations_in_a_transaction_are_checked_against_the_nodes_owned_outside_it()
    {
        await using var store = new EmbeddedXenStore(new XenStoreServerOptions { MaxNodesPerDomain = 12 });
        var output = await Pyxs.RunAsync(store.GuestSocket, Connected + """
            # data, data/host and data/guest are the guest's: 3 + 9 = 12, the quota.
            for i in range(9): c.write(b"data/n%d" % i, b"v")
            print(code(lambda: c.write(b"data/over", b"v")))
            # At the quota: removing in the transaction makes no room for a creation in it.
            c.transaction()
            print(code(lambda: c.delete(b"data/n0")), code(lambda: c.delete(b"data/n1")), code(lambda: c.write(b"data/a", b"v")))
            c.rollback()
            # 7 owned: 7 creations pass (7 < 12 each time), and 4 removals bring the net to 10 at the commit.
            for i in range(5): c.delete(b"data/n%d" % i)
            c.transaction()
            print(" ".join(code(lambda: c.write(b"data/t%d" % i, b"v")) for i in range(7)), " ".join(code(lambda: c.delete(b"data/n%d" % i)) for i in range(5, 9)), code(lambda: c.commit()))
            # 10 owned: 3 creations pass, and the commit refuses 13.
            c.transaction()
            print(" ".join(code(lambda: c.write(b"data/u%d" % i, b"v")) for i in range(3)), code(lambda: c.commit()))
            print(" ".join(sorted(x.decode() for x in c.list(b"data"))))
            c.close()
            """);

        Assert.Equal(
            "ENOSPC\n"
            + "OK OK ENOSPC\n"
            + "OK OK OK OK OK OK OK OK OK OK OK True\n"
            + "OK OK OK ENOSPC\n"
            + "guest host t0 t1 t2 t3 t4 t5 t6\n",
            output);
    }

    [Fact]
    public async Task A_commit_may_not_bring_the_domain_to_its_quota_but_may_remove_above_it()
    {
        // C xenstored 4.17's commit refuses a net growth that reaches the quota (cnt >= quota), where
        // a plain write may fill it; a transaction that only removes commits, even over the quota,
        // which nodes dom0 writes in the guest's directories (Nova's requests) count towards.
        await using var store = new EmbeddedXenStore(new XenStoreServerOptions { MaxNodesPerDomain = 12 });
        var output = await Pyxs.RunAsync(store.GuestSocket, Connected + """
            for i in range(6): c.write(b"data/n%d" % i, b"v")
            c.transaction()
            print(" ".join(code(lambda: c.write(b"data/t%d" % i, b"v")) for i in range(3)), code(lambda: c.commit()))
            c.transaction()
            print(" ".join(code(lambda: c.write(b"data/t%d" % i, b"v")) for i in range(2)), code(lambda: c.commit()))
            print(code(lambda: c.write(b"data/x", b"v")), code(lambda: c.write(b"data/y", b"v")))
            c.close()
            """);
        Assert.Equal("OK OK OK ENOSPC\nOK OK True\nOK ENOSPC\n", output);

        // Two requests written by dom0 take the guest to 14 of 12; removing one in a transaction
        // commits, and so does one that changes only a value (no count changes, nothing to check).
        await using (var dom0 = await store.Dom0Async())
        {
            await dom0.WriteAsync("/local/domain/7/data/host/r0", "{}");
            await dom0.WriteAsync("/local/domain/7/data/host/r1", "{}");
        }

        Assert.Equal("OK True\nOK True\n", await Pyxs.RunAsync(store.GuestSocket, """
            import sys, pyxs
            c = pyxs.Client(unix_socket_path=sys.argv[1]); c.connect()
            c.transaction(); c.delete(b"data/host/r0"); print("OK", c.commit())
            c.transaction(); c.write(b"data/n0", b"w"); print("OK", c.commit())
            c.close()
            """));
    }
}
