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
    /// <remarks>
    /// <para>This is the bare dispatch: a parser should call <see cref="Protocol.CommandExecutor"/>
    /// instead, which adds everything an answer needs to be correct and safe (docs/plugins.md,
    /// "Writing a parser"). Calling it directly, know its failure contract:</para>
    /// <list type="bullet">
    /// <item><description>A synchronous command's exception (or an asynchronous one's before its first
    /// <c>await</c>) escapes this call itself; it is not a faulted <paramref name="result"/>.</description></item>
    /// <item><description>A <see cref="CommandException"/> is not turned into a result: it escapes the call
    /// or faults <paramref name="result"/>; <see cref="CommandException.ToResult"/> gives its answer.</description></item>
    /// <item><description>Only binding errors (a value that does not fit the parameters) complete
    /// <paramref name="result"/> with an error result: <c>"500"</c> and a text of <see cref="BindingErrors"/>,
    /// which <see cref="BindingErrors.IsBindingError"/> recognises.</description></item>
    /// <item><description>A command can complete with <c>default(CommandResult)</c> (no return code, no message).</description></item>
    /// <item><description>Cancellation of the invocation's token surfaces as an <see cref="OperationCanceledException"/>.</description></item>
    /// </list>
    /// </remarks>
    /// <param name="utf8Name">The command name, UTF-8, exactly as in the request.</param>
    /// <param name="value">
    /// The request's <c>value</c> as the UTF-8 text of one complete JSON value (a generated
    /// registry refuses more, <c>1 2</c>, with <see cref="BindingErrors.InvalidJson"/>, for a
    /// command that reads its value; one that binds nothing never reads it). The value is read once,
    /// front to back, and the first fault met answers: bytes after a value that already fails on its
    /// own (<c>{"a":"x"} 1</c> for an <c>int a</c>) get that value's binding error, not
    /// <see cref="BindingErrors.InvalidJson"/> (<c>CommandExecutor</c> refuses them first). A request without a
    /// value passes <c>""</c>, the JSON empty string (two quote characters: Nova's convention), not
    /// <c>{}</c>: optional parameters take their defaults from it, and a command
    /// that takes a single <c>string</c> refuses anything but a JSON string.
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
