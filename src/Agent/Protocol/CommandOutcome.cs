using GuestAgent.Commands;

namespace GuestAgent.Protocol;

/// <summary>
/// The answer <see cref="CommandExecutor"/> gives for one request: what kind of answer it is, and
/// the result (a return code and a message, both never <c>null</c>) that Nova's wire would carry.
/// </summary>
/// <param name="Kind">What became of the request; a parser maps it to its own error classes.</param>
/// <param name="Result">The complete result: its return code and message are set.</param>
public readonly record struct CommandOutcome(CommandOutcomeKind Kind, CommandResult Result)
{
    /// <summary>Whether the command succeeded (<see cref="CommandOutcomeKind.Succeeded"/>).</summary>
    public bool IsSuccess => Kind == CommandOutcomeKind.Succeeded;

    /// <summary>The return code, for example <c>"0"</c>, <c>"D0"</c>, <c>"404"</c> or <c>"500"</c>.</summary>
    public string ReturnCode => Result.ReturnCode;

    /// <summary>
    /// The message: on success the command's (see <see cref="CommandDescriptor.ResultEncoding"/> for
    /// whether it is JSON text), else a plain text fit for the caller. The executor's own texts never
    /// quote the request's value; a <see cref="CommandOutcomeKind.Refused"/> message is the command's
    /// own wording, which may name part of it (<c>Invalid user name 'b@d'</c>).
    /// </summary>
    public string Message => Result.Message;
}
