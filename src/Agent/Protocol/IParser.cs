using GuestAgent.Commands;

namespace GuestAgent.Protocol;

/// <summary>
/// A parser plugin: decodes a request taken from an exchange, runs it and produces the response
/// (the original agent's <c>parse_request</c>). It owns the wire format: the exchange writes what
/// <see cref="AgentResponse.ToUtf8Json"/> gives (Nova's format, or the parser's own through
/// <see cref="AgentResponse.FromWire"/>). It never throws for bad input: every failure is a response.
/// Run commands through <see cref="CommandExecutor"/> (docs/plugins.md, "Writing a parser").
/// </summary>
public interface IParser
{
    /// <summary>
    /// Turns a request into its response, in the parser's wire format. Called one request at a time
    /// per exchange; a parser registered with several exchanges is called concurrently.
    /// </summary>
    /// <param name="request">The request as the exchange handed it over: its id, bytes and session.</param>
    /// <param name="cancellationToken">
    /// Not cancelled when the host is asked to stop: the request in progress first gets
    /// <see cref="GuestAgent.Hosting.AgentHostOptions.ShutdownTimeout"/> to finish, and only then is
    /// this token cancelled (pass it to <see cref="CommandExecutor.ExecuteAsync"/>).
    /// </param>
    ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The answer the host sends when <see cref="ParseRequestAsync"/> threw anyway, or returned no
    /// response (bugs of the parser): it must be in the parser's wire format. By default Nova's
    /// <c>"500"</c>, <see cref="ProtocolMessages.InternalError"/>. It must not throw nor return
    /// <c>null</c> (the host then answers with Nova's text), and must not quote
    /// <paramref name="exception"/>'s message (it may hold a value); the host has logged its type.
    /// </summary>
    /// <param name="request">The request whose parsing failed.</param>
    /// <param name="exception">What the parser threw; an <see cref="InvalidOperationException"/> when it returned no response.</param>
    AgentResponse CreateFailureResponse(AgentRequest request, Exception exception) =>
        new(ReturnCodes.Error, ProtocolMessages.InternalError);

    /// <summary>
    /// The name of the command <paramref name="request"/> asks for, or <c>null</c> when it names none:
    /// for the host's log lines about a request it does not start (a stopping host's). By default
    /// Nova's reading (the <c>name</c> member of a JSON object); a parser of another wire format
    /// overrides it, or the host logs its requests as naming no command. Read the name only: the
    /// request's value may hold a secret, and what this returns is logged (cut as
    /// <see cref="HostTextForLog.Cap"/> cuts host text). It must not throw (the host then logs the
    /// command as unknown).
    /// </summary>
    /// <param name="request">A request this parser serves, started or not.</param>
    string? ReadCommandName(AgentRequest request) => HostTextForLog.NovaCommandName(request);
}
