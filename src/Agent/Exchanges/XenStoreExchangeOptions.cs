using System.Globalization;
using GuestAgent.XenStore.Client;

namespace GuestAgent.Exchanges;

/// <summary>Options of <see cref="XenStoreExchange"/>.</summary>
public sealed class XenStoreExchangeOptions
{
    /// <summary>
    /// The XenStore endpoint (a socket or the xenbus device). Null chooses it as libxenstore does:
    /// <c>XENSTORED_PATH</c> (when set, even empty), then <c>${XENSTORED_RUNDIR-/var/run/xenstored}/socket</c>, then
    /// <c>/dev/xen/xenbus</c>, then <c>/proc/xen/xenbus</c>.
    /// </summary>
    public string? Endpoint { get; init; }

    /// <summary>
    /// The guest's home, for example <c>/local/domain/7</c>. Null uses relative paths
    /// (<c>data/host</c>), which a guest's device resolves to its own home; set it when connected
    /// over a privileged socket.
    /// </summary>
    public string? DomainPath { get; init; }

    /// <summary>Where the journal of answered requests lives. Default <see cref="Platform.AgentPaths.DefaultStateDirectory"/>.</summary>
    public string StateDirectory { get; init; } = Platform.AgentPaths.DefaultStateDirectory;

    /// <summary>
    /// Identifies the current boot, which the journal is bound to: answers journaled in another boot
    /// (or in the image this VM was cloned from) are dropped at start, since their requests died with
    /// that domain. Null reads <see cref="Platform.KernelBootId"/>; where the kernel offers none, the
    /// journal keeps answers of every boot.
    /// </summary>
    public string? BootId { get; init; }

    /// <summary>How many answered requests the journal remembers. Default 1024.</summary>
    public int JournalCapacity { get; init; } = 1024;

    /// <summary>
    /// How long a response stays in <c>data/guest</c> after it was written (or first seen by this
    /// process) before the exchange removes it. Nova reads a response within its wait for that
    /// request (at most 60 s, for <c>resetnetwork</c>; <c>version</c>'s 300 s are repeated 30 s
    /// requests) and never deletes it, while XenStore's quotas count every node the
    /// guest keeps. Default 15 minutes; <see cref="TimeSpan.Zero"/> keeps every response, until
    /// XenStore refuses an answer for the quota: then responses older than Nova's longest wait
    /// (65 s) are removed to make room, whatever this says.
    /// </summary>
    public TimeSpan ResponseRetention { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether to watch <c>data/host</c>. When false, or when the watch fails, the exchange polls.</summary>
    public bool UseWatches { get; init; } = true;

    /// <summary>How often to scan <c>data/host</c> when polling. Default 1 s, as the original agent.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While watching, how long without any event before <c>data/host</c> is scanned anyway, as a
    /// safety net. Default 30 s.
    /// </summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first delay before reconnecting after the connection was lost. Default 100 ms; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between reconnection attempts. Default 5 s; at least <see cref="ReconnectDelay"/>, or the exchange refuses the options.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The clock of the exchange's waits and ages: the poll, rescan and reconnect delays, and the
    /// ages of responses in <c>data/guest</c>. Default <see cref="TimeProvider.System"/>; tests
    /// give a manual one.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Called with a request's id and bytes when it is answered from the journal (a request seen again
    /// after a crash), a delivery that does not pass through <see cref="XenStoreExchange.PutResponseAsync"/>;
    /// also when such a request is only removed because XenStore refused its answer earlier.
    /// </summary>
    public Action<string, ReadOnlyMemory<byte>>? Replayed { get; init; }

    /// <summary>Opens a connection; by default <see cref="XenStoreClient.ConnectAsync"/> to <see cref="Endpoint"/>.</summary>
    public Func<CancellationToken, Task<XenStoreClient>>? Connect { get; init; }

    /// <summary>Awaited before the sweep removes an old response (tests hold a sweep half-way with it).</summary>
    internal Func<string, CancellationToken, Task>? BeforeSweepRemoval { get; init; }

    /// <summary>The shortest wait a timer takes: it counts whole milliseconds, so anything less is no wait at all.</summary>
    internal static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(1);

    /// <summary>The longest wait a timer takes (<see cref="Task.Delay(TimeSpan, TimeProvider)"/>): about 49.7 days.</summary>
    internal static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>
    /// Refuses a wait the exchange cannot take, naming the option: one under a millisecond (zero
    /// included; the timer truncates it to none) would spin (a poll or a reconnect with no pause,
    /// for as long as XenStore is away), a negative one or one past <see cref="LongestWait"/> would
    /// fail every wait later, where it looks like a lost connection.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A wait is under a millisecond, negative or too long, or <see cref="MaxReconnectDelay"/> is shorter than <see cref="ReconnectDelay"/>.</exception>
    internal void Validate()
    {
        RequireWait(PollInterval, nameof(PollInterval));
        RequireWait(RescanInterval, nameof(RescanInterval));
        RequireWait(ReconnectDelay, nameof(ReconnectDelay));
        RequireWait(MaxReconnectDelay, nameof(MaxReconnectDelay));
        // Accepted, the first retry would wait ReconnectDelay and every later one the shorter
        // MaxReconnectDelay: a backoff that shortens, which is what neither option says.
        if (MaxReconnectDelay < ReconnectDelay)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxReconnectDelay),
                MaxReconnectDelay,
                $"XenStoreExchangeOptions.{nameof(MaxReconnectDelay)} ({MaxReconnectDelay:c}) must be at least XenStoreExchangeOptions.{nameof(ReconnectDelay)} ({ReconnectDelay:c}), the first delay it doubles up to.");
        }
    }

    private static void RequireWait(TimeSpan wait, string name)
    {
        if (wait < ShortestWait || wait > LongestWait)
        {
            // Invariant: an SDK consumer's culture must not turn the limit into "49,7".
            throw new ArgumentOutOfRangeException(name, wait, string.Create(CultureInfo.InvariantCulture, $"XenStoreExchangeOptions.{name} must be at least 1 ms and at most {LongestWait.TotalDays:0.#} days."));
        }
    }

    /// <summary>The request directory: <c>data/host</c>, under <see cref="DomainPath"/> when set.</summary>
    public string RequestDirectory => DomainPath is null ? "data/host" : DomainPath.TrimEnd('/') + "/data/host";

    /// <summary>The response directory: <c>data/guest</c>, under <see cref="DomainPath"/> when set.</summary>
    public string ResponseDirectory => DomainPath is null ? "data/guest" : DomainPath.TrimEnd('/') + "/data/guest";

    /// <summary>The node of request <paramref name="id"/> in <see cref="RequestDirectory"/>.</summary>
    internal string RequestPath(string id) => RequestDirectory + "/" + id;

    /// <summary>The node of the response to request <paramref name="id"/> in <see cref="ResponseDirectory"/>.</summary>
    internal string ResponsePath(string id) => ResponseDirectory + "/" + id;
}
