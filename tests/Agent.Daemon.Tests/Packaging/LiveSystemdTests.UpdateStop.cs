using GuestAgent.Daemon.Tests.EndToEnd;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// The update rollback (docs/daemon.md, "Rollback of an update") when the unit stops for a reason
/// other than the new build failing, while that build has not served yet: an operator's
/// <c>systemctl stop</c> or <c>restart</c>, <c>systemctl isolate</c>, a shutdown's irreversible stop.
/// However the build takes the SIGTERM (dies of it, exits 1, ignores it until the SIGKILL after
/// <c>TimeoutStopSec</c>), the stop is honoured: nothing is started again, nothing is put back, and
/// the record stays armed, so the next start still rolls a failing build back.
/// </summary>
public sealed partial class LiveSystemdTests
{
    // A build that never sends READY=1, so it is still the pending update whenever it is stopped.
    private const string DiesOfSigterm = "exec sleep 3600\n";
    private const string ExitsOneOnSigterm = "trap 'exit 1' TERM\nwhile :; do sleep 1; done\n";
    private const string IgnoresSigterm = "trap '' TERM\nwhile :; do sleep 1; done\n";

    // No start timeout while the test stops the build by hand (none can race it), and the stop timeout
    // shortened from the packaged 65 s so a build that ignores SIGTERM is killed within the test.
    private const string PendingDropIn = "[Service]\nTimeoutStartSec=infinity\nTimeoutStopSec=5s\n";

    [Theory]
    [InlineData(DiesOfSigterm)]
    [InlineData(ExitsOneOnSigterm)]
    [InlineData(IgnoresSigterm)]
    public async Task An_operators_stop_of_an_update_that_has_not_served_is_honoured_and_its_next_start_is_still_rolled_back(string run)
    {
        await using var sandbox = await BootAsync();
        var (tools, installed, update) = await PendingUpdateAsync(sandbox, run);

        var stop = await sandbox.RunAsync("systemctl", "stop", Unit);

        // Before session 63 the script's restart replaced this stop job: "Job for guest-agent.service
        // canceled", exit 1, and the previous agent started again.
        Assert.True(stop.ExitCode == 0, $"systemctl stop failed ({stop.ExitCode}): {stop.StandardError}{await sandbox.JournalAsync(Unit)}");
        await AssertStoppedWithTheUpdateArmedAsync(sandbox, update);

        // The next start is still the update's: the build that never serves is rolled back at its
        // start timeout, as if the stop had never happened.
        await WriteDropInAsync(sandbox, "[Service]\nTimeoutStartSec=5s\nTimeoutStopSec=5s\n");
        await sandbox.RunCheckedAsync("systemctl", "start", "--no-block", Unit);
        Assert.Contains("start operation timed out", await WaitForRollbackAsync(sandbox, tools, "0", installed), StringComparison.Ordinal);
        await AssertSettledOnThePreviousBinaryAsync(sandbox, tools, installed);
    }

