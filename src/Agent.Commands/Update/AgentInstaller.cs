using GuestAgent.Platform;

namespace GuestAgent.Commands.Update;

/// <summary>
/// Replaces the agent binary atomically, keeping the previous one as <c>&lt;path&gt;.bak</c>: a new
/// one that cannot be a program (empty, neither ELF nor a script) is refused from its first bytes; the new
/// one is staged beside the installed one and must pass the check (<c>--version</c>) before it is
/// renamed over it, so whatever a crash interrupts, the install path holds the previous binary or
/// one that ran here. Then asks the service manager to restart the agent, putting the previous
/// binary back if that fails. A binary already installed (the same bytes: an update run again after
/// a crash that followed its rename) is left in place with its backup, never backed up over it; only
/// its owner and mode are put right if they no longer let root, and root alone, run and change it.
/// </summary>
internal static class AgentInstaller
{
    private const UnixFileMode Executable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <returns>What was installed, for the log.</returns>
    public static async Task<InstalledAgent> InstallAsync(AgentSystem system, AgentUpdateOptions options, string newBinaryHostPath, CancellationToken cancellationToken)
    {
        var installPath = options.InstallPath;
        var hadPrevious = system.FileSystem.GetStatus(installPath)?.Kind == FileKind.File;
        // Streamed through a small buffer: the binary may be hundreds of MiB, and a daemon that
        // read it whole would keep that much memory for the rest of its life.
        using var binary = Open(newBinaryHostPath);
        if (binary.Length > options.MaxBinaryBytes)
        {
            throw new CommandException(AgentUpdateMessages.BinaryTooLarge(options.MaxBinaryBytes));
        }

        RefuseUnlessItCanBeAProgram(binary);
        cancellationToken.ThrowIfCancellationRequested();
        var size = binary.Length;
        using var staged = StageFitting(system, installPath, binary, options.MaxBinaryBytes);
        if (staged is null)
        {
            RepairInstalled(system, installPath);
            await RestartAlreadyInstalledAsync(system, options, installPath, cancellationToken).ConfigureAwait(false);
            return new InstalledAgent(installPath, size, BackupOf(system, installPath), string.Join(' ', options.RestartCommand)) { AlreadyInstalled = true };
        }

        // A binary that cannot start here (another architecture, a missing library) would be restarted
        // by the service manager forever, and the guest would have no agent left to update it again:
        // it is run where it will live (same file system, not a noexec state directory), before it
        // replaces anything. It is run by its path (why that path is as safe as the install
        // directory: AtomicFileWriter.StagedFile.HostPath), and what is installed is what was
        // staged whatever ran, since the commit goes through the pinned directory.
        if (options.VerifyArguments.Count > 0)
        {
            var check = await RunAsync(system, new ProcessSpec(staged.HostPath, options.VerifyArguments) { Timeout = VerifyTimeout }, cancellationToken).ConfigureAwait(false);
            if (!check.Succeeded)
            {
                throw new CommandException(AgentUpdateMessages.DoesNotRun(check.Describe()));
            }
        }

        var record = WriteRecord(system, options, installPath, hadPrevious, binary);
        var unconfirmed = false;
        try
        {
            staged.Commit();
        }
        catch (UnconfirmedWriteException)
        {
            // The checked binary is in place; only the directory's sync failed. Restarting into it is
            // what the host asked for, and the log says the rename may not survive a power cut.
            unconfirmed = true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            RemoveRecord(system, record);
            throw new CommandException(AgentUpdateMessages.InstallFailed(IoFailureReason.Of(exception)), exception);
        }

        var restart = options.RestartCommand;
        var result = await RunAsync(system, new ProcessSpec(restart[0], [.. restart.Skip(1)]), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            // The running agent stays, on the previous binary: nothing is left for the rollback.
            RemoveRecord(system, record);
            throw RollBackAfter(AgentUpdateMessages.RestartFailed(result.Describe()), system, installPath, hadPrevious);
        }

        return new InstalledAgent(installPath, size, hadPrevious ? SiblingNames.BackupPath(installPath) : null, string.Join(' ', restart)) { Unconfirmed = unconfirmed };
    }

    /// <summary>
    /// Leaves the update rollback its record (<see cref="PendingUpdateRecord"/>) before the rename, when
    /// one is configured and there is a previous binary to go back to; <c>null</c> when none was written.
    /// An update the rollback could not undo is not installed: a build that cannot serve would leave
    /// the guest without an agent.
    /// </summary>
    private static string? WriteRecord(AgentSystem system, AgentUpdateOptions options, string installPath, bool hadPrevious, FileStream binary)
    {
        if (options.PendingUpdatePath is not { } record || !hadPrevious)
        {
            return null;
        }

        try
        {
            string previous;
            using (var installed = system.FileSystem.OpenRead(installPath))
            {
                previous = PendingUpdateRecord.Sha256(installed);
            }

            PendingUpdateRecord.Write(system, record, installPath, PendingUpdateRecord.Sha256(binary), previous);
            return record;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(AgentUpdateMessages.InstallFailed(IoFailureReason.Of(exception)), exception);
        }
    }

