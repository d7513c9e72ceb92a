using System.Runtime.CompilerServices;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Exchanges;

/// <summary>
/// Removes responses from <c>data/guest</c> once the host has had far longer than it ever waits to
/// read them. Nova never deletes them, and XenStore's quotas count them: 1000 nodes per domain, and
/// on C xenstored a node record (<c>data/guest</c>'s includes its children's names) below 2048 bytes,
/// so a guest that keeps every answer eventually cannot write a new one. Ages are counted from when
/// a response was written or first seen (a restarted agent does not know older ages), on a
/// monotonic clock. A response is removed in a transaction that first checks that no request is
/// waiting under its id (one being answered again keeps its answer) and that the response was not
/// written anew meanwhile. The regular sweep is due at most once per interval, whatever the watch
/// traffic (the exchange asks on every event and scan), and runs as a task of its own beside the
/// exchange's pump, so that however many responses it removes (one transaction each; thousands on
/// a store without quotas whose host never reads them) no request waits for it: a request written
/// meanwhile is taken in and answered between two of its removals. <see cref="MakeRoomAsync"/> is
/// the emergency one, when XenStore refuses an answer for the guest's quota.
/// </summary>
internal sealed partial class ResponseSweeper
{
    private const string SweepKey = "sweep";

    private readonly string _requestDirectory;
    private readonly string _responseDirectory;
    private readonly TimeSpan _retention;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly Func<string, CancellationToken, Task>? _beforeRemoval;
    private readonly ILogger _logger;
    private readonly RepeatedFailures _failures;
    private readonly Lock _gate = new();
    private long? _lastSweep;
    private Task _running = Task.CompletedTask;
    private int _removed;
    private int _sweeps;

    /// <param name="requestDirectory">Where requests are (<c>data/host</c>).</param>
    /// <param name="responseDirectory">Where responses are (<c>data/guest</c>).</param>
    /// <param name="retention">How long a response stays; <see cref="TimeSpan.Zero"/> or less keeps every response.</param>
    /// <param name="time">The clock ages and intervals are counted on.</param>
    /// <param name="beforeRemoval">Awaited before each removal (tests hold a sweep half-way with it).</param>
    /// <param name="logger">Where a sweep that XenStore answers outside the protocol is reported (the exchange's).</param>
    /// <param name="warningInterval">How often a sweep failing that way for the same reason is warned about again.</param>
    public ResponseSweeper(string requestDirectory, string responseDirectory, TimeSpan retention, TimeProvider time, Func<string, CancellationToken, Task>? beforeRemoval = null, ILogger? logger = null, TimeSpan? warningInterval = null)
    {
        _logger = logger ?? NullLogger.Instance;
        _failures = new RepeatedFailures(time, warningInterval ?? TimeSpan.FromMinutes(10));
        _beforeRemoval = beforeRemoval;
        _requestDirectory = requestDirectory;
        _responseDirectory = responseDirectory;
        _retention = retention;
        _time = time;
        // Often enough that a response outlives its retention by little, rarely enough to cost nothing.
        _interval = TimeSpan.FromTicks(Math.Min(retention.Ticks / 2, TimeSpan.FromMinutes(1).Ticks));
    }

    /// <summary>
    /// The longest Nova waits for an answer, from writing the request: 60 s, for <c>resetnetwork</c>
    /// (<c>agent_resetnetwork_timeout</c>; every other call waits 30 s, and <c>version</c>'s 300 s
    /// are repeated 30 s requests under new ids), plus 5 s for the plugin's half-second polling
    /// and the time between its write and its first read. A response older than this is read
    /// already or waited for by no one.
    /// </summary>
    public static readonly TimeSpan HostLongestWait = TimeSpan.FromSeconds(65);

    /// <summary>How many responses were removed.</summary>
    public int Removed => Volatile.Read(ref _removed);

    /// <summary>How many times <c>data/guest</c> was looked through.</summary>
    public int Sweeps => Volatile.Read(ref _sweeps);

