using GuestAgent.Protocol;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Wire;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Exchanges;

/// <summary>The last step of answering: removing the request, unless the host has since replaced it.</summary>
public sealed partial class XenStoreExchange
{
    /// <summary>
    /// Removes <c>data/host/&lt;id&gt;</c> only if it still holds <paramref name="answered"/>. The host may
    /// write a new request under the same id once the response is there; a plain RM would delete it
    /// unread. The read and the RM share one transaction, so a write between them makes the commit
    /// fail with EAGAIN and the check is redone. A replaced request stays and is offered again.
    /// When XenStore refuses the transaction itself for quota, the check and the RM are done without one.
    /// </summary>
    private async Task RemoveAnsweredAsync(XenStoreClient client, string id, ReadOnlyMemory<byte> answered, CancellationToken cancellationToken)
    {
        var path = _options.RequestPath(id);
        bool replaced;
        try
        {
            replaced = await client.TransactAsync(
                async (transaction, token) =>
                {
                    var current = await transaction.TryReadAsync(path, token).ConfigureAwait(false);
                    if (current is null)
                    {
                        return false; // already removed, or withdrawn by the host
                    }

                    if (!current.AsSpan().SequenceEqual(answered.Span))
                    {
                        return true;
                    }

                    await transaction.RemoveAsync(path, token).ConfigureAwait(false);
                    return false;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (XenStoreErrorException refused) when (refused.RequestType == XenStoreMessageType.TransactionStart
            && refused.ErrorName is XenStoreErrors.NoSpace or XenStoreErrors.Quota)
        {
            // C xenstored counts transactions per connection (oxenstored per domain), and a guest's ring
            // is one connection for every program that opens its device: others may hold them all, and
            // waiting for one to end could take for ever. The answer is written; the request is removed
            // as the original agent removes it, without a transaction: read, compare, RM. Only a host
            // that rewrote this id between the two (Nova writes every request under a new one) would
            // lose its new request.
            LogRemovedWithoutTransaction(HostTextForLog.Cap(id), refused.ErrorName);
            var current = await client.TryReadAsync(path, cancellationToken).ConfigureAwait(false);
            replaced = current is not null && !answered.Span.SequenceEqual(current);
            if (current is not null && !replaced)
            {
                try
                {
                    await client.RemoveAsync(path, cancellationToken).ConfigureAwait(false);
                }
                catch (XenStoreErrorException gone) when (gone.ErrorName == XenStoreErrors.NotFound)
                {
                    // Withdrawn by the host meanwhile: removed either way.
                }
            }
        }

        if (replaced)
        {
            // Its watch event may have come while this id was still pending and been skipped.
            LogRequestReplaced(HostTextForLog.Cap(id));
            await OfferAsync(client, id, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore request {RequestId} was replaced by a new request under the same id while being answered; serving the new one")]
    private partial void LogRequestReplaced(string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore refused a transaction ({Error}: other programs on this connection's ring hold its transaction quota); request {RequestId} was answered and is removed without one")]
    private partial void LogRemovedWithoutTransaction(string requestId, string error);
}