    private static void RemoveRecord(AgentSystem system, string? record)
    {
        if (record is not null)
        {
            PendingUpdateRecord.Remove(system, record);
        }
    }

    /// <summary>
    /// Refuses a binary whose first bytes show the kernel cannot start it: neither an ELF file nor a
    /// script (<c>#!</c>), empty included. The check that runs it (<see cref="AgentUpdateOptions.VerifyArguments"/>)
    /// runs nothing in root mode and is off when an agent configures none, and an empty or text file
    /// installed then would leave a service its manager restarts for ever; on a real system it also
    /// says what is wrong with the file, not how <c>exec</c> failed. The one kind of program this
    /// refuses is a format registered with <c>binfmt_misc</c>, which no agent build is and a guest
    /// cannot be assumed to have.
    /// </summary>
    private static void RefuseUnlessItCanBeAProgram(FileStream binary)
    {
        Span<byte> start = stackalloc byte[4];
        int read;
        try
        {
            read = binary.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            binary.Position = 0;
        }
        catch (IOException exception)
        {
            throw new CommandException(AgentUpdateMessages.InstallFailed(IoFailureReason.Of(exception)), exception);
        }

        if (read == 0)
        {
            throw new CommandException(AgentUpdateMessages.EmptyBinary);
        }

        var magic = start[..read];
        if (!magic.StartsWith("\u007fELF"u8) && !magic.StartsWith("#!"u8))
        {
            throw new CommandException(AgentUpdateMessages.NotAProgram);
        }
    }

