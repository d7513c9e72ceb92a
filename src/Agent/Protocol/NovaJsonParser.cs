using GuestAgent.Commands;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Protocol;

/// <summary>
/// The legacy JSON protocol of the Nova XenAPI agent (the original's <c>JsonParser</c>):
/// <c>{"name","value"}</c> in, <c>{"returncode","message"}</c> out, with the original's exact error
/// texts. Commands come from a generated <see cref="ICommandRegistry"/>.
/// </summary>
public sealed partial class NovaJsonParser : IParser
{
    private readonly ICommandRegistry _registry;
    private readonly CommandNameCache _names;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;

    /// <summary>Creates the parser.</summary>
    /// <param name="registry">The commands to serve.</param>
    /// <param name="services">
    /// Services handed to commands through <see cref="CommandContext"/>. Their
    /// <see cref="ICommandRegistry"/> is always <paramref name="registry"/>, the one this parser serves
    /// (what the built-in <c>features</c> lists), whether or not the services hold one.
    /// </param>
    /// <param name="logger">Where command names, ids, sizes and codes are logged; never values.</param>
    public NovaJsonParser(ICommandRegistry registry, IServiceProvider? services = null, ILogger<NovaJsonParser>? logger = null)
    {
        _registry = registry;
        _names = new CommandNameCache(registry);
        _services = new ServedRegistryServices(registry, services ?? EmptyServiceProvider.Instance);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        return AgentResponse.From(result);
    }

    /// <summary>Runs a request and returns the command result, without building the response.</summary>
    public ValueTask<CommandResult> ExecuteAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        if (request.Data is not { } data)
        {
            return new(CommandResult.Error(ProtocolMessages.InternalError));
        }

        switch (NovaRequestReader.Read(data, out var nameRange, out var nameIsString, out var nameHasEscapes, out var value))
        {
            case NovaRequestReader.Outcome.Malformed:
                LogRejected(request.Id, ProtocolMessages.Malformed);
                return new(CommandResult.Error(ProtocolMessages.Malformed));
            case NovaRequestReader.Outcome.MissingName:
                LogRejected(request.Id, ProtocolMessages.MissingName);
                return new(CommandResult.Error(ProtocolMessages.MissingName));
        }

        // A name written with JSON escapes (rare) is decoded; otherwise its bytes are used in place.
        var nameBytes = NovaRequestReader.NameBytes(data.Span, nameRange, nameHasEscapes);

        // Logged before the command runs, so that a command that blocks (or never returns) still shows
        // in the log; only when Information is on, so that the hot path makes no name string otherwise.
        var logsRequests = _logger.IsEnabled(LogLevel.Information);
        string? name = null;
        if (logsRequests && nameIsString)
        {
            name = _names.GetString(nameBytes);
            LogReceived(request.Id, HostTextForLog.Cap(name), value.Length);
        }

