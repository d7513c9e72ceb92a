using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// Speaks up while <c>run</c>'s start waits for XenStore. A xenstored that accepts connections and
/// never answers (wedged, or still starting) would otherwise leave the journal silent until systemd's
/// <c>TimeoutStartSec</c> kills the agent, and the operator with nothing to say why it never became
/// ready. Nothing is given up here: xenstored may only be slow to start, and the unit bounds the wait.
/// </summary>
internal sealed partial class XenStoreStartupWait : IDisposable
{
    /// <summary>
    /// The first warning: far beyond a healthy xenstored's answer (milliseconds, seconds when the
    /// host is loaded), and early in the shipped unit's 120 s so the journal says why before systemd acts.
    /// </summary>
    public static readonly TimeSpan FirstWarning = TimeSpan.FromSeconds(10);

    /// <summary>Then one every 30 s: the journal shows the wait goes on, and for how long, without filling up.</summary>
    public static readonly TimeSpan RepeatInterval = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _endpoint;
    private readonly long _started;
    private readonly ITimer _timer;

    // Null until connected: until then the one thing that can wait is a socket's full listen queue.
    private volatile string? _connection;

    /// <summary>Starts the clock: a warning after <see cref="FirstWarning"/>, then every <see cref="RepeatInterval"/>, until disposed.</summary>
    /// <param name="endpoint">The socket or device being connected to, as the connection error would name it.</param>
    /// <param name="logger">Where the warnings go.</param>
    /// <param name="time">The clock (a test's manual one).</param>
    public XenStoreStartupWait(string endpoint, ILogger logger, TimeProvider time)
    {
        _endpoint = endpoint;
        _logger = logger;
        _time = time;
        _started = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((XenStoreStartupWait)state!).Warn(), this, FirstWarning, RepeatInterval);
    }

    /// <summary>Connected to <paramref name="description"/>: what is awaited from now on is an answer.</summary>
    public void Connected(string description) => _connection = description;

    /// <summary>Stops the warnings: start-up has what it waited for, or gave up waiting.</summary>
    public void Dispose()
    {
        _timer.Dispose();
    }

    private void Warn()
    {
        var seconds = (long)_time.GetElapsedTime(_started).TotalSeconds;
        if (_connection is { } connection)
        {
            LogNoAnswer(_logger, connection, seconds);
        }
        else
        {
            LogNotAccepted(_logger, _endpoint, seconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore ({Endpoint}) has not accepted the connection after {Seconds} s (its listen queue is full: xenstored is starting, overloaded or wedged); still waiting, and not ready until it does")]
    private static partial void LogNotAccepted(ILogger logger, string endpoint, long seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XenStore ({Endpoint}) has not answered after {Seconds} s (xenstored is starting, overloaded or wedged); still waiting, and not ready until it does")]
    private static partial void LogNoAnswer(ILogger logger, string endpoint, long seconds);
}
