using Microsoft.Extensions.Logging;

namespace GuestAgent.Protocol;

/// <summary>
/// The request-lifecycle log events, the same for every wire format: names, ids, sizes and codes;
/// an error answer's message (commands word it for the host, never with a secret); never a value.
/// </summary>
public sealed partial class CommandExecutor
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: command '{Command}' received ({ValueBytes} bytes of value)")]
    internal partial void LogReceived(string requestId, string command, int valueBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: command '{Command}' completed with code '{ReturnCode}' ({MessageLength} characters of message)")]
    private partial void LogCompleted(string requestId, string command, string returnCode, int messageLength);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: command '{Command}' answered '{ReturnCode}': {Answer}")]
    private partial void LogAnsweredWithError(string requestId, string command, string returnCode, string answer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: unknown command '{Command}'")]
    private partial void LogUnknown(string requestId, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: command '{Command}' is disabled by configuration ({HowToEnable}); answered as an unknown command")]
    private partial void LogDisabled(string requestId, string command, string howToEnable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: rejected: {Reason}")]
    internal partial void LogRejected(string requestId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: command '{Command}' returned no result (a CommandResult without a return code, such as default(CommandResult)); answering with an error")]
    private partial void LogNoResult(string requestId, string command);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: command '{Command}' failed with {ExceptionType}")]
    private partial void LogFailed(string requestId, string command, string exceptionType);

    // The exception's message and stack, for whoever debugs a command: only at Debug level, because
    // a command's own exception messages are not ours to vouch for (they could carry a value).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Request {RequestId}: command '{Command}' failure details")]
    private partial void LogFailureDetails(string requestId, string command, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: command '{Command}' cannot run: {Reason}")]
    private partial void LogMissingService(string requestId, string command, string reason);
}
