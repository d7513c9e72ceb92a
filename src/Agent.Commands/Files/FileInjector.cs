using GuestAgent.Platform;

namespace GuestAgent.Commands.Files;

/// <summary>Writes one injected file under the agent's policy: validated path, atomic write, owner and mode kept.</summary>
internal static class FileInjector
{
    /// <summary>Writes <paramref name="contents"/> to the path given by <paramref name="pathBytes"/>.</summary>
    /// <exception cref="CommandException">The path is refused or the write failed; nothing was changed.</exception>
    public static void Inject(AgentSystem system, InjectFileOptions options, ReadOnlySpan<byte> pathBytes, ReadOnlySpan<byte> contents)
    {
        var path = InjectedPath.Validate(pathBytes, options);
        if (InjectedPath.IsRestricted(options) &&
            InjectedPath.Ancestors(path).Any(a => system.FileSystem.GetStatus(a)?.Kind == FileKind.SymbolicLink))
        {
            throw new CommandException(InjectFileMessages.LinkedDirectory);
        }

        switch (system.FileSystem.GetStatus(path)?.Kind)
        {
            case FileKind.SymbolicLink:
                throw new CommandException(InjectFileMessages.FinalLink);
            case FileKind.Directory or FileKind.Other:
                throw new CommandException(InjectFileMessages.NotRegular);
        }

        var writeOptions = new AtomicWriteOptions
        {
            NewFileMode = options.NewFileMode,
            NewFileOwner = options.NewFileOwner,
            CreateDirectoriesWithMode = options.DirectoryMode,
            KeepBackup = options.KeepBackup,
        };
        try
        {
            system.Writer.Write(path, contents, writeOptions);
        }
        catch (IOException exception)
        {
            // The writer re-checks the final component, so a link raced in between is still refused.
            throw new CommandException(InjectFileMessages.WriteFailed, exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new CommandException(InjectFileMessages.WriteFailed, exception);
        }
    }
}
