using GuestAgent.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands;

/// <summary>
/// A logger for what one command logs while it serves one request: every message starts with
/// <c>Request &lt;id&gt;: </c>, as the parser's and the host's own lines about that request do, so an
/// operator can follow one request through the log (<c>journalctl | grep 'Request 3f1c'</c>) even
/// when the command's lines are many, as <c>resetnetwork</c>'s are. The id is the host's node name
/// under <c>data/host</c>, never part of the request's value, quoted as <see cref="HostTextForLog"/> quotes host text. A structured logger, which reads the
/// message's key/value pairs rather than its text, finds the id there as <c>RequestId</c>
/// (<see cref="RequestLogState"/>).
/// </summary>
internal sealed class RequestLogger : ILogger
{
    /// <summary>The key of the request id in a message's state, as in the host's <c>Request {RequestId}: …</c> lines.</summary>
    public const string RequestIdKey = "RequestId";

    private readonly ILogger _inner;
    private readonly string _requestId;
    private readonly string _prefix;

    private RequestLogger(ILogger inner, string requestId)
    {
        _inner = inner;
        // The host chooses the id (up to about 2 KB of XenStore path); a command that logs many lines
        // would otherwise repeat it whole in each.
        _requestId = HostTextForLog.Cap(requestId);
        _prefix = "Request " + _requestId + ": ";
    }

    /// <summary>
    /// <paramref name="inner"/>, with <paramref name="requestId"/> before every message; a discarding
    /// logger, or a context without an id (a host that passed none), stays as it is.
    /// </summary>
    public static ILogger For(ILogger inner, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return inner is NullLogger || requestId is null ? inner : new RequestLogger(inner, requestId);
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!_inner.IsEnabled(logLevel))
        {
            return;
        }

        var text = string.Concat(_prefix, formatter(state, exception));
        var pairs = state as IReadOnlyList<KeyValuePair<string, object?>>;
        _inner.Log(logLevel, eventId, new RequestLogState(_requestId, text, pairs), exception, RequestLogState.Formatter);
    }
}
