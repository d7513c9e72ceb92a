using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The endpoint variables as libxenstore reads them, side by side with the real <c>xenstore-read</c>:
/// set means set, so an empty <c>XENSTORED_PATH</c> names no endpoint even when
/// <c>$XENSTORED_RUNDIR/socket</c> would have worked.
/// </summary>
public sealed class XenstoredPathVariableTests
{
    [Fact]
    public async Task An_empty_XENSTORED_PATH_fails_as_libxenstore_fails_and_says_why()
    {
        var xenstoreRead = ExternalTool.Require("xenstore-read", "xenstore-utils");
        Assert.SkipWhen(Environment.GetEnvironmentVariable("XENSTORED_PATH") is not null, "XENSTORED_PATH is set in the test run's own environment, which the tools inherit");
        await using var agent = await AgentUnderTest.StartAsync();
        using var rundir = new TemporaryDirectory();
        File.CreateSymbolicLink(rundir.Combine("socket"), agent.Socket);
        var unset = new Dictionary<string, string> { ["XENSTORED_RUNDIR"] = rundir.Path, ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" };
        var empty = new Dictionary<string, string>(unset) { ["XENSTORED_PATH"] = "" };
        unset.Remove("XENSTORED_PATH");
        string[] call = ["call", "--domid", "5", "version"];

        // The run directory alone works for both.
        Assert.Equal(0, (await ExternalTool.RunAsync(xenstoreRead, ["/local/domain/5/name"], environment: unset)).ExitCode);
        Assert.Equal(0, (await ExternalTool.RunAsync(DaemonBinary.Require(), call, environment: unset)).ExitCode);

        var theirs = await ExternalTool.RunAsync(xenstoreRead, ["/local/domain/5/name"], environment: empty);
        var ours = await ExternalTool.RunAsync(DaemonBinary.Require(), call, environment: empty);

        Assert.NotEqual(0, theirs.ExitCode);
        Assert.Equal(1, ours.ExitCode);
        Assert.Contains("XENSTORED_PATH is set but empty, which names no endpoint", ours.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--config", "/dev/null")]
    [InlineData("check-config", "--config", "/dev/null")]
    [InlineData("call", "--domid", "5", "version")]
    [InlineData("set-password", "--domid", "5")]
    public async Task A_XENSTORED_PATH_too_long_for_a_unix_socket_is_a_usage_error_naming_the_variable(string verb, params string[] options)
    {
        // As '--xenstore' of the same length is: said before anything runs (exit 2, which the unit
        // does not restart), not as "Cannot open XenStore" at connect (exit 1, restarted for ever).
        var environment = new Dictionary<string, string>
        {
            ["XENSTORED_PATH"] = "/" + new string('s', 107),
            ["NOTIFY_SOCKET"] = "",
            ["JOURNAL_STREAM"] = "",
        };

        var result = await ExternalTool.RunAsync(DaemonBinary.Require(), [verb, .. options], standardInput: "", environment: environment);

        Assert.Equal(
            (2, $"guest-agent: {verb}: environment variable XENSTORED_PATH names a path of 108 bytes, too long for a unix socket (at most 107 bytes; choose a shorter path)"),
            (result.ExitCode, result.StandardError.TrimEnd('\n')));
    }

    [Fact]
    public async Task A_relative_XENSTORED_PATH_names_the_socket_in_the_directory_the_verb_was_started_from_for_run_too()
    {
        // As libxenstore's tools started there see it; run moves to / before it connects, so it must
        // make the variable absolute first (it looked for /xs.sock and exited 1).
        var xenstoreRead = ExternalTool.Require("xenstore-read", "xenstore-utils");
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        var socketDirectory = Path.GetDirectoryName(agent.Socket)!;
        var relative = new Dictionary<string, string>
        {
            ["XENSTORED_PATH"] = Path.GetFileName(agent.Socket),
            ["NOTIFY_SOCKET"] = "",
            ["JOURNAL_STREAM"] = "",
        };
        using var notify = agent.NewNotifySocket();

        var theirs = await ExternalTool.RunAsync(xenstoreRead, [AgentUnderTest.Home + "/name"], environment: relative, workingDirectory: socketDirectory);
        await using var run = DaemonProcess.StartWrapped(
            ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", socketDirectory],
            ["run", "--domain-path", AgentUnderTest.Home, "--root", agent.Root, "--config", agent.WriteConfig("{}")],
            new Dictionary<string, string>(relative) { ["NOTIFY_SOCKET"] = notify.Path });
        await notify.WaitForAsync("READY=1", run);
        var call = await ExternalTool.RunAsync(DaemonBinary.Require(), ["call", "--domid", "5", "version"], environment: relative, workingDirectory: socketDirectory);

        Assert.True(theirs.ExitCode == 0, theirs.StandardError);
        Assert.Contains($"XenStore exchange connected (unix socket {agent.Socket})", run.StandardError, StringComparison.Ordinal);
        Assert.True(call.ExitCode == 0, call.StandardError);
        Assert.Contains("\"returncode\":\"0\"", call.StandardOutput, StringComparison.Ordinal);
        run.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await run.WaitForExitAsync());
    }

    [Fact]
    public async Task A_relative_XENSTORED_RUNDIR_names_the_socket_under_the_directory_run_was_started_from()
    {
        // libxenstore's default endpoint is $XENSTORED_RUNDIR/socket, relative to where a tool starts;
        // run moved to / first and looked for /rundir/socket, then the xenbus device (exit 1).
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        var socketDirectory = Path.GetDirectoryName(agent.Socket)!;
        Directory.CreateDirectory(Path.Join(socketDirectory, "rundir"));
        File.CreateSymbolicLink(Path.Join(socketDirectory, "rundir", "socket"), agent.Socket);
        using var notify = agent.NewNotifySocket();

        await using var run = DaemonProcess.StartWrapped(
            ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", socketDirectory],
            ["run", "--domain-path", AgentUnderTest.Home, "--root", agent.Root, "--config", agent.WriteConfig("{}")],
            new Dictionary<string, string> { ["XENSTORED_RUNDIR"] = "rundir", ["NOTIFY_SOCKET"] = notify.Path, ["JOURNAL_STREAM"] = "" });
        await notify.WaitForAsync("READY=1", run);

        Assert.Contains($"XenStore exchange connected (unix socket {socketDirectory}/rundir/socket)", run.StandardError, StringComparison.Ordinal);
        run.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await run.WaitForExitAsync());
    }

    [Theory]
    [InlineData("run", "--config", "/dev/null")]
    [InlineData("check-config", "--config", "/dev/null")]
    [InlineData("call", "--domid", "5", "version")]
    [InlineData("set-password", "--domid", "5")]
    public async Task A_relative_XENSTORED_PATH_too_long_once_made_absolute_is_a_usage_error_for_every_verb(string verb, params string[] options)
    {
        // Short as typed, but what the verbs open is the path joined to the working directory.
        using var directory = new TemporaryDirectory();
        var name = new string('s', 107 - directory.Path.Length);
        var environment = new Dictionary<string, string> { ["XENSTORED_PATH"] = name, ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" };

        var result = await ExternalTool.RunAsync(DaemonBinary.Require(), [verb, .. options], standardInput: "", environment: environment, workingDirectory: directory.Path);

        Assert.Equal(
            (2, $"guest-agent: {verb}: environment variable XENSTORED_PATH names a path of 108 bytes once made absolute against the working directory ({directory.Path}/{name}), too long for a unix socket (at most 107 bytes; choose a shorter path)"),
            (result.ExitCode, result.StandardError.TrimEnd('\n')));
    }
}
