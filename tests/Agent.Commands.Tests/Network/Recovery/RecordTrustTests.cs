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
/// Recovery runs the programs a record names as root, so it acts only on a record that nobody but
/// the agent's user could have written: one that is another user's, or writable by its group or
/// others, or in such a directory, is set aside and logged with nothing run or restored. The
/// record's directory is made private again by every change.
/// </summary>
public sealed class RecordTrustTests : InterruptedChangeTests
{
    private const string Directory = "/var/lib/guest-agent/resetnetwork";

    public static TheoryData<string> Widenings => ["directory writable by others", "directory writable by its group", "record writable by its group", "record writable by others"];

    [Theory]
    [MemberData(nameof(Widenings))]
    public async Task A_record_others_could_have_written_is_set_aside_and_nothing_runs(string widening)
    {
        await _change.CrashWhileApplyingAsync();
        var (path, mode, reason) = widening switch
        {
            "directory writable by others" => (Directory, "777", "its directory is writable by its group or others"),
            "directory writable by its group" => (Directory, "770", "its directory is writable by its group or others"),
            "record writable by its group" => (InterruptedChange.RecordPath, "620", "it is writable by its group or others"),
            _ => (InterruptedChange.RecordPath, "602", "it is writable by its group or others"),
        };
        File.SetUnixFileMode(_change.Root.HostPath(path), (UnixFileMode)Convert.ToInt32(mode, 8));

        await AssertRefusedAsync(reason);
    }

    [Fact]
    public async Task A_record_owned_by_another_user_is_set_aside_and_nothing_runs()
    {
        Assert.SkipUnless(Owners.AsRoot, "Giving the record to another user needs root");

        await _change.CrashWhileApplyingAsync();
        _change.Root.System.FileSystem.SetOwner(InterruptedChange.RecordPath, InterruptedChange.OtherUser);

        await AssertRefusedAsync($"it is owned by user {InterruptedChange.OtherUser.UserId}, not the agent's user 0");
    }

    [Fact]
    public async Task A_record_directory_owned_by_another_user_is_set_aside_and_nothing_runs()
    {
        Assert.SkipUnless(Owners.AsRoot, "Giving the record to another user needs root");

        await _change.CrashWhileApplyingAsync();
        _change.Root.System.FileSystem.SetOwner(Directory, InterruptedChange.OtherUser);

        await AssertRefusedAsync($"its directory is owned by user {InterruptedChange.OtherUser.UserId}, not the agent's user 0");
    }

    [Fact]
    public async Task A_record_in_a_directory_owned_by_another_user_is_set_aside_by_the_next_change_too_never_restored()
    {
        Assert.SkipUnless(Owners.AsRoot, "Giving the record directory to another user needs root");

        await _change.CrashWhileApplyingAsync();
        _change.Root.System.FileSystem.SetOwner(Directory, InterruptedChange.OtherUser);

        // The next change looks for an unfinished one before it snapshots anything; the record it finds may be planted.
        using (await new NetworkApplier(_change.Root.System with { Processes = new ScriptedProcessRunner(_ => Success) }, NullLogger.Instance)
            .BeginChangeAsync(ApplyBudget.Start(TimeProvider.System, new NetworkOptions()), TestContext.Current.CancellationToken))
        {
            Assert.Equal("new interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));
        }

        Assert.StartsWith("transaction.untrusted-", Assert.Single(_change.RecordDirectory()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_left_readable_by_others_is_private_again_once_recovery_rewrites_it()
    {
        // Readable, not writable, by others: still trusted, but it holds copies of configuration files.
        await _change.CrashWhileApplyingAsync();
        File.SetUnixFileMode(_change.Root.HostPath(InterruptedChange.RecordPath), (UnixFileMode)Convert.ToInt32("644", 8));
        var hung = new ScriptedProcessRunner(spec => spec.Program == "ifup" ? new ProcessResult(-1, "", "", TimedOut: true) : Success);

        Assert.Equal(NetworkRecoveryOutcome.ReapplyFailed, await _change.RecoverAsync(hung));

        Assert.Contains("\"phase\": \"rolling-back\"", _change.Record(), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_change.Root.HostPath(InterruptedChange.RecordPath)));
    }

    [Fact]
    public async Task Every_change_makes_the_record_directory_private_again()
    {
        FixtureDirectories.Create(_change.Root.HostPath(Directory));
        File.SetUnixFileMode(_change.Root.HostPath(Directory), (UnixFileMode)Convert.ToInt32("777", 8));
        UnixFileMode? seen = null;

        await _change.RunUntilCrashAsync(new ScriptedProcessRunner(spec =>
        {
            seen ??= File.GetUnixFileMode(_change.Root.HostPath(Directory));
            return spec.Program == "ifup" ? throw new SimulatedCrash() : Success;
        }));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, seen);
        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success)));
    }

    private async Task AssertRefusedAsync(string reason)
    {
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.RecordUnreadable, await _change.RecoverAsync(backend, logger));

        Assert.Empty(backend.Calls);
        // Nothing restored: the files are as the crash left them.
        Assert.Equal("new interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));
        var aside = Assert.Single(_change.RecordDirectory());
        Assert.StartsWith("transaction.untrusted-", aside, StringComparison.Ordinal);
        var error = Assert.Single(logger.At(LogLevel.Error));
        Assert.Contains($"is not trusted ({reason}); nothing was restored, and it was moved to {Directory}/{aside}", error, StringComparison.Ordinal);
    }
}
