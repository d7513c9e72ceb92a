using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// The request the agent is serving, from the moment the exchange hands it over until its answer
/// is delivered: what a second SIGTERM abandons, so that <c>run</c> can name it in the log before
/// the process ends. Requests are served one at a time; the signal handler reads it from its own
/// thread. Only a reference is kept per request: the command name is read from the raw request
/// when (and only when) it is asked for.
/// </summary>
internal sealed class RequestInProgress
{
    private AgentRequest? _current;

    /// <summary>The request being served, or <c>null</c> between requests.</summary>
    public AgentRequest? Current => Volatile.Read(ref _current);

    /// <summary>The command name of <see cref="Current"/> (never its value); <c>null</c> when there is none or it has none.</summary>
    public static string? CommandOf(AgentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Data is { } data ? RequestNames.Read(data.Span) : null;
    }

    /// <summary>An exchange that keeps <see cref="Current"/> up to date around <paramref name="inner"/>.</summary>
    public IExchange Track(IExchange inner) => new TrackingExchange(inner, this);

    private sealed class TrackingExchange(IExchange inner, RequestInProgress owner) : IExchange
    {
        public ValueTask StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

        public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
        {
            var request = await inner.GetRequestAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref owner._current, request);
            return request;
        }

        public async ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
        {
            try
            {
                await inner.PutResponseAsync(request, response, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.CompareExchange(ref owner._current, null, request);
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
