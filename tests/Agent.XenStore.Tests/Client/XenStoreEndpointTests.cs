using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Transports;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>
/// What <see cref="XenStoreEndpoint"/> does with a path that is not a XenStore socket or device: a
/// mistyped path must never be written to (a regular file would get a protocol frame, as root), and
/// the error must say what the path is. Real files, directories and sockets.
/// </summary>
public sealed class XenStoreEndpointTests
{
    [Fact]
    public async Task A_regular_file_is_refused_and_left_unchanged()
    {
        using var directory = new TemporaryDirectory("gaxe-");
        var path = directory.Combine("victim.json");
        await File.WriteAllTextAsync(path, "{\"precious\": true}\n", TestContext.Current.CancellationToken);
        var before = File.GetLastWriteTimeUtc(path);

        var error = await Assert.ThrowsAsync<XenStoreConnectionException>(() => XenStoreClient.ConnectAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal($"Cannot open XenStore ({path}: a regular file, not a XenStore socket or device; nothing was written to it).", error.Message);
        Assert.Equal("{\"precious\": true}\n", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task A_regular_file_named_like_the_legacy_device_is_refused_outside_xenfs_and_procfs()
    {
        using var directory = new TemporaryDirectory("gaxe-");
        var path = directory.Combine("xenbus");
        await File.WriteAllTextAsync(path, "kept", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<XenStoreConnectionException>(() => XenStoreClient.ConnectAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains("a regular file, not a XenStore socket or device", error.Message, StringComparison.Ordinal);
        Assert.Equal("kept", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    // The check on the opened descriptor, which also catches a file swapped in after the first look.
    [Fact]
    public async Task The_device_transport_itself_refuses_a_regular_file_without_writing()
    {
        using var directory = new TemporaryDirectory("gaxe-");
        var path = directory.Combine("victim");
        await File.WriteAllTextAsync(path, "kept", TestContext.Current.CancellationToken);

        var error = Assert.Throws<IOException>(() => DeviceTransport.Open(path));

        Assert.Equal("a regular file, not a XenStore socket or device; nothing was written to it", error.Message);
        Assert.Equal("kept", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_directory_is_refused_as_a_directory()
    {
        using var directory = new TemporaryDirectory("gaxe-");

        var error = await Assert.ThrowsAsync<XenStoreConnectionException>(() => XenStoreClient.ConnectAsync(directory.Path, TestContext.Current.CancellationToken));

        Assert.Equal($"Cannot open XenStore ({directory.Path}: a directory, not a XenStore socket or device).", error.Message);
    }

    [Fact]
    public async Task A_missing_path_says_so()
    {
        using var directory = new TemporaryDirectory("gaxe-");
        var path = directory.Combine("nothing");

        var error = await Assert.ThrowsAsync<XenStoreConnectionException>(() => XenStoreClient.ConnectAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal($"Cannot open XenStore ({path}: No such file or directory).", error.Message);
    }

    [Fact]
    public async Task A_path_below_a_regular_file_says_it_is_missing()
    {
        using var directory = new TemporaryDirectory("gaxe-");
        var file = directory.Combine("file");
        await File.WriteAllTextAsync(file, "kept", TestContext.Current.CancellationToken);
        var path = file + "/socket";

        var error = await Assert.ThrowsAsync<XenStoreConnectionException>(() => XenStoreClient.ConnectAsync(path, TestContext.Current.CancellationToken));

        // ENOTDIR is "nothing there" as ENOENT is, not a failure to examine the path.
        Assert.Equal($"Cannot open XenStore ({path}: No such file or directory).", error.Message);
    }

    [Fact]
    public async Task A_regular_file_in_procfs_is_refused_unless_it_is_the_legacy_xenbus()
    {
        // The legacy device is procfs's (or xenfs's) xenbus only: another procfs file is a typo.
        var error = await Assert.ThrowsAsync<XenStoreConnectionException>(() => XenStoreClient.ConnectAsync("/proc/version", TestContext.Current.CancellationToken));

        Assert.Equal("Cannot open XenStore (/proc/version: a regular file, not a XenStore socket or device; nothing was written to it).", error.Message);
    }

    [Fact]
    public async Task An_empty_XENSTORED_PATH_is_explained_not_examined()
    {
        var error = await Assert.ThrowsAsync<XenStoreConnectionException>(() => XenStoreClient.ConnectAsync("", TestContext.Current.CancellationToken));

        Assert.Equal("Cannot open XenStore (XENSTORED_PATH is set but empty, which names no endpoint; as libxenstore does, nothing else is tried (unset it for the default endpoints)).", error.Message);
    }

    [Fact]
    public async Task A_stale_socket_reports_connection_refused()
    {
        var python = ExternalTool.Require("python3", "python3");
        using var directory = new TemporaryDirectory("gaxe-");
        var path = directory.Combine("stale.sock");
        // A daemon that listened and died leaves its socket file behind: connect() is refused.
        // (A .NET socket removes its file when disposed, so another process makes it.)
        var died = await ExternalTool.RunAsync(python, ["-c", "import socket, sys; s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1)", path]);
        Assert.True(died.ExitCode == 0, died.StandardError);

        var error = await Assert.ThrowsAsync<XenStoreConnectionException>(() => XenStoreClient.ConnectAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal($"Cannot open XenStore ({path}: Connection refused: no XenStore daemon is listening on this socket).", error.Message);
        Assert.True(File.Exists(path), "the socket file is left where it is");
    }

    [Fact]
    public async Task A_symbolic_link_to_a_live_socket_is_followed()
    {
        using var directory = new TemporaryDirectory("gaxe-");
        await using var store = new EmbeddedXenStore();
        var link = directory.Combine("link.sock");
        File.CreateSymbolicLink(link, store.GuestSocket);

        await using var client = await XenStoreClient.ConnectAsync(link, TestContext.Current.CancellationToken);

        Assert.Equal("7", await client.ReadStringAsync("domid"));
    }
}
