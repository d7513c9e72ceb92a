using GuestAgent.Commands;

namespace GuestAgent.Protocol;

/// <summary>
/// A response to one request. <see cref="ToUtf8Json"/> renders the wire form, which Nova reads
/// through the plain <c>xenstore-read</c> tool and which therefore never contains a JSON escape.
/// </summary>
/// <param name="ReturnCode">The return code, for example <c>"0"</c>.</param>
/// <param name="Message">The message as the command produced it.</param>
public sealed record AgentResponse(string ReturnCode, string Message)
{
    /// <summary>
    /// Whether the answer refers to state kept in the exchange's in-memory session (see
    /// <see cref="ExchangeSession.BindAnswer"/>): an exchange must not replay it after a restart.
    /// </summary>
    public bool BoundToSession { get; init; }

    /// <summary>The response for a command result.</summary>
    public static AgentResponse From(CommandResult result) => new(result.ReturnCode, result.Message);

    /// <summary>The compact wire JSON, <c>{"returncode":"…","message":"…"}</c>, as UTF-8.</summary>
    public byte[] ToUtf8Json() => ResponseWriter.Write(ReturnCode, Message);

    /// <summary>The compact wire JSON as a string.</summary>
    public string ToJson() => System.Text.Encoding.UTF8.GetString(ToUtf8Json());
}
