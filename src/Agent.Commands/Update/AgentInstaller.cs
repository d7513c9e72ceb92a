using GuestAgent.Platform;

namespace GuestAgent.Commands.Update;

/// <summary>
/// Replaces the agent binary atomically, keeping the previous one as <c>&lt;path&gt;.bak</c>, checks
/// that the new one runs, asks the service manager to restart the agent, and puts the previous
/// binary back if either fails.
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
        long size;
        try
        {
            // Streamed through a small buffer: the binary may be hundreds of MiB, and a daemon that
            // read it whole would keep that much memory for the rest of its life.
            using var binary = new FileStream(newBinaryHostPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            if (binary.Length > options.MaxBinaryBytes)
            {
                throw new CommandException($"The update's binary is larger than {options.MaxBinaryBytes} bytes");
            }

            size = binary.Length;
            cancellationToken.ThrowIfCancellationRequested();
            system.Writer.Write(installPath, binary, new AtomicWriteOptions
            {
                NewFileMode = Executable,
                NewFileOwner = FileOwner.Root,
                CreateDirectoriesWithMode = Executable,
                KeepBackup = true,
                // The rollback needs the previous binary even where it must be copied (no hard links):
                // root's own file, installed under the same size limit (or by a package).
                MaxBackupCopyBytes = Math.Max(AtomicWriteOptions.DefaultMaxBackupCopyBytes, options.MaxBinaryBytes),
                // A configured path, often through a distribution's own links (merged /usr: /usr/sbin -> bin).
                DirectoryLinks = DirectoryLinkPolicy.FollowTrusted,
            });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"Couldn't install the update: {IoFailureReason.Of(exception)}", exception);
        }

        // A binary that cannot start here (another architecture, a missing library) would be restarted
        // by the service manager forever, and the guest would have no agent left to update it again.
        if (options.VerifyArguments.Count > 0)
        {
            var installed = system.FileSystem.Resolve(installPath);
            var check = await RunAsync(system, new ProcessSpec(installed, options.VerifyArguments) { Timeout = VerifyTimeout }, cancellationToken).ConfigureAwait(false);
            if (!Succeeded(check))
            {
                throw RollBackAfter($"The new agent does not run on this guest: {Describe(check)}", system, installPath, hadPrevious);
            }
        }

        var restart = options.RestartCommand;
        var result = await RunAsync(system, new ProcessSpec(restart[0], [.. restart.Skip(1)]), cancellationToken).ConfigureAwait(false);
        if (!Succeeded(result))
        {
            throw RollBackAfter($"Couldn't restart the agent: {Describe(result)}", system, installPath, hadPrevious);
        }

        return new InstalledAgent(installPath, size, hadPrevious ? SiblingNames.BackupPath(installPath) : null, string.Join(' ', restart));
    }

    /// <summary>How long the new binary may take to answer <see cref="AgentUpdateOptions.VerifyArguments"/>; the host waits meanwhile.</summary>
    private static readonly TimeSpan VerifyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs a program; <c>null</c> when it could not be started at all (missing, not executable, not for this machine).</summary>
    private static async Task<ProcessResult?> RunAsync(AgentSystem system, ProcessSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            return await system.Processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool Succeeded(ProcessResult? result) => result is { Succeeded: true };

    private static string Describe(ProcessResult? result) => result switch
    {
        null => "it could not be started",
        { TimedOut: true } => "timed out",
        _ => result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

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
                ? $"{failure}; putting the previous binary back failed too ({exception.GetType().Name}): it is still at {SiblingNames.BackupPath(installPath)}"
                : $"{failure}; removing the new binary failed too ({exception.GetType().Name})", exception);
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
internal sealed record InstalledAgent(string InstallPath, long Bytes, string? BackupPath, string RestartCommand);
