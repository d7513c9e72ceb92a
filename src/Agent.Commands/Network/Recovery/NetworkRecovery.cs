using GuestAgent.Commands.Network.Applying;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Network.Recovery;

/// <summary>
/// Finishes a <c>resetnetwork</c> the agent never finished (killed, out of memory, power lost, a
/// shutdown shorter than the deadline), the way its own rollback would have: the new configuration
/// is taken down, every file it touched is put back exactly (contents, mode, owner, links and
/// <c>.bak</c> copies) from the record written before the first change, and the previous
/// configuration is applied again. The daemon runs it at start, before serving any request, so a
/// <c>resetnetwork</c> still waiting in XenStore runs afterwards, from the restored state.
/// A record that cannot be read never stops the agent: it is set aside and logged. A system call that
/// fails on the way (the change lock, a read, a listing) leaves the record where it is, for the next
/// start. See <c>docs/networking.md</c>.
/// </summary>
public sealed partial class NetworkRecovery
{
    private readonly AgentSystem _system;
    private readonly NetworkOptions _options;
    private readonly ILogger _logger;
    private readonly TransactionStore _store;
    private readonly FileRestorer _restorer;
    private readonly ApplyStepRunner _steps;

    /// <summary>Creates the recovery.</summary>
    /// <param name="system">The agent's system boundaries (the same root <c>resetnetwork</c> writes under).</param>
    /// <param name="options">The network options: the state directory and the time recovery may take (<see cref="NetworkOptions.Deadline"/>).</param>
    /// <param name="logger">The logger; none when <c>null</c>.</param>
    public NetworkRecovery(AgentSystem system, NetworkOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _options = options ?? new NetworkOptions();
        _logger = logger ?? NullLogger.Instance;
        _store = new TransactionStore(system, _options.StateDirectory, _logger);
        _restorer = new FileRestorer(system, _logger);
        _steps = new ApplyStepRunner(system.Processes, _logger);
    }

    /// <summary>The agent path of the record of the <c>resetnetwork</c> in progress.</summary>
    public string RecordPath => _store.RecordPath;

