using GuestAgent.Protocol;
using GuestAgent.XenStore.Client;
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
    /// </summary>
    private async Task RemoveAnsweredAsync(XenStoreClient client, string id, ReadOnlyMemory<byte> answered, CancellationToken cancellationToken)
    {
        var path = _options.RequestPath(id);
        var replaced = await client.TransactAsync(
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

        if (replaced)
        {
            // Its watch event may have come while this id was still pending and been skipped.
            LogRequestReplaced(HostTextForLog.Cap(id));
            await OfferAsync(client, id, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore request {RequestId} was replaced by a new request under the same id while being answered; serving the new one")]
    private partial void LogRequestReplaced(string requestId);
}
