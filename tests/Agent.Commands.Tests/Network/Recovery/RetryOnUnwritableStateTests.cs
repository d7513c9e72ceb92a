using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// The retry of a rollback that could not put every file back, when the record's own directory is on
/// a read-only file system (ext4's <c>errors=remount-ro</c>) or a full one at retry time: the kernel's
/// <c>EROFS</c> and <c>ENOSPC</c> (<see cref="ThreadMounts"/>). The record, the only copy of the
/// previous files, is never lost; no file is left half-written; one clear line says what stays; the
/// start goes on; and once the directory is writable again the retry finishes.
/// </summary>
public sealed class RetryOnUnwritableStateTests : InterruptedChangeTests
{
    private const string Interfaces = "/etc/network/interfaces";
    private const string StateDirectory = "/var/lib/guest-agent/resetnetwork";

    [Fact]
    public async Task A_read_only_record_directory_keeps_the_record_for_the_next_start()
    {
        var aside = await _change.FailRollbackAsync();
        _change.FullDisk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();
        var outcome = NetworkRecoveryOutcome.Failed;

        ThreadMounts.ReadOnlyDirectory(_change.Root.HostPath(StateDirectory), () =>
            outcome = _change.RecoverAsync(backend, logger).GetAwaiter().GetResult());

        // Not "nothing to recover": a change's files are still not all back, and its record is kept aside.
        Assert.Equal(NetworkRecoveryOutcome.FilesNotRestored, outcome);
        Assert.Equal([aside], _change.RecordDirectory());
        Assert.Empty(backend.Calls);
        Assert.Contains(logger.At(LogLevel.Error), line => line.Contains($"{StateDirectory}/{aside}", StringComparison.Ordinal) && line.Contains("Read-only file system", StringComparison.Ordinal) && line.Contains("it stays there", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("it is gone", StringComparison.Ordinal));

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));
        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task A_read_only_record_directory_its_mode_to_be_set_back_keeps_the_record_and_says_so()
    {
        var aside = await _change.FailRollbackAsync();
        _change.FullDisk.Full = false;
        // Widened since (not writable by others, so still trusted): every recovery sets it back to 0700, which fails read-only.
        File.SetUnixFileMode(_change.Root.HostPath(StateDirectory), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        ThreadMounts.ReadOnlyDirectory(_change.Root.HostPath(StateDirectory), () =>
            _change.RecoverAsync(backend, logger).GetAwaiter().GetResult());

        Assert.Equal([aside], _change.RecordDirectory());
        Assert.Empty(backend.Calls);
        // The line names the record that is there and says it stays: not transaction.json, "moved to nowhere (it is gone)".
        var error = Assert.Single(logger.At(LogLevel.Error));
        Assert.Contains($"{StateDirectory}/{aside}", error, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", error, StringComparison.Ordinal);
        Assert.DoesNotContain("it is gone", error, StringComparison.Ordinal);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));
        _change.AssertRestored();
    }

    [Fact]
    public async Task A_read_only_record_directory_leaves_an_operators_edit_and_retries_it_again()
    {
        var aside = await _change.FailRollbackAsync();
        _change.Root.WriteFile("/etc/hostname", "operator's name\n", "644");
        _change.FullDisk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        ThreadMounts.ReadOnlyDirectory(_change.Root.HostPath(StateDirectory), () =>
            _change.RecoverAsync(backend, logger).GetAwaiter().GetResult());

        Assert.Equal("operator's name\n", File.ReadAllText(_change.Root.HostPath("/etc/hostname")));
        Assert.Equal("an administrator's backup\n", File.ReadAllText(_change.Root.HostPath(Interfaces + ".bak")));
        Assert.Equal([aside], _change.RecordDirectory());
        Assert.Empty(backend.Calls);
        Assert.Contains(logger.At(LogLevel.Error), line => line.Contains("cannot be moved (Read-only file system); it stays there", StringComparison.Ordinal));

        // Writable again: the edit is left alone again, and the record now goes aside as edited.
        Assert.Equal(NetworkRecoveryOutcome.FilesNotRestored, await _change.RecoverAsync(backend));
        Assert.Equal("operator's name\n", File.ReadAllText(_change.Root.HostPath("/etc/hostname")));
        Assert.StartsWith("transaction.edited-", Assert.Single(_change.RecordDirectory()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_a_resetnetwork_a_read_only_record_directory_refuses_the_change_and_keeps_the_record()
    {
        var aside = await _change.FailRollbackAsync();
        _change.FullDisk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);
        CommandException? refused = null;

        ThreadMounts.ReadOnlyDirectory(_change.Root.HostPath(StateDirectory), () =>
            refused = Assert.Throws<CommandException>(() => new NetworkApplier(_change.Root.System with { Processes = backend }, new RecordingLogger<NetworkApplier>())
                .ApplyAsync(InterruptedChange.Files("newer"), InterruptedChange.Plan, TestContext.Current.CancellationToken).GetAwaiter().GetResult()));

        Assert.Contains("Read-only file system", refused!.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", refused.Message, StringComparison.Ordinal);
        Assert.Empty(backend.Calls);
        Assert.Equal([aside], _change.RecordDirectory());
        Assert.Equal("old interfaces\n", File.ReadAllText(_change.Root.HostPath(Interfaces)));
        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));
        _change.AssertRestored();
    }

    [Fact]
    public async Task A_full_record_directory_still_lets_the_retry_finish()
    {
        await _change.FailRollbackAsync();
        _change.FullDisk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();
        var outcome = NetworkRecoveryOutcome.Failed;
        string[] left = [];

        ThreadMounts.FullDirectory(_change.Root.HostPath(StateDirectory), () =>
        {
            outcome = _change.RecoverAsync(backend, logger).GetAwaiter().GetResult();
            left = [.. _change.RecordDirectory().Where(name => name != "filler")];
        });

        // The renames need no space: the record is taken back, the files put back and applied, the record gone.
        Assert.Equal(NetworkRecoveryOutcome.Recovered, outcome);
        Assert.Empty(left);
        _change.AssertRestored();
        Assert.Equal(["hostname old-name", "ifdown --force eth0", "ifup eth0"], backend.Calls.Select(c => c.ToDisplayString()));
        // Nothing needed writing there: the record was set aside already in its last phase, rolling back.
        Assert.Empty(logger.At(LogLevel.Error));
    }
}
