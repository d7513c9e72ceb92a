using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// An exchange decorator that notices when the first <c>resetnetwork</c> has been answered (its
/// response delivered). The daemon delays systemd's READY=1 until then when such a request was
/// already waiting at start-up, so <c>network-online.target</c> comes after the network Nova asked for.
/// </summary>
internal sealed class ResetNetworkWatch : IExchange
{
    private readonly IExchange _inner;
    private readonly TaskCompletionSource _firstAnswered;

    /// <param name="inner">The exchange served.</param>
    /// <param name="firstAnswered">Completed once a <c>resetnetwork</c> response has been delivered (whatever its code).</param>
    public ResetNetworkWatch(IExchange inner, TaskCompletionSource firstAnswered)
    {
        _inner = inner;
        _firstAnswered = firstAnswered;
    }

    public ValueTask StartAsync(CancellationToken cancellationToken) => _inner.StartAsync(cancellationToken);

    public ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken) => _inner.GetRequestAsync(cancellationToken);

    public async ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _inner.PutResponseAsync(request, response, cancellationToken).ConfigureAwait(false);
        if (request.Data is { } data)
        {
            NoticeAnswered(data.Span);
        }
    }

    /// <summary>A request was answered, also when the exchange did it without this decorator (a journal replay).</summary>
    public void NoticeAnswered(ReadOnlySpan<byte> request)
    {
        if (!_firstAnswered.Task.IsCompleted && NovaRequestReader.IsCommand(request, "resetnetwork"u8))
        {
            _firstAnswered.TrySetResult();
        }
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
