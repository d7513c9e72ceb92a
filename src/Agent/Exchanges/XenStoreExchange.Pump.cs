using GuestAgent.Protocol;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Wire;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Exchanges;

/// <summary>The background side of <see cref="XenStoreExchange"/>: connect, watch or poll, scan, reconnect.</summary>
public sealed partial class XenStoreExchange
{
    /// <summary>How many times one scan lists <c>data/host</c> while its listings miss names because it keeps changing.</summary>
    private const int MaxScanPasses = 3;

    private async Task PumpAsync(CancellationToken stopping)
    {
        // The backoff starts over only once a connection has proved itself (set up and served its
        // first event or scan): a peer that accepts and then drops or garbles every connection
        // is retried ever more slowly, up to MaxReconnectDelay, not every ReconnectDelay.
        var delay = _options.ReconnectDelay;
        while (!stopping.IsCancellationRequested)
        {
            XenStoreClient? client = null;
            try
            {
                client = await ConnectAsync(stopping).ConfigureAwait(false);
                await ServeConnectionAsync(client, () => delay = Established(client), stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // The pump must outlive any failure: log, back off, reconnect.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogConnectionFailure(exception, delay);
                try
                {
                    await Task.Delay(delay, _options.Time, stopping).ConfigureAwait(false);
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
        if (_connectionFailures.IsFailing(ConnectionKey))
        {
            LogConnectedWhileFailing(client.Description);
        }
        else
        {
            LogConnected(client.Description);
        }

        return client;
    }

    /// <summary>The connection has served: the backoff starts over, and a failure streak it ends is logged as over.</summary>
    private TimeSpan Established(XenStoreClient client)
    {
        var cleared = _connectionFailures.Clear(ConnectionKey);
        if (cleared.Count > 0)
        {
            LogReconnected(client.Description, cleared.Count, cleared.Duration.TotalSeconds);
        }

        return _options.ReconnectDelay;
    }

    private async Task ServeConnectionAsync(XenStoreClient client, Action established, CancellationToken stopping)
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
            await ScanAsync(client, stopping).ConfigureAwait(false);
            established();
            while (true)
            {
                await Task.Delay(_options.PollInterval, _options.Time, stopping).ConfigureAwait(false);
                await ScanAsync(client, stopping).ConfigureAwait(false);
            }
        }

        // The watch is not disposed on the way out: no UNWATCH is needed, since PumpAsync closes the
        // connection next, which drops the watch on the server's side too (xenstored and the
        // kernel's device both do on close) and ends its events.
        // The initial event (the directory itself) triggers the start-up scan.
        var served = false;
        while (true)
        {
            var change = await NextEventAsync(watch, client, stopping).ConfigureAwait(false);
            if (change.Path.Length > directory.Length + 1 && change.Path.StartsWith(directory + "/", StringComparison.Ordinal))
            {
                var rest = change.Path.AsSpan(directory.Length + 1);
                var slash = rest.IndexOf('/');
                await OfferAsync(client, (slash < 0 ? rest : rest[..slash]).ToString(), stopping).ConfigureAwait(false);

                // Requests keep the watch busy, so the sweep cannot wait for a quiet spell: it
                // starts when due (at most once per interval), whatever the traffic, on its own task.
                _sweeper.SweepIfDue(client, stopping);
            }
            else
            {
                await ScanAsync(client, stopping).ConfigureAwait(false);
            }

            if (!served)
            {
                served = true;
                established();
            }
        }
    }

    // The next watch event; while none comes, rescans now and then as a safety net.
    private async Task<XenStoreWatchEvent> NextEventAsync(XenStoreWatch watch, XenStoreClient client, CancellationToken stopping)
    {
        while (true)
        {
            using var quiet = new CancellationTokenSource(_options.RescanInterval, _options.Time);
            using var stop = stopping.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), quiet);
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

    /// <summary>
    /// Offers every request in <c>data/host</c>. A big <c>data/host</c> that keeps changing while it
    /// is listed in chunks (requests answered and removed meanwhile) is read as it comes rather
    /// than started over without end: a request that listing misses is written under its own
    /// watch event, which is served next, and is found by the next scan in any case; the scan
    /// lists again at once up to <see cref="MaxScanPasses"/> times while its listings miss names.
    /// </summary>
    private async Task ScanAsync(XenStoreClient client, CancellationToken stopping)
    {
        for (var pass = 1; ; pass++)
        {
            DirectoryListing listing;
            try
            {
                listing = await client.DirectoryAsync(_options.RequestDirectory, tolerateChanges: true, stopping).ConfigureAwait(false);
            }
            catch (XenStoreErrorException exception) when (exception.ErrorName == XenStoreErrors.NotFound)
            {
                return;
            }

            foreach (var id in listing.Names)
            {
                await OfferAsync(client, id, stopping).ConfigureAwait(false);
            }

            if (listing.Consistent || pass == MaxScanPasses)
            {
                // A request that failed and is gone now (the host removed it) needs no more tracking.
                if (listing.Consistent)
                {
                    _requestFailures.Retain(listing.Names.Contains);
                }

                break;
            }
        }

        _sweeper.SweepIfDue(client, stopping);
    }

    // One id the store refuses (EACCES…) must not stop the others: log it, retry at the next scan.
    // A request that keeps failing is warned about once (and every 10 minutes), not at every scan.
    private async Task OfferAsync(XenStoreClient client, string id, CancellationToken stopping)
    {
        try
        {
            await OfferOrReplayAsync(client, id, stopping).ConfigureAwait(false);
        }
        catch (XenStoreErrorException exception)
        {
            LogRequestFailure(id, exception.ErrorName);
            return;
        }

        if (_requestFailures.Clear(id) is { Count: > 0 } cleared)
        {
            LogRequestRecovered(HostTextForLog.Cap(id), cleared.Count);
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

        var data = await client.TryReadAsync(_options.RequestPath(id), stopping).ConfigureAwait(false);
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

        LogReceived(HostTextForLog.Cap(id), data.Length);
        _requests.Writer.TryWrite(new AgentRequest(id, data, Session));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore exchange connected ({Endpoint})")]
    private partial void LogConnected(string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore watch refused ({Error}); polling every {IntervalMs} ms")]
    private partial void LogPolling(string error, double intervalMs);

    // Debug, as is "answered": at Information the parser already logs each request's command and
    // outcome, and two transport lines more per request doubled the journal of a busy agent.
    [LoggerMessage(Level = LogLevel.Debug, Message = "XenStore request {RequestId} received ({Bytes} bytes)")]
    private partial void LogReceived(string requestId, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore request {RequestId} was already answered; response replayed from the journal")]
    private partial void LogReplayed(string requestId);
}
