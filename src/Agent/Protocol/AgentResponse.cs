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

    /// <summary>
    /// The response for a command result. A result without a return code (<c>default(CommandResult)</c>)
    /// becomes <c>"500"</c> with <see cref="ProtocolMessages.NoResultUnnamed"/>, a missing message an
    /// empty one, so every request gets an answer the host can read.
    /// </summary>
    public static AgentResponse From(CommandResult result) =>
        string.IsNullOrEmpty(result.ReturnCode)
            ? new(ReturnCodes.Error, ProtocolMessages.NoResultUnnamed)
            : new(result.ReturnCode, result.Message ?? string.Empty);

    /// <summary>The compact wire JSON, <c>{"returncode":"…","message":"…"}</c>, as UTF-8.</summary>
    public byte[] ToUtf8Json() => ResponseWriter.Write(ReturnCode, Message);

    /// <summary>The compact wire JSON as a string.</summary>
    public string ToJson() => System.Text.Encoding.UTF8.GetString(ToUtf8Json());
}
