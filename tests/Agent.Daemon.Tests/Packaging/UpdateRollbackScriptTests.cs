using System.Security.Cryptography;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// <c>packaging/systemd/update-rollback</c>, the unit's update rollback, run by the real <c>sh</c> as
/// <c>ExecStartPre=</c> and <c>ExecStopPost=</c> run it (systemd's <c>SERVICE_RESULT</c>, <c>EXIT_CODE</c>
/// and <c>EXIT_STATUS</c>), on files in a temporary directory, with a <c>systemctl</c> on its PATH that
/// records its arguments. The cases a booted systemd is too slow to stage one by one; the live path is
/// <c>LiveSystemdTests.Update.cs</c>.
/// </summary>
public sealed class UpdateRollbackScriptTests : IDisposable
{
    private static readonly byte[] Previous = "#!/bin/sh\necho previous agent\n"u8.ToArray();
    private static readonly byte[] Updated = "#!/bin/sh\nexit 1\n"u8.ToArray();

    private readonly TemporaryDirectory _directory = new("guestagent-rollback-");

    public UpdateRollbackScriptTests()
    {
        FixtureDirectories.Create(_directory.Combine("sbin"));
        FixtureDirectories.Create(_directory.Combine("bin"));
        // list-jobs answers from the file "jobs" (systemd's columns, as --no-legend prints them); every
        // other call is recorded.
        File.WriteAllText(
            _directory.Combine("bin", "systemctl"),
            $"#!/bin/sh\ncase $1 in list-jobs) cat {ShellWords.Quote(_directory.Combine("jobs"))} 2>/dev/null; exit 0 ;; esac\necho \"$*\" >>{ShellWords.Quote(_directory.Combine("systemctl.log"))}\n");
        File.SetUnixFileMode(_directory.Combine("bin", "systemctl"), (UnixFileMode)Convert.ToInt32("755", 8));
        File.WriteAllBytes(Install, Updated);
        File.WriteAllBytes(Install + ".bak", Previous);
    }

    private string Install => _directory.Combine("sbin", "guest-agent");

