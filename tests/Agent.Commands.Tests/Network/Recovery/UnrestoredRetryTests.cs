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
/// A rollback that could not put every file back (a full <c>/etc</c>, where an earlier run's <c>.bak</c>
/// must be written back as a copy) sets its record aside as <c>transaction.unrestored-…</c>, the only copy of the previous files.
/// Once the obstacle is gone, the next start finishes it (restored and applied again, the record
/// gone), and so does the next <c>resetnetwork</c> before it snapshots anything; while it is still
/// there, a start keeps the record aside for the one after, and a new change goes on but never
/// lets a later start put these files over it (docs/networking.md, "A crash in the middle").
/// </summary>
public sealed class UnrestoredRetryTests : InterruptedChangeTests
{
    [Fact]
    public async Task The_next_start_finishes_the_rollback_once_the_obstacle_is_gone()
    {
        await _change.FailRollbackAsync();
        RemoveObstacle();
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend, logger));

        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
        // Applied again: the take-down of the new configuration, then the previous one brought up.
        Assert.Equal(["hostname old-name", "ifdown --force eth0", "ifup eth0"], backend.Calls.Select(c => c.ToDisplayString()));
        Assert.Contains(logger.At(LogLevel.Warning), line => line.Contains("is the record of a rollback that could not put every file back; trying again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_start_that_still_cannot_put_them_back_keeps_the_record_aside_for_the_next()
    {
        await _change.FailRollbackAsync();
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.FilesNotRestored, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success), logger, writer: _change.FullDisk));

        var aside = Assert.Single(_change.RecordDirectory());
        Assert.StartsWith("transaction.unrestored-", aside, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String("an administrator's backup\n"u8.ToArray()), File.ReadAllText(_change.Root.HostPath("/var/lib/guest-agent/resetnetwork/" + aside)), StringComparison.Ordinal);
        Assert.Contains(logger.At(LogLevel.Error), line => line.Contains("restoring the previous files failed for /etc/network/interfaces.bak", StringComparison.Ordinal));

        RemoveObstacle();
        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success)));
        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task The_next_resetnetwork_puts_the_files_back_before_it_snapshots_them()
    {
        await _change.FailRollbackAsync();
        RemoveObstacle();

        // This one fails too, and its own rollback puts back what it found: the real previous files.
        var error = await _change.RunUntilCrashAsync(new ScriptedProcessRunner(spec => spec.Program == "ifup" ? new ProcessResult(1, "", "ifup: down\n") : Success));

        Assert.IsType<CommandException>(error);
        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task A_resetnetwork_that_still_cannot_put_them_back_goes_on_and_no_later_start_undoes_it()
    {
        await _change.FailRollbackAsync();

        // The obstacle is still there: the new change is not refused for it, and commits.
        await new NetworkApplier(_change.Root.System with { Processes = new ScriptedProcessRunner(_ => Success), Writer = _change.FullDisk }, NullLogger.Instance)
            .ApplyAsync(InterruptedChange.Files("newer"), InterruptedChange.Plan, TestContext.Current.CancellationToken);

        var aside = Assert.Single(_change.RecordDirectory());
        Assert.StartsWith("transaction.superseded-", aside, StringComparison.Ordinal);
        RemoveObstacle();
        var backend = new ScriptedProcessRunner(_ => Success);
        Assert.Equal(NetworkRecoveryOutcome.NothingToRecover, await _change.RecoverAsync(backend));
        Assert.Empty(backend.Calls);
        Assert.Equal("newer interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));
        Assert.Equal("newer eth1\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces.d/eth1")));
        Assert.Equal("newer-name\n", File.ReadAllText(_change.Root.HostPath("/etc/hostname")));
    }

    private void RemoveObstacle() => _change.FullDisk.Full = false;
}
