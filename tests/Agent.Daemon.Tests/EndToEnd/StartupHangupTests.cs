using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// A SIGHUP that reaches <c>run</c> while it reads its settings, before its logger exists, is
/// logged as ignored once it does, like one that comes later: it used to end the agent with status 129.
/// </summary>
public sealed class StartupHangupTests
{
    [Fact]
    public async Task A_sighup_while_run_reads_its_configuration_is_logged_and_ignored()
    {
        var strace = ExternalTool.Require("strace", "strace");
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        var config = agent.WriteConfig("{}");
        var trace = Path.Combine(agent.Root, "..", $"strace-{Guid.NewGuid():N}.log");
        // strace has the kernel deliver SIGHUP to the agent at its first system calls on the
        // configuration file: after Main, before run has read its settings or made its logger, so
        // whatever the machine's speed, the signals come exactly in that window.
        string[] hangupAtConfig = [strace, "-f", "-o", trace, "-P", config, "-e", "trace=all", "-e", "inject=all:signal=SIGHUP:when=1", "--"];

        await agent.StartAgentWrappedAsync(hangupAtConfig, configPath: config);

        // Final by READY=1: the file was read before it, and strace wrote each delivery as it came.
        var delivered = File.ReadAllLines(trace).Count(line => line.Contains("--- SIGHUP", StringComparison.Ordinal));
        Assert.True(delivered > 0, "strace delivered no SIGHUP");
        await WaitForIgnoredLinesAsync(agent.Agent!, delivered);
        var result = await agent.CallAsync("version");
        Assert.Contains("\"returncode\":\"0\"", result.StandardOutput, StringComparison.Ordinal);
        // strace's child is the agent: stopped as systemd would, strace exits with its status.
        agent.Agent!.SignalChild(DaemonProcess.SigTerm);
        Assert.Equal(0, await agent.Agent.WaitForExitAsync());
        // One line per signal delivered (strace injects at the first call of each kind on the file:
        // statx, openat, read …), whichever came first, the signal's handling or the logger; no more.
        Assert.Equal(delivered, IgnoredLines(agent.Agent));
    }

    private static int IgnoredLines(DaemonProcess agent) =>
        agent.StandardError.Split('\n').Count(line => line.Contains("SIGHUP ignored", StringComparison.Ordinal));

    /// <summary>Until <paramref name="count"/> lines say a SIGHUP was ignored; a minute is only a safety net.</summary>
    private static async Task WaitForIgnoredLinesAsync(DaemonProcess agent, int count)
    {
        var deadline = Deadline.After(TimeSpan.FromMinutes(1));
        while (IgnoredLines(agent) < count)
        {
            Assert.False(deadline.HasPassed, $"{IgnoredLines(agent)} of {count} SIGHUPs logged as ignored; stderr: {agent.StandardError}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
