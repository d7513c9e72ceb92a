namespace GuestAgent.Tests.Hosting;

/// <summary>
/// <see cref="GuestAgent.Hosting.ShutdownSignals"/> with real signals, sent to a child process serving
/// an <see cref="GuestAgent.Hosting.AgentHost"/> (tests/Agent.SignalProbe) whose command runs until the
/// test releases it.
/// </summary>
public sealed class ShutdownSignalsTests
{
    [Theory]
    [InlineData("TERM", "SIGTERM")]
    [InlineData("INT", "SIGINT")]
    public async Task The_first_signal_stops_gracefully_and_the_request_in_progress_is_answered(string signal, string name)
    {
        await using var probe = SignalProbeProcess.Start();
        await probe.WaitForLineAsync("ready");
        await probe.SendAsync("send r1");
        await probe.WaitForLineAsync("taken r1");
        await probe.SendAsync("send r2");

        await probe.SignalAsync(signal);
        await probe.WaitForLineAsync($"stopping {name}");
        // r2, queued behind r1 (or sent once the host had stopped), is never taken.
        await probe.WaitForLineAsync("not taken r2");
        await probe.SendAsync("release");

        // r1 is answered although the stop came while it ran, and the host returns only then.
        Assert.Equal(0, await probe.WaitForExitAsync());
        Assert.Equal(["ready", "taken r1", $"stopping {name}", "not taken r2", "answered r1", "stopped"], probe.Lines);
    }

    [Fact]
    public async Task A_second_signal_ends_the_process_at_once_after_naming_the_requests_in_progress()
    {
        await using var probe = SignalProbeProcess.Start();
        await probe.WaitForLineAsync("ready");
        await probe.SendAsync("send r1");
        await probe.WaitForLineAsync("taken r1");

        await probe.SignalAsync("TERM");
        await probe.WaitForLineAsync("stopping SIGTERM");
        await probe.SignalAsync("INT");

        // The second signal is not a first one: taken as one, it would say "stopping SIGINT" and the
        // probe would wait for ever for its command's release.
        Assert.Equal("abandoning SIGINT: r1", await probe.WaitForAnyLineAsync("abandoning SIGINT: r1", "stopping SIGINT"));
        // Killed by the second signal (128 + SIGINT), the command never released.
        Assert.Equal(130, await probe.WaitForExitAsync());
        Assert.Equal(["ready", "taken r1", "stopping SIGTERM", "abandoning SIGINT: r1"], probe.Lines);
    }

    [Fact]
    public async Task Sighup_is_caught_when_asked_and_the_host_keeps_serving()
    {
        await using var probe = SignalProbeProcess.Start("--catch-hangup");
        await probe.WaitForLineAsync("ready");

        await probe.SignalAsync("HUP");
        await probe.WaitForLineAsync("hangup ignored");
        await probe.SendAsync("send r1");
        await probe.WaitForLineAsync("taken r1");
        await probe.SendAsync("release");
        await probe.WaitForLineAsync("answered r1");
        await probe.SignalAsync("TERM");

        Assert.Equal(0, await probe.WaitForExitAsync());
        Assert.Equal(["ready", "hangup ignored", "taken r1", "answered r1", "stopping SIGTERM", "stopped"], probe.Lines);
    }

    [Fact]
    public async Task Callbacks_that_throw_on_the_signal_thread_neither_crash_the_process_nor_prevent_the_stop()
    {
        await using var probe = SignalProbeProcess.Start("--catch-hangup", "--throwing-callbacks");
        await probe.WaitForLineAsync("ready");
        await probe.SignalAsync("HUP");
        await probe.WaitForLineAsync("hangup ignored");
        await probe.SendAsync("send r1");
        await probe.WaitForLineAsync("taken r1");

        await probe.SignalAsync("TERM");
        await probe.WaitForLineAsync("stopping SIGTERM");
        await probe.SendAsync("release");

        // The stopping callback and a callback on the token threw; the stop went on as usual.
        Assert.Equal(0, await probe.WaitForExitAsync());
        Assert.Equal(["ready", "hangup ignored", "taken r1", "stopping SIGTERM", "answered r1", "stopped"], probe.Lines);
    }

    [Fact]
    public async Task Sighup_keeps_its_default_action_when_not_asked_for()
    {
        await using var probe = SignalProbeProcess.Start();
        await probe.WaitForLineAsync("ready");

        await probe.SignalAsync("HUP");

        Assert.Equal(129, await probe.WaitForExitAsync());
        Assert.Equal(["ready"], probe.Lines);
    }
}
