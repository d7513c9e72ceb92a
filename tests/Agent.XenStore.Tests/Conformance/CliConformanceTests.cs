using System.Diagnostics;
using System.Text;
using GuestAgent.Testing;
using GuestAgent.XenStore.Tests.Infrastructure;
using static GuestAgent.XenStore.Tests.Infrastructure.XenStoreTools;

namespace GuestAgent.XenStore.Tests.Conformance;

/// <summary>The embedded server driven by the Xen project's own xenstore-* tools (libxenstore 4.17).</summary>
public sealed class CliConformanceTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    private string Socket => _store.Dom0Socket;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Write_then_read_round_trips_a_value()
    {
        await SucceedAsync(Socket, "xenstore-write", "/tool/agent/greeting", "hello world");

        Assert.Equal("hello world\n", await SucceedAsync(Socket, "xenstore-read", "/tool/agent/greeting"));
        Assert.Equal("hello world"u8.ToArray(), _store.Server.TryRead("/tool/agent/greeting"));
    }

    [Fact]
    public async Task Binary_ish_values_keep_every_byte()
    {
        // xenstore-write turns \t and \xNN escapes into bytes; xenstore-read escapes them back.
        await SucceedAsync(Socket, "xenstore-write", "/bin", @"a\tb\x01c");

        Assert.Equal(new byte[] { (byte)'a', 9, (byte)'b', 1, (byte)'c' }, _store.Server.TryRead("/bin"));
        Assert.Equal("a\\tb\\001c\n", await SucceedAsync(Socket, "xenstore-read", "/bin"));

        _store.Server.Write("/raw", [0x7f, 0x00, 0x41, 0xff]);
        var raw = await RunAsync(Socket, "xenstore-read", "-R", "/raw");
        Assert.Equal(0, raw.ExitCode);
        Assert.Equal("\u007f\0A", raw.StandardOutput[..3]);
    }

    [Fact]
    public async Task Missing_nodes_fail_like_xenstored()
    {
        var read = await RunAsync(Socket, "xenstore-read", "/no/such/node");
        Assert.Equal(1, read.ExitCode);
        Assert.Contains("couldn't read path /no/such/node", read.StandardError, StringComparison.Ordinal);

        Assert.Equal(1, (await RunAsync(Socket, "xenstore-exists", "/no/such/node")).ExitCode);
        Assert.Equal(0, (await RunAsync(Socket, "xenstore-exists", "/local/domain/7")).ExitCode);

        var rm = await RunAsync(Socket, "xenstore-rm", "/no/such/node");
        Assert.Equal(1, rm.ExitCode);
        Assert.Contains("could not remove path /no/such/node", rm.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(Socket, "xenstore-rm", "/local/absent")).ExitCode);
    }

    [Fact]
    public async Task Ls_list_and_rm_see_the_tree()
    {
        await SucceedAsync(Socket, "xenstore-write", "/t/a", "1", "/t/b/c", "2");

        Assert.Equal("a = \"1\"\nb = \"\"\n c = \"2\"\n", await SucceedAsync(Socket, "xenstore-ls", "/t"));
        Assert.Equal("/t/a = \"1\"\n/t/b = \"\"\n/t/b/c = \"2\"\n", await SucceedAsync(Socket, "xenstore-ls", "-f", "/t"));
        Assert.Equal("a\nb\n", await SucceedAsync(Socket, "xenstore-list", "/t"));

        await SucceedAsync(Socket, "xenstore-rm", "/t/b");
        Assert.Equal("a\n", await SucceedAsync(Socket, "xenstore-list", "/t"));
        Assert.Null(_store.Server.TryRead("/t/b/c"));
    }

    [Fact]
    public async Task Big_directories_are_listed_through_E2BIG_and_DIRECTORY_PART()
    {
        var names = Enumerable.Range(0, 350).Select(i => $"child-with-a-long-name-{i:D4}").ToList();
        foreach (var name in names)
        {
            _store.Server.Write("/big/" + name, Encoding.ASCII.GetBytes(name[^4..]));
        }

        // One DIRECTORY reply cannot hold 350 × 28 bytes: the tools must fall back to DIRECTORY_PART.
        var list = await SucceedAsync(Socket, "xenstore-list", "/big");
        Assert.Equal(names, list.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var ls = await SucceedAsync(Socket, "xenstore-ls", "/big");
        Assert.Equal(350, ls.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("child-with-a-long-name-0349 = \"0349\"", ls, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chmod_sets_permissions_that_ls_shows()
    {
        await SucceedAsync(Socket, "xenstore-write", "/perm/node", "x");
        await SucceedAsync(Socket, "xenstore-chmod", "/perm/node", "n7", "r0", "b3");

        Assert.Equal(["n7", "r0", "b3"], _store.Server.TryGetPermissions("/perm/node")!.Select(p => p.ToString()));
        Assert.Contains("(n7,r0,b3)", await SucceedAsync(Socket, "xenstore-ls", "-p", "/perm"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chmod_with_a_negative_domain_id_is_accepted_as_C_xenstored_accepts_it()
    {
        // xenstore-chmod reads "r-1" with atoi and sends the id as %i prints it: "r-1". C xenstored
        // reads it with strtol and keeps 4294967295 (a domain that does not exist: kept, grants nothing).
        await SucceedAsync(Socket, "xenstore-write", "/perm/odd", "x");
        await SucceedAsync(Socket, "xenstore-chmod", "/perm/odd", "n0", "r-1");

        Assert.Equal(["n0", "r-1"], _store.Server.TryGetPermissions("/perm/odd")!.Select(p => p.ToString()));
        Assert.Equal(4294967295u, _store.Server.TryGetPermissions("/perm/odd")![1].DomainId);
        Assert.Contains("(n0,r-1)", await SucceedAsync(Socket, "xenstore-ls", "-p", "/perm"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_reports_the_initial_event_and_changes_below_the_path()
    {
        var tool = ExternalTool.Require("xenstore-watch", "xenstore-utils");
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add("3");
        start.ArgumentList.Add("/w");
        start.Environment["XENSTORED_PATH"] = Socket;
        using var watcher = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // The first line is the initial event; only then is the watch known to be registered.
        Assert.Equal("/w", await watcher.StandardOutput.ReadLineAsync(timeout.Token));
        await SucceedAsync(Socket, "xenstore-write", "/w/a/b", "1");
        await SucceedAsync(Socket, "xenstore-write", "/elsewhere", "1");
        await SucceedAsync(Socket, "xenstore-rm", "/w/a");
        Assert.Equal("/w/a/b", await watcher.StandardOutput.ReadLineAsync(timeout.Token));
        Assert.Equal("/w/a", await watcher.StandardOutput.ReadLineAsync(timeout.Token));
        await watcher.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, watcher.ExitCode);
    }

    [Fact]
    public async Task A_node_written_twice_in_one_transaction_fires_its_watch_once_at_the_commit()
    {
        var tool = ExternalTool.Require("xenstore-watch", "xenstore-utils");
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add("3");
        start.ArgumentList.Add("/dup");
        start.Environment["XENSTORED_PATH"] = Socket;
        using var watcher = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal("/dup", await watcher.StandardOutput.ReadLineAsync(timeout.Token));

        // Several pairs: one transaction, so C xenstored queues both events of /dup/a before it
        // writes either and drops the second as identical. The next write is a different event.
        await SucceedAsync(Socket, "xenstore-write", "/dup/a", "1", "/dup/a", "2");
        await SucceedAsync(Socket, "xenstore-write", "/dup/b", "1");

        Assert.Equal("/dup/a", await watcher.StandardOutput.ReadLineAsync(timeout.Token));
        Assert.Equal("/dup/b", await watcher.StandardOutput.ReadLineAsync(timeout.Token));
        await watcher.WaitForExitAsync(timeout.Token);
        Assert.Equal("2"u8.ToArray(), _store.Server.TryRead("/dup/a"));
    }

    [Fact]
    public async Task Multi_key_writes_retry_their_transaction_on_a_forced_EAGAIN()
    {
        _store.Server.ForceTransactionConflicts(2);

        // Several pairs make xenstore-write use a transaction, which libxenstore redoes on EAGAIN.
        await SucceedAsync(Socket, "xenstore-write", "/tx/a", "1", "/tx/b", "2");

        Assert.Equal(2, _store.Server.TransactionConflicts);
        Assert.Equal("1\n2\n", await SucceedAsync(Socket, "xenstore-read", "/tx/a", "/tx/b"));
    }

    [Fact]
    public async Task Dom0s_domid_and_name_are_there_from_the_start_as_xen_init_dom0_writes_them()
    {
        // Relative paths on the dom0 socket resolve to /local/domain/0, as on a Xen host.
        Assert.Equal("0\nDomain-0\n", await SucceedAsync(Socket, "xenstore-read", "domid", "name"));

        // Written by dom0 without a chmod: they and their parents inherit "/"'s n0, so guests cannot read them.
        Assert.Equal(
            "/local/domain/0/domid = \"0\"   (n0)\n/local/domain/0/name = \"Domain-0\"   (n0)\n",
            await SucceedAsync(Socket, "xenstore-ls", "-fp", "/local/domain/0"));
        Assert.All(["/local", "/local/domain", "/local/domain/0"], path => Assert.Equal("n0", Assert.Single(_store.Server.TryGetPermissions(path)!).ToString()));
        Assert.Equal(1, (await RunAsync(_store.GuestSocket, "xenstore-read", "/local/domain/0/name")).ExitCode);
    }

    [Fact]
    public async Task The_root_holds_tool_xenstored_first_as_C_xenstored_creates_it_at_start()
    {
        // C xenstored 4.17's setup_structure makes "/", "/tool" and "/tool/xenstored" (dom0's, n0,
        // empty) before any client connects, so a Xen host's root lists "tool" before the "local"
        // that xen-init-dom0 adds.
        Assert.Equal("tool\nlocal\n", await SucceedAsync(Socket, "xenstore-list", "/"));
        Assert.Equal("/tool/xenstored = \"\"   (n0)\n", await SucceedAsync(Socket, "xenstore-ls", "-fp", "/tool"));
        Assert.Equal("n0", Assert.Single(_store.Server.TryGetPermissions("/tool")!).ToString());

        // Inherited from "/": a guest may not read it.
        Assert.Equal(1, (await RunAsync(_store.GuestSocket, "xenstore-read", "/tool/xenstored")).ExitCode);
    }

    [Fact]
    public async Task A_guest_connection_sees_its_home_and_nothing_it_may_not()
    {
        var guest = _store.GuestSocket;
        _store.Server.Write("/local/domain/0/secret", "s"u8);

        Assert.Equal("7\n", await SucceedAsync(guest, "xenstore-read", "domid"));
        await SucceedAsync(guest, "xenstore-write", "data/guest/r1", "answer");
        Assert.Equal("answer"u8.ToArray(), _store.Server.TryRead("/local/domain/7/data/guest/r1"));
        Assert.Equal("n7", _store.Server.TryGetPermissions("/local/domain/7/data/guest/r1")![0].ToString());

        Assert.Equal(1, (await RunAsync(guest, "xenstore-write", "name", "renamed")).ExitCode);
        Assert.Equal(1, (await RunAsync(guest, "xenstore-write", "new-key", "x")).ExitCode);
        Assert.Equal(1, (await RunAsync(guest, "xenstore-read", "/local/domain/0/secret")).ExitCode);
        Assert.Equal(1, (await RunAsync(guest, "xenstore-chmod", "vm-data", "b7")).ExitCode);
        Assert.Equal("guest-7"u8.ToArray(), _store.Server.TryRead("/local/domain/7/name"));
    }
}
