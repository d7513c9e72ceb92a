using GuestAgent.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Exchanges;

/// <summary>
/// The exchange's logging of failures that can repeat for ever (<see cref="RepeatedFailures"/>):
/// XenStore unreachable or dropping every connection, a request the guest may not read or remove.
/// An operator sees the first failure as a warning (for a request, also a change of its error), a
/// reminder every <see cref="RepeatedWarningInterval"/> while it lasts, and one line when it is
/// over; the repeats in between are at debug level, each with its reason.
/// </summary>
public sealed partial class XenStoreExchange
{
    private const string ConnectionKey = "connection";

    private void LogConnectionFailure(Exception exception, TimeSpan delay)
    {
        // One condition, "no working connection", whatever each attempt's reason: a peer that drops
        // connections fails with a reset, a broken pipe or an end of stream as the race goes, and
        // one that garbles alternates those with protocol errors. Each repeat names its reason.
        var type = exception.GetType().Name;
        var failure = _connectionFailures.Report(ConnectionKey, ConnectionKey);
        switch (failure.Loudness)
        {
            case RepeatedFailures.Loudness.First when Connections == 0:
                // Never connected yet (no XenStore on this machine, a wrong endpoint): nothing was lost.
                LogCannotConnect(type, exception.Message, delay.TotalMilliseconds);
                break;
            case RepeatedFailures.Loudness.First:
                LogConnectionLost(type, exception.Message, delay.TotalMilliseconds);
                break;
            case RepeatedFailures.Loudness.Reminder:
                LogConnectionStillFailing(type, exception.Message, failure.Count, failure.Duration.TotalMinutes, delay.TotalMilliseconds);
                break;
            default:
                LogConnectionFailedAgain(type, exception.Message, failure.Count, delay.TotalMilliseconds);
                break;
        }
    }

    private void LogRequestFailure(string id, string error)
    {
        var failure = _requestFailures.Report(id, error);
        switch (failure.Loudness)
        {
            case RepeatedFailures.Loudness.First:
                LogRequestUnreadable(HostTextForLog.Cap(id), error);
                break;
            case RepeatedFailures.Loudness.Reminder:
                LogRequestStillUnreadable(HostTextForLog.Cap(id), error, failure.Count, failure.Duration.TotalMinutes);
                break;
            default:
                LogRequestUnreadableAgain(HostTextForLog.Cap(id), error, failure.Count);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore exchange cannot connect ({ExceptionType}: {Reason}); retrying in {DelayMs} ms (repeats are logged at debug level)")]
    private partial void LogCannotConnect(string exceptionType, string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore exchange lost its connection ({ExceptionType}: {Reason}); reconnecting in {DelayMs} ms (repeats are logged at debug level)")]
    private partial void LogConnectionLost(string exceptionType, string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore exchange still without a working connection ({ExceptionType}: {Reason}; {Failures} failures in {Minutes:0} minutes); retrying every {DelayMs} ms")]
    private partial void LogConnectionStillFailing(string exceptionType, string reason, int failures, double minutes, double delayMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "XenStore exchange connection failed again ({ExceptionType}: {Reason}; failure {Failures}); reconnecting in {DelayMs} ms")]
    private partial void LogConnectionFailedAgain(string exceptionType, string reason, int failures, double delayMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "XenStore exchange connected ({Endpoint}); serving once it is set up")]
    private partial void LogConnectedWhileFailing(string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore exchange serving again ({Endpoint}) after {Failures} failures over {Seconds:0.#} s")]
    private partial void LogReconnected(string endpoint, int failures, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore request {RequestId} could not be handled ({Error}); retrying at every scan (repeats are logged at debug level)")]
    private partial void LogRequestUnreadable(string requestId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore request {RequestId} still cannot be handled ({Error}; {Failures} failures in {Minutes:0} minutes); retrying at every scan")]
    private partial void LogRequestStillUnreadable(string requestId, string error, int failures, double minutes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "XenStore request {RequestId} could not be handled again ({Error}; failure {Failures}); retrying at the next scan")]
    private partial void LogRequestUnreadableAgain(string requestId, string error, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore request {RequestId} no longer fails (it failed {Failures} times)")]
    private partial void LogRequestRecovered(string requestId, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore request {RequestId}: the response journal {JournalPath} is written again, with the answers kept in memory while it could not be")]
    private partial void LogJournalWrittenAgain(string requestId, string journalPath);
}
