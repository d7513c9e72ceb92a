using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published daemon killed with SIGKILL in the middle of a <c>resetnetwork</c> (its
/// <c>netplan apply</c> hanging, as root mode's <c>hang-actions</c> makes it), then started again:
/// it rolls the unfinished change back before serving, and the request, still waiting in XenStore,
/// then runs again from the restored files and is answered.
/// </summary>
public sealed class NetworkCrashRecoveryTests
{
    private const string RecordPath = "/var/lib/guest-agent/resetnetwork/transaction.json";
    private const string NetplanFile = "/etc/netplan/90-guest-agent.yaml";

    [Fact]
    public async Task A_resetnetwork_killed_mid_apply_is_rolled_back_at_the_next_start_before_it_runs_again()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        // netplan hangs until the time for applying runs out: an hour, so that the kill below comes
        // while it hangs however slowly the machine gets there (the default would leave 30 s).
        await agent.StartAgentAsync("--config", agent.WriteConfig("""{"network":{"deadlineSeconds":3600}}"""));
        var tools = agent.Tools;
        await tools.WriteAsync(
            $"{AgentUnderTest.Home}/vm-data/networking/bc764e206c5b", DemoGuest.NetworkingJson,
            $"{AgentUnderTest.Home}/vm-data/hostname", "e2e-instance");
        await File.WriteAllTextAsync(agent.GuestFile("/var/lib/guest-agent/hang-actions"), "netplan\n", TestContext.Current.CancellationToken);
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/reset-1", """{"name":"resetnetwork","value":""}""");

        // Killed while netplan hangs: the new files are written, not applied, and the record says so.
        await WaitUntilAsync(() => Read(agent, RecordPath)?.Contains("\"phase\": \"applying\"", StringComparison.Ordinal) == true
            && Actions(agent).Contains("netplan apply"));
        await agent.KillAgentAsync();
        Assert.Equal("e2e-instance\n", Read(agent, "/etc/hostname"));
        Assert.NotNull(Read(agent, RecordPath));
        var actionsAtKill = Actions(agent).Length;

        File.Delete(agent.GuestFile("/var/lib/guest-agent/hang-actions"));
        await agent.StartAgentAsync();

        // READY=1 came after the waiting request was answered, and it succeeded.
        Assert.Equal("""{"returncode":"0","message":""}""", await tools.WaitForResponseAsync(AgentUnderTest.Home, "reset-1"));
        var log = agent.Agent!.StandardError;
        var recovered = log.IndexOf("did not finish (the agent stopped while applying them)", StringComparison.Ordinal);
        Assert.True(recovered >= 0, log);
        // Recovery came first: the request ran afterwards, found the previous files back and wrote its own again.
        var rerun = log.IndexOf("resetnetwork: /etc/hostname written", StringComparison.Ordinal);
        Assert.True(rerun > recovered, log);
        Assert.True(log.IndexOf($"resetnetwork: {NetplanFile} written", StringComparison.Ordinal) > recovered, log);
        // Recovery set the running hostname back and asked the backend to apply the restored files,
        // before the request applied its own.
        var after = Actions(agent)[actionsAtKill..];
        Assert.Equal(["hostnamectl set-hostname ubuntu", "netplan apply"], after[..2]);
        Assert.Equal(2, after.Count(action => action == "netplan apply"));
        Assert.Null(Read(agent, RecordPath));
        Assert.Equal("e2e-instance\n", Read(agent, "/etc/hostname"));
        Assert.Contains("203.0.113.10/24", Read(agent, NetplanFile), StringComparison.Ordinal);
    }

    private static string? Read(AgentUnderTest agent, string guestPath) =>
        File.Exists(agent.GuestFile(guestPath)) ? File.ReadAllText(agent.GuestFile(guestPath)) : null;

    private static string[] Actions(AgentUnderTest agent) =>
        (Read(agent, "/var/lib/guest-agent/actions.log") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Waits for a condition the agent brings about (30 s at most, then the test fails).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Deadline.After(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(deadline.HasPassed, "the agent never got there");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
