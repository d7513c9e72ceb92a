using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static GuestAgent.Commands.Tests.Network.Recovery.NetplanAcrossBoots;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// The retry of a rollback that could not put every file back, made in an earlier boot: what the
/// change wrote under <c>/run</c> went with that boot (a tmpfs every boot starts empty), so the retry
/// neither puts it back nor judges it, and leaves what the new boot wrote there; everything else is
/// retried as in the same boot. A rollback whose only failure was under <c>/run</c> (a full runtime
/// tmpfs) is over after the reboot: the rest is back, applied again, and the record goes. In the same
/// boot the <c>/run</c> file is a file like any other (docs/networking.md, "A crash in the middle").
/// </summary>
public sealed class UnrestoredRetryAcrossBootsTests : IDisposable
{
    private static readonly ProcessResult Success = new(0, "", "");

    private readonly NetplanAcrossBoots _boot = new();

    public UnrestoredRetryAcrossBootsTests()
    {
        _boot.Root.WriteFile(Ours, "ours before\n", "600");
        _boot.Root.WriteFile(Ours + ".bak", "an administrator's backup\n", "600");
        _boot.Root.WriteFile(Runtime + ".bak", "a runtime backup\n", "600");
    }

    [Fact]
    public async Task After_a_reboot_the_rest_is_put_back_and_applied_and_the_new_boots_runtime_file_left()
    {
        var disk = await FailRollbackAsync(Ours + ".bak");
        _boot.Reboot();
        _boot.Root.WriteFile(Runtime, "written in the new boot\n", "600");
        disk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _boot.RecoverAsync(backend, logger));

        Assert.Equal("an administrator's backup\n", Read(Ours + ".bak"));
        Assert.Equal("ours before\n", Read(Ours));
        Assert.Equal("network: {version: 2}\n", Read(CloudInit));
        Assert.Equal("written in the new boot\n", Read(Runtime));
        Assert.False(File.Exists(_boot.Root.HostPath(Runtime + ".bak")), "last boot's runtime backup is not brought into this one");
        Assert.Equal(["netplan apply"], backend.Calls.Select(c => c.ToDisplayString()));
        Assert.Empty(RecordDirectory());
        Assert.Empty(logger.At(LogLevel.Error));
        Assert.Contains(logger.At(LogLevel.Warning), line => line.Contains($"was made in an earlier boot; what it changed under /run went with that boot and is not put back: {Runtime}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_reboot_a_rollback_whose_only_failure_was_under_run_is_over()
    {
        // /run, a small tmpfs, was full: the runtime file's earlier .bak could not be written back.
        var disk = await FailRollbackAsync(Runtime + ".bak");
        _boot.Reboot();
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        // Still "full" for that path: the retry never writes it, as it belongs to the earlier boot.
        Assert.True(disk.Full);
        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _boot.RecoverAsync(backend, logger, disk));

        Assert.Equal("an administrator's backup\n", Read(Ours + ".bak"));
        Assert.False(Directory.Exists(_boot.Root.HostPath("/run/netplan")));
        Assert.Empty(RecordDirectory());
        Assert.Empty(logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task In_the_same_boot_a_runtime_file_the_operator_edited_is_left_alone()
    {
        var disk = await FailRollbackAsync(Ours + ".bak");
        _boot.Root.WriteFile(Runtime, "the operator's runtime fix\n", "600");
        disk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.FilesNotRestored, await _boot.RecoverAsync(backend, logger));

        Assert.Equal("the operator's runtime fix\n", Read(Runtime));
        Assert.Equal("an administrator's backup\n", Read(Ours + ".bak"));
        Assert.Empty(backend.Calls);
        Assert.Contains(logger.At(LogLevel.Warning), line => line.Contains($"{Runtime} changed since", StringComparison.Ordinal));
        Assert.StartsWith("transaction.edited-", Assert.Single(RecordDirectory()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_the_same_boot_a_runtime_file_still_unrestored_keeps_the_record()
    {
        var disk = await FailRollbackAsync(Runtime + ".bak");
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.FilesNotRestored, await _boot.RecoverAsync(new ScriptedProcessRunner(_ => Success), logger, disk));

        Assert.StartsWith("transaction.unrestored-", Assert.Single(RecordDirectory()), StringComparison.Ordinal);
        Assert.Contains(logger.At(LogLevel.Error), line => line.Contains($"restoring the previous files failed for {Runtime}.bak", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_reboot_the_next_resetnetwork_puts_the_rest_back_first()
    {
        var disk = await FailRollbackAsync(Ours + ".bak");
        _boot.Reboot();
        disk.Full = false;
        var logger = new RecordingLogger<NetworkRecovery>();

        new NetworkRecovery(_boot.Root.System, new NetworkOptions(), logger).RestoreBeforeNewChange();

        Assert.Equal("an administrator's backup\n", Read(Ours + ".bak"));
        Assert.False(Directory.Exists(_boot.Root.HostPath("/run/netplan")));
        // In place until the new change's record replaces it.
        Assert.Equal(["transaction.json"], RecordDirectory());
        Assert.Contains(logger.At(LogLevel.Warning), line => line.Contains("all put back before this one", StringComparison.Ordinal));
    }

    public void Dispose() => _boot.Dispose();

    /// <summary>
    /// A netplan change (ours written, cloud-init's moved aside, the runtime file edited) whose
    /// <c>netplan apply</c> fails, on a disk where <paramref name="fullAt"/> cannot be written: its
    /// rollback puts back all but that earlier <c>.bak</c>, and sets the record aside as unrestored.
    /// </summary>
    private async Task<FullDiskWriter> FailRollbackAsync(string fullAt)
    {
        var disk = new FullDiskWriter(_boot.Root.System.Writer, fullAt);
        var applies = 0;
        var backend = new ScriptedProcessRunner(spec => spec.Program == "netplan" && applies++ == 0 ? new ProcessResult(1, "", "netplan: failed\n") : Success);

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(_boot.Root.System with { Processes = backend, Writer = disk }, NullLogger.Instance).ApplyAsync(ChangeFiles, Plan, TestContext.Current.CancellationToken));

        Assert.Contains($"restoring the previous files failed for {fullAt}", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("transaction.unrestored-", Assert.Single(RecordDirectory()), StringComparison.Ordinal);
        Assert.Equal("ours before\n", Read(Ours));
        Assert.Equal("runtime before\n", Read(Runtime));
        return disk;
    }

    private string[] RecordDirectory() =>
        [.. Directory.EnumerateFileSystemEntries(_boot.Root.HostPath("/var/lib/guest-agent/resetnetwork")).Select(Path.GetFileName).Where(name => name != "lock").Order(StringComparer.Ordinal)!];

    private string Read(string path) => File.ReadAllText(_boot.Root.HostPath(path));
}
