using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Tests.Platform;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProcessRunnerTests
{
    [Fact]
    public async Task Runs_a_program_with_arguments_and_captures_output_and_exit_code()
    {
        var result = await new ProcessRunner().RunAsync(
            new ProcessSpec("/bin/sh", "-c", "printf '%s|' \"$0\" \"$1\"; echo err >&2; exit 3", "a b", "c;d"),
            TestContext.Current.CancellationToken);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("a b|c;d|", result.StandardOutput);
        Assert.Equal("err\n", result.StandardError);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task An_explicit_environment_replaces_the_agents_and_input_reaches_the_program()
    {
        var spec = new ProcessSpec("/bin/sh", "-c", "read line; echo \"$line:${HOME:-none}:$ONLY\"")
        {
            Environment = new Dictionary<string, string> { ["ONLY"] = "this" },
            StandardInput = "hello\n",
        };

        var result = await new ProcessRunner().RunAsync(spec, TestContext.Current.CancellationToken);

        Assert.Equal("hello:none:this\n", result.StandardOutput);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task A_program_past_its_timeout_is_killed_and_reported()
    {
        using var directory = new TemporaryDirectory();
        var pidFile = directory.Combine("pid");
        // The shell writes its pid, then becomes the sleep: that pid is the program that must die.
        var spec = new ProcessSpec("/bin/sh", "-c", "echo $$ > \"$0\"; exec sleep 600", pidFile) { Timeout = TimeSpan.FromSeconds(2) };
        var clock = new FakeTimeProvider();

        var running = new ProcessRunner(clock).RunAsync(spec, TestContext.Current.CancellationToken);
        // The timeout comes once the program is surely running, however slowly the machine started it.
        var pid = Assert.Single(await ProcessLiveness.WaitForPidsAsync(pidFile, 1, running));
        Assert.False(running.IsCompleted, "the program ended before its timeout");
        clock.Advance(spec.Timeout);
        var result = await running.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
        Assert.Equal(-1, result.ExitCode);
        Assert.True(await ProcessLiveness.BecomesDeadAsync(pid), $"the timed-out program (pid {pid}) is still running");
    }

    [Fact]
    public async Task A_program_whose_caller_cancels_is_killed_and_the_cancellation_thrown_not_reported_as_a_timeout()
    {
        using var directory = new TemporaryDirectory();
        var pidFile = directory.Combine("pid");
        var spec = new ProcessSpec("/bin/sh", "-c", "echo $$ > \"$0\"; exec sleep 600", pidFile) { Timeout = TimeSpan.FromMinutes(10) };
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = new ProcessRunner(new FakeTimeProvider()).RunAsync(spec, stopping.Token);
        var pid = Assert.Single(await ProcessLiveness.WaitForPidsAsync(pidFile, 1, running));
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
        Assert.True(await ProcessLiveness.BecomesDeadAsync(pid), $"the cancelled program (pid {pid}) is still running");
    }

    [Fact]
    public async Task A_daemon_left_holding_the_output_pipe_does_not_stall_the_result()
    {
        // The background sleep inherits stdout and outlives the shell, like dhclient started by ifup.
        var spec = new ProcessSpec("/bin/sh", "-c", "sleep 600 & echo \"$!\"; echo done >&2");

        var result = await new ProcessRunner().RunAsync(spec, TestContext.Current.CancellationToken);

        var daemon = System.Diagnostics.Process.GetProcessById(int.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            // The result came back while the daemon still holds the pipe open.
            Assert.False(daemon.HasExited);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("done\n", result.StandardError);
        }
        finally
        {
            daemon.Kill();
            daemon.Dispose();
        }
    }

    [Fact]
    public async Task A_missing_program_is_an_IOException()
    {
        await Assert.ThrowsAsync<IOException>(() =>
            new ProcessRunner().RunAsync(new ProcessSpec("/nonexistent/program"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_program_that_cannot_run_here_is_an_IOException_with_the_systems_reason()
    {
        using var directory = new TemporaryDirectory();
        var program = WriteProgram(directory.Combine("not-a-program"), "\u007fELF but for no machine");

        var error = await Assert.ThrowsAsync<ProgramStartException>(() =>
            new ProcessRunner().RunAsync(new ProcessSpec(program), TestContext.Current.CancellationToken));

        Assert.Equal($"Could not start '{program}': Exec format error", error.Message);
        Assert.Equal("Exec format error", error.Reason);
        Assert.Equal(program, error.Program);
    }

    [Fact]
    public async Task A_program_file_still_open_for_writing_is_started_once_it_is_closed()
    {
        using var directory = new TemporaryDirectory();
        var program = WriteProgram(directory.Combine("update"), "#!/bin/sh\necho started\n");
        var clock = new FakeTimeProvider();
        // The timeout runs on the same clock, which this test moves on: far enough away never to fire.
        var spec = new ProcessSpec(program) { Timeout = TimeSpan.FromDays(1) };
        // As a child forked by another thread holds the new binary's descriptor until its exec.
        using var writer = new FileStream(program, FileMode.Open, FileAccess.Write);

        // While the file is open for writing, execve refuses it (ETXTBSY) before the call returns; the
        // runner must wait on its clock for a retry rather than fail.
        var running = new ProcessRunner(clock).RunAsync(spec, TestContext.Current.CancellationToken);
        Assert.False(running.IsCompleted, $"the refused start was not left to a retry: {running.Exception?.InnerException?.Message}");
        writer.Dispose();

        // Each step fires at most the next retry. More than one may be needed: until its exec, a child
        // another test forks meanwhile can hold a copy of the writer's descriptor. Bounded, so a start
        // that is never retried fails here instead of hanging.
        for (var step = 0; step < 3000 && !running.IsCompleted; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            await Task.WhenAny(running, Task.Delay(10, TestContext.Current.CancellationToken));
        }

        Assert.True(running.IsCompleted, "the program was not started once its file was closed");
        var result = await running;
        Assert.True(result.Succeeded);
        Assert.Equal("started\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_program_file_kept_open_for_writing_fails_as_busy_after_the_retries()
    {
        using var directory = new TemporaryDirectory();
        var program = WriteProgram(directory.Combine("update"), "#!/bin/sh\necho started\n");
        using var writer = new FileStream(program, FileMode.Open, FileAccess.Write);

        var error = await Assert.ThrowsAsync<ProgramStartException>(() =>
            new ProcessRunner().RunAsync(new ProcessSpec(program), TestContext.Current.CancellationToken));

        Assert.Equal($"Could not start '{program}': Text file busy", error.Message);
        Assert.Equal("Text file busy", error.Reason);
    }

    private static string WriteProgram(string path, string content)
    {
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public async Task Root_mode_records_actions_instead_of_running_them_and_can_fail_on_request()
    {
        using var root = new TemporaryDirectory();
        var system = AgentSystem.ForRoot(root.Path, failingPrograms: ["ifup"]);
        var ct = TestContext.Current.CancellationToken;
        Assert.IsType<RecordingProcessRunner>(system.Processes);

        var ok = await system.Processes.RunAsync(new ProcessSpec("/bin/rm", "-rf", root.Path), ct);
        var failedBySet = await system.Processes.RunAsync(new ProcessSpec("/sbin/ifup", "eth0"), ct);
        system.FileSystem.AppendAllText(RecordingProcessRunner.FailActionsPath, "# comment\nnetplan\n");
        var failedByFile = await system.Processes.RunAsync(new ProcessSpec("/usr/sbin/netplan", "apply"), ct);
        var secret = await system.Processes.RunAsync(new ProcessSpec("rhnreg_ks", "--activationkey", "KEY") { SecretArguments = new HashSet<int> { 1 } }, ct);

        Assert.True(ok.Succeeded);
        Assert.True(Directory.Exists(root.Path));
        Assert.Equal(1, failedBySet.ExitCode);
        Assert.Equal(1, failedByFile.ExitCode);
        Assert.True(secret.Succeeded);
        Assert.Equal(
            $"/bin/rm -rf {root.Path}\n/sbin/ifup eth0\n/usr/sbin/netplan apply\nrhnreg_ks --activationkey <secret>\n",
            File.ReadAllText(root.Combine("var", "lib", "guest-agent", "actions.log")));
    }

    [Fact]
    public async Task Root_mode_hangs_a_listed_program_until_its_timeout_or_until_cancelled()
    {
        using var root = new TemporaryDirectory();
        var time = new FakeTimeProvider();
        var system = AgentSystem.ForRoot(root.Path, time);
        system.FileSystem.AppendAllText(RecordingProcessRunner.HangActionsPath, "netplan\n");

        // The hang's timer is set before RunAsync returns: the clock can be moved at once.
        var running = system.Processes.RunAsync(new ProcessSpec("/usr/sbin/netplan", "apply") { Timeout = TimeSpan.FromMinutes(5) }, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.False(running.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));
        var timedOut = await running;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var hanging = system.Processes.RunAsync(new ProcessSpec("netplan", "apply") { Timeout = TimeSpan.FromHours(1) }, stopping.Token);
        await stopping.CancelAsync();

        Assert.True(timedOut.TimedOut);
        Assert.False(timedOut.Succeeded);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);
        Assert.Equal("/usr/sbin/netplan apply\nnetplan apply\n", File.ReadAllText(root.Combine("var", "lib", "guest-agent", "actions.log")));
    }

    [Fact]
    public void The_production_root_runs_real_programs()
    {
        Assert.IsType<ProcessRunner>(AgentSystem.ForRoot("/").Processes);
    }
}
