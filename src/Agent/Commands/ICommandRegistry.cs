namespace GuestAgent.Commands;

/// <summary>
/// A set of commands that can be dispatched by name. The generator implements it for each command
/// assembly (a <c>switch</c> over the names) and aggregates the registries of every referenced
/// command assembly into one for applications.
/// </summary>
public interface ICommandRegistry
{
    /// <summary>Every command of the registry, ordered by name.</summary>
    IReadOnlyList<CommandDescriptor> Commands { get; }

    /// <summary>Starts the command named <paramref name="utf8Name"/>, if the registry has it.</summary>
    /// <param name="utf8Name">The command name, UTF-8, exactly as in the request.</param>
    /// <param name="value">
    /// The request's <c>value</c> as the UTF-8 text of one complete JSON value (a missing value is
    /// passed as <c>""</c>, the JSON empty string).
    /// </param>
    /// <param name="invocation">The request's identity and services, for commands that ask for them.</param>
    /// <param name="result">The running command; binding errors complete it with a <c>"500"</c> result.</param>
    /// <returns><c>false</c> when no command has that name.</returns>
    bool TryDispatch(
        ReadOnlySpan<byte> utf8Name,
        ReadOnlyMemory<byte> value,
        in CommandInvocation invocation,
        out ValueTask<CommandResult> result);
}
