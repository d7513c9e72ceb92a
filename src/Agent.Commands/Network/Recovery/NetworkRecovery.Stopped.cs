using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Recovery;

/// <summary>
/// What becomes of the record when recovery stops on something unexpected. A system call that failed
/// (the change lock's file not opened while the system is out of descriptors or memory, its
/// <c>flock</c> refused, a read or a listing failing with <c>EIO</c>, a read-only <c>/var</c>) says
/// nothing against the record, which is the only way back to the previous configuration: it stays
/// where it is, and the next start tries again. Anything else (a defect the record sets off) would
/// happen again at every start: the record in place is set aside as <c>failed</c>, kept for the
/// operator but never tried again.
/// </summary>
public sealed partial class NetworkRecovery
{
    /// <summary>
    /// Whether <paramref name="error"/> is a system call's failure, which a later try may not meet: not a
    /// record refused as untrusted, which is set aside where it is found.
    /// </summary>
    private static bool IsSystemFailure(Exception error) =>
        error is (IOException and not UntrustedRecordException) or UnauthorizedAccessException;

    /// <summary>Logs why recovery stopped and where the record is now, setting it aside only when a later start could not do better.</summary>
    /// <param name="error">What stopped it.</param>
    /// <param name="unrestored">The record set aside as unrestored that recovery found to retry, when there was no record in place.</param>
    private void Stopped(Exception error, string? unrestored)
    {
        bool inPlace;
        try
        {
            inPlace = _store.Exists;
        }
        catch (Exception lookError) when (IsSystemFailure(lookError))
        {
            // Where it is cannot be told now: nothing is moved, and it is named as it was found.
            inPlace = unrestored is null;
        }

        if (!inPlace && unrestored is not null)
        {
            // Set aside already, as unrestored: the only copy of its files, tried again at the next start.
            LogRetryFailed(_logger, unrestored, IsSystemFailure(error) ? IoFailureReason.Of(error) : error.GetType().Name);
            return;
        }

        if (!inPlace)
        {
            LogFailedGone(_logger, _store.RecordPath, IsSystemFailure(error) ? IoFailureReason.Of(error) : error.GetType().Name);
            return;
        }

        if (IsSystemFailure(error))
        {
            LogStaysInPlace(_logger, IoFailureReason.Of(error), _store.RecordPath);
            return;
        }

        try
        {
            LogSetAsideFailed(_logger, _store.RecordPath, error.GetType().Name, _store.SetAside("failed"));
        }
        catch (Exception moveError) when (IsSystemFailure(moveError))
        {
            LogNotSetAside(_logger, _store.RecordPath, error.GetType().Name, IoFailureReason.Of(moveError));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: recovering the unfinished resetnetwork failed ({Reason}); its record {Path} stays in place, and the next start tries again")]
    private static partial void LogStaysInPlace(ILogger logger, string reason, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: recovering the unfinished resetnetwork recorded in {Path} failed ({ExceptionType}), which no system call failing explains and the next start would meet again; the record was moved to {Aside}, kept for the operator and never tried again")]
    private static partial void LogSetAsideFailed(ILogger logger, string path, string exceptionType, string aside);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: recovering the unfinished resetnetwork recorded in {Path} failed ({ExceptionType}), and moving the record aside failed too ({Reason}); it stays in place, and the next start tries again")]
    private static partial void LogNotSetAside(ILogger logger, string path, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: recovering the unfinished resetnetwork recorded in {Path} failed ({Reason}), and its record is no longer there")]
    private static partial void LogFailedGone(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: retrying {Aside}, the record of a rollback that could not put every file back, failed ({Reason}); it stays there, and the next start tries again")]
    private static partial void LogRetryFailed(ILogger logger, string aside, string reason);
}
