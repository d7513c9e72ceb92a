using GuestAgent.Commands.Network.Applying;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Recovery;

/// <summary>
/// The retry of a record set aside because its rollback could not put every file back (a full
/// <c>/etc</c>): at every start and before the next <c>resetnetwork</c>, as the obstacle may be gone.
/// It may come long after, and an operator may have fixed files by hand meanwhile: only the files
/// still as the change and its rollback left them are put back (<see cref="ChangedSince"/>).
/// </summary>
public sealed partial class NetworkRecovery
{
    /// <summary>What became of the newest record set aside as unrestored.</summary>
    private enum Retry
    {
        /// <summary>There is none.</summary>
        None,

        /// <summary>It could not be moved back; it stays aside.</summary>
        Stays,

        /// <summary>Back in place: every file is still the change's, so it is recovered as a change cut short is.</summary>
        InPlace,

        /// <summary>Files changed since were left alone, the others put back from where it lies.</summary>
        AroundChanges,
    }

    /// <summary>
    /// Moves the newest record set aside as unrestored back in place, so that it is recovered as a
    /// change cut short is, when none of its files changed since; when some did, puts back the others
    /// from where it lies (<see cref="RestoreAroundChanges"/>): a record in place is put back whole,
    /// by a later start too. A record that cannot be moved back stays aside, logged.
    /// </summary>
    /// <param name="ifStillNot">What happens when its files still cannot all be put back, for the log.</param>
    /// <param name="beforeNewChange">Whether a new change follows, which a later retry must never be put over.</param>
    private Retry TakeBackUnrestored(string ifStillNot, bool beforeNewChange)
    {
        if (_store.NewestUnrestored() is not { } aside)
        {
            return Retry.None;
        }

        if (ReadAside(aside) is { } record && ChangedSince.Find(_system.FileSystem, record) is { Count: > 0 } changed)
        {
            RestoreAroundChanges(aside, record, changed, beforeNewChange);
            return Retry.AroundChanges;
        }

        try
        {
            _store.TakeBack(aside);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogCannotRetry(_logger, aside, IoFailureReason.Of(error));
            return Retry.Stays;
        }

        LogRetrying(_logger, aside, ifStillNot);
        return Retry.InPlace;
    }

    /// <summary>
    /// The record set aside, as this boot would put it back, or <c>null</c> when it is no record or must
    /// not be trusted: it is then taken back, and recovery sets it aside as unreadable, as any other. A
    /// read that fails is thrown before anything moves: taken back in place, a later start would put it
    /// back whole, over files an operator may have fixed since.
    /// </summary>
    /// <exception cref="IOException">It could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">It could not be read.</exception>
    private TransactionRecord? ReadAside(string aside)
    {
        try
        {
            var record = _store.Read(aside);
            return RecordedBoot.IsEarlier(record, RecordedBoot.Current(_system.FileSystem)) ? RecordedBoot.InLaterBoot(record) : record;
        }
        catch (Exception error) when (error is InvalidDataException or UntrustedRecordException)
        {
            return null;
        }
    }

    /// <summary>
    /// Puts back the files not changed since, straight from the record where it lies, and leaves the
    /// changed ones (and their <c>.bak</c>) alone, each logged by path. Nothing is run: the take-down
    /// would act on the operator's live fix (<c>hostnamectl</c> rewriting <c>/etc/hostname</c>), and a
    /// mix of the previous files and the operator's is no configuration anyone chose to apply now. All
    /// back, the record is set aside as <c>edited</c>, never tried again: it is the only copy of the
    /// previous versions of the files left alone. Not all back, it stays for the next start (which
    /// leaves the changed files alone again), or, before a new change, goes aside as superseded.
    /// </summary>
    /// <exception cref="CommandException">Before a new change: it cannot be moved out of the next retry's way.</exception>
    private void RestoreAroundChanges(string aside, TransactionRecord record, List<ChangedFile> changed, bool beforeNewChange)
    {
        var unrestored = RestoreFiles(record, changed.Select(file => file.Path).ToHashSet(StringComparer.Ordinal));
        var why = unrestored.Count == 0 ? "edited" : beforeNewChange ? "superseded" : null;
        var kept = aside;
        if (why is not null)
        {
            try
            {
                kept = _store.SetAside(why, aside);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                if (beforeNewChange)
                {
                    // Left as unrestored, a later start would put the untouched files back over the new change.
                    throw new CommandException(
                        $"Couldn't apply the network configuration: an earlier rollback could not put every file back, some of its files were changed since, " +
                        $"and its record {aside} cannot be moved aside ({IoFailureReason.Of(error)}); nothing was changed");
                }

                // Tried again at the next start, which leaves the changed files alone again.
                LogCannotRetry(_logger, aside, IoFailureReason.Of(error));
            }
        }

        foreach (var file in changed)
        {
            LogChangedSince(_logger, file.Path, record.Started, file.Unknown ? "the record does not say what the change wrote there, so it cannot be told from an edit" : "it is neither the previous file nor what the change left there", kept);
        }

        var paths = string.Join(", ", changed.Select(file => file.Path));
        if (unrestored.Count > 0)
        {
            LogNotAllAroundChanges(_logger, record.Started, paths, string.Join(", ", unrestored), kept, beforeNewChange ? "no longer tried, and the new resetnetwork goes on from the files as they are" : "the next start tries again");
        }
        else
        {
            LogAroundChanges(_logger, record.Started, paths, kept, beforeNewChange ? "this resetnetwork goes on from them" : "they are live at the next network restart or boot");
        }
    }

