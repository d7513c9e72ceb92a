namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// A log nobody reads (stderr a full pipe): the agent's writes to it block, the line being written
/// holds the lock every other line waits on, and the first signal's "stopping" line is one of them.
/// The second signal must still end the process: its own last line may not wait on the log.
/// </summary>
public sealed class StalledLogTests
{
    [Fact]
    public async Task A_second_sigterm_ends_the_agent_even_when_its_stderr_is_a_full_pipe_nobody_reads()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        using var directory = new GuestAgent.Testing.TemporaryDirectory("gastall-");
        using var stderr = new StalledPipe(directory.Combine("stderr"));
        using var notify = agent.NewNotifySocket();
        // Its first line (before READY=1) blocks for good; the signal handlers are in place by then.
        var process = agent.LaunchAgentWithRedirections($"2>'{stderr.Path}'", notify);
        await process.WaitForBlockedWriteAsync(stderr.Path);

        // The first signal notifies STOPPING=1, then its "stopping" line waits behind the blocked one:
        // the stop never starts. Only then the second, so that the two cannot merge into one.
        process.Signal(DaemonProcess.SigTerm);
        await notify.WaitForAsync("STOPPING=1", process);
        process.Signal(DaemonProcess.SigTerm);
        var code = await process.WaitForExitAsync();

        // Ended by the second signal's default action (128 + SIGTERM), not by a stop that finished.
        Assert.Equal(128 + DaemonProcess.SigTerm, code);
    }
}
