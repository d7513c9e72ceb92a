using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// A SIGHUP that reaches <c>run</c> while it starts, before its own handler exists, is held and
/// logged as ignored, like one that comes later: it used to end the agent with status 129.
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
        // strace has the kernel deliver SIGHUP to the agent at its first system call on the
        // configuration file: after Main, before run has read its settings or made its logger, so
        // whatever the machine's speed, the signal comes exactly in that window.
        string[] hangupAtConfig = [strace, "-f", "-o", trace, "-P", config, "-e", "trace=all", "-e", "inject=all:signal=SIGHUP:when=1", "--"];

        await agent.StartAgentWrappedAsync(hangupAtConfig, configPath: config);

        Assert.Contains("--- SIGHUP", File.ReadAllText(trace), StringComparison.Ordinal);
        await agent.Agent!.WaitForErrorTextAsync("SIGHUP ignored");
        var result = await agent.CallAsync("version");
        Assert.Contains("\"returncode\":\"0\"", result.StandardOutput, StringComparison.Ordinal);
        // strace's child is the agent: stopped as systemd would, strace exits with its status.
        agent.Agent.SignalChild(DaemonProcess.SigTerm);
        Assert.Equal(0, await agent.Agent.WaitForExitAsync());
    }
}
