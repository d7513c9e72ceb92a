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
        var writeOptions = new AtomicWriteOptions
        {
            NewFileMode = options.NewFileMode,
            NewFileOwner = options.NewFileOwner,
            CreateDirectoriesWithMode = options.DirectoryMode,
            KeepBackup = options.KeepBackup,
            // The host names the path and users may own directories on it (~/.ssh): a link anywhere
            // could carry a root-owned write out of the allow-list or into another account.
            DirectoryLinks = DirectoryLinkPolicy.Refuse,
        };
        try
        {
            system.Writer.Write(path, contents, writeOptions);
        }
        catch (PathRefusedException exception)
        {
            // The writer checks every component through descriptors it holds, so these checks cannot be raced.
            throw new CommandException(MessageFor(exception.Reason), exception);
        }
        catch (IOException exception)
        {
            throw new CommandException(InjectFileMessages.WriteFailed, exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new CommandException(InjectFileMessages.WriteFailed, exception);
        }
    }

    private static string MessageFor(PathRefusal reason) => reason switch
    {
        PathRefusal.LinkOnTheWay => InjectFileMessages.LinkOnTheWay,
        PathRefusal.LinkAtTarget => InjectFileMessages.FinalLink,
        PathRefusal.NotADirectoryOnTheWay => InjectFileMessages.NotADirectoryOnTheWay,
        PathRefusal.TargetNotRegular => InjectFileMessages.NotRegular,
        _ => InjectFileMessages.WriteFailed,
    };
}
