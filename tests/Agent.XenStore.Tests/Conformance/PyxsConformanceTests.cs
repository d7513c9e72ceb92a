using System.Text;
using GuestAgent.XenStore.Tests.Infrastructure;

namespace GuestAgent.XenStore.Tests.Conformance;

/// <summary>The embedded server driven by pyxs 0.4.2, an independent client that matches replies by request id.</summary>
public sealed class PyxsConformanceTests : IAsyncLifetime
{
    private const string Prelude = """
        import sys, errno, pyxs
        from pyxs.exceptions import PyXSError
        def code(f):
            try:
                f()
                return "OK"
            except PyXSError as e:
                return errno.errorcode.get(e.args[0], str(e.args[0]))
        c = pyxs.Client(unix_socket_path=sys.argv[1])
        c.connect()

        """;

    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Values_permissions_and_missing_nodes()
    {
        var output = await Pyxs.RunAsync(_store.Dom0Socket, Prelude + """
            c.write(b"/p/a", b"hello")
            c.write(b"/p/bin", b"a\x00b~")
            print(c.read(b"/p/a").decode())
            print(list(c.read(b"/p/bin")))
            print(c.read(b"/p/missing", b"default").decode())
            print(code(lambda: c.read(b"/p/missing")))
            print(c.exists(b"/p/a"), c.exists(b"/p/missing"))
            c.mkdir(b"/p/dir/sub")
            print(sorted(x.decode() for x in c.list(b"/p")))
            c.set_perms(b"/p/a", [b"b7", b"r0"])
            print([x.decode() for x in c.get_perms(b"/p/a")])
            c.delete(b"/p/dir")
            print(code(lambda: c.delete(b"/nothing/here")))
            print(c.get_domain_path(7).decode())
            c.close()
            """);

        Assert.Equal(
            "hello\n[97, 0, 98, 126]\ndefault\nENOENT\nTrue False\n['a', 'bin', 'dir']\n['b7', 'r0']\nENOENT\n/local/domain/7\n",
            output);
        Assert.Null(_store.Server.TryRead("/p/dir/sub"));
        Assert.Equal("a\0b~"u8.ToArray(), _store.Server.TryRead("/p/bin"));
    }

    [Fact]
    public async Task Ids_with_leading_zeros_read_as_C_xenstored_reads_them()
    {
        // pyxs passes permission ids and domain ids on as given (its check is only [wrbn]\d+).
        // C xenstored reads a permission's id with strtol base 0, so "010" is octal 8, and a domain id
        // with atoi, base 10, so "010" is 10.
        var output = await Pyxs.RunAsync(_store.Dom0Socket, Prelude + """
            c.write(b"/z", b"v")
            c.set_perms(b"/z", [b"b0", b"r010", b"w0010"])
            print([x.decode() for x in c.get_perms(b"/z")])
            print(c.get_domain_path("010").decode())
            print(c.is_domain_introduced("07"), c.is_domain_introduced("010"))
            c.close()
            """);

        Assert.Equal("['b0', 'r8', 'w8']\n/local/domain/10\nTrue False\n", output);
    }

    [Fact]
    public async Task Get_perms_writes_ids_from_2_to_the_31_up_signed_as_C_xenstored_does()
    {
        // C xenstored answers with xs_perm_to_string: "%i" of the id cast to int. pyxs shows the reply as sent.
        var output = await Pyxs.RunAsync(_store.Dom0Socket, Prelude + """
            c.write(b"/p/big", b"x")
            c.set_perms(b"/p/big", [b"n0", b"r4294967295", b"b2147483648", b"w2147483647"])
            print(" ".join(x.decode() for x in c.get_perms(b"/p/big")))
            c.close()
            """);

        Assert.Equal("n0 r-1 b-2147483648 w2147483647\n", output);
        Assert.Equal([0u, 4294967295u, 2147483648u, 2147483647u], _store.Server.TryGetPermissions("/p/big")!.Select(p => p.DomainId));
    }

    [Fact]
    public async Task Big_directories_need_DIRECTORY_PART_from_clients_without_it()
    {
        for (var i = 0; i < 320; i++)
        {
            _store.Server.Write($"/big/child-with-a-long-name-{i:D4}", "v"u8);
        }

        // pyxs only sends DIRECTORY, so it sees the E2BIG a real xenstored gives for such a node.
        var output = await Pyxs.RunAsync(_store.Dom0Socket, Prelude + """
            print(code(lambda: c.list(b"/big")))
            print(len(c.list(b"/big/child-with-a-long-name-0000")))
            c.close()
            """);

        Assert.Equal("E2BIG\n0\n", output);
    }

    [Fact]
    public async Task Transactions_commit_conflict_and_roll_back()
    {
        _store.Server.ForceTransactionConflicts(1);
        var output = await Pyxs.RunAsync(_store.Dom0Socket, Prelude + """
            other = pyxs.Client(unix_socket_path=sys.argv[1]); other.connect()
            c.transaction(); c.write(b"/t/x", b"1"); print(c.commit())
            c.transaction(); c.write(b"/t/x", b"2"); print(c.commit())
            c.transaction(); c.write(b"/t/y", b"inside")
            print(code(lambda: other.read(b"/t/y")))
            c.rollback()
            print(code(lambda: c.read(b"/t/y")))
            c.transaction(); c.read(b"/t/x")
            other.write(b"/t/x", b"3")
            print(c.commit())
            print(c.read(b"/t/x").decode())
            other.close(); c.close()
            """);

        Assert.Equal("False\nTrue\nENOENT\nENOENT\nFalse\n3\n", output);
        Assert.Equal(2, _store.Server.TransactionConflicts);
    }

    [Fact]
    public async Task Watches_deliver_the_initial_event_then_changes()
    {
        var output = await Pyxs.RunAsync(_store.Dom0Socket, Prelude + """
            m = c.monitor()
            m.watch(b"/wp", b"tok")
            events = m.wait()
            print(tuple(next(events)))
            writer = pyxs.Client(unix_socket_path=sys.argv[1]); writer.connect()
            writer.write(b"/wp/child", b"1")
            print(tuple(next(events)))
            writer.delete(b"/wp")
            print(tuple(next(events)))
            writer.close(); c.close()
            """);

        Assert.Equal("(b'/wp', b'tok')\n(b'/wp/child', b'tok')\n(b'/wp', b'tok')\n", output);
    }

    [Fact]
    public async Task A_guest_connection_gets_EACCES_where_it_may_not_look()
    {
        _store.Server.Write("/local/domain/0/hidden/x", "s"u8);
        var output = await Pyxs.RunAsync(_store.GuestSocket, Prelude + """
            print(c.read(b"domid").decode())
            print(code(lambda: c.read(b"/local/domain/0/hidden/x")))
            print(code(lambda: c.read(b"/local/domain/0/hidden/missing")))
            print(code(lambda: c.read(b"vm-data/missing")))
            print(code(lambda: c.write(b"vm-data/hostname", b"x")))
            print(code(lambda: c.set_perms(b"data/host", [b"n0"])))
            print(code(lambda: c.write(b"data/guest/r", b"ok")))
            print(code(lambda: c.introduce_domain(9, 1, 1)))
            c.close()
            """);

        // Missing nodes under an unreadable parent are EACCES too: the guest cannot probe for them.
        Assert.Equal("7\nEACCES\nEACCES\nENOENT\nEACCES\nEPERM\nOK\nEACCES\n", output);
        Assert.Equal("ok", Encoding.ASCII.GetString(_store.Server.TryRead("/local/domain/7/data/guest/r")!));
    }
}
