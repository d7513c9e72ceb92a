using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// An exchange whose GetRequestAsync never looks at its token, and returns only what the test hands
/// it: each <see cref="Hand"/> answers one call, the one waiting or the next.
/// </summary>
internal sealed class DeafExchange : IExchange
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _askedAgain = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<AgentRequest?> _handed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _asks;

    /// <summary>Completes at the first call to GetRequestAsync.</summary>
    public Task Asked => _asked.Task;

    /// <summary>Completes at the second call: the loop asks again, after the first request's answer.</summary>
    public Task AskedAgain => _askedAgain.Task;

    public List<AgentResponse> Answers { get; } = [];

    public void Hand(AgentRequest request)
    {
        lock (_gate)
        {
            _handed.SetResult(request);
        }
    }

    public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
    {
        Task<AgentRequest?> handed;
        int asks;
        lock (_gate)
        {
            // Each call gets a hand-over of its own: the first the one made so far, the next a new one.
            asks = ++_asks;
            if (asks > 1)
            {
                _handed = new TaskCompletionSource<AgentRequest?>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            handed = _handed.Task;
        }

        (asks == 1 ? _asked : _askedAgain).TrySetResult();
        return new(handed);
    }

    public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
    {
        Answers.Add(response);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
