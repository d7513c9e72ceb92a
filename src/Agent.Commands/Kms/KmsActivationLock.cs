using System.Globalization;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Kms;

/// <summary>
/// The lock that makes activations and the start-up recovery one at a time: an exclusive
/// <c>flock</c> on <c>&lt;state directory&gt;/kmsactivate.lock</c>, held from before the registration
/// is saved until it is committed or put back. Without it two activations at once (a host with
/// several exchanges, or a second agent process) undo each other: the one that fails saved the other's
/// new files as "the previous registration", so its rollback deletes the other's fresh
/// <c>systemid</c> or restores the old registration under the other's success; and a recovery would
/// take a live activation's hidden <c>systemid</c> for one left by a killed agent. The lock belongs
/// to the open file description, so it excludes a second activation in the same process too, and the
/// kernel drops it when its holder dies.
/// </summary>
internal static class KmsActivationLock
{
    /// <summary>The lock file's name in the state directory.</summary>
    public const string FileName = "kmsactivate.lock";

    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The agent path of the lock file.</summary>
    public static string PathFor(KmsActivateOptions options) => options.StateDirectory.TrimEnd('/') + "/" + FileName;

    /// <summary>Takes the lock if it is free; <c>null</c> while an activation holds it.</summary>
    /// <exception cref="IOException">The state directory or the lock file could not be created or locked.</exception>
    /// <exception cref="UnauthorizedAccessException">The state directory or the lock file could not be created.</exception>
    public static FileLock? TryTake(AgentSystem system, KmsActivateOptions options)
    {
        // Created private only when missing: a state directory that exists keeps its mode.
        system.FileSystem.CreateDirectory(options.StateDirectory, PrivateDirectory);
        return FileLock.TryAcquire(system.FileSystem, PathFor(options), FileLockKind.OwnFlock);
    }

    /// <summary>Takes the lock, waiting for the activation holding it at most <see cref="KmsActivateOptions.LockTimeout"/>.</summary>
    /// <exception cref="CommandException">Another activation still held it after the timeout, or it could not be taken; nothing was changed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting; nothing was changed.</exception>
    public static async Task<FileLock> TakeAsync(AgentSystem system, KmsActivateOptions options, CancellationToken cancellationToken)
    {
        var path = PathFor(options);
        try
        {
            system.FileSystem.CreateDirectory(options.StateDirectory, PrivateDirectory);
            return await FileLock.AcquireAsync(system.FileSystem, path, FileLockKind.OwnFlock, options.LockTimeout, system.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new CommandException(KmsActivateMessages.StillLocked(options.LockTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(KmsActivateMessages.LockFailed(path, IoFailureReason.Of(error)), error);
        }
    }
}