    /// <summary>
    /// Before a new change, the files of a rollback set aside as unrestored: put back, the record
    /// stays in place until the new change's replaces it (as <see cref="RestoreBeforeNewChange"/>
    /// leaves one). Still not all back, it goes aside again, now superseded: the new change snapshots
    /// the files as they are and, should it commit, a later start must never put these over it. The
    /// new change is not refused for it: an earlier rollback that failed must not take away the
    /// command that fixes the network.
    /// </summary>
    private void RetryBeforeNewChange()
    {
        if (TryReadRecord() is not { } found)
        {
            return;
        }

        var record = ForThisBoot(found);
        var unrestored = RestoreFiles(record);
        if (unrestored.Count == 0)
        {
            LogRestoredBeforeNewChange(_logger, record.Started, Describe(record.Phase), "all put back");
            return;
        }

        var paths = string.Join(", ", unrestored);
        try
        {
            LogStillNotRestored(_logger, record.Started, paths, _store.SetAside("superseded"));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // In place, the new change's record would replace it: the only copy of these files.
            throw new CommandException(
                $"Couldn't apply the network configuration: an earlier rollback could not put every file back and still cannot " +
                $"(restoring failed for {paths}), and its record {_store.RecordPath} cannot be moved aside ({IoFailureReason.Of(error)}); nothing was changed");
        }
    }

    /// <summary>Puts the record's files back but for <paramref name="leave"/> (paths changed since).</summary>
    /// <returns>The paths that could not be put back.</returns>
    private List<string> RestoreFiles(TransactionRecord record, IReadOnlySet<string>? leave = null)
    {
        // A stale file moved to its backup name comes back by rename, keeping its inode; the snapshots then fix the rest.
        var removed = record.Removals
            .Where(path => _system.FileSystem.GetStatus(path) is null && _system.FileSystem.GetStatus(NetworkBackups.PathOf(path)) is { Kind: FileKind.File })
            .ToArray();
        return _restorer.Restore(record.Files, removed, record.CreatedDirectories, leave);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: {Aside} is the record of a rollback that could not put every file back; trying again (if its files still cannot all be put back, {IfStillNot})")]
    private static partial void LogRetrying(ILogger logger, string aside, string ifStillNot);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: {Aside} is the record of a rollback that could not put every file back, and it cannot be moved ({Reason}); it stays there")]
    private static partial void LogCannotRetry(ILogger logger, string aside, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: the files of the resetnetwork started at {Started:u}, whose rollback could not put every file back, still cannot all be put back (restoring failed for {Paths}); its record is kept as {Aside} and no longer tried, and the new resetnetwork goes on from the files as they are")]
    private static partial void LogStillNotRestored(ILogger logger, DateTimeOffset started, string paths, string aside);

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: {Path} changed since the rollback of the resetnetwork started at {Started:u} could not put every file back ({Why}), so it is left as it is; its previous version is kept in {Aside} (under \"files\", base64), for an operator who wants it back")]
    private static partial void LogChangedSince(ILogger logger, string path, DateTimeOffset started, string why, string aside);

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: the files of the resetnetwork started at {Started:u}, whose rollback could not put every file back, are put back but for {Paths}, changed since and left as they are; nothing was applied ({Then}), and the record is kept as {Aside}, never tried again")]
    private static partial void LogAroundChanges(ILogger logger, DateTimeOffset started, string paths, string aside, string then);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: the files of the resetnetwork started at {Started:u}, whose rollback could not put every file back, still cannot all be put back (restoring failed for {Failed}; {Paths} changed since and left as they are); its record is kept as {Aside}: {Then}")]
    private static partial void LogNotAllAroundChanges(ILogger logger, DateTimeOffset started, string paths, string failed, string aside, string then);
}
