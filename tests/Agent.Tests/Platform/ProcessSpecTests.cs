using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>What a <see cref="ProcessSpec"/> accepts and the timeout it runs under when none is set.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProcessSpecTests
{
    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void A_spec_needs_a_program(string? program) =>
        Assert.ThrowsAny<ArgumentException>(() => new ProcessSpec(program!, "argument"));

    [Fact]
    public async Task Without_a_timeout_a_program_is_killed_after_30_seconds_and_not_before()
    {
        using var directory = new TemporaryDirectory();
        var pidFile = directory.Combine("pid");
        var spec = new ProcessSpec("/bin/sh", "-c", "echo $$ > \"$0\"; exec sleep 600", pidFile);
        var clock = new FakeTimeProvider();

        var running = new ProcessRunner(clock).RunAsync(spec, TestContext.Current.CancellationToken);
        var pid = Assert.Single(await ProcessLiveness.WaitForPidsAsync(pidFile, 1, running));
        // The fake clock fires a due timeout inside Advance, so a program still running just before
        // the 30 s was not timed out yet.
        clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.False(running.IsCompleted, "the program ended before 30 s");
        clock.Advance(TimeSpan.FromTicks(1));
        var result = await running.WithinSafetyNet();

        Assert.True(result.TimedOut);
        Assert.True(await ProcessLiveness.BecomesDeadAsync(pid), $"the timed-out program (pid {pid}) is still running");
    }
}
