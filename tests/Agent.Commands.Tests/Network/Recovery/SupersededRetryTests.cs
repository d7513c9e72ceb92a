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
/// A record set aside as unrestored that the next <c>resetnetwork</c> supersedes with a mix of files:
/// one still as the change left it (put back), one the operator changed (left alone), one that still
/// cannot be put back (the disk still full). The new change goes on from the files as they are; the
/// old record is kept as <c>superseded</c> and never tried again, whatever the new change's own
/// record becomes (committed, rolled back, or itself unrestored and retried).
/// </summary>
public sealed class SupersededRetryTests : InterruptedChangeTests
{
    private const string Interfaces = "/etc/network/interfaces";
    private const string Eth1 = "/etc/network/interfaces.d/eth1";

    [Fact]
    public async Task A_mix_is_sorted_before_the_new_change_and_the_old_record_never_comes_back()
    {
        await FailRollbackWithMixAsync();
        var logger = new RecordingLogger<NetworkApplier>();

        // The disk is still full for the administrator's .bak: the new change goes on, and fails at ifup.
        var error = await Assert.ThrowsAsync<CommandException>(() => new NetworkApplier(
                _change.Root.System with { Processes = new ScriptedProcessRunner(spec => spec.Program == "ifup" ? new ProcessResult(1, "", "ifup: down\n") : Success), Writer = _change.FullDisk },
                logger)
            .ApplyAsync(InterruptedChange.Files("newer"), InterruptedChange.Plan, TestContext.Current.CancellationToken));

        Assert.DoesNotContain("restoring the previous files failed", error.Message, StringComparison.Ordinal);
        // The edited file survives the retry and the new change's own rollback; the change's own file was put back and stays so.
        Assert.Equal("operator's name\n", Read("/etc/hostname"));
        Assert.Equal("operator's notes\n", Read("/etc/hostname.bak"));
        Assert.False(File.Exists(Host(Eth1)));
        Assert.Equal("old interfaces\n", Read(Interfaces));
        Assert.Contains(logger.At(LogLevel.Warning), line => line.Contains("/etc/hostname changed since", StringComparison.Ordinal));
        Assert.Contains(logger.At(LogLevel.Error), line => line.Contains("still cannot all be put back", StringComparison.Ordinal) && line.Contains("transaction.superseded-", StringComparison.Ordinal));
        var aside = Assert.Single(_change.RecordDirectory());
        Assert.StartsWith("transaction.superseded-", aside, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String("an administrator's backup\n"u8.ToArray()), File.ReadAllText(Host("/var/lib/guest-agent/resetnetwork/" + aside)), StringComparison.Ordinal);

        // Space back: no start and no later change puts the superseded files over anything.
        _change.FullDisk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);
        Assert.Equal(NetworkRecoveryOutcome.NothingToRecover, await _change.RecoverAsync(backend));
        Assert.Empty(backend.Calls);
        new NetworkRecovery(_change.Root.System, new NetworkOptions(), NullLogger.Instance).RestoreBeforeNewChange();
        Assert.Equal("operator's name\n", Read("/etc/hostname"));
        Assert.False(File.Exists(Host(Interfaces + ".bak")));
        Assert.Equal([aside], _change.RecordDirectory());
    }

    [Fact]
    public async Task A_newer_unrestored_record_is_retried_and_the_superseded_one_is_not()
    {
        await FailRollbackWithMixAsync();

        // The new change's own rollback fails the same way (and on the operator's .bak): its record is the newer unrestored one.
        var error = await Assert.ThrowsAsync<CommandException>(() => new NetworkApplier(
                _change.Root.System with { Processes = new ScriptedProcessRunner(spec => spec.Program == "ifup" ? new ProcessResult(1, "", "ifup: down\n") : Success), Writer = new FullDiskWriter(_change.FullDisk, "/etc/hostname.bak") },
                NullLogger.Instance)
            .ApplyAsync(InterruptedChange.Files("newer"), InterruptedChange.Plan, TestContext.Current.CancellationToken));
        Assert.Contains("restoring the previous files failed for /etc/hostname.bak", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _change.RecordDirectory().Length);

        // Space back: the start retries the newer record only, which puts the operator's name back.
        _change.FullDisk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);
        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));

        Assert.Equal("operator's name\n", Read("/etc/hostname"));
        Assert.Equal("operator's notes\n", Read("/etc/hostname.bak"));
        Assert.False(File.Exists(Host(Interfaces + ".bak")), "the superseded record's .bak is not written back");
        Assert.StartsWith("transaction.superseded-", Assert.Single(_change.RecordDirectory()), StringComparison.Ordinal);
        Assert.Equal(NetworkRecoveryOutcome.NothingToRecover, await _change.RecoverAsync(backend));
    }

    /// <summary>
    /// A change whose <c>ifup</c> fails on a full <c>/etc</c> (its rollback cannot write the
    /// administrator's <c>.bak</c> back), then the operator renames the host (keeping notes in its .bak), and one file is found
    /// as the change left it (eth1, which a rollback cut short would leave).
    /// </summary>
    private async Task FailRollbackWithMixAsync()
    {
        await _change.FailRollbackAsync();

        _change.Root.WriteFile("/etc/hostname.swp", "operator's name\n", "644");
        File.Move(Host("/etc/hostname.swp"), Host("/etc/hostname"), overwrite: true);
        _change.Root.WriteFile("/etc/hostname.bak", "operator's notes\n", "600");
        _change.Root.WriteFile(Eth1, "new eth1\n", "644");
    }

    private string Host(string path) => _change.Root.HostPath(path);

    private string Read(string path) => File.ReadAllText(Host(path));
}
