using GuestAgent.Commands;
using GuestAgent.Protocol;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Wire;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Exchanges;

/// <summary>
/// What happens when XenStore refuses a response for the guest's quota, in answering and in
/// replaying from the journal. (A file of its own, placed after the others, so the compiler's
/// numbering of the hot path's state machines, which hot-methods.order names, stays.) Waiting
/// does not help (the quota does not change by itself while the request waits), making room does:
/// on ENOSPC or EQUOTA the responses the host can no longer be waiting for (older than
/// <see cref="ResponseSweeper.HostLongestWait"/>) are removed and the write is tried once more.
/// When that does not get it in, the refusal is handled once: a short error answer takes the
/// response's place when the store takes that, otherwise the request is given up for this boot.
/// Either way the journal is updated, so a restarted agent neither replays the refused response
/// nor runs the command again.
/// </summary>
public sealed partial class XenStoreExchange
{
    /// <summary>How a response write ended.</summary>
    private enum WriteOutcome
    {
        /// <summary>The response is in <c>data/guest</c>.</summary>
        Written,

        /// <summary>Refused for quota; a short error answer is in <c>data/guest</c> instead.</summary>
        ReplacedByError,

        /// <summary>Refused for quota, and the short error too: nothing was written; the request is given up.</summary>
        GivenUp,
    }

    // C xenstored answers ENOSPC for a guest over its node count or node size, oxenstored EQUOTA;
    // E2BIG is a record or message too big (also raised by the client before sending).
    private static bool IsQuotaRefusal(XenStoreErrorException exception) =>
        exception.ErrorName is XenStoreErrors.NoSpace or XenStoreErrors.Quota or XenStoreErrors.TooBig;

    /// <summary>
    /// After XenStore refused <paramref name="response"/> for quota with <paramref name="refusal"/>:
    /// makes room and writes it again; if it is still refused, writes the short error answer
    /// instead when it is shorter, else gives the request up. Either way the journal is updated and
    /// one warning logged. Other errors (a lost connection) are the caller's, as for any write.
    /// </summary>
    private async Task<WriteOutcome> AnswerRefusedAsync(XenStoreClient client, string id, string hash, byte[] response, string refusal, CancellationToken cancellationToken)
    {
        // E2BIG is the message itself: no room made elsewhere lets it in.
        if (refusal is XenStoreErrors.NoSpace or XenStoreErrors.Quota)
        {
            var removed = await _sweeper.MakeRoomAsync(client, cancellationToken).ConfigureAwait(false);
            if (removed > 0)
            {
                try
                {
                    await client.WriteAsync(_options.ResponsePath(id), response, cancellationToken).ConfigureAwait(false);
                    LogRoomMade(HostTextForLog.Cap(id), refusal, removed, ResponseSweeper.HostLongestWait.TotalSeconds);
                    return WriteOutcome.Written;
                }
                catch (XenStoreErrorException exception) when (IsQuotaRefusal(exception))
                {
                    refusal = exception.ErrorName;
                }
            }
        }

        // A response no longer than the error answer was refused for the node count or its
        // parent's size, not its own: the error answer would be refused the same way.
        var fallback = new AgentResponse(ReturnCodes.Error, ProtocolMessages.ResponseRefused(response.Length, refusal)).ToUtf8Json();
        var fallbackTried = fallback.Length < response.Length;
        if (fallbackTried)
        {
            try
            {
                await client.WriteAsync(_options.ResponsePath(id), fallback, cancellationToken).ConfigureAwait(false);
                UpdateJournal(id, journal => journal.Replace(id, hash, fallback));
                LogResponseReplaced(HostTextForLog.Cap(id), response.Length, refusal);
                return WriteOutcome.ReplacedByError;
            }
            catch (XenStoreErrorException exception) when (IsQuotaRefusal(exception))
            {
                refusal = exception.ErrorName;
            }
        }

        UpdateJournal(id, journal => journal.MarkRefused(id, hash));
        // Said as it happened: an operator reading "a short error was refused" would look for a
        // write that never took place. (Literals, not constants: a new member here would renumber
        // the state machines of the files after this one, which hot-methods.order names.)
        LogResponseGivenUp(
            HostTextForLog.Cap(id),
            response.Length,
            refusal,
            fallbackTried ? "so was a short error in its place" : "a short error answer would be no shorter, so none was tried");
        return WriteOutcome.GivenUp;
    }

