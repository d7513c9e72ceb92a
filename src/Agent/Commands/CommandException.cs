namespace GuestAgent.Commands;

/// <summary>
/// Thrown by a command to answer with a specific return code and message. Any other exception
/// escaping a command becomes <c>"500"</c> with a generic message, so secrets never leak through
/// exception texts.
/// </summary>
public class CommandException : Exception
{
    /// <summary>Creates the exception with return code <c>"500"</c>.</summary>
    public CommandException(string message) : this(message, ReturnCodes.Error)
    {
    }

    /// <summary>Creates the exception with an explicit return code.</summary>
    public CommandException(string message, string returnCode) : base(message) => ReturnCode = returnCode;

    /// <summary>Creates the exception with an inner exception and return code <c>"500"</c>.</summary>
    public CommandException(string message, Exception innerException) : base(message, innerException) =>
        ReturnCode = ReturnCodes.Error;

    /// <summary>The protocol return code to answer with.</summary>
    public string ReturnCode { get; }

    /// <summary>The result this exception stands for.</summary>
    public CommandResult ToResult() => new(ReturnCode, Message);
}