    /// <summary>
    /// Recovers the unfinished <c>resetnetwork</c>, if there is one, within <see cref="NetworkOptions.Deadline"/>.
    /// Cancelled midway, the files are still put back and the record is kept, so the next start
    /// applies them again.
    /// </summary>
    /// <remarks>
    /// It never stops the agent from starting: anything unexpected is logged and
    /// <see cref="NetworkRecoveryOutcome.Failed"/> returned; the record stays where it is, for the next
    /// start, when a system call failed, and is set aside as <c>failed</c> only when something else did
    /// (see <see cref="Stopped"/>). Only cancellation is thrown.
    /// </remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<NetworkRecoveryOutcome> RecoverAsync(CancellationToken cancellationToken)
    {
        // Whether there is a record at all is its own question: a directory the agent cannot look
        // into (an agent run without root, a broken state directory) holds no record to set aside.
        bool exists;
        string? unrestored = null;
        try
        {
            // A record set aside because its files could not all be put back (a rollback on a full /etc)
            // is tried again at every start: the space may be back, and until then /etc is half-changed.
            // Kept by name for the log should the retry fail: the directory may not be listable by then.
            exists = _store.Exists || (unrestored = _store.NewestUnrestored()) is not null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogCannotLook(_logger, _store.Directory, IoFailureReason.Of(error));
            return NetworkRecoveryOutcome.Failed;
        }

        if (!exists)
        {
            return NetworkRecoveryOutcome.NothingToRecover;
        }

        FileLock? held = null;
        try
        {

            // Checked before the lock, which would make the directory private: a record found in one
            // that others could write to may be planted, and recovery runs its programs as root.
            try
            {
                _store.CheckDirectoryTrusted();
            }
            catch (UntrustedRecordException untrusted)
            {
                SetAsideUnreadable(untrusted);
                return NetworkRecoveryOutcome.RecordUnreadable;
            }

            // A record whose lock is held is a live change (a second agent started beside the service): its holder owns it.
            held = NetworkChangeLock.TryTake(_system, _store);
            if (held is null)
            {
                LogInUse(_logger, _store.RecordPath, _store.LockPath);
                return NetworkRecoveryOutcome.InProgressElsewhere;
            }

            return await RecoverRecordedAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A daemon that cannot start cannot be reached to fix anything: whatever went wrong is logged instead.
        catch (Exception error) when (error is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Stopped(error, unrestored);
            return NetworkRecoveryOutcome.Failed;
        }
        finally
        {
            held?.Dispose();
        }
    }

    private async Task<NetworkRecoveryOutcome> RecoverRecordedAsync(CancellationToken cancellationToken)
    {
        if (!_store.Exists)
        {
            switch (TakeBackUnrestored("the next start tries again", beforeNewChange: false))
            {
                case Retry.AroundChanges or Retry.Stays:
                    // Stays: not moved back (a read-only /var), so still not all back; never "nothing to recover".
                    return NetworkRecoveryOutcome.FilesNotRestored;
                case not Retry.InPlace:
                    return NetworkRecoveryOutcome.NothingToRecover;
            }
        }

        if (TryReadRecord() is not { } record)
        {
            return NetworkRecoveryOutcome.RecordUnreadable;
        }

        record = ForThisBoot(record);

        // Split as a rollback is: a take-down that hangs is stopped at its share, and applying the
        // restored files again still gets the reserve.
        var budget = ApplyBudget.Start(_system.Time, _options);
        var transaction = NetworkTransaction.Resume(_store, record, _logger);
        transaction.Enter(TransactionPhase.RollingBack);
        try
        {
            // Best effort: a failure or a hang is logged by the runner, and the files go back anyway.
            await _steps.RunAsync([.. record.TakeDown.Select(step => step with { MustSucceed = false })], budget.TakingDown(), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping again: the files still go back; the record stays, for the start after.
            RestoreFiles(record);
            throw;
        }

        var unrestored = RestoreFiles(record);
        if (unrestored.Count > 0)
        {
            LogNotRestored(_logger, record.Started, Describe(record.Phase), string.Join(", ", unrestored));
            transaction.End(unrestored);
            return NetworkRecoveryOutcome.FilesNotRestored;
        }

        var reapply = await _steps.RunAsync(record.Reapply, budget.Rollback(), cancellationToken).ConfigureAwait(false);
        if (reapply is { OutOfTime: true })
        {
            // Not applied: the record stays (in place, in phase rolling-back), so the next start applies them again.
            LogReapplyCutShort(_logger, record.Started, Describe(record.Phase), PreviousFiles(record.Files.Count), reapply.Description, _store.RecordPath);
            return NetworkRecoveryOutcome.ReapplyFailed;
        }

        transaction.End([]);
        if (reapply is not null)
        {
            LogReapplyFailed(_logger, record.Started, Describe(record.Phase), PreviousFiles(record.Files.Count), reapply.Description);
            return NetworkRecoveryOutcome.ReapplyFailed;
        }

        LogRecovered(_logger, record.Started, Describe(record.Phase), PreviousFiles(record.Files.Count));
        return NetworkRecoveryOutcome.Recovered;
    }

    /// <summary>
    /// Before a new <c>resetnetwork</c> changes anything: puts back the files of one left unfinished
    /// (an agent hosted without <see cref="RecoverAsync"/> at start, or a recovery cut short), so the
    /// new one's record holds the real previous files, never the half-changed ones. They are not
    /// applied: the new configuration is about to be, and its rollback applies these. The record stays
    /// until the new change's own replaces it: a change refused before that (bad data, a target it may
    /// not write) leaves it, so the next start still makes these files live. When some cannot be put
    /// back the new change is refused, the record kept where it is: snapshotting half-changed files
    /// would make them the "previous" configuration for good.
    /// </summary>
    /// <exception cref="CommandException">Some of the earlier change's files could not be put back; the new change must not start.</exception>
    internal void RestoreBeforeNewChange()
    {
        try
        {
            RestoreEarlierChange();
        }
        catch (Exception error) when (IsSystemFailure(error))
        {
            // A read or listing that failed (EIO, out of memory or descriptors): the earlier record is
            // whole and stays where it is; going on would snapshot its half-changed files as the "previous" ones.
            throw new CommandException(
                $"Couldn't apply the network configuration: an earlier resetnetwork did not finish, and its record in {_store.Directory} " +
                $"could not be looked at ({IoFailureReason.Of(error)}); it is kept where it is, and nothing was changed");
        }
    }

    private void RestoreEarlierChange()
    {
        if (!_store.Exists && TakeBackUnrestored("this resetnetwork goes on from the files as they are, and it is no longer tried", beforeNewChange: true) is Retry.InPlace)
        {
            RetryBeforeNewChange();
            return;
        }

        if (TryReadRecord() is not { } found)
        {
            return;
        }

        var record = ForThisBoot(found);
        var unrestored = RestoreFiles(record);
        if (unrestored.Count > 0)
        {
            var paths = string.Join(", ", unrestored);
            LogRestoredBeforeNewChange(_logger, record.Started, Describe(record.Phase), "not all put back: " + paths);
            throw new CommandException(
                $"Couldn't apply the network configuration: an earlier resetnetwork did not finish and its previous files could not all be put back " +
                $"(restoring failed for {paths}); its record is kept in {_store.RecordPath}; nothing was changed");
        }

        LogRestoredBeforeNewChange(_logger, record.Started, Describe(record.Phase), "all put back");
    }

    /// <summary>
    /// The record, or <c>null</c> when there is none or it is no record (it is then set aside). A read
    /// that fails is thrown: the record may be whole, and the next try may read it.
    /// </summary>
    /// <exception cref="IOException">It could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">It could not be read.</exception>
    private TransactionRecord? TryReadRecord()
    {
        if (!_store.Exists)
        {
            return null;
        }

        try
        {
            return _store.Read();
        }
        catch (Exception error) when (error is InvalidDataException or UntrustedRecordException)
        {
            SetAsideUnreadable(error);
            return null;
        }
    }

    /// <summary>Moves a record that cannot be read, or must not be trusted, out of the way, and says so.</summary>
    private void SetAsideUnreadable(Exception error)
    {
        var reason = error.Message;
        var (why, verdict) = error is UntrustedRecordException ? ("untrusted", "is not trusted") : ("unreadable", "cannot be read");
        try
        {
            LogUnreadable(_logger, _store.RecordPath, verdict, reason, _store.SetAside(why));
        }
        catch (Exception moveError) when (moveError is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(_logger, _store.RecordPath, verdict, reason, $"nowhere (moving it failed: {IoFailureReason.Of(moveError)}), it stays");
        }
    }

    /// <summary>
    /// The record as this boot puts it back: one made in an earlier boot without what it changed under
    /// <c>/run</c>, and without the steps bringing back what was running then, which went with that boot.
    /// </summary>
    private TransactionRecord ForThisBoot(TransactionRecord record)
    {
        if (!RecordedBoot.IsEarlier(record, RecordedBoot.Current(_system.FileSystem)))
        {
            return record;
        }

        if (RecordedBoot.RuntimePaths(record) is { Length: > 0 } gone)
        {
            LogRuntimeGone(_logger, record.Started, string.Join(", ", gone));
        }

        if (RecordedBoot.ThisBootSteps(record) is { Length: > 0 } skipped)
        {
            LogBootStepsSkipped(_logger, record.Started, string.Join(", ", skipped.Select(step => step.Name)));
        }

        return RecordedBoot.InLaterBoot(record);
    }

    private static string PreviousFiles(int count) => CountText.Of(count, "previous file was", "previous files were");

    private static string Describe(TransactionPhase phase) => phase switch
    {
        TransactionPhase.Preparing => "taking the interfaces down",
        TransactionPhase.Writing => "writing the files",
        TransactionPhase.Applying => "applying them",
        _ => "rolling back",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: the resetnetwork started at {Started:u} did not finish (the agent stopped while {Phase}); its {Files} restored and applied again")]
    private static partial void LogRecovered(ILogger logger, DateTimeOffset started, string phase, string files);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: the resetnetwork started at {Started:u} did not finish (the agent stopped while {Phase}); its {Files} restored, but applying them again failed: {Failure}")]
    private static partial void LogReapplyFailed(ILogger logger, DateTimeOffset started, string phase, string files, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: the resetnetwork started at {Started:u} did not finish (the agent stopped while {Phase}); its {Files} restored, but applying them again did not finish in time: {Failure}; {Path} is kept, so the next start applies them again")]
    private static partial void LogReapplyCutShort(ILogger logger, DateTimeOffset started, string phase, string files, string failure, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: the resetnetwork started at {Started:u} did not finish (the agent stopped while {Phase}), and restoring the previous files failed for {Paths}; nothing was applied")]
    private static partial void LogNotRestored(ILogger logger, DateTimeOffset started, string phase, string paths);

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: the resetnetwork started at {Started:u} did not finish (the agent stopped while {Phase}); its previous files were {Outcome} before this one")]
    private static partial void LogRestoredBeforeNewChange(ILogger logger, DateTimeOffset started, string phase, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: the unfinished resetnetwork started at {Started:u} was made in an earlier boot; what it changed under /run went with that boot and is not put back: {Paths}")]
    private static partial void LogRuntimeGone(ILogger logger, DateTimeOffset started, string paths);

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: the unfinished resetnetwork started at {Started:u} was made in an earlier boot; what NetworkManager had active then, or not, and no file gives is not brought back: {Steps}")]
    private static partial void LogBootStepsSkipped(ILogger logger, DateTimeOffset started, string steps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: {Path} is the record of a resetnetwork still in progress (another agent process holds {Lock}); it is left to that process")]
    private static partial void LogInUse(ILogger logger, string path, string @lock);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: cannot look for the record of an unfinished resetnetwork in {Directory} ({Reason}); if one did not finish, its previous files were not restored")]
    private static partial void LogCannotLook(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: the record of an unfinished resetnetwork, {Path}, {Verdict} ({Reason}); nothing was restored, and it was moved to {Aside}")]
    private static partial void LogUnreadable(ILogger logger, string path, string verdict, string reason, string aside);
}
