using System.Diagnostics;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;

namespace GuestAgent.Exchanges;

/// <summary>
/// Removes responses from <c>data/guest</c> once the host has had far longer than it ever waits to
/// read them. Nova never deletes them, and XenStore's quotas count them: 1000 nodes per domain, and
/// on C xenstored a node record (<c>data/guest</c>'s includes its children's names) below 2048 bytes,
/// so a guest that keeps every answer eventually cannot write a new one. Ages are counted from when
/// a response was written or first seen (a restarted agent does not know older ages), on a
/// monotonic clock. A response is removed in a transaction that first checks that no request is
/// waiting under its id (one being answered again keeps its answer) and that the response was not
/// written anew meanwhile.
/// </summary>
internal sealed class ResponseSweeper
{
    private readonly string _requestDirectory;
    private readonly string _responseDirectory;
    private readonly TimeSpan _retention;
    private readonly TimeSpan _interval;
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _lastSweep;
    private int _removed;
    private int _sweeps;

    /// <param name="requestDirectory">Where requests are (<c>data/host</c>).</param>
    /// <param name="responseDirectory">Where responses are (<c>data/guest</c>).</param>
    /// <param name="retention">How long a response stays; <see cref="TimeSpan.Zero"/> or less keeps every response.</param>
    public ResponseSweeper(string requestDirectory, string responseDirectory, TimeSpan retention)
    {
        _requestDirectory = requestDirectory;
        _responseDirectory = responseDirectory;
        _retention = retention;
        // Often enough that a response outlives its retention by little, rarely enough to cost nothing.
        _interval = TimeSpan.FromTicks(Math.Min(retention.Ticks / 2, TimeSpan.FromMinutes(1).Ticks));
    }

    /// <summary>How many responses were removed.</summary>
    public int Removed => Volatile.Read(ref _removed);

    /// <summary>How many times <c>data/guest</c> was looked through.</summary>
    public int Sweeps => Volatile.Read(ref _sweeps);

    /// <summary>A response was just written under <paramref name="id"/>: its age starts now.</summary>
    public void Written(string id)
    {
        lock (_gate)
        {
            _seen[id] = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Looks through the responses (at most once per interval) and removes those past their retention.</summary>
    public async Task SweepAsync(XenStoreClient client, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (_retention <= TimeSpan.Zero || (_lastSweep != 0 && Stopwatch.GetElapsedTime(_lastSweep, now) < _interval))
        {
            return;
        }

        _lastSweep = now;
        IReadOnlyList<string> ids;
        try
        {
            ids = await client.DirectoryAsync(_responseDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (XenStoreErrorException)
        {
            return; // no response directory yet, or one the guest may not list: nothing to sweep
        }

        foreach (var (id, since) in Expired(ids, now))
        {
            try
            {
                if (await RemoveAsync(client, id, since, cancellationToken).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _removed);
                    Forget(id, since);
                }
            }
            catch (XenStoreErrorException)
            {
                // Gone already, or not ours to remove: either way nothing to keep track of.
            }
        }

        Interlocked.Increment(ref _sweeps);
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

    /// <summary>The listed ids older than the retention; starts the age of ids seen for the first time, forgets ids no longer listed.</summary>
    private List<(string Id, long Since)> Expired(IReadOnlyList<string> ids, long now)
    {
        lock (_gate)
        {
            var listed = new HashSet<string>(ids, StringComparer.Ordinal);
            foreach (var gone in _seen.Keys.Where(id => !listed.Contains(id)).ToList())
            {
                _seen.Remove(gone);
            }

            var expired = new List<(string, long)>();
            foreach (var id in ids)
            {
                if (!_seen.TryGetValue(id, out var since))
                {
                    _seen[id] = now;
                }
                else if (Stopwatch.GetElapsedTime(since, now) >= _retention)
                {
                    expired.Add((id, since));
                }
            }

            return expired;
        }
    }
}
