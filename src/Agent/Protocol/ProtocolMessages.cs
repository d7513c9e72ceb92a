namespace GuestAgent.Protocol;

/// <summary>The exact texts of the legacy protocol's generic errors (nova-agent-protocol.md §3.2).</summary>
public static class ProtocolMessages
{
    /// <summary>The request could not be handled at all: the exchange handed over no data, or the parser itself failed.</summary>
    public const string InternalError = "Internal error with request";

    /// <summary>The request is not a JSON object.</summary>
    public const string Malformed = "Request is malformed";

    /// <summary>
    /// The request nests objects and arrays deeper than the 64 levels any reader of it takes: still
    /// malformed (the original's text begins the answer), with the reason, since the JSON is valid.
    /// </summary>
    public const string TooDeep = "Request is malformed: it nests objects and arrays deeper than 64 levels";

    /// <summary>The request has no <c>name</c>.</summary>
    public const string MissingName = "Request is missing 'name' key";

    /// <summary>The text for an unknown command.</summary>
    public static string UnknownCommand(string name) => $"No such agent command '{name}'";

    /// <summary>The text for an exception other than <c>CommandException</c>; it names no detail that could hold a secret.</summary>
    public static string CommandFailed(string name) => $"Command '{name}' failed with an internal error";

    /// <summary>
    /// The text for a command cut off by the agent's shutdown (its own timeouts are failures,
    /// <see cref="CommandFailed"/>).
    /// </summary>
    public static string CommandCancelled(string name) => $"Command '{name}' was cancelled";

    /// <summary>The text for a command that returned a result without a return code (<c>default(CommandResult)</c>).</summary>
    public static string NoResult(string name) => $"Command '{name}' returned no result";

    /// <summary>The same, where the command's name is not known.</summary>
    public const string NoResultUnnamed = "The command returned no result";

    /// <summary>
    /// The answer written in place of a response XenStore refused for the guest's quota, naming its
    /// size and the store's error so the operator sees why the command's real answer is missing.
    /// </summary>
    public static string ResponseRefused(int bytes, string error) =>
        $"The response ({bytes} bytes) was too large for XenStore, which refused it with {error}";
}
