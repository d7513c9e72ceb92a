using GuestAgent.Protocol;
using GuestAgent.XenStore;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Exchanges;

/// <summary>
/// The check a queued request passes before it is handed out. Nova removes <c>data/host/&lt;id&gt;</c>
/// when it stops waiting for an answer and reports the call failed (nova-agent-protocol.md §1.3):
/// a password, <c>resetnetwork</c> or <c>injectfile</c> the host has given up on must not run later
/// behind a slow command. (A file of its own, placed after the others, so the compiler's numbering of
/// the hot path's state machines, which hot-methods.order names, stays.)
/// </summary>
public sealed partial class XenStoreExchange
{
    /// <summary>
    /// Whether <paramref name="request"/>, queued while earlier requests ran, is still what
    /// <c>data/host/&lt;id&gt;</c> holds: one read. A withdrawn request is dropped (one warning, the id
    /// only); one replaced by a new request under the same id is dropped and the new one queued; one
    /// the store no longer lets the guest read is left for the next scan. While XenStore is
    /// unreachable the check waits for the connection to come back: the answer could not be
    /// delivered before then anyway, and the host may withdraw the request meanwhile.
    /// </summary>
    /// <remarks>
    /// The check narrows the window to the time between this read and the command, which no guest
    /// can close: the host may still withdraw a request that has just started.
    /// </remarks>
    private async Task<bool> IsStillRequestedAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        var path = _options.RequestPath(request.Id);
        byte[]? current;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            current = await ReadAcrossReconnectsAsync(path, linked.Token).ConfigureAwait(false);
        }
        catch (XenStoreErrorException exception)
        {
            // Read once already, unreadable now (permissions changed): never run unchecked; the
            // pump's next scan offers it again, as any request it cannot read.
            ReleasePending(request.Id);
            LogRequestUncheckable(HostTextForLog.Cap(request.Id), exception.ErrorName);
            return false;
        }
        catch (OperationCanceledException)
        {
            // Not run: a later scan (or the next agent) serves it.
            ReleasePending(request.Id);
            throw;
        }

        var expected = request.Data ?? ReadOnlyMemory<byte>.Empty;
        if (current is not null && current.AsSpan().SequenceEqual(expected.Span))
        {
            return true;
        }

        ReleasePending(request.Id);
        if (current is null)
        {
            LogRequestWithdrawn(HostTextForLog.Cap(request.Id));
            return false;
        }

        // The host reused the id while the old request waited: its watch event was skipped as
        // pending, so the new request is offered now (or answered from the journal).
        LogRequestReplacedWhileQueued(HostTextForLog.Cap(request.Id));
        try
        {
            var client = await CurrentClientAsync(cancellationToken).ConfigureAwait(false);
            await OfferAsync(client, request.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (XenStoreConnectionException)
        {
            // The scan after the reconnect offers it.
        }

        return false;
    }

    private async Task<byte[]?> ReadAcrossReconnectsAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            var client = await CurrentClientAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await client.TryReadAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (XenStoreConnectionException)
            {
                // The pump reconnects; read again on the new connection.
                await Task.Delay(_options.ReconnectDelay, _options.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore request {RequestId} was withdrawn by the host while it waited behind earlier requests (the host stopped waiting for its answer); it is not run")]
    private partial void LogRequestWithdrawn(string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore request {RequestId} was replaced by a new request under the same id while it waited; serving the new one")]
    private partial void LogRequestReplacedWhileQueued(string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore request {RequestId} could not be checked before running ({Error}); not run now, retrying at the next scan")]
    private partial void LogRequestUncheckable(string requestId, string error);
}