    [Fact]
    public async Task An_operators_restart_of_an_update_that_has_not_served_starts_the_update_again_still_armed()
    {
        await using var sandbox = await BootAsync();
        var (_, _, update) = await PendingUpdateAsync(sandbox, ExitsOneOnSigterm);
        var pending = await sandbox.PropertyAsync(Unit, "MainPID");

        // --no-block: a restart waits for READY=1, which this build never sends.
        await sandbox.RunCheckedAsync("systemctl", "restart", "--no-block", Unit);

        // What the operator asked for, once: the same build in a new process, no rollback (its exit 1
        // on SIGTERM is how it stopped, not a failure to serve), the record still armed.
        Assert.Equal(update, await WaitForPendingUpdateAsync(sandbox, pending));
        Assert.Equal("0", await sandbox.PropertyAsync(Unit, "NRestarts"));
        Assert.True(File.Exists(sandbox.HostPath("/usr/sbin/guest-agent.bak")), "the previous binary was put back on a restart the operator asked for");
        var journal = await sandbox.WaitForJournalAsync(Unit, "was asked to restart");
        Assert.Contains("was asked to restart (exit-code: exited 1) before the agent agentupdate installed served: nothing rolled back or started", journal, StringComparison.Ordinal);
        Assert.DoesNotContain("the previous agent is back", journal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("isolate")]
    [InlineData("shutdown")]
    public async Task A_system_stop_of_an_update_that_has_not_served_starts_nothing_and_keeps_it_armed(string how)
    {
        await using var sandbox = await BootAsync();
        var (_, _, update) = await PendingUpdateAsync(sandbox, IgnoresSigterm);
        // isolate: a target of basic.target alone, which stops every other unit (the agent too).
        // shutdown: the transaction systemctl poweroff makes, without the poweroff at its end (the
        // sandbox would be gone before it could be looked at): a target conflicting with the unit,
        // as shutdown.target does with every unit of DefaultDependencies=, started irreversibly.
        await File.WriteAllTextAsync(sandbox.HostPath("/etc/systemd/system/rollback-test.target"), how == "isolate"
            ? "[Unit]\nDescription=rollback test: isolate\nRequires=basic.target\nAfter=basic.target\nAllowIsolate=yes\n"
            : $"[Unit]\nDescription=rollback test: shutdown\nDefaultDependencies=no\nConflicts={Unit}\nAfter={Unit}\n", TestContext.Current.CancellationToken);
        await sandbox.RunCheckedAsync("systemctl", "daemon-reload");

        await sandbox.RunCheckedAsync(how == "isolate"
            ? new[] { "systemctl", "isolate", "rollback-test.target" }
            : new[] { "systemctl", "start", "--job-mode=replace-irreversibly", "rollback-test.target" });

        await AssertStoppedWithTheUpdateArmedAsync(sandbox, update);
        var journal = await sandbox.JournalAsync(Unit);
        Assert.Contains("was asked to stop (timeout: killed KILL) before the agent agentupdate installed served: nothing rolled back or started", journal, StringComparison.Ordinal);
        // The shutdown's irreversible jobs refused the old script's restart, with three error lines.
        Assert.DoesNotContain("could not start", journal, StringComparison.Ordinal);
    }

    /// <summary>
    /// The update to a build whose <c>run</c> is <paramref name="run"/> answered success
    /// (<see cref="UpdateAsync"/>, under <see cref="PendingDropIn"/>) and starting with its record armed;
    /// returns the previous binary and the update's bytes as installed.
    /// </summary>
    private static async Task<(XenStoreTools Tools, byte[] Installed, byte[] Update)> PendingUpdateAsync(SystemdSandbox sandbox, string run)
    {
        var (tools, installed, pid) = await UpdateAsync(sandbox, run, PendingDropIn);
        return (tools, installed, await WaitForPendingUpdateAsync(sandbox, pid));
    }

    /// <summary>
    /// Waits (a safety net of two minutes) until the update is the unit's starting process (not
    /// <paramref name="previousPid"/>) with its record armed; returns the installed bytes.
    /// </summary>
    private static async Task<byte[]> WaitForPendingUpdateAsync(SystemdSandbox sandbox, string previousPid)
    {
        await PollAsync(async () =>
        {
            var state = await sandbox.PropertyAsync(Unit, "ActiveState");
            var sub = await sandbox.PropertyAsync(Unit, "SubState");
            var pid = await sandbox.PropertyAsync(Unit, "MainPID");
            if (state == "activating" && sub == "start" && pid != "0" && pid != previousPid && File.Exists(sandbox.HostPath("/var/lib/guest-agent/update-pending.started")))
            {
                return null;
            }

            // Active in a new process: the update served, or the previous binary was put back and started.
            Assert.False(state == "active" && pid != previousPid, $"the unit is active again, not starting the update (MainPID={pid}): {await sandbox.JournalAsync(Unit)}");
            return $"the update did not start (ActiveState={state}, SubState={sub}, MainPID={pid}): {await sandbox.JournalAsync(Unit)}";
        });
        return await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Once systemd has no job left (a start the script queued would have run): the unit is down,
    /// nothing is queued to start it, the update is still installed and its record still armed.
    /// </summary>
    private static async Task AssertStoppedWithTheUpdateArmedAsync(SystemdSandbox sandbox, byte[] update)
    {
        await WaitForNoJobsAsync(sandbox);
        var state = await sandbox.PropertyAsync(Unit, "ActiveState");
        Assert.True(state is "inactive" or "failed", $"the unit was started again after it was asked to stop (ActiveState={state}): {await sandbox.JournalAsync(Unit)}");
        Assert.Equal("0", await sandbox.PropertyAsync(Unit, "MainPID"));
        Assert.Equal(update, await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken));
        Assert.True(File.Exists(sandbox.HostPath("/usr/sbin/guest-agent.bak")), "the previous binary was put back on a stop somebody asked for");
        Assert.True(File.Exists(sandbox.HostPath("/var/lib/guest-agent/update-pending.started")), "the stop disarmed the rollback");
        Assert.DoesNotContain("the previous agent is back", await sandbox.JournalAsync(Unit), StringComparison.Ordinal);
    }
}
