namespace GuestAgent.Commands;

/// <summary>
/// Thrown by a command to answer with a specific return code and message. Any other exception
/// escaping a command becomes <c>"500"</c> with a generic message, so secrets never leak through
/// exception texts.
/// </summary>
/// <remarks>
/// The message is the answer the host reads, so it is never left to .NET's default ("Exception of
/// type … was thrown."): a <c>null</c>, empty or blank message becomes <see cref="DefaultMessage"/>,
/// and a <c>null</c> or empty return code <c>"500"</c>. Throwing from the constructor instead would
/// turn the command's intended answer into a generic internal error.
/// </remarks>
public class CommandException : Exception
{
    /// <summary>The message answered when the command gave none.</summary>
    public const string DefaultMessage = "The command failed";

    /// <summary>Creates the exception with return code <c>"500"</c>.</summary>
    public CommandException(string message) : this(message, ReturnCodes.Error)
    {
    }

    /// <summary>Creates the exception with an explicit return code.</summary>
    public CommandException(string message, string returnCode) : base(OrDefault(message)) =>
        ReturnCode = string.IsNullOrEmpty(returnCode) ? ReturnCodes.Error : returnCode;

    /// <summary>Creates the exception with an inner exception and return code <c>"500"</c>.</summary>
    public CommandException(string message, Exception innerException) : base(OrDefault(message), innerException) =>
        ReturnCode = ReturnCodes.Error;

    /// <summary>The protocol return code to answer with.</summary>
    public string ReturnCode { get; }

    /// <summary>The result this exception stands for.</summary>
    public CommandResult ToResult() => new(ReturnCode, Message);

    // An empty answer would reach the host (and the log's "answered '500': ") saying nothing at all.
    private static string OrDefault(string? message) => string.IsNullOrWhiteSpace(message) ? DefaultMessage : message;
}
