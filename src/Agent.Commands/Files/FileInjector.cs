using System.Text;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Files;

/// <summary>
/// Writes one injected file under the agent's policy: validated path, atomic write, owner and mode
/// kept except setuid and setgid (the writer's rule: the host's contents never run with the
/// replaced program's privileges).
/// </summary>
internal static partial class FileInjector
{
    /// <summary>The log category: one line per injected or refused path, for an audit (never the contents).</summary>
    public const string LogCategory = "GuestAgent.Commands.InjectFile";

    /// <summary>Writes <paramref name="contents"/> to the path given by <paramref name="pathBytes"/>.</summary>
    /// <exception cref="CommandException">The path is refused or the write failed; nothing was changed (unless the message says the file was written but not confirmed on disk).</exception>
    public static void Inject(AgentSystem system, InjectFileOptions options, ILogger logger, ReadOnlySpan<byte> pathBytes, ReadOnlySpan<byte> contents)
    {
        try
        {
            Write(system, options, pathBytes, contents);
        }
        catch (CommandException exception)
        {
            // A path is not a secret, and which one the host asked for matters to an audit; the log
            // escapes control characters, and undecodable bytes show as U+FFFD. What is no absolute path
            // is contents a host sent without one (the part before a comma in them), perhaps a secret.
            LogRefused(logger, pathBytes.StartsWith("/"u8) ? Encoding.UTF8.GetString(pathBytes) : $"(no absolute path before the first comma: {pathBytes.Length} bytes, not shown)", exception.Message);
            throw;
        }

        LogWritten(logger, Encoding.UTF8.GetString(pathBytes));
    }

    private static void Write(AgentSystem system, InjectFileOptions options, ReadOnlySpan<byte> pathBytes, ReadOnlySpan<byte> contents)
    {
        var path = InjectedPath.Validate(pathBytes, options);
        var person = options.InheritUserDirectoryOwner ? HomeOwner.Of(system.FileSystem, path) : null;
        var writeOptions = new AtomicWriteOptions
        {
            NewFileMode = options.NewFileMode,
            // A user's home decides what is made in it even where root made it, or nothing made it yet.
            NewFileOwner = person ?? options.NewFileOwner,
            // And what an injection made there as root before the account existed, which they could never read.
            ExactOwner = person is { } owner ? StrandedRootFile.ClaimFor(system.FileSystem, path, owner) : null,
            InheritUserDirectoryOwner = options.InheritUserDirectoryOwner,
            CreateDirectoriesWithMode = options.DirectoryMode,
            KeepBackup = options.KeepBackup,
            // The host may write into any drop-in directory, /etc/logrotate.d or /etc/cron.d among
            // them, whose readers take every file but one ending in '~': a '.bak' there is read too.
            BackupSuffix = SiblingNames.InertBackupSuffix,
            DirectoryLinks = LinkPolicy(options),
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
        catch (UnconfirmedWriteException exception)
        {
            // The file was replaced: an answer saying it was not would be wrong the moment it is read.
            throw new CommandException(InjectFileMessages.WrittenUnconfirmedBecause(exception), exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The reason goes into the answer, which the agent logs when it is an error.
            throw new CommandException(InjectFileMessages.WriteFailedBecause(exception), exception);
        }
    }

    /// <summary>
    /// The host names the path and users may own directories on it: a link a user planted
    /// (<c>~/.ssh -&gt; /root/.ssh</c>) would carry a root-owned write into another account, so a
    /// link is followed at most where nobody but root can have put it. That much is needed on OSTree
    /// systems (Fedora CoreOS, Silverblue, RHEL for Edge), which route <c>/root</c> and <c>/home</c>
    /// through such links (<c>/root -&gt; var/roothome</c>), for Nova's most common injection,
    /// <c>/root/.ssh/authorized_keys</c>. Only while the allow-list admits every path, though: under
    /// a narrower one even a root-made link could lead the write out of it, so every link is refused.
    /// </summary>
    private static DirectoryLinkPolicy LinkPolicy(InjectFileOptions options) =>
        options.AllowedDirectories.Any(directory => directory.TrimEnd('/').Length == 0)
            ? DirectoryLinkPolicy.FollowTrusted
            : DirectoryLinkPolicy.Refuse;

    private static string MessageFor(PathRefusal reason) => reason switch
    {
        PathRefusal.LinkOnTheWay => InjectFileMessages.LinkOnTheWay,
        PathRefusal.LinkAtTarget => InjectFileMessages.FinalLink,
        PathRefusal.NotADirectoryOnTheWay => InjectFileMessages.NotADirectoryOnTheWay,
        PathRefusal.TargetNotRegular => InjectFileMessages.NotRegular,
        _ => InjectFileMessages.WriteFailed,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "injectfile: wrote {Path}")]
    private static partial void LogWritten(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "injectfile: did not write {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, string reason);
}