    private string Record => _directory.Combine("update-pending");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task An_armed_update_that_stopped_before_serving_is_put_back_once_and_the_agent_started()
    {
        WriteRecord(Record);
        Assert.Equal(0, (await RunAsync("arm", null)).ExitCode);
        Assert.False(File.Exists(Record));
        Assert.True(File.Exists(Record + ".started"), "arm did not rename the record");

        var stopped = await RunAsync("stopped", "exit-code", "exited", "1");

        Assert.Equal(0, stopped.ExitCode);
        Assert.Equal(Previous, File.ReadAllBytes(Install));
        Assert.False(File.Exists(Install + ".bak"), "the backup was copied, not renamed back");
        Assert.False(File.Exists(Record + ".started"), "the record outlived its rollback");
        Assert.Contains($"the agent agentupdate installed at {Install} (sha256 {Sha256(Updated)}) stopped before it served (exit-code: exited 1); the previous agent is back from {Install}.bak", stopped.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("--no-block restart guest-agent.service\n", SystemctlLog());

        // The previous binary failing too is not swapped again: there is no record left.
        var again = await RunAsync("stopped", "exit-code", "exited", "1");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(Previous, File.ReadAllBytes(Install));
        Assert.Equal("--no-block restart guest-agent.service\n", SystemctlLog());
    }

    [Fact]
    public async Task A_record_not_yet_armed_is_the_installing_agents_own_stop_and_is_left_alone()
    {
        WriteRecord(Record);

        var stopped = await RunAsync("stopped", "timeout", "killed", "KILL");

        Assert.Equal(Updated, File.ReadAllBytes(Install));
        Assert.True(File.Exists(Record), "the record of an update not yet started was removed");
        Assert.Equal("", stopped.StandardOutput);
        Assert.Equal("", SystemctlLog());
    }

    [Fact]
    public async Task A_clean_stop_before_serving_keeps_the_record_armed_for_the_next_start()
    {
        WriteRecord(Record + ".started");

        await RunAsync("stopped", "success", "exited", "0");

        Assert.Equal(Updated, File.ReadAllBytes(Install));
        Assert.True(File.Exists(Record + ".started"), "a clean stop disarmed the rollback");
    }

    [Theory]
    [InlineData("stop", "timeout", "killed", "KILL")]
    [InlineData("stop", "exit-code", "exited", "1")]
    [InlineData("restart", "exit-code", "exited", "1")]
    [InlineData("restart", "timeout", "killed", "KILL")]
    public async Task A_stop_somebody_asked_for_rolls_nothing_back_starts_nothing_and_keeps_the_record_armed(string job, string result, string code, string status)
    {
        WriteRecord(Record + ".started");
        // What systemd lists during a shutdown: the unit's own stop job among the others'.
        File.WriteAllText(_directory.Combine("jobs"), $"1975 poweroff.target                    start waiting\n2043 guest-agent.service                {job,-5} running\n2058 networking.service                 stop  waiting\n");

        var stopped = await RunAsync("stopped", result, code, status);

        Assert.Equal(0, stopped.ExitCode);
        Assert.Equal(Updated, File.ReadAllBytes(Install));
        Assert.Equal(Previous, File.ReadAllBytes(Install + ".bak"));
        Assert.True(File.Exists(Record + ".started"), "a stop somebody asked for disarmed the rollback");
        Assert.Equal($"update-rollback: guest-agent.service was asked to {job} ({result}: {code} {status}) before the agent agentupdate installed served: nothing rolled back or started; its next start is still the update's\n", stopped.StandardOutput);
        Assert.Equal("", SystemctlLog());
    }

    [Theory]
    [InlineData("2043 guest-agent.service start running\n")]
    [InlineData("")]
    [InlineData("2058 networking.service                 stop  waiting\n")]
    [InlineData("2044 guest-agent.service-helper.service restart running\n")]
    public async Task A_build_that_fails_with_its_start_job_or_none_is_rolled_back_though_other_units_are_stopping(string jobs)
    {
        WriteRecord(Record + ".started");
        File.WriteAllText(_directory.Combine("jobs"), jobs);

        var stopped = await RunAsync("stopped", "exit-code", "exited", "2");

        Assert.Equal(Previous, File.ReadAllBytes(Install));
        Assert.False(File.Exists(Record + ".started"));
        Assert.Contains("the previous agent is back", stopped.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("--no-block restart guest-agent.service\n", SystemctlLog());
    }

    [Fact]
    public async Task A_binary_installed_by_hand_since_the_update_is_never_replaced()
    {
        WriteRecord(Record + ".started");
        var byHand = "#!/bin/sh\necho an operator's build\nexit 1\n"u8.ToArray();
        File.WriteAllBytes(Install, byHand);

        var stopped = await RunAsync("stopped", "exit-code", "exited", "1");

        Assert.Equal(byHand, File.ReadAllBytes(Install));
        Assert.Equal(Previous, File.ReadAllBytes(Install + ".bak"));
        Assert.False(File.Exists(Record + ".started"), "a record that no longer names the installed binary was kept");
        Assert.Contains($"{Install} is no longer the binary agentupdate installed (sha256 {Sha256(Updated)}): nothing rolled back, the record removed", stopped.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", SystemctlLog());
    }

    [Fact]
    public async Task A_backup_that_is_not_the_previous_binary_is_never_installed()
    {
        WriteRecord(Record + ".started");
        File.WriteAllBytes(Install + ".bak", "#!/bin/sh\necho something else\n"u8.ToArray());

        var stopped = await RunAsync("stopped", "signal", "killed", "SEGV");

        Assert.Equal(Updated, File.ReadAllBytes(Install));
        Assert.False(File.Exists(Record + ".started"));
        Assert.Contains("is not the previous binary", stopped.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", SystemctlLog());
    }

    [Theory]
    [InlineData("install=relative/guest-agent")]
    [InlineData("new=not-a-hash")]
    [InlineData("backup=/elsewhere/guest-agent.bak")]
    public async Task A_record_agentupdate_would_not_write_is_removed_and_nothing_is_rolled_back(string line)
    {
        var key = line[..line.IndexOf('=', StringComparison.Ordinal)];
        WriteRecord(Record + ".started", line, key);

        var stopped = await RunAsync("stopped", "exit-code", "exited", "1");

        Assert.Equal(Updated, File.ReadAllBytes(Install));
        Assert.Equal(Previous, File.ReadAllBytes(Install + ".bak"));
        Assert.False(File.Exists(Record + ".started"));
        Assert.Contains("is not one agentupdate writes", stopped.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>The record as agentupdate writes it (<c>PendingUpdateRecord</c>), one line replaced when asked.</summary>
    private void WriteRecord(string path, string? replacement = null, string? key = null)
    {
        var lines = new[]
        {
            "# agentupdate: the update rollback puts backup back at install if the agent there stops before it serves (docs/daemon.md).",
            $"install={Install}", $"new={Sha256(Updated)}", $"backup={Install}.bak", $"previous={Sha256(Previous)}",
        };
        File.WriteAllText(path, string.Join('\n', lines.Select(l => key is not null && l.StartsWith(key + "=", StringComparison.Ordinal) ? replacement! : l)) + "\n");
    }

    private async Task<ToolResult> RunAsync(string action, string? result, string? code = null, string? status = null)
    {
        var environment = new Dictionary<string, string> { ["PATH"] = _directory.Combine("bin") + ":/usr/bin:/bin" };
        if (result is not null)
        {
            environment["SERVICE_RESULT"] = result;
            environment["EXIT_CODE"] = code!;
            environment["EXIT_STATUS"] = status!;
        }

        var run = await ExternalTool.RunAsync("/bin/sh", [RepositoryFiles.Path("packaging", "systemd", "update-rollback"), action, Record], environment: environment);
        Assert.True(run.StandardError.Length == 0, run.StandardError);
        return run;
    }

    private string SystemctlLog() => File.Exists(_directory.Combine("systemctl.log")) ? File.ReadAllText(_directory.Combine("systemctl.log")) : "";

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
