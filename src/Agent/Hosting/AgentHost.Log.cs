using Microsoft.Extensions.Logging;

namespace GuestAgent.Hosting;

/// <summary>What the host logs: each line about an exchange names it by pair index and type.</summary>
public sealed partial class AgentHost
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Count} exchange(s)")]
    private partial void LogServing(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: the parser failed with {ExceptionType}; answering with an internal error")]
    private partial void LogParserFailed(string requestId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: the parser was cut off by the shutdown; answering with an internal error")]
    private partial void LogParserCutOff(string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped serving")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Error, Message = "Exchange {ExchangeIndex} ({ExchangeType}) failed to start ({ExceptionType}: {Reason}); the host is not serving, and the {Started} exchange(s) already started are told so")]
    private partial void LogStartFailed(int exchangeIndex, string exchangeType, string exceptionType, string reason, int started);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exchange {ExchangeIndex} ({ExchangeType}) failed to get a request ({ExceptionType}: {Reason}); retrying in {RetrySeconds} s")]
    private partial void LogExchangeFailed(int exchangeIndex, string exchangeType, string exceptionType, string reason, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Exchange {ExchangeIndex} ({ExchangeType}) ended: it has no more requests, and its loop stops")]
    private partial void LogExchangeEnded(int exchangeIndex, string exchangeType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: response could not be delivered ({ExceptionType}: {Reason})")]
    private partial void LogDeliveryFailed(string requestId, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} on exchange {ExchangeIndex} ({ExchangeType}) abandoned unanswered: its command still runs {Seconds} s after the stop, ignoring its cancellation token; the host stops waiting for it")]
    private partial void LogAbandoned(string requestId, int exchangeIndex, string exchangeType, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exchange {ExchangeIndex} ({ExchangeType}) did not stop: it ignores the host's cancellation (GetRequestAsync must honour its token); the host stops waiting for it")]
    private partial void LogExchangeDidNotStop(int exchangeIndex, string exchangeType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped serving, abandoning {Count} request(s) in progress")]
    private partial void LogStoppedAbandoning(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: the parser returned no response ({ParserType}); answering with an internal error")]
    private partial void LogParserGaveNoResponse(string requestId, string parserType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: the parser's failure response failed with {ExceptionType}; answering with Nova's internal error")]
    private partial void LogFailureResponseFailed(string requestId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} on exchange {ExchangeIndex} ({ExchangeType}) abandoned: its answer is still being delivered {Seconds} s after the stop (PutResponseAsync ignores its cancellation token); the host stops waiting for it")]
    private partial void LogDeliveryAbandoned(string requestId, int exchangeIndex, string exchangeType, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exchange {ExchangeIndex} ({ExchangeType}) did not start: its StartAsync still runs {Seconds} s after the stop, ignoring the host's cancellation (StartAsync must honour its token); the host stops waiting for it")]
    private partial void LogExchangeDidNotStart(int exchangeIndex, string exchangeType, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} (command '{Command}') on exchange {ExchangeIndex} ({ExchangeType}) not started: the exchange handed it over after the stopping host had given up on it; it is left to the exchange unanswered (an exchange that keeps each request until it is answered hands it over again at the agent's next start)")]
    private partial void LogRequestNotStarted(string requestId, string command, int exchangeIndex, string exchangeType);

    [LoggerMessage(Level = LogLevel.Error, Message = "A callback registered on the host's token failed as the host stopped ({Count} failure(s), the first {ExceptionType}: {Reason}); the stop goes on")]
    private partial void LogTokenCallbackFailed(int count, string exceptionType, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} (command '{Command}') on exchange {ExchangeIndex} ({ExchangeType}) not started: the exchange handed it over after the shutdown timeout ({Seconds} s after the stop) had run out, when its command would start already cancelled; it is left to the exchange unanswered (an exchange that keeps each request until it is answered hands it over again at the agent's next start)")]
    private partial void LogRequestNotStartedPastDeadline(string requestId, string command, int exchangeIndex, string exchangeType, double seconds);
}