    private static FileStream Open(string hostPath)
    {
        try
        {
            return new FileStream(hostPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(AgentUpdateMessages.InstallFailed(IoFailureReason.Of(exception)), exception);
        }
    }

    /// <summary>
    /// Writes the new binary beside the installed one; <c>null</c> when the installed one already has
    /// its bytes. A write keeps the installed file's owner and mode, so one that no longer fits the
    /// agent (<see cref="FitsTheAgent"/>: a user's file, one others may write, one root cannot run)
    /// would hand them on to the new binary; it gets the install's root:root 0755 instead, as
    /// <see cref="RepairInstalled"/> gives a binary already installed. Asked for only once the bytes
    /// are known to differ: with an exact mode the writer rewrites a file that has the bytes already,
    /// backing it up over the previous binary.
    /// </summary>
    private static IStagedFile? StageFitting(AgentSystem system, string installPath, FileStream binary, long maxBinaryBytes)
    {
        var staged = Stage(system, installPath, binary, maxBinaryBytes, exact: false);
        if (staged is null || system.FileSystem.GetStatus(installPath) is not { Kind: FileKind.File } installed || FitsTheAgent(installed))
        {
            return staged;
        }

        staged.Dispose();
        binary.Position = 0;
        return Stage(system, installPath, binary, maxBinaryBytes, exact: true);
    }

    private static IStagedFile? Stage(AgentSystem system, string installPath, FileStream binary, long maxBinaryBytes, bool exact)
    {
        try
        {
            return system.Writer.Stage(installPath, binary, new AtomicWriteOptions
            {
                NewFileMode = Executable,
                NewFileOwner = FileOwner.Root,
                ExactMode = exact ? Executable : null,
                ExactOwner = exact ? FileOwner.Root : null,
                CreateDirectoriesWithMode = Executable,
                KeepBackup = true,
                // The rollback needs the previous binary even where it must be copied (no hard links):
                // root's own file, installed under the same size limit (or by a package).
                MaxBackupCopyBytes = Math.Max(AtomicWriteOptions.DefaultMaxBackupCopyBytes, maxBinaryBytes),
                // Run again after a crash that followed the rename, an update would otherwise back up
                // the new binary over the only copy of the previous one.
                SkipIfUnchanged = true,
                // A configured path, often through a distribution's own links (merged /usr: /usr/sbin -> bin).
                DirectoryLinks = DirectoryLinkPolicy.FollowTrusted,
            });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(AgentUpdateMessages.InstallFailed(IoFailureReason.Of(exception)), exception);
        }
    }

    /// <summary>
    /// The installed binary already is the update's: it is checked and the agent restarted, but
    /// nothing is put back on a failure, since this update changed nothing (its backup may be older
    /// than the binary it would replace).
    /// </summary>
    private static async Task RestartAlreadyInstalledAsync(AgentSystem system, AgentUpdateOptions options, string installPath, CancellationToken cancellationToken)
    {
        if (options.VerifyArguments.Count > 0)
        {
            var check = await RunAsync(system, new ProcessSpec(system.FileSystem.HostPath(installPath, followFinalLink: true), options.VerifyArguments) { Timeout = VerifyTimeout }, cancellationToken).ConfigureAwait(false);
            if (!check.Succeeded)
            {
                throw new CommandException(AgentUpdateMessages.LeftInPlace(AgentUpdateMessages.DoesNotRun(check.Describe())));
            }
        }

        var restart = options.RestartCommand;
        var result = await RunAsync(system, new ProcessSpec(restart[0], [.. restart.Skip(1)]), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new CommandException(AgentUpdateMessages.LeftInPlace(AgentUpdateMessages.RestartFailed(result.Describe())));
        }
    }

    /// <summary>
    /// Gives the installed binary, which already has the update's bytes, what an install gives it
    /// when it cannot run as the agent: owned by root (when the agent runs as root: only root can
    /// chown) and executable by it, writable by no one else. The bytes alone do not make an install
    /// (a lost execute bit, a file chowned to a user who could then rewrite what root runs), and
    /// staging the bytes again would not help: a write keeps the existing file's owner and mode,
    /// and would back the binary up over the only copy of the previous one. A mode that does not fit
    /// becomes the install's own (0755); one that fits (an operator's 0700, say) is left as it is.
    /// </summary>
    private static void RepairInstalled(AgentSystem system, string installPath)
    {
        if (system.FileSystem.GetStatus(installPath) is not { Kind: FileKind.File } installed)
        {
            return;
        }

        try
        {
            var chowned = false;
            if (!OwnedAsTheAgent(installed))
            {
                // Before the mode: a chown clears setuid and setgid, and the mode is then set whole.
                system.FileSystem.SetOwner(installPath, FileOwner.Root);
                chowned = true;
            }

            if (chowned || !FitsTheAgent(installed))
            {
                system.FileSystem.SetMode(installPath, Executable);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(AgentUpdateMessages.InstallFailed(IoFailureReason.Of(exception)), exception);
        }
    }

    /// <summary>Whether root, and root alone, may run and change the binary: its owner (only root can chown, so only then checked) and its mode.</summary>
    private static bool FitsTheAgent(FileStatus installed)
    {
        const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        return OwnedAsTheAgent(installed) && (installed.Mode & UnixFileMode.UserExecute) != 0 && (installed.Mode & WritableByOthers) == 0;
    }

    private static bool OwnedAsTheAgent(FileStatus installed) => installed.Owner == FileOwner.Root || FileOwner.Effective.UserId != 0;

    private static string? BackupOf(AgentSystem system, string installPath) =>
        system.FileSystem.GetStatus(SiblingNames.BackupPath(installPath))?.Kind == FileKind.File ? SiblingNames.BackupPath(installPath) : null;

    /// <summary>How long the new binary may take to answer <see cref="AgentUpdateOptions.VerifyArguments"/>; the host waits meanwhile.</summary>
    private static readonly TimeSpan VerifyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs a program; <see cref="ProgramRun.Result"/> is <c>null</c> when it could not be started at all (missing, not executable, not for this machine).</summary>
    private static async Task<ProgramRun> RunAsync(AgentSystem system, ProcessSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            return new ProgramRun(await system.Processes.RunAsync(spec, cancellationToken).ConfigureAwait(false), null);
        }
        catch (IOException exception)
        {
            // The reason alone: the runner's message names the staged file's temporary path.
            return new ProgramRun(null, exception is ProgramStartException start ? start.Reason : exception.Message);
        }
    }

    /// <summary>How a program ran, or why it could not be started.</summary>
    private readonly record struct ProgramRun(ProcessResult? Result, string? StartFailure)
    {
        public bool Succeeded => Result is { Succeeded: true };

        public string Describe() => Result switch
        {
            null => AgentUpdateMessages.ProgramNotStarted(StartFailure),
            { TimedOut: true } => AgentUpdateMessages.ProgramTimedOut,
            _ => Result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Puts the previous binary back and returns the error to answer with: <paramref name="failure"/>, and whether the rollback failed too.</summary>
    private static CommandException RollBackAfter(string failure, AgentSystem system, string installPath, bool hadPrevious)
    {
        try
        {
            RollBack(system, installPath, hadPrevious);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Say where things stand: the operator has to finish the rollback by hand.
            return new CommandException(hadPrevious
                ? AgentUpdateMessages.RollBackFailed(failure, exception.GetType().Name, SiblingNames.BackupPath(installPath))
                : AgentUpdateMessages.RemovalFailed(failure, exception.GetType().Name), exception);
        }

        return new CommandException(failure);
    }

    /// <summary>Puts the previous binary back (or removes a first install) so the running agent's files are as before.</summary>
    private static void RollBack(AgentSystem system, string installPath, bool hadPrevious)
    {
        if (hadPrevious)
        {
            system.FileSystem.Move(SiblingNames.BackupPath(installPath), installPath);
        }
        else
        {
            system.FileSystem.DeleteFile(installPath);
        }
    }
}

/// <summary>What <see cref="AgentInstaller.InstallAsync"/> did: where, how large, the backup (none on a first install), the restart command.</summary>
internal sealed record InstalledAgent(string InstallPath, long Bytes, string? BackupPath, string RestartCommand)
{
    /// <summary>The install path already held the update's bytes: nothing was written, the backup was kept.</summary>
    public bool AlreadyInstalled { get; init; }

    /// <summary>The binary was renamed into place, but syncing its directory failed: a power cut could still undo it.</summary>
    public bool Unconfirmed { get; init; }
}