    // A request answered before a crash: its journaled answer is written again, unless XenStore
    // refused that answer earlier in this boot (logged then): then the request is only removed.
    private async Task ReplayAsync(XenStoreClient client, string id, byte[] data, string hash, byte[] response, CancellationToken stopping)
    {
        if (ResponseJournal.IsRefused(response))
        {
            _options.Replayed?.Invoke(id, data);
            await RemoveGivenUpAsync(client, id, data, stopping).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _answeredFromJournal);
        if (_requestFailures.IsFailing(id))
        {
            // Replayed at every scan because its removal keeps failing, which is warned about once.
            LogReplayedAgain(HostTextForLog.Cap(id));
        }
        else
        {
            LogReplayed(HostTextForLog.Cap(id));
        }

        var outcome = await WriteResponseAsync(client, id, hash, response, stopping).ConfigureAwait(false);
        _options.Replayed?.Invoke(id, data);
        if (outcome == WriteOutcome.GivenUp)
        {
            await RemoveGivenUpAsync(client, id, data, stopping).ConfigureAwait(false);
            return;
        }

        await RemoveAnsweredAsync(client, id, data, stopping).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes a given-up request from <c>data/host</c>, as Nova does itself when it stops waiting.
    /// Its refusal was logged once; a removal the store refuses is retried quietly at the next scan.
    /// </summary>
    private async Task RemoveGivenUpAsync(XenStoreClient client, string id, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        try
        {
            await RemoveAnsweredAsync(client, id, request, cancellationToken).ConfigureAwait(false);
        }
        catch (XenStoreErrorException exception)
        {
            LogGivenUpNotRemoved(HostTextForLog.Cap(id), exception.ErrorName);
        }
    }

    // The journal only saves work after a crash: one that cannot be written costs nothing here.
    private void UpdateJournal(string id, Action<ResponseJournal> update)
    {
        try
        {
            update(_journal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogJournalFailed(HostTextForLog.Cap(id), _journal.FilePath, exception.GetType().Name, exception.Message);
        }
    }

    /// <summary>
    /// Writes an answer (a new one or one replayed from the journal) to <c>data/guest/&lt;id&gt;</c>,
    /// handling a quota refusal (<see cref="AnswerRefusedAsync"/>); whatever was written is handed
    /// to the sweeper. Other errors (a lost connection) are the caller's.
    /// </summary>
    private async Task<WriteOutcome> WriteResponseAsync(XenStoreClient client, string id, string hash, byte[] response, CancellationToken cancellationToken)
    {
        var outcome = WriteOutcome.Written;
        try
        {
            await client.WriteAsync(_options.ResponsePath(id), response, cancellationToken).ConfigureAwait(false);
        }
        catch (XenStoreErrorException refused) when (IsQuotaRefusal(refused))
        {
            outcome = await AnswerRefusedAsync(client, id, hash, response, refused.ErrorName, cancellationToken).ConfigureAwait(false);
        }

        if (outcome != WriteOutcome.GivenUp)
        {
            _sweeper.Written(id);
        }

        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore request {RequestId}: the response was refused ({Error}, over the guest's XenStore quota); {Removed} answered responses older than {Seconds} s, which Nova no longer waits for, were removed and the response written again")]
    private partial void LogRoomMade(string requestId, string error, int removed, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "XenStore request {RequestId} was already answered; response replayed from the journal again")]
    private partial void LogReplayedAgain(string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore request {RequestId}: the response ({Bytes} bytes) was refused ({Error}, over the guest's XenStore quota); answered with a short error instead")]
    private partial void LogResponseReplaced(string requestId, int bytes, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore request {RequestId}: the response ({Bytes} bytes) was refused ({Error}, over the guest's XenStore quota), and {Fallback}; the request is given up and not answered again in this boot")]
    private partial void LogResponseGivenUp(string requestId, int bytes, string error, string fallback);

    [LoggerMessage(Level = LogLevel.Debug, Message = "XenStore request {RequestId} was given up (its answer was refused); it could not be removed ({Error})")]
    private partial void LogGivenUpNotRemoved(string requestId, string error);
}
