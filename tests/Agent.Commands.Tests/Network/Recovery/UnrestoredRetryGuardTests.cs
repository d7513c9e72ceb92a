using System.Text.Json.Nodes;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// A record set aside as unrestored may wait a long time for its retry (until space is back and the
/// agent starts again), and meanwhile an operator may fix the files by hand. The retry puts back only
/// the files still as the failed change and its rollback left them (the previous file, exactly what
/// the change wrote, or, for one it moved aside or created, still so), and leaves any other alone,
/// logged by path: never the old file over the operator's fix (docs/networking.md, "A crash in the middle").
/// </summary>
public sealed class UnrestoredRetryGuardTests : InterruptedChangeTests
{
    private const string Interfaces = "/etc/network/interfaces";

    [Fact]
    public async Task An_operators_fix_survives_the_retry_at_the_next_start()
    {
        await _change.FailRollbackAsync();
        // The operator frees space and fixes the interfaces by hand (the rollback had put the old ones back).
        OperatorWrites(Interfaces, "operator's fix\n");
        _change.FullDisk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.FilesNotRestored, await _change.RecoverAsync(backend, logger));

        Assert.Equal("operator's fix\n", Read(Interfaces));
        // What the fix did not touch is still put back: the administrator's earlier .bak, written back now there is room.
        Assert.Equal("an administrator's backup\n", Read(Interfaces + ".bak"));
        Assert.Equal("old-name\n", Read("/etc/hostname"));
        // No program runs over the operator's live fix: no take-down, no re-apply of a mix nobody chose.
        Assert.Empty(backend.Calls);
        Assert.Contains(logger.At(LogLevel.Warning), line => line.Contains($"{Interfaces} changed since", StringComparison.Ordinal) && line.Contains("left as it is", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("operator's fix", StringComparison.Ordinal));

        // Kept for the operator (the old interfaces are only there), and never tried again.
        Assert.StartsWith("transaction.edited-", Assert.Single(_change.RecordDirectory()), StringComparison.Ordinal);
        Assert.Equal(NetworkRecoveryOutcome.NothingToRecover, await _change.RecoverAsync(backend));
        Assert.Equal("operator's fix\n", Read(Interfaces));
        Assert.Empty(backend.Calls);
    }

    [Fact]
    public async Task An_operators_fix_survives_the_next_resetnetwork()
    {
        await _change.FailRollbackAsync();
        OperatorWrites(Interfaces, "operator's fix\n");
        _change.FullDisk.Full = false;

        // The next change fails too: its own rollback puts back what it found, the operator's fix.
        var error = await _change.RunUntilCrashAsync(new ScriptedProcessRunner(spec => spec.Program == "ifup" ? new ProcessResult(1, "", "ifup: down\n") : Success));

        Assert.IsType<CommandException>(error);
        Assert.Equal("operator's fix\n", Read(Interfaces));
        Assert.Equal("old-name\n", Read("/etc/hostname"));
        Assert.StartsWith("transaction.edited-", Assert.Single(_change.RecordDirectory()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_the_operator_removed_stays_removed()
    {
        await _change.FailRollbackAsync();
        File.Delete(_change.Root.HostPath("/etc/hostname"));
        _change.FullDisk.Full = false;
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.FilesNotRestored, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success), logger));

        Assert.False(File.Exists(_change.Root.HostPath("/etc/hostname")));
        Assert.Equal("an administrator's backup\n", Read(Interfaces + ".bak"));
        Assert.Contains(logger.At(LogLevel.Warning), line => line.Contains("/etc/hostname changed since", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Files_still_as_the_change_left_them_are_put_back()
    {
        await _change.FailRollbackAsync();
        // As a rollback that never reached them leaves them: written (the writer's copy of the old file
        // as its .bak), created, moved aside.
        File.WriteAllText(_change.Root.HostPath(Interfaces + ".bak"), "old interfaces\n");
        File.WriteAllText(_change.Root.HostPath(Interfaces), "new interfaces\n");
        _change.Root.WriteFile("/etc/network/interfaces.d/eth1", "new eth1\n");
        File.Move(_change.Root.HostPath("/etc/netplan/50-cloud-init.yaml"), _change.Root.HostPath("/etc/netplan/50-cloud-init.yaml.bak"));
        _change.FullDisk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));

        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
        Assert.Equal(["hostname old-name", "ifdown --force eth0", "ifup eth0"], backend.Calls.Select(c => c.ToDisplayString()));
    }

    [Fact]
    public async Task A_record_that_does_not_say_what_the_change_wrote_leaves_a_changed_file_alone()
    {
        await _change.FailRollbackAsync();
        // A record an agent before the guard wrote: nothing tells the change's own file from an edit.
        var aside = _change.Root.HostPath("/var/lib/guest-agent/resetnetwork/" + Assert.Single(_change.RecordDirectory()));
        var record = JsonNode.Parse(File.ReadAllText(aside))!;
        Assert.Contains(record["files"]!.AsArray(), file => file!["written"] is not null);
        foreach (var file in record["files"]!.AsArray())
        {
            file!.AsObject().Remove("written");
        }

        File.WriteAllText(aside, record.ToJsonString());
        File.WriteAllText(_change.Root.HostPath(Interfaces), "new interfaces\n");
        _change.FullDisk.Full = false;
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.FilesNotRestored, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success), logger));

        Assert.Equal("new interfaces\n", Read(Interfaces));
        Assert.Equal("an administrator's backup\n", Read(Interfaces + ".bak"));
        Assert.Contains(logger.At(LogLevel.Warning), line => line.Contains($"{Interfaces} changed since", StringComparison.Ordinal) && line.Contains("does not say what the change wrote", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bak_the_operator_wrote_meanwhile_is_left_alone()
    {
        await _change.FailRollbackAsync();
        // The administrator's earlier .bak could not be written back; the operator keeps notes there instead.
        File.WriteAllText(_change.Root.HostPath(Interfaces + ".bak"), "operator's notes\n");
        _change.FullDisk.Full = false;
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.FilesNotRestored, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success), logger));

        Assert.Equal("operator's notes\n", Read(Interfaces + ".bak"));
        Assert.Equal("old interfaces\n", Read(Interfaces));
        Assert.Contains(logger.At(LogLevel.Warning), line => line.Contains($"{Interfaces}.bak changed since", StringComparison.Ordinal));
        Assert.StartsWith("transaction.edited-", Assert.Single(_change.RecordDirectory()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_the_operator_put_back_as_they_were_count_as_put_back()
    {
        await _change.FailRollbackAsync();
        // The operator finishes the rollback by hand: the administrator's .bak written back as it was.
        _change.Root.WriteFile(Interfaces + ".bak", "an administrator's backup\n", "600");
        _change.FullDisk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));

        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
        Assert.Equal(["hostname old-name", "ifdown --force eth0", "ifup eth0"], backend.Calls.Select(c => c.ToDisplayString()));
    }

    /// <summary>An editor's save: a new file renamed over the old one.</summary>
    private void OperatorWrites(string path, string contents)
    {
        var host = _change.Root.HostPath(path);
        File.WriteAllText(host + ".swp", contents);
        File.Move(host + ".swp", host, overwrite: true);
    }

    private string Read(string path) => File.ReadAllText(_change.Root.HostPath(path));
}
