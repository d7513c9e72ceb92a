using GuestAgent.Commands;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Protocol;

/// <summary>
/// Runs one command through a registry with everything that makes its answer correct and safe,
/// whatever the wire format: the parser decodes its envelope, hands over the command name and value,
/// and renders the <see cref="CommandOutcome"/> in its own format. <see cref="NovaJsonParser"/> is
/// Nova's envelope over it; a QMP, JSON-RPC or HTTP parser is another.
/// </summary>
/// <remarks>
/// <para>What it takes care of: a command that throws before its first <c>await</c> (the exception
/// escapes <see cref="ICommandRegistry.TryDispatch"/> itself) is handled like any failure; a
/// <see cref="CommandException"/> becomes its result; a <see cref="MissingServiceException"/> is
/// logged with its type names; a command cut off by <c>cancellationToken</c> is answered
/// <c>Command '…' was cancelled</c> and its answer bound to the session
/// (<see cref="ExchangeSession.BindAnswer"/>); any other exception becomes a generic text, with only
/// its type logged (its message at Debug level); a result without a return code or message
/// (<c>default(CommandResult)</c>) is made complete; a disabled command (<see cref="IDisabledCommands"/>)
/// is told from an unknown one; and commands see <see cref="ICommandRegistry"/> answered by the
/// registry served here (what the built-in <c>features</c> lists).</para>
/// <para>What it logs, through the logger it is given: the request id, command name, value size,
/// return code and message length at Information; error answers with their message at Warning;
/// failures at Error. Never the value: a parser using it logs what <see cref="NovaJsonParser"/> logs.</para>
/// <para>Thread-safe: one executor serves any number of requests at once.</para>
/// </remarks>
public sealed partial class CommandExecutor
{
    private readonly ICommandRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;