        var invocation = new CommandInvocation(request.Id, request.Session, _services, cancellationToken);
        ValueTask<CommandResult> running = default;
        bool found;
        try
        {
            found = nameIsString && _registry.TryDispatch(nameBytes, value, invocation, out running);
        }
#pragma warning disable CA1031 // A command that fails before its first await is handled like any other failure.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            found = true;
            running = ValueTask.FromException<CommandResult>(exception);
        }

        if (!found)
        {
            var unknown = name ?? _names.GetString(nameBytes);
            if (_registry is IDisabledCommands disabled && disabled.IsDisabled(nameBytes, out var howToEnable))
            {
                // The same answer as for a name no command has: the wire does not change, the log does.
                LogDisabled(request.Id, HostTextForLog.Cap(unknown), howToEnable);
            }
            else
            {
                LogUnknown(request.Id, HostTextForLog.Cap(unknown));
            }

            return new(CommandResult.Error(ProtocolMessages.UnknownCommand(unknown), ReturnCodes.NotFound));
        }

        // The common case, a command that completed at once with nothing to log, needs no name string.
        // A result without a return code or message (default(CommandResult)) takes the slow path,
        // where Completed answers it with the command's name: two null tests on fields already loaded.
        // One logger level check (an interface call) per successful request, none after it.
        if (!logsRequests && running.IsCompletedSuccessfully && IsComplete(running.Result) &&
            (IsSuccess(running.Result) || !_logger.IsEnabled(LogLevel.Warning)))
        {
            return new(running.Result);
        }

        name ??= _names.GetString(nameBytes);
        return running.IsCompletedSuccessfully
            ? new(Completed(request.Id, name, running.Result))
            : AwaitAsync(request, name, running, cancellationToken);
    }

    private async ValueTask<CommandResult> AwaitAsync(AgentRequest request, string name, ValueTask<CommandResult> running, CancellationToken cancellationToken)
    {
        var id = request.Id;
        try
        {
            return Completed(id, name, await running.ConfigureAwait(false));
        }
        catch (CommandException exception)
        {
            return Completed(id, name, exception.ToResult());
        }
        catch (MissingServiceException exception)
        {
            // A configuration error, not a bug: its text (type names only) is the operator's fix.
            LogMissingService(id, name, exception.Message);
            return Completed(id, name, CommandResult.Error(ProtocolMessages.CommandFailed(name)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cut off by shutdown: the answer must not outlive this process (see ExchangeSession.BindAnswer),
            // or a restarted agent would replay "cancelled" from its journal instead of running the command.
            request.Session.BindAnswer(id);
            return Completed(id, name, CommandResult.Error(ProtocolMessages.CommandCancelled(name)));
        }
#pragma warning disable CA1031 // Any failure of a command becomes a response: the agent keeps serving.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Including a command's own timeouts (OperationCanceledException that is not ours).
            LogFailed(id, name, exception.GetType().FullName ?? exception.GetType().Name);
            LogFailureDetails(id, name, exception);
            return Completed(id, name, CommandResult.Error(ProtocolMessages.CommandFailed(name)));
        }
    }

    private static bool IsSuccess(CommandResult result) => result.ReturnCode is ReturnCodes.Success or ReturnCodes.KeyInitSuccess;

    /// <summary>Whether the result can go on the wire as it is: it has a return code and a message.</summary>
    private static bool IsComplete(CommandResult result) => !string.IsNullOrEmpty(result.ReturnCode) && result.Message is not null;

    private CommandResult Completed(string id, string name, CommandResult result)
    {
        if (!IsComplete(result))
        {
            result = MadeComplete(id, name, result.ReturnCode, result.Message);
        }

        LogCompleted(id, name, result.ReturnCode, result.Message.Length);
        if (!IsSuccess(result))
        {
            // The operator's only view of why a command failed: the answer itself goes to the host and
            // is swept from XenStore later. Answers never carry secrets (commands word them for the host).
            LogAnsweredWithError(id, name, result.ReturnCode, result.Message);
        }

        return result;
    }

    /// <summary>
    /// A result the command left incomplete (<c>default(CommandResult)</c>, a null return code or
    /// message) made into one the host can read: without a return code it is a failure, named as such.
    /// </summary>
    private CommandResult MadeComplete(string id, string name, string? returnCode, string? message)
    {
        if (string.IsNullOrEmpty(returnCode))
        {
            LogNoResult(id, name);
            return CommandResult.Error(ProtocolMessages.NoResult(name));
        }

        return new(returnCode, message ?? string.Empty);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: command '{Command}' returned no result (a CommandResult without a return code, such as default(CommandResult)); answering with an error")]
    private partial void LogNoResult(string requestId, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: command '{Command}' received ({ValueBytes} bytes of value)")]
    private partial void LogReceived(string requestId, string command, int valueBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: command '{Command}' completed with code '{ReturnCode}' ({MessageLength} characters of message)")]
    private partial void LogCompleted(string requestId, string command, string returnCode, int messageLength);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: command '{Command}' answered '{ReturnCode}': {Answer}")]
    private partial void LogAnsweredWithError(string requestId, string command, string returnCode, string answer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: unknown command '{Command}'")]
    private partial void LogUnknown(string requestId, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: command '{Command}' is disabled by configuration ({HowToEnable}); answered as an unknown command")]
    private partial void LogDisabled(string requestId, string command, string howToEnable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: rejected: {Reason}")]
    private partial void LogRejected(string requestId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: command '{Command}' failed with {ExceptionType}")]
    private partial void LogFailed(string requestId, string command, string exceptionType);

    // The exception's message and stack, for whoever debugs a command: only at Debug level, because
    // a command's own exception messages are not ours to vouch for (they could carry a value).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Request {RequestId}: command '{Command}' failure details")]
    private partial void LogFailureDetails(string requestId, string command, Exception exception);

    // Declared last: the compiler numbers async state machines by member position, and the daemon's
    // layout list (src/Agent.Daemon/hot-methods.order) names them.
    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: command '{Command}' cannot run: {Reason}")]
    private partial void LogMissingService(string requestId, string command, string reason);
}
