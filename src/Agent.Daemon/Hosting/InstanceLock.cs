using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Platform;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// Makes <c>run</c> one process per state directory: an exclusive <c>flock</c> on
/// <c>&lt;state directory&gt;/run.lock</c>, taken without waiting before anything is recovered or
/// served, and held until the process ends. Two agents on the same state directory would serve the
/// same domain twice: every request run twice, <c>keyinit</c> and <c>password</c> racing each other's
/// key, and the response journal rewritten by both. The kernel drops the lock when its holder dies
/// (also on SIGKILL), so a dying service never leaves a stale lock behind for its restart, and the
/// descriptor is close-on-exec, so no program the agent starts keeps it.
/// </summary>
internal static class InstanceLock
{
    /// <summary>The lock file's name in the state directory.</summary>
    public const string FileName = "run.lock";

    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Takes the lock, or fails at once when another <c>run</c> holds it.</summary>
    /// <exception cref="DaemonException">Another agent holds the lock, or it could not be taken.</exception>
    public static FileLock Take(AgentSettings settings, IFileSystem fileSystem)
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
            throw new DaemonException($"cannot lock {settings.StateDirectoryOnDisk.TrimEnd('/')}/{FileName} against a second agent: {error.Message}", error);
        }

        return taken ?? throw new DaemonException(
            $"another guest-agent run is already serving from this state directory: {fileSystem.Resolve(path)} is locked; stop it first (the lock is released when it exits)");
    }
}