    /// <summary>Creates the executor.</summary>
    /// <param name="registry">The commands to serve.</param>
    /// <param name="services">
    /// Services handed to commands through <see cref="CommandContext"/>. Their
    /// <see cref="ICommandRegistry"/> is always <paramref name="registry"/>, whether or not the
    /// services hold one.
    /// </param>
    /// <param name="logger">Where the request lifecycle is logged (the parser's own category, typically); never values.</param>
    public CommandExecutor(ICommandRegistry registry, IServiceProvider? services = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        Names = new CommandNameCache(registry);
        _services = new ServedRegistryServices(registry, services ?? EmptyServiceProvider.Instance);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The registry the commands come from.</summary>
    public ICommandRegistry Registry => _registry;

    /// <summary>The services commands get: the caller's, with <see cref="ICommandRegistry"/> answered by <see cref="Registry"/>.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The names of the registry's commands, decoded once.</summary>
    internal CommandNameCache Names { get; }

    /// <summary>
    /// The descriptor of the command named <paramref name="utf8Name"/> (for its
    /// <see cref="CommandDescriptor.ResultEncoding"/>, say), or <c>null</c> when the registry lists
    /// none. An index built with the executor: a hash of the name, no allocation, fine for every request.
    /// </summary>
    /// <param name="utf8Name">The command name, UTF-8.</param>
    public CommandDescriptor? FindCommand(ReadOnlySpan<byte> utf8Name) => Names.Find(utf8Name);

    /// <summary>
    /// Runs the command named <paramref name="utf8Name"/> with <paramref name="value"/>. Never throws
    /// for anything the command or the request does: every failure is an outcome.
    /// </summary>
    /// <param name="utf8Name">The command name, UTF-8, as the request gave it (decoded from any escapes of the parser's format).</param>
    /// <param name="value">
    /// The UTF-8 text of exactly one complete JSON value, the command's arguments (white space around
    /// it is allowed). A request without arguments passes the JSON empty string <c>""</c> (two quote
    /// characters, Nova's missing value), not <c>{}</c>: a command with optional parameters takes
    /// their defaults from either, but one that takes a single <c>string</c> accepts only a string.
    /// Anything else is refused before any command runs, whatever the name, as
    /// <see cref="CommandOutcomeKind.InvalidValue"/> (<c>Command '…' received a value that is not
    /// valid JSON</c>, logged at Warning with why): no bytes or only white space, a truncated value,
    /// and bytes after the value (<c>{"a":2} junk</c>).
    /// </param>
    /// <param name="request">The request's id and session.</param>
    /// <param name="cancellationToken">Cancelled when the command must stop (the host's shutdown).</param>
    /// <returns>
    /// The outcome, complete at once (no allocation) for a command that completed synchronously.
    /// </returns>
    public ValueTask<CommandOutcome> ExecuteAsync(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Logged before the command runs, so that a command that blocks still shows in the log.
        var logsRequests = _logger.IsEnabled(LogLevel.Information);
        string? name = null;
        if (logsRequests)
        {
            name = Names.GetString(utf8Name);
            LogReceived(HostTextForLog.Cap(request.Id), HostTextForLog.Cap(name), value.Length);
        }

        // Before the command runs, whatever it binds: a command without parameters never reads its
        // value, so only this check tells a parser that its slice was too wide (with why, logged).
        if (OneJsonValue.Check(value.Span) is { } notOneValue)
        {
            return new(RefuseValue(request.Id, utf8Name, name, notOneValue));
        }

        var invocation = new CommandInvocation(request.Id, request.Session, _services, cancellationToken);
        ValueTask<CommandResult> running = default;
        bool found;
        try
        {
            found = _registry.TryDispatch(utf8Name, value, invocation, out running);
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
            return new(NotFound(request.Id, utf8Name, name));
        }

        // As NovaJsonParser's fast path: nothing to log, no name string.
        if (!logsRequests && running.IsCompletedSuccessfully && IsComplete(running.Result) &&
            (IsSuccess(running.Result) || !_logger.IsEnabled(LogLevel.Warning)))
        {
            return new(new CommandOutcome(Classify(running.Result), running.Result));
        }

        name ??= Names.GetString(utf8Name);
        return running.IsCompletedSuccessfully
            ? new(Completed(request.Id, name, running.Result))
            : AwaitAsync(request, name, running, cancellationToken);
    }

    /// <summary>
    /// Logs, at Warning, that a parser refused a request before any command ran (its envelope is
    /// malformed or names no command), as <see cref="NovaJsonParser"/> logs it.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="reason">Why, in a text that does not quote the request (it may hold a secret).</param>
    public void LogRejected(AgentRequest request, string reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogRejected(HostTextForLog.Cap(request.Id), reason);
    }

    /// <summary>
    /// The answer for a value that is not exactly one JSON value: the binding error a generated
    /// registry gives a value that is not JSON, whatever the name (the command does not run, and an
    /// unknown name is not told from a known one), logged with why.
    /// </summary>
    private CommandOutcome RefuseValue(string id, ReadOnlySpan<byte> utf8Name, string? name, string why)
    {
        name ??= Names.GetString(utf8Name);
        LogRejected(HostTextForLog.Cap(id), $"the value of command '{HostTextForLog.Cap(name)}' is not exactly one JSON value: {why}");
        return new(CommandOutcomeKind.InvalidValue, BindingErrors.Result(BindingErrors.InvalidJson(name)));
    }

    /// <summary>The answer for a name no served command has, logged as unknown or disabled.</summary>
    /// <param name="id">The request id.</param>
    /// <param name="utf8Name">The name as the request gave it.</param>
    /// <param name="name">The name decoded, when the caller has it already.</param>
    internal CommandOutcome NotFound(string id, ReadOnlySpan<byte> utf8Name, string? name)
    {
        var unknown = name ?? Names.GetString(utf8Name);
        if (_registry is IDisabledCommands disabled && disabled.IsDisabled(utf8Name, out var howToEnable))
        {
            // The same answer as for a name no command has: the wire does not change, the log does.
            LogDisabled(HostTextForLog.Cap(id), HostTextForLog.Cap(unknown), howToEnable);
            return new(CommandOutcomeKind.Disabled, CommandResult.Error(ProtocolMessages.UnknownCommand(unknown), ReturnCodes.NotFound));
        }

        LogUnknown(HostTextForLog.Cap(id), HostTextForLog.Cap(unknown));
        return new(CommandOutcomeKind.NotFound, CommandResult.Error(ProtocolMessages.UnknownCommand(unknown), ReturnCodes.NotFound));
    }

    /// <summary>Awaits a command that did not complete at once, or failed, and makes its outcome.</summary>
    internal async ValueTask<CommandOutcome> AwaitAsync(AgentRequest request, string name, ValueTask<CommandResult> running, CancellationToken cancellationToken)
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
            LogMissingService(HostTextForLog.Cap(id), name, exception.Message);
            return Completed(id, name, CommandOutcomeKind.MissingService, CommandResult.Error(ProtocolMessages.CommandFailed(name)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cut off by shutdown: the answer must not outlive this process (see ExchangeSession.BindAnswer),
            // or a restarted agent would replay "cancelled" from its journal instead of running the command.
            request.Session.BindAnswer(id);
            return Completed(id, name, CommandOutcomeKind.Cancelled, CommandResult.Error(ProtocolMessages.CommandCancelled(name)));
        }
#pragma warning disable CA1031 // Any failure of a command becomes a response: the agent keeps serving.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Including a command's own timeouts (OperationCanceledException that is not ours).
            LogFailed(HostTextForLog.Cap(id), name, exception.GetType().FullName ?? exception.GetType().Name);
            LogFailureDetails(HostTextForLog.Cap(id), name, exception);
            return Completed(id, name, CommandOutcomeKind.Failed, CommandResult.Error(ProtocolMessages.CommandFailed(name)));
        }
    }

