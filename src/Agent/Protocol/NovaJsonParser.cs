using System.Runtime.CompilerServices;
using GuestAgent.Commands;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Protocol;

/// <summary>
/// The legacy JSON protocol of the Nova XenAPI agent (the original's <c>JsonParser</c>):
/// <c>{"name","value"}</c> in, <c>{"returncode","message"}</c> out, with the original's exact error
/// texts. Commands come from a generated <see cref="ICommandRegistry"/>, run by a
/// <see cref="CommandExecutor"/>: this class is Nova's envelope around it.
/// </summary>
public sealed class NovaJsonParser : IParser
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
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _executor = new CommandExecutor(registry, services, _logger);
        _registry = registry;
        _names = _executor.Names;
        _services = _executor.Services;
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
            // The original's answer; logged as any other refusal, or a custom exchange that hands over
            // requests without data would get "500" answers with nothing in the log to say why.
            _executor.LogRejected(HostTextForLog.Cap(request.Id), "the exchange handed over no data");
            return new(CommandResult.Error(ProtocolMessages.InternalError));
        }

        switch (NovaRequestReader.Read(data, out var nameRange, out var nameIsString, out var nameHasEscapes, out var value))
        {
            case NovaRequestReader.Outcome.Malformed:
                _executor.LogRejected(HostTextForLog.Cap(request.Id), ProtocolMessages.Malformed);
                return new(CommandResult.Error(ProtocolMessages.Malformed));
            case NovaRequestReader.Outcome.TooDeep:
                _executor.LogRejected(HostTextForLog.Cap(request.Id), ProtocolMessages.TooDeep);
                return new(CommandResult.Error(ProtocolMessages.TooDeep));
            case NovaRequestReader.Outcome.MissingName:
                _executor.LogRejected(HostTextForLog.Cap(request.Id), ProtocolMessages.MissingName);
                return new(CommandResult.Error(ProtocolMessages.MissingName));
        }

        // A name written with JSON escapes (rare) is decoded; otherwise its bytes are used in place.
        var nameBytes = NovaRequestReader.NameBytes(data.Span, nameRange, nameHasEscapes);

        // The steps of CommandExecutor.ExecuteAsync, written out here rather than called: returning
        // its CommandOutcome (one field more than CommandResult) and converting it would cost the
        // no-argument request time it does not have (docs/benchmarks.md, "Dispatch"). Everything past
        // the fast path below is the executor's own code.
        // Logged before the command runs, so that a command that blocks (or never returns) still shows
        // in the log; only when Information is on, so that the hot path makes no name string otherwise.
        // A name that is not a string (null, 17) dispatches nothing but is logged too, as its JSON
        // text, the way the "unknown command" line and the answer quote it.
        var logsRequests = _logger.IsEnabled(LogLevel.Information);
        string? name = null;
        if (logsRequests)
        {
            name = _names.GetString(nameBytes);
            _executor.LogReceived(HostTextForLog.Cap(request.Id), HostTextForLog.Cap(name), value.Length);
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
            return new(Unknown(request.Id, nameBytes, name));
        }

        // The common case, a command that completed at once with nothing to log, needs no name string.
        // A result without a return code or message (default(CommandResult)) takes the slow path,
        // where Completed answers it with the command's name: two null tests on fields already loaded.
        // One logger level check (an interface call) per successful request, none after it.
        if (!logsRequests && running.IsCompletedSuccessfully && CommandExecutor.IsComplete(running.Result) &&
            (CommandExecutor.IsSuccess(running.Result) || !_logger.IsEnabled(LogLevel.Warning)))
        {
            return new(running.Result);
        }

        name ??= _names.GetString(nameBytes);
        return running.IsCompletedSuccessfully
            ? new(Completed(request.Id, name, running.Result))
            : AwaitAsync(request, name, running, cancellationToken);
    }

    private async ValueTask<CommandResult> AwaitAsync(AgentRequest request, string name, ValueTask<CommandResult> running, CancellationToken cancellationToken) =>
        (await _executor.AwaitAsync(request, name, running, cancellationToken).ConfigureAwait(false)).Result;

    // Out of line, so that ExecuteAsync's frame holds no CommandOutcome: a larger frame to zero on
    // every call made the no-argument request slower (measured, docs/benchmarks.md "Dispatch").
    [MethodImpl(MethodImplOptions.NoInlining)]
    private CommandResult Unknown(string id, ReadOnlySpan<byte> nameBytes, string? name) => _executor.NotFound(id, nameBytes, name).Result;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private CommandResult Completed(string id, string name, CommandResult result) => _executor.Completed(id, name, result).Result;

    // Declared last: the compiler numbers async state machines by member position, and the daemon's
    // layout list (src/Agent.Daemon/hot-methods.order) names them.
    private readonly CommandExecutor _executor;
}