    /// <summary>A response was just written under <paramref name="id"/>: its age starts now.</summary>
    public void Written(string id)
    {
        lock (_gate)
        {
            _seen[id] = _time.GetTimestamp();
        }
    }

    /// <summary>
    /// Starts looking through the responses, on a task of its own, and removing those past their
    /// retention: at most once per interval, and not while the previous sweep still runs. Returns at once.
    /// </summary>
    /// <remarks>
    /// Called by the exchange's pump on every event and scan; cheap when not due. The sweep ends
    /// quietly when the connection is lost or <paramref name="stopping"/> fires (the next
    /// connection's pump starts the next one); <see cref="StopAsync"/> waits for it.
    /// </remarks>
    public void SweepIfDue(XenStoreClient client, CancellationToken stopping)
    {
        var now = _time.GetTimestamp();
        var keepsAll = _retention <= TimeSpan.Zero;
        lock (_gate)
        {
            if (!_running.IsCompleted || _lastSweep is { } last && (keepsAll || _time.GetElapsedTime(last, now) < _interval))
            {
                return;
            }

            _lastSweep = now;
            // Keeping every response, the first call still lists them once: the ages of the responses an
            // earlier run wrote start now, so a later refusal for the quota can make room with them.
            var age = keepsAll ? TimeSpan.MaxValue : _retention;
            _running = Task.Run(() => SweepAsync(client, age, stopping), CancellationToken.None);
        }
    }

