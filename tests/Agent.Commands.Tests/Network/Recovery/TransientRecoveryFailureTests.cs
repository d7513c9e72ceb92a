using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// A recovery stopped by a system call that failed for a moment (the change lock's file not opened
/// while the system is out of descriptors or memory, its <c>flock</c> refused, the record's read or
/// its directory's listing failing with <c>EIO</c>): the record, the only way back to the previous
/// configuration, stays where it is and the next start finishes the recovery. Only a failure the
/// record itself causes sets it aside. The errors are the kernel's own, injected by strace on the
/// paths named (<see cref="SyscallTrace"/>); needs strace and root.
/// </summary>
public sealed class TransientRecoveryFailureTests : InterruptedChangeTests
{
    private const string StateDirectory = "/var/lib/guest-agent/resetnetwork";

    [Theory]
    [InlineData("openat", "ENFILE", "Too many open files in system")]
    [InlineData("openat", "ENOMEM", "Cannot allocate memory")]
    [InlineData("flock", "ENOLCK", "No locks available")]
    public async Task A_change_lock_that_fails_for_a_moment_leaves_the_record_in_place_for_the_next_start(string syscall, string errno, string reason)
    {
        await _change.CrashWhileApplyingAsync();
        var record = _change.Record();
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();
        var outcome = NetworkRecoveryOutcome.Recovered;

        var failed = SyscallTrace.Failing(
            () => outcome = _change.RecoverAsync(backend, logger).GetAwaiter().GetResult(), syscall, errno, _change.Root.HostPath(StateDirectory + "/lock"));

        Assert.Contains(failed, line => line.Contains(errno, StringComparison.Ordinal));
        Assert.Equal(NetworkRecoveryOutcome.Failed, outcome);
        Assert.Empty(backend.Calls);
        // Not set aside as failed, never to be tried again: in place, unchanged.
        Assert.Equal(["transaction.json"], _change.RecordDirectory());
        Assert.Equal(record, _change.Record());
        var error = Assert.Single(logger.At(LogLevel.Error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains($"{InterruptedChange.RecordPath} stays in place, and the next start tries again", error, StringComparison.Ordinal);
        Assert.DoesNotContain("moved to", error, StringComparison.Ordinal);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));
        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
        Assert.Equal(["hostname old-name", "ifdown --force eth0", "ifup eth0"], backend.Calls.Select(c => c.ToDisplayString()));
    }

    [Fact]
    public async Task A_record_whose_read_fails_for_a_moment_stays_in_place_for_the_next_start()
    {
        await _change.CrashWhileApplyingAsync();
        var record = _change.Record();
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();
        var outcome = NetworkRecoveryOutcome.Recovered;

        var failed = SyscallTrace.Failing(
            () => outcome = _change.RecoverAsync(backend, logger).GetAwaiter().GetResult(), "pread64", "EIO", _change.Root.HostPath(InterruptedChange.RecordPath));

        Assert.NotEmpty(failed);
        Assert.Equal(NetworkRecoveryOutcome.Failed, outcome);
        Assert.Empty(backend.Calls);
        // Not "unreadable": the record is whole, only this read of it failed.
        Assert.Equal(["transaction.json"], _change.RecordDirectory());
        Assert.Equal(record, _change.Record());
        var error = Assert.Single(logger.At(LogLevel.Error));
        Assert.Contains("Input/output error", error, StringComparison.Ordinal);
        Assert.Contains($"{InterruptedChange.RecordPath} stays in place, and the next start tries again", error, StringComparison.Ordinal);
        Assert.DoesNotContain("moved to", error, StringComparison.Ordinal);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));
        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task A_resetnetwork_that_cannot_read_the_earlier_record_for_a_moment_is_refused_and_keeps_it()
    {
        await _change.CrashWhileApplyingAsync();
        var record = _change.Record();
        var backend = new ScriptedProcessRunner(_ => Success);
        CommandException? refused = null;

        SyscallTrace.Failing(
            () => refused = Assert.Throws<CommandException>(() => new NetworkApplier(_change.Root.System with { Processes = backend }, new RecordingLogger<NetworkApplier>())
                .ApplyAsync(InterruptedChange.Files("newer"), InterruptedChange.Plan, TestContext.Current.CancellationToken).GetAwaiter().GetResult()),
            "pread64", "EIO", _change.Root.HostPath(InterruptedChange.RecordPath));

        // Not set aside as unreadable with the new change going on from the half-changed files: refused, nothing run.
        Assert.Equal(
            $"Couldn't apply the network configuration: an earlier resetnetwork did not finish, and its record in {StateDirectory} " +
            "could not be looked at (Input/output error); it is kept where it is, and nothing was changed",
            refused!.Message);
        Assert.Empty(backend.Calls);
        Assert.Equal(["transaction.json"], _change.RecordDirectory());
        Assert.Equal(record, _change.Record());
        Assert.Equal("new interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));
        _change.AssertRestored();
    }

    [Fact]
    public async Task A_listing_that_fails_after_the_first_look_names_the_record_that_stays()
    {
        var aside = await _change.FailRollbackAsync();
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();
        var outcome = NetworkRecoveryOutcome.Recovered;

        // The first listing (is there anything to recover?) reads the directory in two calls; every later one fails.
        var failed = SyscallTrace.FailingFrom(
            () => outcome = _change.RecoverAsync(backend, logger).GetAwaiter().GetResult(), "getdents64", "EIO", 3, _change.Root.HostPath(StateDirectory));

        Assert.Contains(failed, line => line.Contains("EIO", StringComparison.Ordinal));
        Assert.Equal(NetworkRecoveryOutcome.Failed, outcome);
        Assert.Empty(backend.Calls);
        Assert.Equal([aside], _change.RecordDirectory());
        // What the operator reads names the record that is there and what failed: not transaction.json, which is not
        // there, nor a move that was never tried.
        var error = Assert.Single(logger.At(LogLevel.Error));
        Assert.Equal(
            $"resetnetwork: retrying {StateDirectory}/{aside}, the record of a rollback that could not put every file back, failed (Input/output error); " +
            "it stays there, and the next start tries again",
            error);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));
        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task A_record_set_aside_whose_read_fails_for_a_moment_stays_aside()
    {
        var aside = await _change.FailRollbackAsync();
        var asidePath = _change.Root.HostPath($"{StateDirectory}/{aside}");
        var text = File.ReadAllText(asidePath);
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();
        var outcome = NetworkRecoveryOutcome.Recovered;

        SyscallTrace.Failing(() => outcome = _change.RecoverAsync(backend, logger).GetAwaiter().GetResult(), "pread64", "EIO", asidePath);

        // Not taken back in place, where a later start would put it back whole, without asking which files changed since.
        Assert.Equal(NetworkRecoveryOutcome.Failed, outcome);
        Assert.Empty(backend.Calls);
        Assert.Equal([aside], _change.RecordDirectory());
        Assert.Equal(text, File.ReadAllText(asidePath));
        Assert.Equal(
            $"resetnetwork: retrying {StateDirectory}/{aside}, the record of a rollback that could not put every file back, failed (Input/output error); " +
            "it stays there, and the next start tries again",
            Assert.Single(logger.At(LogLevel.Error)));

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));
        _change.AssertRestored();
    }
}
