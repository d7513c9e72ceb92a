using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>guest-agent xenstored --socket PATH</c> as real processes: a second server on a live path
/// exits 1 and leaves the first serving; a socket left by a killed server is taken over; a file or
/// directory at the path is refused and kept.
/// </summary>
public sealed class XenstoredSocketTests
{
    [Fact]
    public async Task A_second_server_on_a_live_socket_exits_1_and_the_first_keeps_serving()
    {
        using var directory = new TemporaryDirectory("gaxsd-");
        var socket = directory.Combine("xs.sock");
        await using var first = await DaemonProcess.StartReadyAsync(directory, ["xenstored", "--socket", socket]);
        var tools = new XenStoreTools(socket);
        await tools.WriteAsync("/served-by", "first");

        var second = await AgentUnderTest.RunBinaryAsync(["xenstored", "--socket", socket]);

        Assert.Equal(1, second.ExitCode);
        Assert.Equal($"guest-agent: cannot listen on '{socket}': another XenStore server is serving on {socket}", second.StandardError.TrimEnd('\n'));
        Assert.Equal("first", await tools.ReadAsync("/served-by"));
        first.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await first.WaitForExitAsync());
    }

    [Fact]
    public async Task A_socket_left_by_a_killed_server_is_taken_over()
    {
        using var directory = new TemporaryDirectory("gaxsd-");
        var socket = directory.Combine("xs.sock");
        await using (var killed = await DaemonProcess.StartReadyAsync(directory, ["xenstored", "--socket", socket]))
        {
            // Disposing a running daemon kills it (SIGKILL): it cannot remove its socket file.
        }

        Assert.True(File.Exists(socket), "the killed server's socket file should still be there");

        await using var next = await DaemonProcess.StartReadyAsync(directory, ["xenstored", "--socket", socket]);
        var tools = new XenStoreTools(socket);
        await tools.WriteAsync("/served-by", "next");
        Assert.Equal("next", await tools.ReadAsync("/served-by"));
    }

    [Fact]
    public async Task A_regular_file_at_the_socket_path_is_refused_and_kept()
    {
        using var directory = new TemporaryDirectory("gaxsd-");
        var path = directory.Combine("xs.sock");
        await File.WriteAllTextAsync(path, "precious", TestContext.Current.CancellationToken);

        var result = await AgentUnderTest.RunBinaryAsync(["xenstored", "--socket", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"guest-agent: cannot listen on '{path}': '{path}' exists and is a regular file, not a socket; it was left as it is (remove it or choose another path)", result.StandardError.TrimEnd('\n'));
        Assert.Equal("precious", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_directory_at_the_socket_path_is_refused_and_kept()
    {
        using var directory = new TemporaryDirectory("gaxsd-");
        var path = directory.Combine("xs.sock");
        Directory.CreateDirectory(path);
        await File.WriteAllTextAsync(Path.Combine(path, "inside"), "kept", TestContext.Current.CancellationToken);

        var result = await AgentUnderTest.RunBinaryAsync(["xenstored", "--socket", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"'{path}' exists and is a directory, not a socket", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("kept", await File.ReadAllTextAsync(Path.Combine(path, "inside"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_socket_in_a_missing_directory_names_the_directory()
    {
        using var directory = new TemporaryDirectory("gaxsd-");
        var missing = directory.Combine("missing", "dir");

        var result = await AgentUnderTest.RunBinaryAsync(["xenstored", "--socket", Path.Combine(missing, "x.sock")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"guest-agent: cannot listen on '{missing}/x.sock': the directory '{missing}' does not exist", result.StandardError.TrimEnd('\n'));
    }

    [Fact]
    public async Task Sighup_is_logged_and_ignored_and_sigterm_still_removes_the_socket()
    {
        using var directory = new TemporaryDirectory("gaxsd-");
        var socket = directory.Combine("xs.sock");
        await using var server = await DaemonProcess.StartReadyAsync(directory, ["xenstored", "--socket", socket]);

        server.Signal(DaemonProcess.SigHup);
        await server.WaitForErrorTextAsync("SIGHUP ignored");

        var tools = new XenStoreTools(socket);
        await tools.WriteAsync("/after-hup", "served");
        Assert.Equal("served", await tools.ReadAsync("/after-hup"));
        Assert.Contains("<4>xenstored: SIGHUP ignored", server.StandardError, StringComparison.Ordinal);
        server.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.False(File.Exists(socket), "a stopped server removes its socket file");
    }

    [Fact]
    public async Task A_socket_path_too_long_for_unix_sockets_is_refused_with_its_length()
    {
        // sun_path is 108 bytes with the terminating NUL: 108 characters do not fit.
        using var directory = new TemporaryDirectory("gaxsd-");
        var path = PathOfLength(directory, 108);

        var result = await AgentUnderTest.RunBinaryAsync(["xenstored", "--socket", path]);

        // A bad option value: a usage error naming the option (exit 2), as for any other.
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"guest-agent: xenstored: option '--socket' names a path of 108 bytes, too long for a unix socket (at most 107 bytes; choose a shorter path)", result.StandardError.TrimEnd('\n'));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_socket_path_of_the_longest_length_the_message_names_is_served()
    {
        using var directory = new TemporaryDirectory("gaxsd-");
        var path = PathOfLength(directory, 107);

        await using var server = await DaemonProcess.StartReadyAsync(directory, ["xenstored", "--socket", path]);
        await new XenStoreTools(path).WriteAsync("/served-by", "longest");

        Assert.Equal("longest", await new XenStoreTools(path).ReadAsync("/served-by"));
        server.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task The_socket_is_0600_under_umask_000_and_another_user_cannot_connect()
    {
        ExternalTool.Require("setpriv", "util-linux");
        using var directory = new TemporaryDirectory("gaxsd-");
        // Another user must reach the socket's directory, so that only the socket's own mode stops them.
        File.SetUnixFileMode(directory.Path, (UnixFileMode)0b111_101_101);
        var socket = directory.Combine("xs.sock");
        using var notify = new NotifySocket(directory.Combine("notify"));
        await using var server = DaemonProcess.StartWrapped(["/bin/sh", "-c", "umask 000 && exec \"$@\"", "sh"], ["xenstored", "--socket", socket], new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path });
        await notify.WaitForAsync("READY=1", server);

        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(socket));
        await new XenStoreTools(socket).WriteAsync("/owner", "connects");
        var other = await ExternalTool.RunAsync(
            "setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "xenstore-write", "/pwned", "dom0"],
            environment: new Dictionary<string, string> { ["XENSTORED_PATH"] = socket });
        Assert.NotEqual(0, other.ExitCode);
        Assert.Equal("connects", await new XenStoreTools(socket).ReadAsync("/owner"));
        Assert.False(await new XenStoreTools(socket).ExistsAsync("/pwned"));
    }

    /// <summary>A path in <paramref name="directory"/> exactly <paramref name="length"/> bytes long (ASCII).</summary>
    private static string PathOfLength(TemporaryDirectory directory, int length)
    {
        var prefix = directory.Combine("s");
        Assert.True(prefix.Length < length, $"the temporary directory '{directory.Path}' is too long for this test");
        return prefix + new string('s', length - prefix.Length);
    }
}
