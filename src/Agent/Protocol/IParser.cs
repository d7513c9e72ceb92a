namespace GuestAgent.Protocol;

/// <summary>
/// A parser plugin: decodes a request taken from an exchange, runs it and produces the response
/// (the original agent's <c>parse_request</c>). It never throws for bad input: every failure is a
/// response.
/// </summary>
public interface IParser
{
    /// <summary>Turns a request into its response.</summary>
    ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken);
}
