using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>Bad configuration, bad options and an unreachable XenStore: one clear stderr line and the documented exit code.</summary>
public sealed class FailureTests
{
    /// <summary>The one error line on stderr; log lines (<c>&lt;N&gt;…</c>, such as the start's configuration line) may come before it.</summary>
    private static string SingleLine(ToolResult result)
    {
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('<')).ToArray();
        Assert.True(lines.Length == 1, $"expected one error line on stderr, got: {result.StandardError}");
        Assert.StartsWith("guest-agent: ", lines[0], StringComparison.Ordinal);
        return lines[0];
    }

    [Fact]
    public async Task An_unknown_configuration_key_exits_2_naming_the_key()
    {
        using var directory = new TemporaryDirectory();
        var config = directory.Combine("agent.json");
        await File.WriteAllTextAsync(config, """{"xenstore":{"socket":"/run/xs"}}""", TestContext.Current.CancellationToken);

        var result = await AgentUnderTest.RunBinaryAsync(["run", "--config", config]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"guest-agent: {config}: unknown key 'xenstore.socket' (known keys in 'xenstore': path, domainPath, pollIntervalSeconds, responseRetentionSeconds)", SingleLine(result));
    }

    [Fact]
    public async Task Run_by_another_user_than_root_on_the_real_root_says_so_before_the_permission_errors_it_explains()
    {
        var setpriv = ExternalTool.Require("setpriv", "util-linux");
        using var directory = new TemporaryDirectory();
        // A copy nobody can reach and run: the published one may sit under a directory only root enters.
        File.SetUnixFileMode(directory.Path, (UnixFileMode)0b111_101_101);
        var binary = directory.Combine("guest-agent");
        File.Copy(DaemonBinary.Require(), binary);
        File.SetUnixFileMode(binary, (UnixFileMode)0b111_101_101);

        // Nothing nobody may change is touched: the state directory and XenStore refuse it.
        var result = await ExternalTool.RunAsync(
            setpriv,
            ["--reuid=65534", "--regid=65534", "--clear-groups", binary, "run", "--config", "/dev/null", "--xenstore", directory.Combine("xs.sock")],
            environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" });

        Assert.Equal(1, result.ExitCode);
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "<4>guest-agent: Running as uid 65534, not root: the agent changes root's files (/etc/shadow, the network files, injected files, its own binary), "
            + "keeps its state in /var/lib/guest-agent and talks to XenStore's root-only device, so expect 'Permission denied' from each of them; "
            + "run it as root (the unit does), or give --root DIR to try it on a directory",
            lines[1]);
        Assert.StartsWith("<6>guest-agent: Configuration file: none", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("guest-agent: XenStore is unreachable", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_configuration_value_exits_2()
    {
        using var directory = new TemporaryDirectory();
        var config = directory.Combine("agent.json");
        await File.WriteAllTextAsync(config, """{"xenstore":{"pollIntervalSeconds":-1}}""", TestContext.Current.CancellationToken);

        var result = await AgentUnderTest.RunBinaryAsync(["run", "--config", config]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"guest-agent: {config}: 'xenstore.pollIntervalSeconds' must be between 0.01 and 3600 seconds, not '-1'", SingleLine(result));
    }

    [Fact]
    public async Task Under_the_journal_the_fatal_line_carries_the_error_priority()
    {
        using var directory = new TemporaryDirectory();
        var config = directory.Combine("agent.json");
        await File.WriteAllTextAsync(config, """{"xenstore":{"pollIntervalSeconds":-1}}""", TestContext.Current.CancellationToken);

        // systemd sets JOURNAL_STREAM to the device and inode of the journal stream it connected:
        // here the stderr pipe the agent is started with, as for a service whose stderr is the journal.
        var configError = await RunWithStderrAsJournalAsync(["run", "--config", config]);
        var usageError = await RunWithStderrAsJournalAsync(["run", "--port", "80"]);

        Assert.Equal(2, configError.ExitCode);
        Assert.Equal($"<3>guest-agent: {config}: 'xenstore.pollIntervalSeconds' must be between 0.01 and 3600 seconds, not '-1'\n", configError.StandardError);
        Assert.Equal("<3>guest-agent: run: unknown option '--port'\n", usageError.StandardError);
    }

    [Fact]
    public async Task A_journal_stream_that_is_not_stderr_leaves_the_fatal_line_plain()
    {
        // StandardOutput=journal with StandardError=file:…: systemd sets JOURNAL_STREAM for stdout's
        // stream, and a <3> in the file would be noise; the same for a child inheriting the variable.
        var stdoutStream = await ExternalTool.RunAsync(
            "bash",
            ["-c", "exec 3>&1; JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/3) exec \"$0\" \"$@\" 3>&-", DaemonBinary.Require(), "run", "--port", "80"],
            environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "" });
        var unrelated = await AgentUnderTest.RunBinaryAsync(["run", "--port", "80"], journalStream: "8:12345");

        Assert.Equal("guest-agent: run: unknown option '--port'\n", stdoutStream.StandardError);
        Assert.Equal("guest-agent: run: unknown option '--port'\n", unrelated.StandardError);
    }

    /// <summary>Runs the binary with <c>JOURNAL_STREAM</c> naming the stderr pipe it gets, as systemd names the journal's stream.</summary>
    private static Task<ToolResult> RunWithStderrAsJournalAsync(string[] arguments) =>
        ExternalTool.RunAsync(
            "bash",
            ["-c", "JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/2) exec \"$0\" \"$@\"", DaemonBinary.Require(), .. arguments],
            environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "" });

    [Theory]
    [InlineData("guest-agent: run: unknown option '--port'", "run", "--port", "80")]
    [InlineData("guest-agent: call: option '--domid N' is required", "call", "version")]
    [InlineData("guest-agent: unknown verb 'start' (try 'guest-agent --help')", "start")]
    [InlineData("guest-agent: run: option '--root' is given twice; it takes one value", "run", "--root", "/a", "--root", "/b")]
    public async Task Bad_options_exit_2(string message, params string[] arguments)
    {
        var result = await AgentUnderTest.RunBinaryAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, SingleLine(result));
    }

    [Fact]
    public async Task An_unreachable_xenstore_exits_1()
    {
        using var directory = new TemporaryDirectory();
        var config = directory.Combine("agent.json");
        await File.WriteAllTextAsync(config, "{}", TestContext.Current.CancellationToken);

        var result = await AgentUnderTest.RunBinaryAsync(["run", "--config", config, "--root", directory.Path, "--xenstore", directory.Combine("no-xenstore.sock")]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("guest-agent: XenStore is unreachable: ", SingleLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_xenstore_endpoint_at_all_the_error_asks_whether_this_is_a_xen_guest()
    {
        Assert.SkipWhen(Directory.Exists("/proc/xen") || Path.Exists(GuestAgent.XenStore.Transports.XenStoreEndpoint.XenbusDevice), "this machine has Xen's endpoints");
        // Set, even empty, it is the only endpoint tried (as for libxenstore), and the tool inherits it.
        Assert.SkipWhen(Environment.GetEnvironmentVariable("XENSTORED_PATH") is not null, "XENSTORED_PATH is set in the test run's own environment");
        using var directory = new TemporaryDirectory();

        // No --xenstore: libxenstore's defaults, with the socket's directory moved somewhere empty.
        var result = await ExternalTool.RunAsync(
            DaemonBinary.Require(), ["call", "--domid", "5", "version"], null,
            new Dictionary<string, string> { ["XENSTORED_RUNDIR"] = directory.Path });

        Assert.Equal(1, result.ExitCode);
        var line = SingleLine(result);
        Assert.StartsWith($"guest-agent: XenStore is unreachable: Cannot open XenStore ({directory.Path}/socket: ", line, StringComparison.Ordinal);
        Assert.EndsWith(". Is this a Xen guest? (no /proc/xen; xenfs not mounted?)", line, StringComparison.Ordinal);
    }

    // A typo in --xenstore naming a regular file: the agent (root, in production) must not open it
    // as the xenbus device and write a XenStore frame into it (explore-report.md, defect 4).
    [Fact]
    public async Task A_xenstore_path_that_is_a_regular_file_exits_1_and_leaves_the_file_as_it_was()
    {
        using var directory = new TemporaryDirectory();
        var config = directory.Combine("agent.json");
        await File.WriteAllTextAsync(config, "{}", TestContext.Current.CancellationToken);
        var victim = directory.Combine("victim.json");
        await File.WriteAllTextAsync(victim, "{\"keep\": \"me\"}\n", TestContext.Current.CancellationToken);

        var result = await AgentUnderTest.RunBinaryAsync(["run", "--config", config, "--root", directory.Path, "--domain-path", "/local/domain/7", "--xenstore", victim]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"guest-agent: XenStore is unreachable: Cannot open XenStore ({victim}: a regular file, not a XenStore socket or device; nothing was written to it).", SingleLine(result));
        Assert.Equal("{\"keep\": \"me\"}\n", await File.ReadAllTextAsync(victim, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_xenstore_path_that_is_a_directory_says_so()
    {
        using var directory = new TemporaryDirectory();
        var config = directory.Combine("agent.json");
        await File.WriteAllTextAsync(config, "{}", TestContext.Current.CancellationToken);

        var result = await AgentUnderTest.RunBinaryAsync(["run", "--config", config, "--root", directory.Path, "--xenstore", directory.Path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"guest-agent: XenStore is unreachable: Cannot open XenStore ({directory.Path}: a directory, not a XenStore socket or device).", SingleLine(result));
    }

    [Fact]
    public async Task A_configuration_file_with_a_byte_order_mark_is_accepted()
    {
        using var directory = new TemporaryDirectory();
        var config = directory.Combine("agent.json");
        await File.WriteAllBytesAsync(config, [0xEF, 0xBB, 0xBF, .. "{ \"logLevel\": \"warning\" }"u8.ToArray()], TestContext.Current.CancellationToken);

        var result = await AgentUnderTest.RunBinaryAsync(["run", "--config", config, "--root", directory.Path, "--xenstore", directory.Combine("no-xenstore.sock")]);

        // Past the configuration (which would exit 2) to the missing XenStore.
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("guest-agent: XenStore is unreachable: ", SingleLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_without_an_agent_times_out_with_exit_1_and_removes_its_request()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);

        var result = await agent.CallAsync("--timeout", "1", "version");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("guest-agent: TIMEOUT: No response from agent within 1 seconds.", SingleLine(result));
        Assert.Empty(await agent.Tools.ListAsync($"{AgentUnderTest.Home}/data/host"));
    }

    [Fact]
    public async Task Interrupting_call_withdraws_its_request_and_exits_1()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        // An hour to wait for the answer: SIGINT, not the call's own timeout, must be what ends it.
        await using var call = DaemonProcess.Start(["call", "--xenstore", agent.Socket, "--domid", "5", "--timeout", "3600", "version"]);
        var tools = agent.Tools;
        while ((await tools.ListAsync($"{AgentUnderTest.Home}/data/host")).Count == 0)
        {
            Assert.False(call.HasExited, call.StandardError);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        call.Signal(DaemonProcess.SigInt);

        Assert.Equal(1, await call.WaitForExitAsync());
        Assert.Equal("guest-agent: interrupted: the request was withdrawn\n", call.StandardError);
        Assert.Empty(await tools.ListAsync($"{AgentUnderTest.Home}/data/host"));
    }

    [Fact]
    public async Task Call_against_a_XenStore_that_never_answers_times_out_and_says_the_request_was_not_withdrawn()
    {
        // A XenStore that answers the domain check and then nothing (a wedged daemon): the timeout
        // covers the WRITE too, and the removal on the way out is bounded.
        await using var peer = new NovaHost.MutePeer(answerFirstRead: true);

        var result = await AgentUnderTest.RunBinaryAsync(["call", "--xenstore", peer.SocketPath, "--domid", "5", "--timeout", "1", "version"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "guest-agent: TIMEOUT: No response from agent within 1 seconds. The request could not be withdrawn " +
            "(XenStore did not answer its removal within 5 seconds); the agent may still run it.",
            SingleLine(result));
    }

    [Fact]
    public async Task Interrupting_call_against_a_XenStore_that_never_answers_does_not_claim_a_withdrawal()
    {
        await using var peer = new NovaHost.MutePeer(answerFirstRead: true);
        await using var call = DaemonProcess.Start(["call", "--xenstore", peer.SocketPath, "--domid", "5", "--timeout", "3600", "version"]);
        Assert.Equal(NovaHost.MutePeer.Read, await peer.NextRequestAsync());
        Assert.Equal(NovaHost.MutePeer.Write, await peer.NextRequestAsync());

        call.Signal(DaemonProcess.SigInt);

        Assert.Equal(1, await call.WaitForExitAsync());
        Assert.Equal(NovaHost.MutePeer.Remove, await peer.NextRequestAsync());
        Assert.Equal(
            "guest-agent: interrupted: the request could not be withdrawn (XenStore did not answer its removal within 5 seconds); the agent may still run it\n",
            call.StandardError);
    }

    [Fact]
    public async Task Set_password_without_a_password_exits_2()
    {
        var result = await AgentUnderTest.RunBinaryAsync(["set-password", "--domid", "5"], "");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("guest-agent: set-password: no password on stdin", SingleLine(result));
    }
}
