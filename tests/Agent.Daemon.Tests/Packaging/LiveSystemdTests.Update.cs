using System.Security.Cryptography;
using System.Text;
using GuestAgent.Daemon.Tests.EndToEnd;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// <c>agentupdate</c> judged by what runs afterwards: the packaged unit (<c>ExecStart=… run</c>,
/// <c>RestartPreventExitStatus=2</c>) restarting into the binary an update answered <c>"0"</c> for, and
/// the update rollback (docs/daemon.md, "Rollback of an update") for the ways a new build fails that
/// <see cref="UpdateRollbackScriptTests"/> only play with a recorded <c>systemctl</c>: an exit 1 that
/// <c>Restart=</c> restarts, an exit 2 that <c>RestartPreventExitStatus=2</c> does not, no READY=1
/// before <c>TimeoutStartSec</c>; each ending in one start of the previous binary, no start limit,
/// nothing left queued or armed.
/// </summary>
public sealed partial class LiveSystemdTests
{
    [Fact]
    public async Task Agentupdate_of_a_build_that_prints_its_version_but_refuses_this_guests_configuration_is_refused_and_the_agent_keeps_running()
    {
        await using var sandbox = await BootAsync();
        // A build that answers --version, as every build does, but as the agent refuses the
        // configuration this guest has (a key it no longer knows): `run` exits 2, which the unit's
        // RestartPreventExitStatus=2 leaves failed, so the guest would have no agent at all.
        var update = Encoding.ASCII.GetBytes(
            "#!/bin/sh\ncase \"$1\" in --version) echo 'guest-agent 99.0'; exit 0;; esac\n" +
            "echo \"/etc/guest-agent/agent.json: unknown key 'agentUpdate'\" >&2\nexit 2\n");

        var (tools, installed, pid, answer) = await RequestUpdateAsync(sandbox, update, dropIn: null);

        if (answer == """{"returncode":"0","message":""}""")
        {
            // What the host was not told: the unit restarts into the new binary and stays down.
            await WaitForStateAsync(sandbox, pid);
            Assert.Fail($"the update was answered success; then ActiveState={await sandbox.PropertyAsync(Unit, "ActiveState")}, ExecMainStatus={await sandbox.PropertyAsync(Unit, "ExecMainStatus")}, and /usr/sbin/guest-agent is the new build");
        }

        Assert.Equal("""{"returncode":"500","message":"The new agent does not run on this guest: 2"}""", answer);
        Assert.Equal(installed, await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken));
        Assert.Equal(pid, await sandbox.PropertyAsync(Unit, "MainPID"));
        Assert.Equal(SandboxedGuest.VersionAnswer(), await SandboxedGuest.SendAsync(tools, "version", "agent"));
        Assert.Empty(Directory.GetFiles(sandbox.HostPath("/usr/sbin"), ".guest-agent.*"));
    }

    [Fact]
    public async Task Agentupdate_of_a_build_that_serves_removes_its_rollback_record_so_a_later_crash_is_restarted_not_rolled_back()
    {
        await using var sandbox = await BootAsync();
        // The published binary: the package holds a stripped copy, so the bytes differ.
        var update = await File.ReadAllBytesAsync(DaemonBinary.Require(), TestContext.Current.CancellationToken);

        var (tools, _, pid, answer) = await RequestUpdateAsync(sandbox, update, dropIn: null);

        Assert.Equal("""{"returncode":"0","message":""}""", answer);
        await WaitForNewProcessAsync(sandbox, pid);
        Assert.Contains("its rollback record is removed", await sandbox.WaitForJournalAsync(Unit, "its rollback record is removed"), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(sandbox.HostPath("/var/lib/guest-agent"), "update-*"));

        // A crash of the build that served: Restart= starts it again, and nothing is put back.
        var updatedPid = await sandbox.PropertyAsync(Unit, "MainPID");
        await sandbox.RunCheckedAsync("systemctl", "kill", "--kill-whom=main", "--signal=SIGKILL", Unit);
        await WaitForRestartAsync(sandbox, updatedPid);
        Assert.Equal(update, await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken));
        Assert.True(File.Exists(sandbox.HostPath("/usr/sbin/guest-agent.bak")), "the previous binary is still kept as guest-agent.bak");
        Assert.Equal(SandboxedGuest.VersionAnswer(), await SandboxedGuest.SendAsync(tools, "version", "agent"));
        Assert.DoesNotContain("the previous agent is back", await sandbox.JournalAsync(Unit), StringComparison.Ordinal);

        // An operator's stop of the build that served: it stays stopped, on the same build.
        await sandbox.RunCheckedAsync("systemctl", "stop", Unit);
        await WaitForNoJobsAsync(sandbox);
        Assert.Equal("inactive", await sandbox.PropertyAsync(Unit, "ActiveState"));
        Assert.Equal("success", await sandbox.PropertyAsync(Unit, "Result"));
        Assert.Equal(update, await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken));
        var journal = await sandbox.JournalAsync(Unit);
        Assert.DoesNotContain("the previous agent is back", journal, StringComparison.Ordinal);
        Assert.DoesNotContain("was asked to stop", journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agentupdate_of_a_build_that_never_sends_ready_is_stopped_at_the_start_timeout_and_rolled_back_to_the_previous_binary()
    {
        // The packaged 120 s, shortened by an operator's drop-in so the test does not wait two minutes;
        // what systemd does when it passes is the same.
        await using var sandbox = await BootAsync();
        var (tools, installed, pid) = await UpdateAsync(sandbox, "exec sleep 3600\n", "[Service]\nTimeoutStartSec=5s\n");

        var journal = await WaitForRollbackAsync(sandbox, tools, pid, installed);

        Assert.Contains("start operation timed out", journal, StringComparison.Ordinal);
        Assert.Contains("stopped before it served (timeout: killed TERM)", journal, StringComparison.Ordinal);
        await AssertSettledOnThePreviousBinaryAsync(sandbox, tools, installed);
    }

    [Fact]
    public async Task Agentupdate_of_a_build_that_exits_2_in_run_is_rolled_back_and_started_again_though_restart_prevent_exit_status_does_not_restart_it()
    {
        await using var sandbox = await BootAsync();
        var (tools, installed, pid) = await UpdateAsync(sandbox, "echo \"/etc/guest-agent/agent.json: unknown key 'agentUpdate'\" >&2\nexit 2\n", dropIn: null);

        var journal = await WaitForRollbackAsync(sandbox, tools, pid, installed);

        Assert.Contains("stopped before it served (exit-code: exited 2)", journal, StringComparison.Ordinal);
        // Brought back by the script, not Restart=: exit 2 is never restarted.
        Assert.Equal("0", await sandbox.PropertyAsync(Unit, "NRestarts"));
        await AssertSettledOnThePreviousBinaryAsync(sandbox, tools, installed);
    }

    [Fact]
    public async Task Agentupdate_of_a_build_that_exits_1_in_run_is_rolled_back_with_one_start_of_the_previous_binary()
    {
        // Every check the installing agent makes passes, but `run` crashes before it serves: Restart=
        // would restart it for ever, and no agent would be left to answer the next agentupdate.
        await using var sandbox = await BootAsync();
        var (tools, installed, pid) = await UpdateAsync(sandbox, "echo 'guest-agent 99.0: crashed at start' >&2\nexit 1\n", dropIn: null);

        var journal = await WaitForRollbackAsync(sandbox, tools, pid, installed);

        Assert.Contains("stopped before it served (exit-code: exited 1)", journal, StringComparison.Ordinal);
        await AssertSettledOnThePreviousBinaryAsync(sandbox, tools, installed);
    }

    /// <summary>
    /// <see cref="RequestUpdateAsync"/> of a build that passes every check the installing agent makes
    /// (<c>--version</c>, <c>check-config</c>) and whose <c>run</c> is <paramref name="run"/>; returns
    /// once the update was answered success.
    /// </summary>
    private static async Task<(XenStoreTools Tools, byte[] Installed, string Pid)> UpdateAsync(SystemdSandbox sandbox, string run, string? dropIn)
    {
        var update = Encoding.ASCII.GetBytes(
            "#!/bin/sh\ncase \"$1\" in --version) echo 'guest-agent 99.0'; exit 0;; check-config) exit 0;; esac\n" + run);
        var (tools, installed, pid, answer) = await RequestUpdateAsync(sandbox, update, dropIn);

        // The checks passed, so the host is told success; what follows is the service manager's.
        Assert.Equal("""{"returncode":"0","message":""}""", answer);
        return (tools, installed, pid);
    }

    /// <summary>
    /// In <paramref name="sandbox"/>, the packaged agent installed and serving with
    /// <c>agentUpdate.allowHttp</c> (and <paramref name="dropIn"/> for the unit, when given), then
    /// asked over http (<c>agentupdate</c>) to update to <paramref name="update"/>. Returns the binary
    /// installed before, the unit's main process before the request, and the agent's answer.
    /// </summary>
    private static async Task<(XenStoreTools Tools, byte[] Installed, string Pid, string Answer)> RequestUpdateAsync(SystemdSandbox sandbox, byte[] update, string? dropIn)
    {
        var python = ExternalTool.Require("python3", "python3");
        await InstallAsync(sandbox);
        var tools = SandboxedGuest.Tools(sandbox);
        await File.WriteAllTextAsync(sandbox.HostPath("/etc/guest-agent/agent.json"), """{ "agentUpdate": { "allowHttp": true } }""" + "\n", TestContext.Current.CancellationToken);
        if (dropIn is not null)
        {
            await WriteDropInAsync(sandbox, dropIn);
        }

        await sandbox.RunCheckedAsync("systemctl", "restart", Unit);
        var installed = await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken);
        var archive = await UpdateArchiveAsync(sandbox, update);
        await ServeOverHttpAsync(sandbox, python);
        var pid = await sandbox.PropertyAsync(Unit, "MainPID");

        var answer = await SandboxedGuest.SendAsync(tools, "agentupdate", $"http://127.0.0.1:8080/guest-agent.tar.gz,{Convert.ToHexStringLower(MD5.HashData(archive))}");
        return (tools, installed, pid, answer);
    }

    /// <summary>The test's drop-in for the unit (<paramref name="text"/>, in place of any earlier one), loaded by <c>systemctl daemon-reload</c>.</summary>
    private static async Task WriteDropInAsync(SystemdSandbox sandbox, string text)
    {
        await File.WriteAllTextAsync(sandbox.HostPath("/etc/systemd/system/guest-agent.service.d/rollback-test.conf"), text, TestContext.Current.CancellationToken);
        await sandbox.RunCheckedAsync("systemctl", "daemon-reload");
    }

    /// <summary>
    /// After a rollback: the previous binary serves in one process that nothing restarts again (no
    /// job queued, not in auto-restart: no second start can come), started once since the rollback,
    /// no start limit hit, no record left to roll back a later start; and a later restart by hand
    /// keeps that binary.
    /// </summary>
    private static async Task AssertSettledOnThePreviousBinaryAsync(SystemdSandbox sandbox, XenStoreTools tools, byte[] installed)
    {
        await WaitForNoJobsAsync(sandbox);
        Assert.Equal("active", await sandbox.PropertyAsync(Unit, "ActiveState"));
        Assert.Equal("running", await sandbox.PropertyAsync(Unit, "SubState"));
        var journal = await sandbox.JournalAsync(Unit);
        TestContext.Current.TestOutputHelper?.WriteLine(journal);
        var afterRollback = journal[journal.IndexOf("the previous agent is back", StringComparison.Ordinal)..];
        Assert.Equal(1, afterRollback.Split('\n').Count(line => line.StartsWith("Started ", StringComparison.Ordinal)));
        Assert.DoesNotContain("Start request repeated too quickly", journal, StringComparison.Ordinal);
        Assert.DoesNotContain("start-limit-hit", journal, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(sandbox.HostPath("/var/lib/guest-agent"), "update-*"));
        Assert.False(File.Exists(sandbox.HostPath("/usr/sbin/guest-agent.bak")), "the backup was renamed back, not copied");

        var pid = await sandbox.PropertyAsync(Unit, "MainPID");
        await sandbox.RunCheckedAsync("systemctl", "restart", Unit);

        Assert.NotEqual(pid, await sandbox.PropertyAsync(Unit, "MainPID"));
        Assert.Equal(installed, await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken));
        Assert.Equal(SandboxedGuest.VersionAnswer(), await SandboxedGuest.SendAsync(tools, "version", "agent"));
    }

    /// <summary>Waits (a safety net of two minutes) until systemd has no job queued: the start the rollback queued has run.</summary>
    private static async Task WaitForNoJobsAsync(SystemdSandbox sandbox)
    {
        await PollAsync(async () =>
        {
            var jobs = (await sandbox.RunCheckedAsync("systemctl", "list-jobs", "--no-legend", "--no-pager")).Trim();
            return jobs.Length == 0 ? null : $"systemd still has jobs queued: {jobs}";
        });
    }

    /// <summary>Python's file server over plain http on 127.0.0.1:8080 inside the sandbox, serving /srv/updates.</summary>
    private static async Task ServeOverHttpAsync(SystemdSandbox sandbox, string python)
    {
        FixtureDirectories.Create(sandbox.HostPath("/srv/updates"));
        await sandbox.RunCheckedAsync("systemd-run", "--unit=updates", "--property=Type=exec", python, "-m", "http.server", "--bind", "127.0.0.1", "--directory", "/srv/updates", "8080");
        await WaitForListenerAsync(sandbox, python);
    }

    /// <summary>Waits (a safety net of two minutes) until the unit has left <paramref name="previousPid"/> and settled: active with another process, or failed.</summary>
    private static async Task WaitForStateAsync(SystemdSandbox sandbox, string previousPid)
    {
        await PollAsync(async () =>
        {
            var state = await sandbox.PropertyAsync(Unit, "ActiveState");
            var pid = await sandbox.PropertyAsync(Unit, "MainPID");
            return state == "failed" || (state == "active" && pid != "0" && pid != previousPid) ? null : $"the unit did not settle after the update (ActiveState={state}, MainPID={pid})";
        });
    }

    /// <summary>
    /// Waits (a safety net of two minutes) until the previous binary, <paramref name="previous"/>, is
    /// installed again and serving in a process other than <paramref name="previousPid"/>, and answers
    /// <c>version</c>; returns the unit's journal once it says the previous agent is back. Fails as soon
    /// as systemd has restarted the new binary three times without it being put back.
    /// </summary>
    private static async Task<string> WaitForRollbackAsync(SystemdSandbox sandbox, XenStoreTools tools, string previousPid, byte[] previous)
    {
        await PollAsync(async () =>
        {
            var state = await sandbox.PropertyAsync(Unit, "ActiveState");
            var pid = await sandbox.PropertyAsync(Unit, "MainPID");
            var restarts = int.Parse(await sandbox.PropertyAsync(Unit, "NRestarts"), System.Globalization.CultureInfo.InvariantCulture);
            var rolledBack = (await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken)).AsSpan().SequenceEqual(previous);
            if (rolledBack && state == "active" && pid != "0" && pid != previousPid)
            {
                return null;
            }

            var seen = $"the previous binary was not put back (ActiveState={state}, NRestarts={restarts}, the installed binary is {(rolledBack ? "the previous" : "the new")} one): {await sandbox.JournalAsync(Unit)}";
            Assert.False((restarts >= 3 && !rolledBack) || (state == "failed" && !rolledBack), seen);
            return seen;
        });
        Assert.Equal(SandboxedGuest.VersionAnswer(), await SandboxedGuest.SendAsync(tools, "version", "agent"));
        return await sandbox.WaitForJournalAsync(Unit, "the previous agent is back");
    }
}
