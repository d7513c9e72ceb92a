using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// A <c>resetnetwork</c> killed at any point is finished at the next start: the previous files come
/// back byte for byte with their modes, owners, links and <c>.bak</c> copies, the backend is asked to
/// take the new configuration down and apply the old one again, and the record is gone.
/// </summary>
public sealed class NetworkRecoveryTests : InterruptedChangeTests
{
    private static readonly ProcessResult Failure = new(1, "", "ifup: no such device\n");

    public static TheoryData<string> Phases => ["preparing", "writing", "applying", "rolling back (before the files)", "rolling back (applying them again)"];

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task A_change_killed_in_any_phase_is_rolled_back_and_applied_again_at_the_next_start(string crashPoint)
    {
        await CrashAsync(crashPoint);
        Assert.NotNull(_change.Record());

        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();
        var outcome = await _change.RecoverAsync(backend, logger);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, outcome);
        _change.AssertRestored();
        // The running hostname set back to the old name and the interfaces taken down, then the old
        // configuration up again; the new name is never set again.
        Assert.Equal(["hostname old-name", "ifdown --force eth0", "ifup eth0"], backend.Calls.Select(c => c.ToDisplayString()));
        Assert.Empty(_change.RecordDirectory());
        var warning = Assert.Single(logger.At(LogLevel.Warning));
        Assert.Contains("did not finish (the agent stopped while " + PhaseText(crashPoint) + "); its 5 previous files were restored and applied again", warning, StringComparison.Ordinal);
        Assert.Empty(logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task The_record_says_how_far_the_change_had_got_and_is_private_to_its_owner()
    {
        string? seen = null;
        UnixFileMode? fileMode = null, directoryMode = null;
        await _change.RunUntilCrashAsync(new ScriptedProcessRunner(spec =>
        {
            if (spec.Program == "ifup")
            {
                seen = _change.Record();
                fileMode = File.GetUnixFileMode(_change.Root.HostPath(InterruptedChange.RecordPath));
                directoryMode = File.GetUnixFileMode(_change.Root.HostPath("/var/lib/guest-agent/resetnetwork"));
                throw new SimulatedCrash();
            }

            return Success;
        }));

        Assert.Contains("\"phase\": \"applying\"", seen, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, fileMode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, directoryMode);
    }

    [Fact]
    public async Task Without_a_record_nothing_runs_and_nothing_is_created()
    {
        var backend = new ScriptedProcessRunner(_ => Success);

        Assert.Equal(NetworkRecoveryOutcome.NothingToRecover, await _change.RecoverAsync(backend));

        Assert.Empty(backend.Calls);
        Assert.False(Directory.Exists(_change.Root.HostPath("/var/lib/guest-agent")));
    }

    [Fact]
    public async Task A_file_the_record_holds_that_no_longer_exists_is_created_again_and_a_new_one_gone_with_its_directory()
    {
        await CrashAsync("applying");
        // Meanwhile someone removed the rewritten file and the one in the new directory, directory and all.
        File.Delete(_change.Root.HostPath("/etc/network/interfaces"));
        Directory.Delete(_change.Root.HostPath("/etc/network/interfaces.d"), recursive: true);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success)));

        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task A_created_directory_replaced_by_a_link_meanwhile_is_not_removed_through_it()
    {
        await CrashAsync("applying");
        // Meanwhile the directory the change created became a link to an empty directory of someone
        // else's: only an empty directory of the change's own is taken away, never a link or its target.
        var created = _change.Root.HostPath("/etc/network/interfaces.d");
        Directory.Delete(created, recursive: true);
        var elsewhere = _change.Root.HostPath("/srv/elsewhere");
        _change.Root.CreateDirectory("/srv/elsewhere");
        File.CreateSymbolicLink(created, elsewhere);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success)));

        Assert.Equal(elsewhere, new FileInfo(created).LinkTarget);
        Assert.True(Directory.Exists(elsewhere));
        Assert.Empty(_change.RecordDirectory());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"version\": 1, \"phase\": \"applying\", \"started\": \"2026-11-28T12:00:00Z\", \"files\": [")]
    [InlineData("{\"version\": 2, \"phase\": \"applying\"}")]
    [InlineData("")]
    public async Task A_record_that_cannot_be_read_is_set_aside_and_changes_nothing(string contents)
    {
        _change.Root.WriteFile(InterruptedChange.RecordPath, contents, "600");
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.RecordUnreadable, await _change.RecoverAsync(backend, logger));

        Assert.Equal(_change.Before, TreeSnapshot.TakeExceptState(_change.Root.HostPath("/")));
        Assert.Empty(backend.Calls);
        var aside = Assert.Single(_change.RecordDirectory());
        Assert.Matches(@"^transaction\.unreadable-20261128T120000Z\.json$", aside);
        Assert.Equal(contents, File.ReadAllText(_change.Root.HostPath("/var/lib/guest-agent/resetnetwork/" + aside)));
        var error = Assert.Single(logger.At(LogLevel.Error));
        Assert.Contains("cannot be read", error, StringComparison.Ordinal);
        Assert.Contains(aside, error, StringComparison.Ordinal);

        // The next start finds nothing to do.
        Assert.Equal(NetworkRecoveryOutcome.NothingToRecover, await _change.RecoverAsync(backend));
    }

    [Fact]
    public async Task A_second_record_set_aside_in_the_same_second_keeps_the_first()
    {
        var backend = new ScriptedProcessRunner(_ => Success);
        _change.Root.WriteFile(InterruptedChange.RecordPath, "first", "600");
        Assert.Equal(NetworkRecoveryOutcome.RecordUnreadable, await _change.RecoverAsync(backend));
        _change.Root.WriteFile(InterruptedChange.RecordPath, "second", "600");

        Assert.Equal(NetworkRecoveryOutcome.RecordUnreadable, await _change.RecoverAsync(backend));

        Assert.Equal(["transaction.unreadable-20261128T120000Z-2.json", "transaction.unreadable-20261128T120000Z.json"], _change.RecordDirectory());
        Assert.Equal("first", File.ReadAllText(_change.Root.HostPath("/var/lib/guest-agent/resetnetwork/transaction.unreadable-20261128T120000Z.json")));
        Assert.Equal("second", File.ReadAllText(_change.Root.HostPath("/var/lib/guest-agent/resetnetwork/transaction.unreadable-20261128T120000Z-2.json")));
    }

    [Fact]
    public async Task An_undo_that_fails_does_not_stop_the_rest_of_the_take_down()
    {
        await CrashAsync("applying");
        var backend = new ScriptedProcessRunner(spec => spec.ToDisplayString() == "hostname old-name" ? new ProcessResult(1, "", "hostname: you must be root\n") : Success);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));

        _change.AssertRestored();
        Assert.Equal(["hostname old-name", "ifdown --force eth0", "ifup eth0"], backend.Calls.Select(c => c.ToDisplayString()));
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task A_record_that_is_a_fifo_is_set_aside_without_waiting_for_a_writer()
    {
        // Owned by root and private, so trusted: only its kind tells it is no record.
        var mkfifo = ExternalTool.Require("mkfifo", "coreutils");
        _change.Root.CreateDirectory("/var/lib/guest-agent/resetnetwork");
        Assert.Equal(0, (await ExternalTool.RunAsync(mkfifo, ["-m", "600", _change.Root.HostPath(InterruptedChange.RecordPath)])).ExitCode);
        var backend = new ScriptedProcessRunner(_ => Success);

        // Bounded only so that a read blocked on the FIFO fails the test instead of hanging it.
        var outcome = await Task.Run(() => _change.RecoverAsync(backend), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(NetworkRecoveryOutcome.RecordUnreadable, outcome);
        Assert.Empty(backend.Calls);
        Assert.Equal(_change.Before, TreeSnapshot.TakeExceptState(_change.Root.HostPath("/")));
        Assert.StartsWith("transaction.unreadable-", Assert.Single(_change.RecordDirectory()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_take_down_recorded_as_required_is_still_best_effort()
    {
        // This agent records its take-down as optional; a record saying otherwise (another version's, an edited one) changes nothing.
        await CrashAsync("applying");
        var text = _change.Record()!;
        var (start, end) = (text.IndexOf("\"takeDown\"", StringComparison.Ordinal), text.IndexOf("\"reapply\"", StringComparison.Ordinal));
        File.WriteAllText(_change.Root.HostPath(InterruptedChange.RecordPath), text[..start] + text[start..end].Replace("\"required\": false", "\"required\": true", StringComparison.Ordinal) + text[end..]);
        Assert.Contains("\"required\": true", _change.Record()![start..], StringComparison.Ordinal);
        var backend = new ScriptedProcessRunner(spec => spec.ToDisplayString() == "hostname old-name" ? new ProcessResult(1, "", "hostname: you must be root\n") : Success);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));

        _change.AssertRestored();
        Assert.Equal(["hostname old-name", "ifdown --force eth0", "ifup eth0"], backend.Calls.Select(c => c.ToDisplayString()));
    }

    [Fact]
    public async Task A_stale_file_the_change_never_reached_is_left_as_the_same_file()
    {
        // Killed while writing, before moving it aside: recovery must not move its .bak over it.
        const string Stale = "/etc/netplan/50-cloud-init.yaml";
        _change.Root.WriteFile(Stale + ".bak", "network: {version: 1}\n", "600");
        var before = TreeSnapshot.TakeExceptState(_change.Root.HostPath("/"));
        var inode = Inodes.Of(_change.Root.HostPath(Stale));
        await CrashAsync("writing");

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success)));

        Assert.Equal(before, TreeSnapshot.TakeExceptState(_change.Root.HostPath("/")));
        Assert.Equal(inode, Inodes.Of(_change.Root.HostPath(Stale)));
    }

    [Fact]
    public async Task A_record_that_is_a_link_is_never_followed()
    {
        _change.Root.WriteFile("/etc/secret-elsewhere", "{}", "600");
        _change.Root.CreateDirectory("/var/lib/guest-agent/resetnetwork");
        File.CreateSymbolicLink(_change.Root.HostPath(InterruptedChange.RecordPath), _change.Root.HostPath("/etc/secret-elsewhere"));

        Assert.Equal(NetworkRecoveryOutcome.RecordUnreadable, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success)));

        Assert.Equal("{}", File.ReadAllText(_change.Root.HostPath("/etc/secret-elsewhere")));
        Assert.Null(_change.Record());
    }

    [Fact]
    public async Task When_applying_the_restored_files_fails_they_stay_restored_and_the_record_goes()
    {
        await CrashAsync("applying");
        var backend = new ScriptedProcessRunner(spec => spec.Program == "ifup" ? Failure : Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.ReapplyFailed, await _change.RecoverAsync(backend, logger));

        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
        Assert.Contains("applying them again failed: 'ifup eth0' exited with code 1: ifup: no such device", Assert.Single(logger.At(LogLevel.Error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_take_down_that_hangs_leaves_applying_the_restored_files_its_own_time()
    {
        await CrashAsync("applying");
        // ifdown hangs until the deadline kills it (the runner caps it at what is left, and reports it timed out).
        var backend = new ScriptedProcessRunner(spec => spec.Program == "ifdown" ? new ProcessResult(-1, "", "", TimedOut: true) : Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend, logger));

        _change.AssertRestored();
        Assert.Equal(["hostname old-name", "ifdown --force eth0", "ifup eth0"], backend.Calls.Select(c => c.ToDisplayString()));
        Assert.Empty(_change.RecordDirectory());
        Assert.Contains("out of time, 'ifdown --force eth0' killed", Assert.Single(logger.At(LogLevel.Error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applying_the_restored_files_cut_short_by_the_time_keeps_the_record_for_the_next_start()
    {
        await CrashAsync("applying");
        var hung = new ScriptedProcessRunner(spec => spec.Program == "ifup" ? new ProcessResult(-1, "", "", TimedOut: true) : Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.ReapplyFailed, await _change.RecoverAsync(hung, logger));

        _change.AssertRestored();
        Assert.Contains("\"phase\": \"rolling-back\"", _change.Record(), StringComparison.Ordinal);
        Assert.Contains(logger.At(LogLevel.Error), error => error.Contains("did not finish in time", StringComparison.Ordinal) && error.Contains("the next start applies them again", StringComparison.Ordinal));

        var backend = new ScriptedProcessRunner(_ => Success);
        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));
        Assert.Equal(["hostname old-name", "ifdown --force eth0", "ifup eth0"], backend.Calls.Select(c => c.ToDisplayString()));
        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task Restored_files_left_unapplied_are_still_applied_at_the_next_start_after_a_change_refused_in_between()
    {
        await CrashAsync("applying");
        var hung = new ScriptedProcessRunner(spec => spec.Program == "ifup" ? new ProcessResult(-1, "", "", TimedOut: true) : Success);
        Assert.Equal(NetworkRecoveryOutcome.ReapplyFailed, await _change.RecoverAsync(hung));

        // A resetnetwork arrives and is refused before it changes anything (a target below a linked directory).
        _change.Root.WriteFile("/srv/elsewhere/eth9", "not ours\n");
        File.CreateSymbolicLink(_change.Root.HostPath("/etc/network/interfaces.d"), "../../srv/elsewhere");
        var refused = new ScriptedProcessRunner(_ => Success);
        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(_change.Root.System with { Processes = refused }, NullLogger.Instance)
                .ApplyAsync(InterruptedChange.Files("newer"), InterruptedChange.Plan, TestContext.Current.CancellationToken));
        Assert.EndsWith("nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Empty(refused.Calls);
        File.Delete(_change.Root.HostPath("/etc/network/interfaces.d"));
        Directory.Delete(_change.Root.HostPath("/srv"), recursive: true);

        // The restored files were never made live: the next start still does it.
        var backend = new ScriptedProcessRunner(_ => Success);
        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));
        Assert.Equal(["hostname old-name", "ifdown --force eth0", "ifup eth0"], backend.Calls.Select(c => c.ToDisplayString()));
        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task The_deletion_of_what_the_change_created_is_on_disk_before_the_record_goes()
    {
        await CrashAsync("applying");
        var disk = new ObservedFileSystem(_change.Root.System.FileSystem);

        var outcome = await new NetworkRecovery(_change.Root.System with { Processes = new ScriptedProcessRunner(_ => Success), FileSystem = disk }, new NetworkOptions(), new RecordingLogger<NetworkRecovery>())
            .RecoverAsync(TestContext.Current.CancellationToken);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, outcome);
        _change.AssertRestored();
        // The replaced interfaces renamed back from its .bak (RenameBackRecoveryTests), then the created
        // file and its created directory, each followed by a sync of the directory that held it, all
        // before the record's own removal.
        var operations = disk.Operations;
        var recordGone = operations.IndexOf("delete " + InterruptedChange.RecordPath + ".ended");
        Assert.Equal(
            ["sync /etc/network", "delete /etc/network/interfaces.d/eth1", "sync /etc/network/interfaces.d", "sync /etc/network"],
            operations[..recordGone].Where(o => o.Contains("interfaces.d", StringComparison.Ordinal) || o == "sync /etc/network"));
    }

    [Fact]
    public async Task Files_that_cannot_be_put_back_are_named_nothing_is_applied_and_the_record_is_kept_aside()
    {
        await CrashAsync("applying");
        File.Delete(_change.Root.HostPath("/etc/hostname"));
        _change.Root.CreateDirectory("/etc/hostname/in-the-way");
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.FilesNotRestored, await _change.RecoverAsync(backend, logger));

        Assert.Equal(["hostname old-name", "ifdown --force eth0"], backend.Calls.Select(c => c.ToDisplayString()));
        Assert.Equal("old interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));
        Assert.Contains(logger.At(LogLevel.Error), error => error.Contains("restoring the previous files failed for /etc/hostname; nothing was applied", StringComparison.Ordinal));
        // The only copy of the lost file is kept for the operator, out of the next start's way.
        var aside = Assert.Single(_change.RecordDirectory());
        Assert.StartsWith("transaction.unrestored-", aside, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String("old-name\n"u8.ToArray()), File.ReadAllText(_change.Root.HostPath("/var/lib/guest-agent/resetnetwork/" + aside)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_stopped_midway_puts_the_files_back_and_the_next_start_applies_them()
    {
        await CrashAsync("applying");
        using var stopping = new CancellationTokenSource();
        var interrupted = new ScriptedProcessRunner(spec =>
        {
            if (spec.Program == "ifup")
            {
                stopping.Cancel();
                throw new OperationCanceledException(stopping.Token);
            }

            return Success;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _change.RecoverAsync(interrupted, stopping: stopping.Token));

        _change.AssertRestored();
        Assert.Contains("\"phase\": \"rolling-back\"", _change.Record(), StringComparison.Ordinal);

        var backend = new ScriptedProcessRunner(_ => Success);
        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));
        Assert.Equal(["hostname old-name", "ifdown --force eth0", "ifup eth0"], backend.Calls.Select(c => c.ToDisplayString()));
        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task Something_unexpected_during_recovery_is_logged_never_thrown_and_the_record_set_aside()
    {
        await CrashAsync("applying");
        var logger = new RecordingLogger<NetworkRecovery>();

        var outcome = await _change.RecoverAsync(new ScriptedProcessRunner(_ => throw new InvalidOperationException("a bug")), logger);

        Assert.Equal(NetworkRecoveryOutcome.Failed, outcome);
        Assert.StartsWith("transaction.failed-", Assert.Single(_change.RecordDirectory()), StringComparison.Ordinal);
        Assert.Contains("failed (InvalidOperationException)", Assert.Single(logger.At(LogLevel.Error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_directory_that_cannot_be_looked_into_is_reported_as_such_not_as_a_record()
    {
        // What an agent run without root meets in root's 0700 directory (EACCES); root itself cannot
        // be refused a lookup, but nobody can look through a link to itself (ELOOP).
        var directory = _change.Root.HostPath("/var/lib/guest-agent/resetnetwork");
        _change.Root.CreateDirectory("/var/lib/guest-agent");
        File.CreateSymbolicLink(directory, "resetnetwork");
        var logger = new RecordingLogger<NetworkRecovery>();

        var outcome = await _change.RecoverAsync(new ScriptedProcessRunner(_ => throw new InvalidOperationException("nothing may run")), logger);

        Assert.Equal(NetworkRecoveryOutcome.Failed, outcome);
        Assert.Equal(
            "resetnetwork: cannot look for the record of an unfinished resetnetwork in /var/lib/guest-agent/resetnetwork (Too many levels of symbolic links); " +
            "if one did not finish, its previous files were not restored",
            Assert.Single(logger.At(LogLevel.Error)));
        Assert.Empty(logger.At(LogLevel.Warning));
        Assert.Equal("resetnetwork", new FileInfo(directory).LinkTarget);
    }

    /// <summary>Runs the change until it dies at <paramref name="crashPoint"/>.</summary>
    private async Task CrashAsync(string crashPoint)
    {
        var ifdowns = 0;
        var ifups = 0;
        var crashed = await _change.RunUntilCrashAsync(
            new ScriptedProcessRunner(spec => (crashPoint, spec.Program) switch
            {
                ("preparing", "ifdown") => throw new SimulatedCrash(),
                ("applying", "ifup") => throw new SimulatedCrash(),
                // The new configuration fails; the rollback dies taking it down, or bringing the old one up.
                ("rolling back (before the files)", "ifup") => Failure,
                ("rolling back (before the files)", "ifdown") when ++ifdowns == 2 => throw new SimulatedCrash(),
                ("rolling back (applying them again)", "ifup") when ++ifups == 2 => throw new SimulatedCrash(),
                ("rolling back (applying them again)", "ifup") => Failure,
                _ => Success,
            }),
            crashPoint == "writing" ? new CrashingWriter(_change.Root.System.Writer, "/etc/resolv.conf") : null);
        Assert.IsType<SimulatedCrash>(crashed);
    }

    private static string PhaseText(string crashPoint) => crashPoint switch
    {
        "preparing" => "taking the interfaces down",
        "writing" => "writing the files",
        "applying" => "applying them",
        _ => "rolling back",
    };
}
