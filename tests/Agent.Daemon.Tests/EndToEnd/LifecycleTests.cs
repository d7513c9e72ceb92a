using System.Globalization;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>Start-up, shutdown and restart of the published daemon, as systemd and Nova see them.</summary>
public sealed class LifecycleTests
{
    private static string Request(string name) => $"{{\"name\": \"{name}\", \"value\": \"agent\"}}";

    [Fact]
    public async Task Sighup_is_logged_and_ignored_and_the_agent_keeps_serving()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        // The serving line comes after any line of start-up: none says a SIGHUP was ignored before one was sent.
        await agent.Agent!.WaitForErrorTextAsync(" serving ");
        Assert.DoesNotContain("SIGHUP", agent.Agent.StandardError, StringComparison.Ordinal);

        agent.Agent.Signal(DaemonProcess.SigHup);
        await agent.Agent.WaitForErrorTextAsync("SIGHUP ignored");

        var result = await agent.CallAsync("version");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"returncode\":\"0\"", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, await agent.StopAgentAsync());
    }

    [Fact]
    public async Task An_idle_agent_stopped_says_no_request_is_in_progress_to_systemd_and_in_its_log()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        using var notify = agent.NewNotifySocket();
        var process = agent.LaunchAgent(notify);  // disposed with the agent under test
        await notify.WaitForAsync("READY=1", process);

        process.Signal(DaemonProcess.SigTerm);

        Assert.Equal("STOPPING=1\nSTATUS=Stopping: no request in progress", await notify.WaitForAsync("STOPPING=1", process));
        Assert.Equal(0, await process.WaitForExitAsync());
        Assert.Contains("Stopping on SIGTERM: no request is in progress", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_during_a_burst_loses_no_request_and_a_restart_answers_the_rest_exactly_once()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        var tools = agent.Tools;
        var ids = Enumerable.Range(0, 300).Select(i => "burst-" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();
        string[] Burst(IEnumerable<string> part) => [.. part.SelectMany(id => new[] { $"{AgentUnderTest.Home}/data/host/{id}", Request("version") })];

        // One xenstore-write run writes the first third; once the agent is busy with it, it is frozen
        // while the rest arrives and SIGTERM with it. So it meets the stop request with at least those
        // 200 waiting, however slowly this machine runs the test (it could otherwise answer all 300
        // before a late SIGTERM).
        await tools.WriteAsync(Burst(ids[..100]));
        await agent.Agent!.WaitForErrorTextAsync("burst-");
        await agent.Agent.FreezeAsync();
        await tools.WriteAsync(Burst(ids[100..]));
        Assert.Equal(0, await agent.StopAgentAsync(thaw: true));

        var answered = (await tools.ListAsync($"{AgentUnderTest.Home}/data/guest")).ToHashSet(StringComparer.Ordinal);
        var pending = (await tools.ListAsync($"{AgentUnderTest.Home}/data/host")).ToHashSet(StringComparer.Ordinal);
        // Some requests must be left for the restart, or its "exactly once" below checks nothing.
        Assert.NotEmpty(pending);
        Assert.Empty(answered.Intersect(pending));
        Assert.Equal(ids.Order(StringComparer.Ordinal), answered.Union(pending).Order(StringComparer.Ordinal));

        await agent.StartAgentAsync();
        foreach (var id in ids)
        {
            var response = await tools.WaitForResponseAsync(AgentUnderTest.Home, id);
            Assert.StartsWith("""{"returncode":"0","message":""", response, StringComparison.Ordinal);
        }

        Assert.Empty(await tools.ListAsync($"{AgentUnderTest.Home}/data/host"));
        // Each request ran once: every id that was answered before the restart was not run again.
        var received = agent.Agent!.StandardError.Split('\n').Count(line => line.Contains("command 'version' received", StringComparison.Ordinal));
        Assert.Equal(pending.Count, received);
    }

    [Fact]
    public async Task Requests_written_while_the_agent_is_down_are_answered_when_it_starts()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        var tools = agent.Tools;
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/while-down-1", Request("version"), $"{AgentUnderTest.Home}/data/host/while-down-2", Request("features"));

        await agent.StartAgentAsync();

        Assert.StartsWith("""{"returncode":"0","message":""", await tools.WaitForResponseAsync(AgentUnderTest.Home, "while-down-1"), StringComparison.Ordinal);
        Assert.StartsWith("""{"returncode":"0","message":""", await tools.WaitForResponseAsync(AgentUnderTest.Home, "while-down-2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_comes_after_a_resetnetwork_that_was_waiting_at_start()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        var tools = agent.Tools;
        await tools.WriteAsync(
            $"{AgentUnderTest.Home}/vm-data/networking/bc764e206c5b", GuestAgent.Daemon.Demo.DemoGuest.NetworkingJson,
            $"{AgentUnderTest.Home}/data/host/system-init", """{"name":"resetnetwork","value":""}""");

        // Debug: the exchange's "answered" line (written once the answer is in XenStore) is debug.
        var ready = await agent.StartAgentAsync("--log-level", "debug");

        // By the time systemd hears READY=1 the network request has been answered: the agent logs
        // "serving" right after READY=1, so its log shows the order (reading the node after READY
        // could not, the answer might have come a moment later).
        Assert.Contains("READY=1", ready, StringComparison.Ordinal);
        Assert.Equal("""{"returncode":"0","message":""}""", await tools.ReadAsync($"{AgentUnderTest.Home}/data/guest/system-init"));
        await agent.Agent!.WaitForErrorTextAsync(" serving ");
        var log = agent.Agent.StandardError;
        var answered = log.IndexOf("XenStore request system-init answered", StringComparison.Ordinal);
        Assert.True(answered >= 0 && answered < log.IndexOf(" serving ", StringComparison.Ordinal), $"READY=1 came before the resetnetwork answer:\n{log}");
    }

    [Fact]
    public async Task A_stop_while_ready_waits_for_a_resetnetwork_sends_no_ready_and_logs_no_serving()
    {
        // READY=1 waits for the resetnetwork that was waiting at start; netplan hangs, and SIGTERM
        // comes first. The agent stops (the command cut off after 1 s): it must not then tell systemd
        // READY=1, nor log that it is serving, after it has said it is stopping.
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        var tools = agent.Tools;
        FixtureDirectories.Create(agent.GuestFile("/var/lib/guest-agent"));
        await File.WriteAllTextAsync(agent.GuestFile("/var/lib/guest-agent/hang-actions"), "netplan\n", TestContext.Current.CancellationToken);
        await tools.WriteAsync(
            $"{AgentUnderTest.Home}/vm-data/networking/bc764e206c5b", GuestAgent.Daemon.Demo.DemoGuest.NetworkingJson,
            $"{AgentUnderTest.Home}/data/host/system-init", """{"name":"resetnetwork","value":""}""");
        using var notify = agent.NewNotifySocket();
        var process = agent.LaunchAgent(notify, "--config", agent.WriteConfig("""{"shutdownTimeoutSeconds":1,"network":{"deadlineSeconds":3600}}"""));
        await process.WaitForErrorTextAsync("Request system-init: resetnetwork: /etc/netplan/90-guest-agent.yaml written");

        process.Signal(DaemonProcess.SigTerm);
        // systemctl status shows what the stop waits for: here the resetnetwork in progress.
        Assert.Equal("STOPPING=1\nSTATUS=Finishing the request in progress", await notify.WaitForAsync("STOPPING=1", process));
        Assert.Equal(0, await process.WaitForExitAsync());

        Assert.DoesNotContain(notify.ReceivedSoFar(), message => message.Split('\n').Contains("READY=1"));
        var log = process.StandardError;
        Assert.Contains("Stopping on SIGTERM", log, StringComparison.Ordinal);
        Assert.DoesNotContain(" serving ", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_signal_during_a_request_names_the_abandoned_request_and_ends_the_process()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        // netplan hangs for an hour, and a stop may wait that long for it: only the second signal ends it.
        await agent.StartAgentAsync("--config", agent.WriteConfig("""{"shutdownTimeoutSeconds":3600,"network":{"deadlineSeconds":3600}}"""));
        var tools = agent.Tools;
        await tools.WriteAsync($"{AgentUnderTest.Home}/vm-data/networking/bc764e206c5b", GuestAgent.Daemon.Demo.DemoGuest.NetworkingJson);
        await File.WriteAllTextAsync(agent.GuestFile("/var/lib/guest-agent/hang-actions"), "netplan\n", TestContext.Current.CancellationToken);
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/reset-abandoned", """{"name":"resetnetwork","value":"secret-looking-value"}""");
        await agent.Agent!.WaitForErrorTextAsync("Request reset-abandoned: resetnetwork: /etc/netplan/90-guest-agent.yaml written");

        agent.Agent.Signal(DaemonProcess.SigTerm);
        // The first signal's line names the request the stop waits for (id and command, never value).
        await agent.Agent.WaitForErrorTextAsync("Stopping on SIGTERM: finishing request reset-abandoned (command 'resetnetwork') first");
        agent.Agent.Signal(DaemonProcess.SigInt);
        var code = await agent.Agent.WaitForExitAsync();

        // Ended by the signal (128 + SIGINT), not a clean stop, and the last line says what was left unanswered.
        Assert.Equal(130, code);
        var lines = agent.Agent.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "<4>guest-agent: Stopping at once on a second SIGINT: request reset-abandoned (command 'resetnetwork') is abandoned before its answer was delivered; it stays in XenStore and runs again (or has its answer replayed) when the agent starts, unless the host withdraws it",
            lines[^1]);
        Assert.DoesNotContain("secret-looking-value", agent.Agent.StandardError, StringComparison.Ordinal);
        Assert.Contains("reset-abandoned", await tools.ListAsync($"{AgentUnderTest.Home}/data/host"));
        Assert.Null(await tools.ReadAsync($"{AgentUnderTest.Home}/data/guest/reset-abandoned"));
    }

    [Fact]
    public async Task A_stop_while_xenstore_does_not_answer_at_start_ends_as_every_stop_does()
    {
        // A wedged XenStore accepts the connection and answers nothing: run waits in its first read,
        // and systemctl stop's SIGTERM must end it with the same exit code and last line as a stop
        // while serving, so that the journal says it stopped rather than ending on "Stopping".
        await using var xenstore = new NovaHost.MutePeer();
        using var root = new GuestAgent.Testing.TemporaryDirectory();
        await using var process = DaemonProcess.Start(["run", "--xenstore", xenstore.SocketPath, "--root", root.Path, "--config", "/dev/null"]);
        await xenstore.NextRequestAsync();

        process.Signal(DaemonProcess.SigTerm);

        Assert.Equal(0, await process.WaitForExitAsync());
        var lines = process.StandardError.TrimEnd('\n').Split('\n');
        Assert.Equal("<6>guest-agent: Stopping on SIGTERM: no request is in progress", lines[^2]);
        Assert.Equal("<6>guest-agent: Stopped", lines[^1]);
    }

    [Fact]
    public async Task Sigterm_stops_cleanly_with_exit_code_0()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        Assert.Equal(0, await agent.StopAgentAsync());
    }
}
