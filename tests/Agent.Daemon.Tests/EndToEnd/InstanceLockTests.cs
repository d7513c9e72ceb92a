namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// One <c>guest-agent run</c> per state directory, with real processes: a second one exits 1 at once
/// naming the lock, touching nothing, and the first keeps serving every request exactly once; a
/// killed agent leaves no stale lock behind for its restart.
/// </summary>
public sealed class InstanceLockTests
{
    [Fact]
    public async Task A_second_run_on_the_same_state_directory_exits_1_and_the_first_keeps_serving_alone()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        var lockPath = agent.GuestFile("/var/lib/guest-agent/run.lock");

        var second = await AgentUnderTest.RunBinaryAsync(
            ["run", "--xenstore", agent.Socket, "--domain-path", AgentUnderTest.Home, "--root", agent.Root, "--config", agent.WriteConfig("{}")]);

        Assert.Equal(1, second.ExitCode);
        // After the start's log lines (the configuration, root mode), the one error line.
        var lines = second.StandardError.TrimEnd('\n').Split('\n');
        Assert.Equal(
            $"guest-agent: another guest-agent run is already serving from this state directory: {lockPath} is locked; stop it first (the lock is released when it exits)",
            lines[^1]);
        Assert.All(lines[..^1], line => Assert.StartsWith("<", line, StringComparison.Ordinal));
        Assert.Empty(second.StandardOutput);

        var tools = agent.Tools;
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/once", """{"name": "version", "value": "agent"}""");
        Assert.StartsWith("""{"returncode":"0","message":""", await tools.WaitForResponseAsync(AgentUnderTest.Home, "once"), StringComparison.Ordinal);
        var received = agent.Agent!.StandardError.Split('\n').Count(line => line.Contains("command 'version' received", StringComparison.Ordinal));
        Assert.Equal(1, received);
        Assert.Equal(0, await agent.StopAgentAsync());
    }

    [Fact]
    public async Task A_killed_agent_leaves_no_stale_lock_and_the_next_one_starts()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        Assert.True(File.Exists(agent.GuestFile("/var/lib/guest-agent/run.lock")), "the running agent holds its lock file");

        await agent.KillAgentAsync();
        await agent.StartAgentAsync();

        var result = await agent.CallAsync("version");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, await agent.StopAgentAsync());
    }

    [Fact]
    public async Task A_stopped_agent_releases_the_lock_for_the_next_one()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        Assert.Equal(0, await agent.StopAgentAsync());
        await agent.StartAgentAsync();

        Assert.Equal(0, (await agent.CallAsync("version")).ExitCode);
        Assert.Equal(0, await agent.StopAgentAsync());
    }
}
