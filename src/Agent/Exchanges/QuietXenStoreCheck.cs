using GuestAgent.XenStore.Client;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Exchanges;

/// <summary>
/// Warns when the exchange's XenStore connection goes quiet: connected, not broken, but a request
/// waits and no reply comes (a wedged xenstored). The exchange reconnects only on a broken or
/// garbled connection, and a request waits for its reply without limit, so without this the
/// journal would say nothing until the agent is stopped. It only warns: what to do about a wedged
/// xenstored (reconnect, give up) is not decided here. Every <see cref="CheckInterval"/> it looks
/// at the connection's reply count; a request seen waiting at one look and no reply read by the
/// next means one request has waited that long at least: a warning, then a reminder every
/// reminder interval, and one line when replies come again. The hot path pays nothing for it:
/// the connection counts replies under the lock it already takes for each one.
/// </summary>
internal sealed partial class QuietXenStoreCheck : IDisposable
{
    /// <summary>
    /// How often the connection is looked at: a healthy xenstored answers in milliseconds (seconds
    /// when the host is loaded), so a request still waiting across a whole interval is not slowness.
    /// </summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

    private readonly Func<XenStoreClient?> _current;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _reminderInterval;
    private readonly ITimer _timer;

    // A timer's callbacks can overlap when one is late; the looks must be taken one after another.
    // Dispose takes it too, so that no look logs once Dispose has returned.
    private readonly Lock _gate = new();
    private XenStoreClient? _client;
    private long _replies;
    private bool _waiting;
    private long _since;
    private bool _warned;
    private long _lastWarning;

    /// <param name="current">The connection the exchange serves now, or null while it has none.</param>
    /// <param name="logger">Where the warnings go.</param>
    /// <param name="time">The exchange's clock.</param>
    /// <param name="reminderInterval">How often a quiet spell that lasts is warned about again.</param>
    public QuietXenStoreCheck(Func<XenStoreClient?> current, ILogger logger, TimeProvider time, TimeSpan reminderInterval)
    {
        _current = current;
        _logger = logger;
        _time = time;
        _reminderInterval = reminderInterval;
        _timer = time.CreateTimer(static state => ((QuietXenStoreCheck)state!).Check(), this, CheckInterval, CheckInterval);
    }

    /// <summary>
    /// Stops the checks: once it returns, nothing more is logged. A look already running (a timer
    /// callback cannot be recalled) is waited for if it is logging, and logs nothing if it gets there after.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    // Set under _gate. Declared below the constructor, whose lambda the daemon's layout list names by position.
    private bool _disposed;

    private void Check()
    {
        lock (_gate)
        {
            var client = _current();
            if (client is null || !client.IsConnected)
            {
                // A broken connection is the reconnect's to report. The next one is another client (a
                // broken one never comes back), so the reference check below starts it a fresh watch.
                return;
            }

            var (replies, waiting) = client.Activity;
            // Right before the decision to log, under the lock Dispose sets it under: a look the
            // timer had already started when Dispose ran, or one Dispose ran during, logs nothing.
            if (_disposed)
            {
                return;
            }

            var now = _time.GetTimestamp();
            var quiet = ReferenceEquals(client, _client) && _waiting && replies == _replies;
            if (quiet && !_warned)
            {
                _warned = true;
                _lastWarning = now;
                LogQuiet(client.Description, Seconds(_since));
            }
            else if (quiet && _time.GetElapsedTime(_lastWarning) >= _reminderInterval)
            {
                _lastWarning = now;
                LogStillQuiet(client.Description, Seconds(_since));
            }
            else if (!quiet)
            {
                if (_warned && ReferenceEquals(client, _client))
                {
                    LogAnswersAgain(client.Description, Seconds(_since));
                }

                _warned = false;
                _since = now;
            }

            _client = client;
            _replies = replies;
            _waiting = waiting;
        }
    }

    private long Seconds(long since) => (long)_time.GetElapsedTime(since).TotalSeconds;

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore ({Endpoint}) has not answered for {Seconds} s: xenstored may be wedged; requests wait until it answers")]
    private partial void LogQuiet(string endpoint, long seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore ({Endpoint}) still has not answered, for {Seconds} s now: xenstored may be wedged; requests wait until it answers")]
    private partial void LogStillQuiet(string endpoint, long seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "XenStore ({Endpoint}) answers again (it was quiet for up to {Seconds} s)")]
    private partial void LogAnswersAgain(string endpoint, long seconds);
}
