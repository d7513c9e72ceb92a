using System.Security.Cryptography;
using System.Text;
using GuestAgent.Daemon.Tests.EndToEnd;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// <c>agentupdate</c> judged by what runs afterwards: the packaged unit (<c>ExecStart=… run</c>,
/// <c>RestartPreventExitStatus=2</c>) restarting into the binary an update answered <c>"0"</c> for.
/// </summary>
public sealed partial class LiveSystemdTests
{
    [Fact]
    public async Task Agentupdate_of_a_build_that_prints_its_version_but_refuses_this_guests_configuration_is_refused_and_the_agent_keeps_running()
    {
        var python = ExternalTool.Require("python3", "python3");
        await using var sandbox = await BootAsync();
        await InstallAsync(sandbox);
        var tools = SandboxedGuest.Tools(sandbox);
        await File.WriteAllTextAsync(sandbox.HostPath("/etc/guest-agent/agent.json"), """{ "agentUpdate": { "allowHttp": true } }""" + "\n", TestContext.Current.CancellationToken);
        await sandbox.RunCheckedAsync("systemctl", "restart", Unit);
        var installed = await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken);
        // A build that answers --version, as every build does, but as the agent refuses the
        // configuration this guest has (a key it no longer knows): `run` exits 2, which the unit's
        // RestartPreventExitStatus=2 leaves failed, so the guest would have no agent at all.
        var update = Encoding.ASCII.GetBytes(
            "#!/bin/sh\ncase \"$1\" in --version) echo 'guest-agent 99.0'; exit 0;; esac\n" +
            "echo \"/etc/guest-agent/agent.json: unknown key 'agentUpdate'\" >&2\nexit 2\n");
        var archive = await UpdateArchiveAsync(sandbox, update);
        await ServeOverHttpAsync(sandbox, python);
        var pid = await sandbox.PropertyAsync(Unit, "MainPID");

        var answer = await SandboxedGuest.SendAsync(tools, "agentupdate", $"http://127.0.0.1:8080/guest-agent.tar.gz,{Convert.ToHexStringLower(MD5.HashData(archive))}");

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
    public async Task Agentupdate_of_a_build_that_passes_check_config_but_exits_in_run_is_rolled_back_to_the_previous_binary()
    {
        var python = ExternalTool.Require("python3", "python3");
        await using var sandbox = await BootAsync();
        await InstallAsync(sandbox);
        var tools = SandboxedGuest.Tools(sandbox);
        await File.WriteAllTextAsync(sandbox.HostPath("/etc/guest-agent/agent.json"), """{ "agentUpdate": { "allowHttp": true } }""" + "\n", TestContext.Current.CancellationToken);
        await sandbox.RunCheckedAsync("systemctl", "restart", Unit);
        var installed = await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken);
        // Every check the installing agent makes passes (--version, check-config on this guest's
        // configuration), but `run` crashes before it serves: the unit would restart it for ever,
        // and no agent would be left to answer the next agentupdate.
        var update = Encoding.ASCII.GetBytes(
            "#!/bin/sh\ncase \"$1\" in --version) echo 'guest-agent 99.0'; exit 0;; check-config) exit 0;; esac\n" +
            "echo 'guest-agent 99.0: crashed at start' >&2\nexit 1\n");
        var archive = await UpdateArchiveAsync(sandbox, update);
        await ServeOverHttpAsync(sandbox, python);
        var pid = await sandbox.PropertyAsync(Unit, "MainPID");

        var answer = await SandboxedGuest.SendAsync(tools, "agentupdate", $"http://127.0.0.1:8080/guest-agent.tar.gz,{Convert.ToHexStringLower(MD5.HashData(archive))}");

        // The checks passed, so the host is told success; what follows is the service manager's.
        Assert.Equal("""{"returncode":"0","message":""}""", answer);
        await WaitForRollbackAsync(sandbox, pid, installed);
        Assert.Equal(SandboxedGuest.VersionAnswer(), await SandboxedGuest.SendAsync(tools, "version", "agent"));
        var journal = await sandbox.WaitForJournalAsync(Unit, "the previous agent is back");
        Assert.Contains("stopped before it served (exit-code: exited 1)", journal, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(sandbox.HostPath("/var/lib/guest-agent"), "update-*"));
    }

    [Fact]
    public async Task Agentupdate_of_a_build_that_serves_removes_its_rollback_record_so_a_later_crash_is_restarted_not_rolled_back()
    {
        var python = ExternalTool.Require("python3", "python3");
        await using var sandbox = await BootAsync();
        await InstallAsync(sandbox);
        var tools = SandboxedGuest.Tools(sandbox);
        await File.WriteAllTextAsync(sandbox.HostPath("/etc/guest-agent/agent.json"), """{ "agentUpdate": { "allowHttp": true } }""" + "\n", TestContext.Current.CancellationToken);
        await sandbox.RunCheckedAsync("systemctl", "restart", Unit);
        // The published binary: the package holds a stripped copy, so the bytes differ.
        var update = await File.ReadAllBytesAsync(DaemonBinary.Require(), TestContext.Current.CancellationToken);
        var archive = await UpdateArchiveAsync(sandbox, update);
        await ServeOverHttpAsync(sandbox, python);
        var pid = await sandbox.PropertyAsync(Unit, "MainPID");

        var answer = await SandboxedGuest.SendAsync(tools, "agentupdate", $"http://127.0.0.1:8080/guest-agent.tar.gz,{Convert.ToHexStringLower(MD5.HashData(archive))}");

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
        var deadline = Deadline.After(TimeSpan.FromMinutes(2));
        while (true)
        {
            var state = await sandbox.PropertyAsync(Unit, "ActiveState");
            var pid = await sandbox.PropertyAsync(Unit, "MainPID");
            if (state == "failed" || (state == "active" && pid != "0" && pid != previousPid))
            {
                return;
            }

            Assert.False(deadline.HasPassed, $"the unit did not settle after the update (ActiveState={state}, MainPID={pid})");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Waits (a safety net of two minutes) until the previous binary, <paramref name="previous"/>, is
    /// installed again and serving in a process other than <paramref name="previousPid"/>. Fails as soon
    /// as systemd has restarted the new binary three times without it being put back.
    /// </summary>
    private static async Task WaitForRollbackAsync(SystemdSandbox sandbox, string previousPid, byte[] previous)
    {
        var deadline = Deadline.After(TimeSpan.FromMinutes(2));
        while (true)
        {
            var state = await sandbox.PropertyAsync(Unit, "ActiveState");
            var pid = await sandbox.PropertyAsync(Unit, "MainPID");
            var restarts = int.Parse(await sandbox.PropertyAsync(Unit, "NRestarts"), System.Globalization.CultureInfo.InvariantCulture);
            var rolledBack = (await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken)).AsSpan().SequenceEqual(previous);
            if (rolledBack && state == "active" && pid != "0" && pid != previousPid)
            {
                return;
            }

            Assert.False(
                deadline.HasPassed || (restarts >= 3 && !rolledBack) || (state == "failed" && !rolledBack),
                $"the previous binary was not put back (ActiveState={state}, NRestarts={restarts}, the installed binary is {(rolledBack ? "the previous" : "the new")} one): {await sandbox.JournalAsync(Unit)}");
            await Task.Delay(200);
        }
    }
}
