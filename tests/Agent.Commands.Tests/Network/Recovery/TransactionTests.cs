using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// The record around a <c>resetnetwork</c> that does finish: none is left once it is committed or
/// rolled back; without one nothing changes; a change that cannot be recorded as done is rolled back
/// now rather than at the next start; and the record of a change cut short is honoured by the next one.
/// </summary>
public sealed class TransactionTests : InterruptedChangeTests
{
    [Fact]
    public async Task A_committed_change_leaves_no_record()
    {
        await ApplyAsync(new ScriptedProcessRunner(_ => Success));

        Assert.Equal("new interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task A_rolled_back_change_leaves_no_record()
    {
        var error = await Assert.ThrowsAsync<CommandException>(() => ApplyAsync(FailsWithNewFiles()));

        Assert.EndsWith("the previous configuration was restored and applied again", error.Message, StringComparison.Ordinal);
        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task Without_a_place_for_the_record_nothing_changes_and_nothing_runs()
    {
        var programs = new ScriptedProcessRunner(_ => Success);
        var options = new NetworkOptions { StateDirectory = "/etc/hostname" };

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(_change.Root.System with { Processes = programs }, options, NullLogger.Instance)
                .ApplyAsync(InterruptedChange.Files(), InterruptedChange.Plan, TestContext.Current.CancellationToken));

        Assert.Equal("Couldn't lock /etc/hostname/resetnetwork/lock against another resetnetwork (something on the way is not a directory); nothing was changed", error.Message);
        _change.AssertRestored();
        Assert.Empty(programs.Calls);
    }

    [Fact]
    public async Task A_record_written_but_not_synced_is_not_started_on_and_goes_again()
    {
        // The writer's answer when the rename is done and its directory's sync fails (EIO, a disk
        // going read-only): the record is there, but a power cut may take it back.
        var programs = new ScriptedProcessRunner(_ => Success);
        var system = _change.Root.System with { Processes = programs, Writer = new UnsyncedRecordWriter(_change.Root.System.Writer) };

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(system, NullLogger.Instance).ApplyAsync(InterruptedChange.Files(), InterruptedChange.Plan, TestContext.Current.CancellationToken));

        Assert.Equal($"Couldn't record the network change in {InterruptedChange.RecordPath} (Input/output error); nothing was changed", error.Message);
        _change.AssertRestored();
        Assert.Empty(programs.Calls);
        // Left behind, the next start would take it for a change cut short, and put its files back over
        // whatever changed since.
        Assert.Empty(_change.RecordDirectory());
        Assert.Equal(NetworkRecoveryOutcome.NothingToRecover, await _change.RecoverAsync(programs));
    }

    [Fact]
    public async Task A_record_not_synced_that_cannot_be_deleted_either_is_said_in_the_log()
    {
        var programs = new ScriptedProcessRunner(_ => Success);
        var disk = new ObservedFileSystem(_change.Root.System.FileSystem) { FailDeleting = path => path == InterruptedChange.RecordPath };
        var logger = new RecordingLogger<NetworkApplier>();
        var system = _change.Root.System with { Processes = programs, FileSystem = disk, Writer = new UnsyncedRecordWriter(_change.Root.System.Writer) };

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(system, logger).ApplyAsync(InterruptedChange.Files(), InterruptedChange.Plan, TestContext.Current.CancellationToken));

        Assert.EndsWith("(Input/output error); nothing was changed", error.Message, StringComparison.Ordinal);
        _change.AssertRestored();
        Assert.Empty(programs.Calls);
        Assert.Equal(["transaction.json"], _change.RecordDirectory());
        Assert.Contains($"resetnetwork: could not remove {InterruptedChange.RecordPath} (IOException)", logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task A_change_that_cannot_be_recorded_as_done_is_rolled_back_now()
    {
        // The record's removal renames it first; a directory in the way of that name makes it fail.
        _change.Root.CreateDirectory(InterruptedChange.RecordPath + ".ended/in-the-way");
        var programs = new ScriptedProcessRunner(_ => Success);

        var error = await Assert.ThrowsAsync<CommandException>(() => ApplyAsync(programs));

        Assert.Equal(
            "Couldn't apply the network configuration: it could not be recorded as done (/var/lib/guest-agent/resetnetwork/transaction.json " +
            "could not be removed); the previous configuration was restored and applied again",
            error.Message);
        _change.AssertRestored();
        Assert.Equal(["ifdown --force eth0", "hostname new-name", "ifup eth0", "hostname old-name", "ifdown --force eth0", "ifup eth0"], programs.Calls.Select(c => c.ToDisplayString()));
    }

    [Fact]
    public async Task A_record_renamed_as_ended_but_not_deleted_still_commits_the_change()
    {
        var disk = new ObservedFileSystem(_change.Root.System.FileSystem) { FailDeleting = path => path.EndsWith(".ended", StringComparison.Ordinal) };
        var programs = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkApplier>();

        await new NetworkApplier(_change.Root.System with { Processes = programs, FileSystem = disk }, logger)
            .ApplyAsync(InterruptedChange.Files(), InterruptedChange.Plan, TestContext.Current.CancellationToken);

        // Committed: no rollback ran, the new files stay, and no record is left for recovery.
        Assert.Equal(["ifdown --force eth0", "hostname new-name", "ifup eth0"], programs.Calls.Select(c => c.ToDisplayString()));
        Assert.Equal("new interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));
        Assert.Null(_change.Record());
        Assert.Equal(["transaction.json.ended"], _change.RecordDirectory());
        Assert.Contains("could not be deleted (IOException)", Assert.Single(logger.At(LogLevel.Warning)), StringComparison.Ordinal);

        // The leftover is replaced by the next change's.
        await ApplyAsync(new ScriptedProcessRunner(_ => Success), InterruptedChange.Files("newer") with { Removals = [] });
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task The_next_change_starts_from_the_files_of_before_the_one_cut_short()
    {
        await _change.CrashWhileApplyingAsync();
        Assert.Equal("new interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));

        // The next resetnetwork fails: its rollback brings back the files of before the first one,
        // not the half-applied ones the crash left.
        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(_change.Root.System with { Processes = FailsWithNewFiles() }, NullLogger.Instance)
                .ApplyAsync(InterruptedChange.Files("newer"), InterruptedChange.Plan, TestContext.Current.CancellationToken));

        Assert.EndsWith("the previous configuration was restored and applied again", error.Message, StringComparison.Ordinal);
        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task A_new_change_is_refused_while_the_files_of_one_cut_short_cannot_all_be_put_back()
    {
        await _change.CrashWhileApplyingAsync();
        var record = _change.Record();
        File.Delete(_change.Root.HostPath("/etc/hostname"));
        _change.Root.CreateDirectory("/etc/hostname/in-the-way");
        var programs = new ScriptedProcessRunner(_ => Success);

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(_change.Root.System with { Processes = programs }, NullLogger.Instance)
                .ApplyAsync(new RenderResult([new RenderedFile("/etc/network/interfaces", "newer interfaces\n", RenderedFile.Public)], []), InterruptedChange.Plan, TestContext.Current.CancellationToken));

        Assert.Equal(
            "Couldn't apply the network configuration: an earlier resetnetwork did not finish and its previous files could not all be put back " +
            "(restoring failed for /etc/hostname); its record is kept in /var/lib/guest-agent/resetnetwork/transaction.json; nothing was changed",
            error.Message);
        Assert.Empty(programs.Calls);
        // The record of the earlier change, still the only copy of the lost file, stays for the next attempt and the operator.
        Assert.Equal(record, _change.Record());
        Assert.Equal(["transaction.json"], _change.RecordDirectory());
        Assert.Equal("old interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));

        // The refusal let go of the change lock: once the way is clear, the next change runs at once.
        Directory.Delete(_change.Root.HostPath("/etc/hostname"), recursive: true);
        await ApplyAsync(programs, InterruptedChange.Files("newer") with { Removals = [] });
        Assert.Equal("newer interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task A_state_directory_behind_a_root_owned_link_holds_the_record()
    {
        // As a distribution may route /var/lib to another file system.
        _change.Root.CreateDirectory("/srv/state");
        _change.Root.CreateDirectory("/var/lib");
        File.CreateSymbolicLink(_change.Root.HostPath("/var/lib/guest-agent"), "../../srv/state");

        await _change.CrashWhileApplyingAsync();

        Assert.Contains("\"phase\": \"applying\"", File.ReadAllText(_change.Root.HostPath("/srv/state/resetnetwork/transaction.json")), StringComparison.Ordinal);
    }

    /// <summary>ifup fails while the new interfaces file is in place, and brings the old one up.</summary>
    private ScriptedProcessRunner FailsWithNewFiles() => new(spec =>
        spec.Program == "ifup" && File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")).StartsWith("new", StringComparison.Ordinal)
            ? new ProcessResult(1, "", "ifup: no such device\n")
            : Success);

    private Task ApplyAsync(IProcessRunner programs, RenderResult? files = null) =>
        new NetworkApplier(_change.Root.System with { Processes = programs }, NullLogger.Instance)
            .ApplyAsync(files ?? InterruptedChange.Files(), InterruptedChange.Plan, TestContext.Current.CancellationToken);
}

/// <summary>The real writer; the record's write then fails as one whose directory sync failed (the file renamed into place, EIO).</summary>
internal sealed class UnsyncedRecordWriter(IAtomicFileWriter inner) : IAtomicFileWriter
{
    public bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null)
    {
        var written = inner.Write(path, contents, options);
        return path == InterruptedChange.RecordPath ? throw new UnconfirmedWriteException(path, new IOException("Input/output error", 5)) : written;
    }

    public bool Write(string path, Stream contents, AtomicWriteOptions? options = null)
    {
        var written = inner.Write(path, contents, options);
        return path == InterruptedChange.RecordPath ? throw new UnconfirmedWriteException(path, new IOException("Input/output error", 5)) : written;
    }

    public IStagedFile? Stage(string path, Stream contents, AtomicWriteOptions? options = null) => inner.Stage(path, contents, options);
}