    /// <summary>Whether the return code is a success: <c>"0"</c>, or <c>"D0"</c> (<c>keyinit</c>).</summary>
    internal static bool IsSuccess(CommandResult result) => result.ReturnCode is ReturnCodes.Success or ReturnCodes.KeyInitSuccess;

    /// <summary>Whether the result can go on the wire as it is: it has a return code and a message.</summary>
    internal static bool IsComplete(CommandResult result) => !string.IsNullOrEmpty(result.ReturnCode) && result.Message is not null;

    /// <summary>The kind of a complete result the command (or the registry's binding) returned.</summary>
    private static CommandOutcomeKind Classify(CommandResult result) =>
        IsSuccess(result) ? CommandOutcomeKind.Succeeded
        : BindingErrors.IsBindingError(result) ? CommandOutcomeKind.InvalidValue
        : CommandOutcomeKind.Refused;

    /// <summary>The outcome of a result the command returned, made complete and logged.</summary>
    internal CommandOutcome Completed(string id, string name, CommandResult result)
    {
        if (string.IsNullOrEmpty(result.ReturnCode))
        {
            // default(CommandResult): a bug of the command, answered as a failure that names it.
            LogNoResult(HostTextForLog.Cap(id), name);
            return Completed(id, name, CommandOutcomeKind.Failed, CommandResult.Error(ProtocolMessages.NoResult(name)));
        }

        if (result.Message is null)
        {
            result = result with { Message = string.Empty };
        }

        return Completed(id, name, Classify(result), result);
    }

    private CommandOutcome Completed(string id, string name, CommandOutcomeKind kind, CommandResult result)
    {
        LogCompleted(HostTextForLog.Cap(id), name, result.ReturnCode, result.Message.Length);
        if (kind != CommandOutcomeKind.Succeeded)
        {
            // The operator's only view of why a command failed: the answer itself goes to the host and
            // is swept from XenStore later. Answers never carry secrets (commands word them for the host).
            LogAnsweredWithError(HostTextForLog.Cap(id), name, result.ReturnCode, result.Message);
        }

        return new(kind, result);
    }
}
