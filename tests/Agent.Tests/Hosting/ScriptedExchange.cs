using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// An exchange that plays a script: each call to GetRequestAsync runs the next step (throwing is failing); past
/// the end it ends. Fails to start with <paramref name="startFailure"/> and to deliver with
/// <paramref name="deliveryFailure"/> if given; <paramref name="onAsked"/> runs as each call begins.
/// </summary>
internal sealed class ScriptedExchange(IEnumerable<Func<AgentRequest?>> steps, Exception? startFailure = null, Exception? deliveryFailure = null, Action? onAsked = null) : IExchange
{
    private readonly Queue<Func<AgentRequest?>> _steps = new(steps);
    private readonly TaskCompletionSource _exhausted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _asked;

    public Task Exhausted => _exhausted.Task;

    public List<AgentResponse> Responses { get; } = [];

    /// <summary>How many times the host called GetRequestAsync.</summary>
    public int Asked => Volatile.Read(ref _asked);

    public ValueTask StartAsync(CancellationToken cancellationToken) =>
        startFailure is null ? ValueTask.CompletedTask : ValueTask.FromException(startFailure);

    public ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _asked);
        onAsked?.Invoke();
        if (!_steps.TryDequeue(out var step))
        {
            _exhausted.TrySetResult();
            return ValueTask.FromResult<AgentRequest?>(null);
        }

        var request = step();
        if (request is null)
        {
            _exhausted.TrySetResult();
        }

        return ValueTask.FromResult(request);
    }

    public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
    {
        Responses.Add(response);
        return deliveryFailure is null ? ValueTask.CompletedTask : ValueTask.FromException(deliveryFailure);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