    /// <summary>Waits for a sweep still running (once the exchange has stopped, it ends soon).</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            return _running;
        }
    }

    private async Task SweepAsync(XenStoreClient client, TimeSpan age, CancellationToken stopping)
    {
        try
        {
            if (await RemoveOlderThanAsync(client, age, new StrongBox<int>(), stopping).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _sweeps);
            }

            _failures.Clear(SweepKey);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (XenStoreProtocolException exception)
        {
            // A reply that breaks the protocol (a malformed DIRECTORY_PART) may leave the connection
            // working, so the pump need not notice: said here, or every sweep would fail unseen
            // until a refusal for the quota showed it.
            LogProtocolError(exception.Message);
        }
        catch (XenStoreConnectionException)
        {
            // The pump sees the lost connection too, reconnects and warns; the next sweep is due then.
        }
    }

    private void LogProtocolError(string reason)
    {
        var failure = _failures.Report(SweepKey, reason);
        switch (failure.Loudness)
        {
            case RepeatedFailures.Loudness.First:
                LogSweepBroken(_responseDirectory, reason);
                break;
            case RepeatedFailures.Loudness.Reminder:
                LogSweepStillBroken(_responseDirectory, reason, failure.Count, failure.Duration.TotalMinutes);
                break;
            default:
                LogSweepBrokenAgain(_responseDirectory, reason, failure.Count);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore exchange could not look through {Directory} for old responses: XenStore's reply broke the protocol ({Reason}); old responses stay until a sweep succeeds (repeats are logged at debug level)")]
    private partial void LogSweepBroken(string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore exchange still cannot look through {Directory} for old responses ({Reason}; {Failures} failures in {Minutes:0} minutes)")]
    private partial void LogSweepStillBroken(string directory, string reason, int failures, double minutes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "XenStore exchange could not look through {Directory} for old responses again ({Reason}; failure {Failures})")]
    private partial void LogSweepBrokenAgain(string directory, string reason, int failures);

    /// <summary>
    /// XenStore refused an answer for the guest's quota: removes every response older than
    /// <see cref="HostLongestWait"/>, whatever the retention (even one that keeps every response),
    /// since the host cannot be waiting for them any more. Returns how many were removed.
    /// </summary>
    /// <remarks>
    /// Safe beside a sweep running on its own task: each removal is its own checked transaction.
    /// A reply XenStore sends outside the protocol on a connection that still works (a malformed
    /// DIRECTORY_PART listing, an invalid transaction id half-way through the removals) ends the
    /// removals and is logged as a sweep's is; the count returned is still what was removed before
    /// it, since that room is made all the same: the caller writes the response again into it, and
    /// answers with the short error only when nothing was removed. (Thrown, it made the delivery try
    /// again on the same connection, meeting the same reply every time, for ever; counted as 0, a
    /// response that now fits was replaced by the short error.)
    /// </remarks>
    public async Task<int> MakeRoomAsync(XenStoreClient client, CancellationToken cancellationToken)
    {
        var removed = new StrongBox<int>();
        try
        {
            await RemoveOlderThanAsync(client, HostLongestWait, removed, cancellationToken).ConfigureAwait(false);
        }
        catch (XenStoreProtocolException exception) when (client.IsConnected)
        {
            LogProtocolError(exception.Message);
        }

        return removed.Value;
    }

    // False when data/guest cannot be listed. Each removal is counted in removed as it is made, so
    // a caller that catches a failure part-way still knows how many were.
    private async Task<bool> RemoveOlderThanAsync(XenStoreClient client, TimeSpan age, StrongBox<int> removed, CancellationToken cancellationToken)
    {
        var listedAt = _time.GetTimestamp();
        DirectoryListing listing;
        try
        {
            // Every removal is checked again in its own transaction, so a listing of a data/guest
            // that keeps changing (answers being written) will do: what it misses, the next sweep finds.
            listing = await client.DirectoryAsync(_responseDirectory, tolerateChanges: true, cancellationToken).ConfigureAwait(false);
        }
        catch (XenStoreErrorException)
        {
            return false; // no response directory yet, or one the guest may not list: nothing to sweep
        }

        foreach (var (id, since) in Expired(listing, listedAt, _time.GetTimestamp(), age))
        {
            try
            {
                if (_beforeRemoval is { } beforeRemoval)
                {
                    await beforeRemoval(id, cancellationToken).ConfigureAwait(false);
                }

                if (await RemoveAsync(client, id, since, cancellationToken).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _removed);
                    removed.Value++;
                    Forget(id, since);
                }
            }
            catch (XenStoreErrorException)
            {
                // Gone already, or not ours to remove: either way nothing to keep track of.
            }
        }

        return true;
    }

    /// <summary>Removes one response unless a request waits under its id or it was written since <paramref name="since"/>.</summary>
    private Task<bool> RemoveAsync(XenStoreClient client, string id, long since, CancellationToken cancellationToken) =>
        client.TransactAsync(
            async (transaction, token) =>
            {
                if (await transaction.TryReadAsync(_requestDirectory + "/" + id, token).ConfigureAwait(false) is not null || !Unchanged(id, since))
                {
                    return false;
                }

                await transaction.RemoveAsync(_responseDirectory + "/" + id, token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    private void Forget(string id, long since)
    {
        lock (_gate)
        {
            if (_seen.TryGetValue(id, out var current) && current == since)
            {
                _seen.Remove(id);
            }
        }
    }

    private bool Unchanged(string id, long since)
    {
        lock (_gate)
        {
            return _seen.TryGetValue(id, out var current) && current == since;
        }
    }

    /// <summary>
    /// The listed ids older than <paramref name="age"/>; starts the age of ids seen for the first
    /// time. Ids a consistent listing no longer has are forgotten, unless written since it was made.
    /// </summary>
    private List<(string Id, long Since)> Expired(DirectoryListing listing, long listedAt, long now, TimeSpan age)
    {
        lock (_gate)
        {
            if (listing.Consistent)
            {
                var listed = new HashSet<string>(listing.Names, StringComparer.Ordinal);
                foreach (var gone in _seen.Where(entry => entry.Value < listedAt && !listed.Contains(entry.Key)).Select(entry => entry.Key).ToList())
                {
                    _seen.Remove(gone);
                }
            }

            var expired = new List<(string, long)>();
            foreach (var id in listing.Names)
            {
                if (!_seen.TryGetValue(id, out var since))
                {
                    _seen[id] = now;
                }
                else if (_time.GetElapsedTime(since, now) >= age)
                {
                    expired.Add((id, since));
                }
            }

            return expired;
        }
    }
}
