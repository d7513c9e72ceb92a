using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// Makes <c>run</c> one process per state directory: an exclusive <c>flock</c> on
/// <c>&lt;state directory&gt;/run.lock</c>, taken without waiting before anything is recovered or
/// served, and held until the process ends. Two agents on the same state directory would serve the
/// same domain twice: every request run twice, <c>keyinit</c> and <c>password</c> racing each other's
/// key, and the response journal rewritten by both. The kernel drops the lock when its holder dies
/// (also on SIGKILL), so a dying service never leaves a stale lock behind for its restart, and the
/// descriptor is close-on-exec, so no program the agent starts keeps it. A lock that cannot be made
/// at all (read-only or full <c>/var</c>) does not stop the agent: that is when the host most needs a
/// password or network reset, and the journal copes the same way (memory only).
/// </summary>
internal static partial class InstanceLock
{
    /// <summary>The lock file's name in the state directory.</summary>
    public const string FileName = "run.lock";

    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Takes the lock, or fails at once when another <c>run</c> holds it.</summary>
    /// <returns>The lock, or <c>null</c> when it could not be made (logged as an error; the agent serves without it).</returns>
    /// <exception cref="DaemonException">Another agent holds the lock.</exception>
    public static FileLock? Take(AgentSettings settings, IFileSystem fileSystem, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(fileSystem);
        var path = settings.StateDirectory.TrimEnd('/') + "/" + FileName;
        FileLock? taken;
        try
        {
            // Created private only when missing: an existing state directory keeps its mode.
            fileSystem.CreateDirectory(settings.StateDirectory, PrivateDirectory);
            taken = FileLock.TryAcquire(fileSystem, path, FileLockKind.OwnFlock);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogUnguarded(logger, LockFileOnHost(fileSystem, path), error.Message);
            return null;
        }

        return taken ?? throw new DaemonException(
            $"another guest-agent run is already serving from this state directory: {LockFileOnHost(fileSystem, path)} is locked; stop it first (the lock is released when it exits)");
    }

    /// <summary>
    /// The host path <see cref="FileLock"/> opens, which <c>fuser</c> or <c>lsof</c> would be asked
    /// about: in root mode through links under the root. <see cref="IFileSystem.Resolve"/>'s where that
    /// cannot be told (links that loop), only to name it.
    /// </summary>
    private static string LockFileOnHost(IFileSystem fileSystem, string path)
    {
        try
        {
            return fileSystem.HostPath(path, followFinalLink: false);
        }
        catch (IOException)
        {
            return fileSystem.Resolve(path);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot lock {LockPath} against a second agent ({Reason}); serving without that guard")]
    private static partial void LogUnguarded(ILogger logger, string lockPath, string reason);
}
