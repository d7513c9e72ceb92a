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
/// A netplan <c>resetnetwork</c> that edits a runtime file in <c>/run/netplan</c>, writes ours and
/// moves cloud-init's aside, killed while applying: recovered in the same boot, every file comes
/// back; recovered after a reboot (a new boot id, <c>/run</c> a fresh tmpfs), the runtime file went
/// with its boot and is neither put back nor required, and everything else is restored and applied.
/// </summary>
public sealed class RecoveryAcrossBootsTests : IDisposable
{
    private const string RecordPath = "/var/lib/guest-agent/resetnetwork/transaction.json";
    private static readonly ProcessResult Success = new(0, "", "");

    private readonly NetplanAcrossBoots _boot = new();

    [Fact]
    public async Task The_record_names_the_boot_it_was_taken_in()
    {
        await CrashWhileApplyingAsync();

        Assert.Contains("\"bootId\": \"5f0c3a4e-0000-4000-8000-000000000001\"", File.ReadAllText(_boot.Root.HostPath(RecordPath)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_reboot_the_runtime_file_is_gone_with_its_boot_and_everything_else_is_restored_and_applied_again()
    {
        await CrashWhileApplyingAsync();
        _boot.Reboot();
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _boot.RecoverAsync(backend, logger));

        Assert.Equal("network: {version: 2}\n", File.ReadAllText(_boot.Root.HostPath(CloudInit)));
        Assert.False(File.Exists(_boot.Root.HostPath(Ours)));
        Assert.False(Directory.Exists(_boot.Root.HostPath("/run/netplan")), "a runtime directory of the earlier boot is not made again");
        Assert.Contains("netplan apply", backend.Calls.Select(c => c.ToDisplayString()));
        Assert.False(File.Exists(_boot.Root.HostPath(RecordPath)));
        Assert.Empty(logger.At(LogLevel.Error));
        Assert.Contains(logger.At(LogLevel.Warning), warning => warning.Contains($"was made in an earlier boot; what it changed under /run went with that boot and is not put back: {Runtime}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_reboot_a_runtime_file_the_new_boot_wrote_is_left_as_it_is()
    {
        await CrashWhileApplyingAsync();
        _boot.Reboot();
        _boot.Root.WriteFile(Runtime, "written in the new boot\n", "600");

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _boot.RecoverAsync(new ScriptedProcessRunner(_ => Success)));

        Assert.Equal("written in the new boot\n", File.ReadAllText(_boot.Root.HostPath(Runtime)));
        Assert.False(File.Exists(_boot.Root.HostPath(Runtime + ".bak")));
        Assert.Equal("network: {version: 2}\n", File.ReadAllText(_boot.Root.HostPath(CloudInit)));
    }

    [Fact]
    public async Task In_the_same_boot_the_runtime_file_is_put_back_too()
    {
        var before = TreeSnapshot.TakeExceptState(_boot.Root.HostPath("/"));
        await CrashWhileApplyingAsync();
        Assert.Equal("runtime edited\n", File.ReadAllText(_boot.Root.HostPath(Runtime)));

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _boot.RecoverAsync(new ScriptedProcessRunner(_ => Success)));

        Assert.Equal(before, TreeSnapshot.TakeExceptState(_boot.Root.HostPath("/")));
    }

    [Fact]
    public async Task Where_the_boot_cannot_be_told_apart_every_file_is_put_back_as_before()
    {
        // No boot id when the change was made (an older agent's record, a kernel that offers none):
        // the runtime file is put back like any other, since skipping it within the same boot
        // would leave the live configuration half changed without a word.
        File.Delete(_boot.Root.HostPath(KernelBootId.Path));
        var before = TreeSnapshot.TakeExceptState(_boot.Root.HostPath("/"));
        await CrashWhileApplyingAsync();
        Assert.DoesNotContain("bootId", File.ReadAllText(_boot.Root.HostPath(RecordPath)), StringComparison.Ordinal);
        _boot.SetBoot("5f0c3a4e-0000-4000-8000-000000000002");

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _boot.RecoverAsync(new ScriptedProcessRunner(_ => Success)));

        File.Delete(_boot.Root.HostPath(KernelBootId.Path));
        Assert.Equal(before, TreeSnapshot.TakeExceptState(_boot.Root.HostPath("/")));
    }

    public void Dispose() => _boot.Dispose();

    private async Task CrashWhileApplyingAsync()
    {
        var crashing = new ScriptedProcessRunner(spec => spec.Program == "netplan" ? throw new SimulatedCrash() : Success);
        await Assert.ThrowsAsync<SimulatedCrash>(() =>
            new NetworkApplier(_boot.Root.System with { Processes = crashing }, NullLogger.Instance).ApplyAsync(ChangeFiles, Plan, TestContext.Current.CancellationToken));
    }
}
