using GuestAgent.Protocol;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// A parser decorator that notices when the first <c>resetnetwork</c> has been answered. The daemon
/// delays systemd's READY=1 until then when such a request was already waiting at start-up, so
/// <c>network-online.target</c> comes after the network Nova configured.
/// </summary>
internal sealed class ResetNetworkObserver : IParser
{
    private readonly IParser _inner;
    private readonly TaskCompletionSource _firstResetNetwork = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ResetNetworkObserver(IParser inner) => _inner = inner;

    /// <summary>Completes once a <c>resetnetwork</c> request has been parsed and run (whatever its result).</summary>
    public Task FirstResetNetwork => _firstResetNetwork.Task;

    public async ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var isResetNetwork = !_firstResetNetwork.Task.IsCompleted
            && request.Data is { } data
            && RequestNames.Read(data.Span) == "resetnetwork";
        var response = await _inner.ParseRequestAsync(request, cancellationToken).ConfigureAwait(false);
        if (isResetNetwork)
        {
            _firstResetNetwork.TrySetResult();
        }

        return response;
    }
}
