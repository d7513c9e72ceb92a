namespace GuestAgent.Commands;

/// <summary>The outcome of a command: a protocol return code and a message.</summary>
/// <param name="ReturnCode">The return code, for example <c>"0"</c>, <c>"D0"</c> or <c>"500"</c>.</param>
/// <param name="Message">The message; the protocol layer makes it safe for the wire.</param>
public readonly record struct CommandResult(string ReturnCode, string Message)
{
    /// <summary>A successful result (<c>"0"</c>) with an optional message.</summary>
    public static CommandResult Ok(string message = "") => new(ReturnCodes.Success, message);

    /// <summary>A failed result, <c>"500"</c> unless another code is given.</summary>
    public static CommandResult Error(string message, string returnCode = ReturnCodes.Error) => new(returnCode, message);

    /// <summary>Whether the return code is <c>"0"</c>.</summary>
    public bool IsSuccess => ReturnCode == ReturnCodes.Success;
}
