using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// What <c>guest-agent run</c> does to its own process: it works from <c>/</c> whatever directory it
/// was started from (so nothing it does can depend on a directory someone else may write), and it
/// is non-dumpable (no core file, no ptrace or <c>/proc/PID/environ</c> for a process that is not root).
/// </summary>
public sealed class ProcessHardeningTests
{
    private const string Nobody = "65534";

    [Fact]
    public async Task Run_started_from_another_directory_works_from_the_root_directory_its_relative_paths_read_first()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        var socketDirectory = Path.GetDirectoryName(agent.Socket)!;
        using var notify = agent.NewNotifySocket();

        // Started from the socket's directory and naming it relatively, as an operator might.
        await using var run = DaemonProcess.StartWrapped(
            ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", socketDirectory],
            ["run", "--xenstore", Path.GetFileName(agent.Socket), "--domain-path", AgentUnderTest.Home, "--root", agent.Root, "--config", agent.WriteConfig("{}")],
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path });
        await notify.WaitForAsync("READY=1", run);

        Assert.Equal("/", new DirectoryInfo($"/proc/{run.Id}/cwd").LinkTarget);
        var result = await agent.CallAsync("version");
        Assert.Equal(0, result.ExitCode);
        // The relative path was made absolute before the move to /: the exchange reconnects by it too.
        Assert.Contains($"XenStore exchange connected (unix socket {agent.Socket})", run.StandardError, StringComparison.Ordinal);
        run.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await run.WaitForExitAsync());
    }

    [Fact]
    public async Task A_relative_XENSTORED_PATH_names_the_socket_in_the_directory_run_was_started_from_not_under_the_root()
    {
        // The variable is read at connect, after the move to /: before, run looked for /xs.sock.
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        var socketDirectory = Path.GetDirectoryName(agent.Socket)!;
        using var notify = agent.NewNotifySocket();

        await using var run = DaemonProcess.StartWrapped(
            ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", socketDirectory],
            ["run", "--domain-path", AgentUnderTest.Home, "--root", agent.Root, "--config", agent.WriteConfig("{}")],
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path, ["XENSTORED_PATH"] = Path.GetFileName(agent.Socket) });
        await notify.WaitForAsync("READY=1", run);

        Assert.Equal(0, (await agent.CallAsync("version")).ExitCode);
        Assert.Contains($"XenStore exchange connected (unix socket {agent.Socket})", run.StandardError, StringComparison.Ordinal);
        run.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await run.WaitForExitAsync());
    }

    [Fact]
    public async Task A_relative_config_path_is_named_absolute_in_the_log_since_run_works_from_the_root_directory()
    {
        // Read before the move to /, but named in lines logged after it (and for every request of a
        // disabled command): "in agent.json" would send the operator to /agent.json.
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        var config = agent.WriteConfig("""{"commands":{"enabled":["version"]}}""");
        using var notify = agent.NewNotifySocket();

        await using var run = DaemonProcess.StartWrapped(
            ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", Path.GetDirectoryName(config)!],
            ["run", "--xenstore", agent.Socket, "--domain-path", AgentUnderTest.Home, "--root", agent.Root, "--config", Path.GetFileName(config)],
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path });
        await notify.WaitForAsync("READY=1", run);
        var result = await agent.CallAsync("features");

        Assert.Contains("No such agent command 'features'", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Configuration file: {config};", run.StandardError, StringComparison.Ordinal);
        Assert.Contains($"to serve it, add it to 'commands.enabled' in {config})", run.StandardError, StringComparison.Ordinal);
        run.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await run.WaitForExitAsync());
    }

    [Fact]
    public async Task Run_is_not_dumpable_a_process_of_its_own_user_cannot_read_its_memory_or_environment()
    {
        // Run as a user other than root, since root may read any process's /proc entries; the
        // embedded XenStore runs as that user too (its socket is its owner's only) and is the control:
        // an ordinary process of the same user, whose environment that user can read.
        var setpriv = ExternalTool.Require("setpriv", "util-linux");
        string[] asNobody = [setpriv, $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups"];
        using var directory = new TemporaryDirectory();
        var root = Path.Combine(directory.Path, "root");
        DemoGuest.CreateRoot(root);
        var config = Path.Combine(directory.Path, "agent.json");
        await File.WriteAllTextAsync(config, "{}", TestContext.Current.CancellationToken);
        var chown = await ExternalTool.RunAsync("chown", ["-R", $"{Nobody}:{Nobody}", directory.Path]);
        Assert.Equal(0, chown.ExitCode);
        var socket = Path.Combine(directory.Path, "xs.sock");

        await using var xenstored = DaemonProcess.StartWrapped(asNobody, ["xenstored", "--socket", socket, "--guest-domid", "5"]);
        await xenstored.WaitForErrorTextAsync("XenStore listening");
        await using var agent = DaemonProcess.StartWrapped(asNobody, ["run", "--xenstore", socket, "--domain-path", AgentUnderTest.Home, "--root", root, "--config", config]);
        await agent.WaitForErrorTextAsync("serving");

        var control = await ExternalTool.RunAsync(setpriv, [.. asNobody[1..], "cat", $"/proc/{xenstored.Id}/environ"]);
        var hardened = await ExternalTool.RunAsync(setpriv, [.. asNobody[1..], "cat", $"/proc/{agent.Id}/environ"]);

        Assert.True(control.ExitCode == 0, control.StandardError);
        Assert.NotEqual(0, hardened.ExitCode);
        Assert.Contains("Permission denied", hardened.StandardError, StringComparison.Ordinal);
        Assert.False(agent.HasExited, agent.StandardError);
    }
}
