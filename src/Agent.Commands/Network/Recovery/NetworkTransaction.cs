using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Recovery;

/// <summary>
/// The on-disk side of one <c>resetnetwork</c> in progress: its record is written before anything
/// changes, follows it from phase to phase and is removed when it ends. Should the agent die
/// first, <see cref="NetworkRecovery"/> finds the record at the next start and puts the previous
/// configuration back.
/// </summary>
internal sealed partial class NetworkTransaction
{
    private readonly TransactionStore _store;
    private readonly ILogger _logger;
    private TransactionRecord _record;

    private NetworkTransaction(TransactionStore store, TransactionRecord record, ILogger logger)
    {
        _store = store;
        _record = record;
        _logger = logger;
    }

    /// <summary>The record's agent path.</summary>
    public string RecordPath => _store.RecordPath;

    /// <summary>Records the transaction durably; nothing may change before this returns.</summary>
    /// <exception cref="IOException">
    /// The record could not be written, or was written but not synced (<see cref="UnconfirmedWriteException"/>),
    /// and is then deleted again; either way no change may start.
    /// </exception>
    /// <exception cref="UnauthorizedAccessException">The record could not be written.</exception>
    public static NetworkTransaction Begin(TransactionStore store, TransactionRecord record, ILogger logger)
    {
        try
        {
            store.Write(record);
        }
        catch (UnconfirmedWriteException)
        {
            // In place, but its directory's sync failed (a failing disk, /var going read-only): a power
            // cut may take it back, so no change starts on it. Left there, the next start or resetnetwork
            // would take it for a change cut short and put its files back over whatever changed since,
            // running the rollback's programs, for a change that never happened.
            Discard(store, logger);
            throw;
        }

        return new NetworkTransaction(store, record, logger);
    }

    // Deletes a record no change was started on. Not synced: the sync is what just failed, and should a
    // power cut bring the record back, all it puts back is the configuration it found unchanged.
    private static void Discard(TransactionStore store, ILogger logger)
    {
        try
        {
            store.Discard();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogNotRemoved(logger, store.RecordPath, error.GetType().Name);
        }
    }

    /// <summary>Takes over the record of a transaction an earlier run left unfinished, to end it.</summary>
    public static NetworkTransaction Resume(TransactionStore store, TransactionRecord record, ILogger logger) => new(store, record, logger);

    /// <summary>
    /// Records a new phase. Best effort: a record left at an earlier phase is recovered exactly the
    /// same way (the phase only tells the operator what was cut short), so a failure is logged, not thrown.
    /// </summary>
    public void Enter(TransactionPhase phase)
    {
        if (_record.Phase == phase)
        {
            return;
        }

        _record = _record with { Phase = phase };
        try
        {
            _store.Write(_record);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogPhaseNotRecorded(_logger, phase, _store.RecordPath, error.GetType().Name);
        }
    }

    /// <summary>The new configuration is live: the record goes, so nothing will ever roll it back.</summary>
    /// <returns>Whether the record is gone; when not, the caller must roll back, as the next start would.</returns>
    public bool TryCommit()
    {
        try
        {
            _store.Remove();
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogNotRemoved(_logger, _store.RecordPath, error.GetType().Name);
            return false;
        }
    }

    /// <summary>
    /// The transaction ended without committing: the record goes when every file is back, and is set
    /// aside, with the only copy of the files that could not be restored, when not: out of the way of
    /// a record a later change writes, but found again by the next start and the next change, which
    /// try again (<see cref="NetworkRecovery"/>).
    /// </summary>
    public void End(IReadOnlyList<string> unrestored)
    {
        try
        {
            if (unrestored.Count == 0)
            {
                _store.Remove();
            }
            else
            {
                LogSetAside(_logger, _store.SetAside(TransactionStore.Unrestored));
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Left in place it is recovered at the next start, which does what the rollback just did.
            LogNotRemoved(_logger, _store.RecordPath, error.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: could not record the phase {Phase} in {Path} ({ExceptionType})")]
    private static partial void LogPhaseNotRecorded(ILogger logger, TransactionPhase phase, string path, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: could not remove {Path} ({ExceptionType})")]
    private static partial void LogNotRemoved(ILogger logger, string path, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: files could not be restored; the record holding the previous ones is kept as {Path}, and the next start or resetnetwork tries again")]
    private static partial void LogSetAside(ILogger logger, string path);
}
