using GuestAgent.Protocol;

namespace GuestAgent.Exchanges;

/// <summary>
/// An exchange plugin: where requests come from and responses go (the original agent's
/// <c>get_request</c> / <c>put_response</c>). Each exchange owns the <see cref="GuestAgent.Commands.ExchangeSession"/>
/// its requests carry.
/// </summary>
public interface IExchange : IAsyncDisposable
{
    /// <summary>Connects and starts watching for requests. Called once, before the first request.</summary>
    ValueTask StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits for the next request, in arrival order. Returns <c>null</c> when the exchange has
    /// ended and will produce no more requests.
    /// </summary>
    ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken);

    /// <summary>Delivers the response to a request taken from this exchange.</summary>
    ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken);
}
