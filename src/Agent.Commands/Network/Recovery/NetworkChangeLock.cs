using GuestAgent.Commands.Network.Applying;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Recovery;

/// <summary>
/// The lock that makes a <c>resetnetwork</c> change and a recovery one at a time: an exclusive
/// <c>flock</c> on <c>&lt;state directory&gt;/resetnetwork/lock</c>, held for the whole of either.
/// Without it a second change (the host runs one loop per exchange, concurrently) or a second agent
/// started while the service is mid-change would take the live record for a crashed change, put
/// files back under it and delete its record. The lock belongs to the open file description, so it
/// excludes a second change in the same process too, and the kernel drops it when its holder dies:
/// a lock that is free next to a record means the record's change is really over.
/// </summary>
internal static class NetworkChangeLock
{
    /// <summary>Takes the lock if it is free; <c>null</c> while another change or recovery holds it.</summary>
    /// <exception cref="IOException">The directory or lock file could not be created or locked.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory or lock file could not be created.</exception>
    public static FileLock? TryTake(AgentSystem system, TransactionStore store)
    {
        store.PrepareDirectory();
        return FileLock.TryAcquire(system.FileSystem, store.LockPath, FileLockKind.OwnFlock);
    }

    /// <summary>Takes the lock, waiting for the change holding it at most until <paramref name="deadline"/>.</summary>
    /// <exception cref="CommandException">Another change still held it at the deadline, or it could not be taken; nothing was changed.</exception>
    public static async Task<FileLock> TakeAsync(AgentSystem system, TransactionStore store, StepDeadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            store.PrepareDirectory();
            var wait = deadline.Remaining > TimeSpan.Zero ? deadline.Remaining : TimeSpan.Zero;
            return await FileLock.AcquireAsync(system.FileSystem, store.LockPath, FileLockKind.OwnFlock, wait, system.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new CommandException($"Couldn't apply the network configuration: another resetnetwork is in progress and was still running when {deadline.Allowance} ran out; nothing was changed");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"Couldn't lock {store.LockPath} against another resetnetwork ({IoFailureReason.Of(error)}); nothing was changed");
        }
    }
}
