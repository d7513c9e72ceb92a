using GuestAgent.Commands;

namespace GuestAgent.Protocol;

/// <summary>
/// A response to one request. <see cref="ToUtf8Json"/> gives the bytes an exchange writes: Nova's
/// <c>{"returncode","message"}</c>, rendered without a JSON escape (Nova reads it through the plain
/// <c>xenstore-read</c> tool), or the bytes a parser rendered in its own format (<see cref="FromWire"/>).
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
    /// The answer as the parser rendered it in its own wire format (<see cref="FromWire"/>), or
    /// <c>null</c> for Nova's format, rendered from <see cref="ReturnCode"/> and <see cref="Message"/>.
    /// </summary>
    public ReadOnlyMemory<byte>? Wire { get; private init; }

    /// <summary>
    /// The response for a command result. A result without a return code (<c>default(CommandResult)</c>)
    /// becomes <c>"500"</c> with <see cref="ProtocolMessages.NoResultUnnamed"/>, a missing message an
    /// empty one, so every request gets an answer the host can read.
    /// </summary>
    public static AgentResponse From(CommandResult result) =>
        string.IsNullOrEmpty(result.ReturnCode)
            ? new(ReturnCodes.Error, ProtocolMessages.NoResultUnnamed)
            : new(result.ReturnCode, result.Message ?? string.Empty);

    /// <summary>
    /// A response a parser has already rendered in its own wire format (QMP's <c>{"return":…}</c>, a
    /// JSON-RPC response, an HTTP body): exchanges write <paramref name="utf8Wire"/> as it is, so an
    /// exchange only moves bytes and need not know the format.
    /// </summary>
    /// <param name="utf8Wire">
    /// The bytes to write, exactly (no framing is added: a line-delimited exchange adds its own
    /// delimiter). The response keeps this memory: do not change it afterwards.
    /// </param>
    /// <param name="returnCode">
    /// A summary of the answer for logs and tests (<c>"0"</c>, or the failure's code, say from
    /// <see cref="CommandOutcome.ReturnCode"/>); it is not written.
    /// </param>
    /// <param name="message">The answer's message, for the same purpose; not written.</param>
    /// <remarks>
    /// <para>
    /// The bytes need not be JSON (an HTTP body, a line of text): <see cref="ToUtf8Json"/> and
    /// <see cref="ToJson"/> then return them as they are, whatever the names say.
    /// </para>
    /// <para>
    /// <see cref="ReturnCode"/> and <see cref="Message"/> only summarise the bytes, and nothing keeps
    /// the two in step: <c>response with { ReturnCode = "500" }</c> keeps the old <see cref="Wire"/>,
    /// so the summary changes and the bytes written do not. To change the answer, render a new one.
    /// </para>
    /// </remarks>
    public static AgentResponse FromWire(ReadOnlyMemory<byte> utf8Wire, string returnCode, string message)
    {
        ArgumentNullException.ThrowIfNull(returnCode);
        ArgumentNullException.ThrowIfNull(message);
        return new(returnCode, message) { Wire = utf8Wire };
    }

    /// <summary>
    /// The bytes to write, as a new array: the parser's rendering (<see cref="Wire"/>) when it gave
    /// one, else Nova's compact <c>{"returncode":"…","message":"…"}</c> (made safe by <see cref="ResponseWriter"/>).
    /// </summary>
    /// <remarks>
    /// Despite the name, a parser's rendering is returned as it is and need not be JSON (see
    /// <see cref="FromWire"/>); nor does it follow a <see cref="ReturnCode"/> or <see cref="Message"/>
    /// changed afterwards with <c>with</c>.
    /// </remarks>
    public byte[] ToUtf8Json() => Wire is { } wire ? wire.ToArray() : ResponseWriter.Write(ReturnCode, Message);

    /// <summary>The same bytes as a string.</summary>
    public string ToJson() => System.Text.Encoding.UTF8.GetString(ToUtf8Json());
}
