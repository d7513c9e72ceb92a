using System.Text.RegularExpressions;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// Two records set aside as unrestored (normally there is one; an operator's copy, or a directory put
/// back from a backup, can leave two): the retry takes the newest by the record's own start time, never
/// by its name's stamp, the directory's order or a modification time a copy sets; and the other is
/// kept, byte for byte, for the start after.
/// </summary>
public sealed class NewestUnrestoredTests : InterruptedChangeTests
{
    private const string StateDirectory = "/var/lib/guest-agent/resetnetwork";

    [Fact]
    public async Task The_retry_takes_the_record_that_started_last_and_keeps_the_other()
    {
        var newest = await _change.FailRollbackAsync();
        var text = File.ReadAllText(_change.Root.HostPath($"{StateDirectory}/{newest}"));
        Assert.Contains("\"started\": \"2026-11-28T12:00:00Z\"", text, StringComparison.Ordinal);
        // An older change's record, copied in later under a later stamp: its name, its place in the
        // directory and its modification time all say newest; its own data says it started an hour before.
        var older = "transaction.unrestored-20261128T130000Z.json";
        var olderText = text.Replace("\"started\": \"2026-11-28T12:00:00Z\"", "\"started\": \"2026-11-28T11:00:00Z\"", StringComparison.Ordinal);
        var olderPath = _change.Root.HostPath($"{StateDirectory}/{older}");
        File.WriteAllText(olderPath, olderText);
        File.SetUnixFileMode(olderPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetLastWriteTimeUtc(_change.Root.HostPath($"{StateDirectory}/{newest}"), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend, logger));

        Assert.Contains(logger.At(LogLevel.Warning), line => line.StartsWith($"resetnetwork: {StateDirectory}/{newest} is the record of a rollback", StringComparison.Ordinal));
        Assert.Contains(logger.At(LogLevel.Warning), line => line.Contains("started at 2026-11-28 12:00:00Z", StringComparison.Ordinal));
        _change.AssertRestored();
        // The other is not lost: still there, as it was.
        Assert.Equal([older], _change.RecordDirectory());
        Assert.Equal(olderText, File.ReadAllText(olderPath));

        // The start after takes it: its files are still the previous ones, so it is put back whole and ends.
        var second = new RecordingLogger<NetworkRecovery>();
        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend, second));
        Assert.Contains(second.At(LogLevel.Warning), line => line.StartsWith($"resetnetwork: {StateDirectory}/{older} is the record of a rollback", StringComparison.Ordinal));
        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task Two_records_that_started_in_the_same_second_are_told_apart_by_their_names()
    {
        var first = await _change.FailRollbackAsync();
        var text = File.ReadAllText(_change.Root.HostPath($"{StateDirectory}/{first}"));
        // Set aside later in the same second: SetAside's "-2".
        var second = Regex.Replace(first, @"\.json$", "-2.json");
        File.WriteAllText(_change.Root.HostPath($"{StateDirectory}/{second}"), text);
        File.SetUnixFileMode(_change.Root.HostPath($"{StateDirectory}/{second}"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(new ScriptedProcessRunner(_ => Success), logger));

        Assert.Contains(logger.At(LogLevel.Warning), line => line.StartsWith($"resetnetwork: {StateDirectory}/{second} is the record of a rollback", StringComparison.Ordinal));
        Assert.Equal([first], _change.RecordDirectory());
    }
}
