namespace GuestAgent.Protocol;

/// <summary>
/// What became of a request <see cref="CommandExecutor"/> ran: the class of its answer, for a parser
/// to map to its own wire's error classes (QMP's <c>CommandNotFound</c>, JSON-RPC's
/// <c>-32602</c>, HTTP's 400 or 500) without reading the message. The return code and message of
/// <see cref="CommandOutcome"/> are Nova's whatever the kind.
/// </summary>
public enum CommandOutcomeKind
{
    /// <summary>
    /// No outcome: the value of <c>default(CommandOutcome)</c> (an uninitialised field, say), never
    /// produced by <see cref="CommandExecutor"/>. Zero, so that such a value does not read as a success.
    /// </summary>
    None,

    /// <summary>The command succeeded: return code <c>"0"</c>, or <c>"D0"</c> for <c>keyinit</c>.</summary>
    Succeeded,

    /// <summary>No command has the name (<c>"404"</c>, <c>No such agent command '…'</c>).</summary>
    NotFound,

    /// <summary>
    /// The registry has the command but configuration turned it off (<see cref="Commands.IDisabledCommands"/>).
    /// Nova answers it exactly as <see cref="NotFound"/>; the log says how to enable it.
    /// </summary>
    Disabled,

    /// <summary>
    /// The request's value does not fit the command's parameters (a binding error of the generated
    /// registry, <see cref="Commands.BindingErrors"/>): <c>"500"</c> and a text that names the
    /// property and what it must be, never the value. The caller's mistake, not the command's. Also a
    /// value that is not exactly one JSON value (<c>Command '…' received a value that is not valid
    /// JSON</c>), refused by <see cref="CommandExecutor"/> before the command runs.
    /// </summary>
    InvalidValue,

    /// <summary>
    /// The command ran and answered with an error of its own: it threw a
    /// <see cref="Commands.CommandException"/> or returned a result with a failure code. The code and
    /// message are the command's.
    /// </summary>
    Refused,

    /// <summary>
    /// The command failed unexpectedly: it threw another exception (its type is logged, its message
    /// only at Debug level), or returned no result (<c>default(CommandResult)</c>). <c>"500"</c> with a
    /// generic text.
    /// </summary>
    Failed,

    /// <summary>
    /// The command was cut off by the caller's cancellation (the host's shutdown): <c>"500"</c>,
    /// <c>Command '…' was cancelled</c>. The answer is bound to the session (see
    /// <see cref="Commands.ExchangeSession.BindAnswer"/>), so no journal replays it after a restart.
    /// </summary>
    Cancelled,

    /// <summary>
    /// The command's class needs a service the application did not register (a configuration error,
    /// <see cref="Commands.MissingServiceException"/>, logged at Error with the type names):
    /// <c>"500"</c> with the same generic text as <see cref="Failed"/>.
    /// </summary>
    MissingService,
}
