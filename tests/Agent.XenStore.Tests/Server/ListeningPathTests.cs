using System.Net.Sockets;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// <see cref="XenStoreServer.Listen"/> never takes a socket path from a live server and never
/// deletes anything but a stale socket, with real sockets, files and (for the stale socket) a real
/// process that dies leaving its socket file behind.
/// </summary>
public sealed class ListeningPathTests
{
    [Fact]
    public async Task A_path_another_server_is_serving_on_is_refused_and_that_server_keeps_serving()
    {
        using var directory = new TemporaryDirectory("gaxs-");
        var path = directory.Combine("xs.sock");
        await using var first = new XenStoreServer();
        first.Listen(path);
        first.Write("/served-by", "first"u8);

        await using (var second = new XenStoreServer())
        {
            var error = Assert.Throws<IOException>(() => second.Listen(path));
            Assert.Equal($"another XenStore server is serving on {path}", error.Message);
        }

        // Still the first server's socket, even after the refused server was disposed.
        await using var client = await XenStoreClient.ConnectAsync(path);
        Assert.Equal("first", await client.ReadStringAsync("/served-by"));
    }

    [Fact]
    public async Task A_live_server_whose_listen_queue_is_full_is_not_taken_for_a_stale_one()
    {
        using var directory = new TemporaryDirectory("gaxs-");
        var path = directory.Combine("xs.sock");
        // A live listener too busy to accept: a queue of one, taken by a client nobody accepts, so a
        // probing connect meets EAGAIN, not the refusal of a socket nothing listens on.
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(0);
        using var waiting = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
        waiting.Connect(new UnixDomainSocketEndPoint(path));
        await using var server = new XenStoreServer();

        var error = Assert.Throws<IOException>(() => server.Listen(path));

        Assert.Equal($"another XenStore server is serving on {path}", error.Message);
        // Still the busy listener's socket: once it accepts, its waiting client is served.
        using var accepted = listener.Accept();
        Assert.True(File.Exists(path), "the busy server's socket file is kept");
    }

    [Fact]
    public async Task A_socket_a_dead_process_left_behind_is_replaced()
    {
        var python = ExternalTool.Require("python3", "python3");
        using var directory = new TemporaryDirectory("gaxs-");
        var path = directory.Combine("xs.sock");
        // A server that listened and died without removing its socket file (as after SIGKILL).
        var died = await ExternalTool.RunAsync(python, ["-c", "import socket, sys; s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1)", path]);
        Assert.True(died.ExitCode == 0, died.StandardError);
        Assert.True(File.Exists(path), "the dead process's socket file should still be there");

        await using var server = new XenStoreServer();
        server.Listen(path);
        server.Write("/served-by", "new"u8);

        Assert.Equal("new", (await XenStoreTools.SucceedAsync(path, "xenstore-read", "/served-by")).TrimEnd('\n'));
    }

    [Fact]
    public async Task A_regular_file_at_the_path_is_refused_and_kept()
    {
        using var directory = new TemporaryDirectory("gaxs-");
        var path = directory.Combine("xs.sock");
        await File.WriteAllTextAsync(path, "precious", TestContext.Current.CancellationToken);
        await using var server = new XenStoreServer();

        var error = Assert.Throws<IOException>(() => server.Listen(path));

        Assert.Equal($"'{path}' exists and is a regular file, not a socket; it was left as it is (remove it or choose another path)", error.Message);
        Assert.Equal("precious", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_path_in_a_missing_directory_is_refused_naming_the_directory()
    {
        using var directory = new TemporaryDirectory("gaxs-");
        var missing = directory.Combine("missing", "dir");
        await using var server = new XenStoreServer();

        var error = Assert.Throws<IOException>(() => server.Listen(Path.Combine(missing, "x.sock")));

        // Not bind()'s EADDRNOTAVAIL ("Cannot assign requested address").
        Assert.Equal($"the directory '{missing}' does not exist", error.Message);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task A_path_below_a_regular_file_is_refused_naming_the_file()
    {
        using var directory = new TemporaryDirectory("gaxs-");
        var file = directory.Combine("file");
        await File.WriteAllTextAsync(file, "precious", TestContext.Current.CancellationToken);
        await using var server = new XenStoreServer();

        var error = Assert.Throws<IOException>(() => server.Listen(Path.Combine(file, "x.sock")));

        Assert.Equal($"'{file}' is not a directory", error.Message);
        Assert.Equal("precious", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_directory_at_the_path_is_refused_and_kept_with_its_contents()
    {
        using var directory = new TemporaryDirectory("gaxs-");
        var path = directory.Combine("xs.sock");
        Directory.CreateDirectory(path);
        await File.WriteAllTextAsync(Path.Combine(path, "inside"), "kept", TestContext.Current.CancellationToken);
        await using var server = new XenStoreServer();

        var error = Assert.Throws<IOException>(() => server.Listen(path));

        Assert.Equal($"'{path}' exists and is a directory, not a socket; it was left as it is (remove it or choose another path)", error.Message);
        Assert.Equal("kept", await File.ReadAllTextAsync(Path.Combine(path, "inside"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_symbolic_link_at_the_path_is_refused_and_kept_even_to_a_stale_socket()
    {
        var python = ExternalTool.Require("python3", "python3");
        using var directory = new TemporaryDirectory("gaxs-");
        var stale = directory.Combine("stale.sock");
        Assert.Equal(0, (await ExternalTool.RunAsync(python, ["-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", stale])).ExitCode);
        var path = directory.Combine("xs.sock");
        File.CreateSymbolicLink(path, stale);
        await using var server = new XenStoreServer();

        var error = Assert.Throws<IOException>(() => server.Listen(path));

        Assert.Contains("is a symbolic link, not a socket", error.Message, StringComparison.Ordinal);
        Assert.Equal(stale, new FileInfo(path).LinkTarget);
        Assert.True(File.Exists(stale));
    }
}
