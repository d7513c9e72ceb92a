using GuestAgent.Protocol;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Wire;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Exchanges;

/// <summary>The background side of <see cref="XenStoreExchange"/>: connect, watch or poll, scan, reconnect.</summary>
public sealed partial class XenStoreExchange
{
    private async Task PumpAsync(CancellationToken stopping)
    {
        var delay = _options.ReconnectDelay;
        while (!stopping.IsCancellationRequested)
        {
            XenStoreClient? client = null;
            try
            {
                client = await ConnectAsync(stopping).ConfigureAwait(false);
                delay = _options.ReconnectDelay;
                await ServeConnectionAsync(client, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // The pump must outlive any failure: log, back off, reconnect.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogConnectionLost(exception.GetType().Name, exception.Message, delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }
            finally
            {
                if (client is not null)
                {
                    lock (_gate)
                    {
                        if (_connected.Task.IsCompleted)
                        {
                            _connected = NewConnectedSource();
                        }
                    }

                    await client.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private async Task<XenStoreClient> ConnectAsync(CancellationToken stopping)
    {
        var client = _options.Connect is { } connect
            ? await connect(stopping).ConfigureAwait(false)
            : await XenStoreClient.ConnectAsync(_options.Endpoint, stopping).ConfigureAwait(false);
        lock (_gate)
        {
            _connected.TrySetResult(client);
        }

        Interlocked.Increment(ref _connections);
        LogConnected(client.Description);
        return client;
    }

    private async Task ServeConnectionAsync(XenStoreClient client, CancellationToken stopping)
    {
        var directory = _options.RequestDirectory;
        try
        {
            await client.MkdirAsync(directory, stopping).ConfigureAwait(false);
        }
        catch (XenStoreErrorException)
        {
            // The toolstack normally creates it; the guest may not be allowed to.
        }

        XenStoreWatch? watch = null;
        if (_options.UseWatches)
        {
            try
            {
                watch = await client.WatchAsync(directory, cancellationToken: stopping).ConfigureAwait(false);
            }
            catch (XenStoreErrorException exception)
            {
                LogPolling(exception.ErrorName, _options.PollInterval.TotalMilliseconds);
            }
        }

        IsPolling = watch is null;
        if (watch is null)
        {
            while (true)
            {
                await ScanAsync(client, stopping).ConfigureAwait(false);
                await Task.Delay(_options.PollInterval, stopping).ConfigureAwait(false);
            }
        }

        await using (watch.ConfigureAwait(false))
        {
            // The initial event (the directory itself) triggers the start-up scan.
            while (true)
            {
                var change = await NextEventAsync(watch, client, stopping).ConfigureAwait(false);
                if (change.Path.Length > directory.Length + 1 && change.Path.StartsWith(directory + "/", StringComparison.Ordinal))
                {
                    var rest = change.Path.AsSpan(directory.Length + 1);
                    var slash = rest.IndexOf('/');
                    await OfferAsync(client, (slash < 0 ? rest : rest[..slash]).ToString(), stopping).ConfigureAwait(false);
                }
                else
                {
                    await ScanAsync(client, stopping).ConfigureAwait(false);
                }
            }
        }

    }

    // The next watch event; while none comes, rescans now and then as a safety net.
    private async Task<XenStoreWatchEvent> NextEventAsync(XenStoreWatch watch, XenStoreClient client, CancellationToken stopping)
    {
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            quiet.CancelAfter(_options.RescanInterval);
            try
            {
                return await watch.Events.ReadAsync(quiet.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                await ScanAsync(client, stopping).ConfigureAwait(false);
            }
            catch (System.Threading.Channels.ChannelClosedException closed)
            {
                throw new XenStoreConnectionException("The XenStore watch ended: " + (closed.InnerException?.Message ?? "closed"), closed);
            }
        }
    }

    private async Task ScanAsync(XenStoreClient client, CancellationToken stopping)
    {
        IReadOnlyList<string> ids;
        try
        {
            ids = await client.DirectoryAsync(_options.RequestDirectory, stopping).ConfigureAwait(false);
        }
        catch (XenStoreErrorException exception) when (exception.ErrorName == XenStoreErrors.NotFound)
        {
            return;
        }

        foreach (var id in ids)
        {
            await OfferAsync(client, id, stopping).ConfigureAwait(false);
        }

        await _sweeper.SweepAsync(client, stopping).ConfigureAwait(false);
    }

    // One id the store refuses (EACCES…) must not stop the others: log it, retry at the next scan.
    private async Task OfferAsync(XenStoreClient client, string id, CancellationToken stopping)
    {
        try
        {
            await OfferOrReplayAsync(client, id, stopping).ConfigureAwait(false);
        }
        catch (XenStoreErrorException exception)
        {
            LogRequestUnreadable(id, exception.ErrorName);
        }
    }

    // Queues a request unless it is already queued or in progress; answers journaled ones directly.
    private async Task OfferOrReplayAsync(XenStoreClient client, string id, CancellationToken stopping)
    {
        lock (_gate)
        {
            if (_pending.Contains(id))
            {
                return;
            }
        }

        var data = await client.TryReadAsync(_options.RequestDirectory + "/" + id, stopping).ConfigureAwait(false);
        if (data is null)
        {
            return; // answered and removed, or withdrawn by the host
        }

        var hash = ResponseJournal.Hash(data);
        if (_journal.TryGet(id, hash, out var response))
        {
            await ReplayAsync(client, id, data, hash, response, stopping).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            if (!_pending.Add(id))
            {
                return;
            }
        }

        LogReceived(id, data.Length);
        _requests.Writer.TryWrite(new AgentRequest(id, data, Session));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore exchange connected ({Endpoint})")]
    private partial void LogConnected(string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore exchange lost its connection ({ExceptionType}: {Reason}); reconnecting in {DelayMs} ms")]
    private partial void LogConnectionLost(string exceptionType, string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore watch refused ({Error}); polling every {IntervalMs} ms")]
    private partial void LogPolling(string error, double intervalMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore request {RequestId} received ({Bytes} bytes)")]
    private partial void LogReceived(string requestId, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore request {RequestId} could not be handled ({Error}); retrying at the next scan")]
    private partial void LogRequestUnreadable(string requestId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore request {RequestId} was already answered; response replayed from the journal")]
    private partial void LogReplayed(string requestId);
}
