using GuestAgent.Platform;

namespace GuestAgent.Commands.Update;

/// <summary>
/// Replaces the agent binary atomically, keeping the previous one as <c>&lt;path&gt;.bak</c>, asks
/// the service manager to restart the agent, and puts the previous binary back if that fails.
/// </summary>
internal static class AgentInstaller
{
    private const UnixFileMode Executable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static async Task InstallAsync(AgentSystem system, AgentUpdateOptions options, string newBinaryHostPath, CancellationToken cancellationToken)
    {
        var installPath = options.InstallPath;
        var hadPrevious = system.FileSystem.GetStatus(installPath)?.Kind == FileKind.File;
        var binary = await File.ReadAllBytesAsync(newBinaryHostPath, cancellationToken).ConfigureAwait(false);
        try
        {
            system.Writer.Write(installPath, binary, new AtomicWriteOptions
            {
                NewFileMode = Executable,
                NewFileOwner = FileOwner.Root,
                CreateDirectoriesWithMode = Executable,
                KeepBackup = true,
            });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException("Couldn't install the update", exception);
        }

        var restart = options.RestartCommand;
        ProcessResult result;
        try
        {
            result = await system.Processes.RunAsync(new ProcessSpec(restart[0], [.. restart.Skip(1)]), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            result = new ProcessResult(-1, "", "", false);
        }

        if (!result.Succeeded)
        {
            var failure = $"Couldn't restart the agent: {(result.TimedOut ? "timed out" : result.ExitCode)}";
            try
            {
                RollBack(system, installPath, hadPrevious);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Say where things stand: the operator has to finish the rollback by hand.
                throw new CommandException(hadPrevious
                    ? $"{failure}; putting the previous binary back failed too ({exception.GetType().Name}): it is still at {installPath}.bak"
                    : $"{failure}; removing the new binary failed too ({exception.GetType().Name})", exception);
            }

            throw new CommandException(failure);
        }
    }

    /// <summary>Puts the previous binary back (or removes a first install) so the running agent's files are as before.</summary>
    private static void RollBack(AgentSystem system, string installPath, bool hadPrevious)
    {
        if (hadPrevious)
        {
            system.FileSystem.Move(installPath + ".bak", installPath);
        }
        else
        {
            system.FileSystem.DeleteFile(installPath);
        }
    }
}
