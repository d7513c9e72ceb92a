using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Hosting;

/// <summary>An exchange whose GetRequestAsync never looks at its token, and returns only what the test hands it (once).</summary>
internal sealed class DeafExchange : IExchange
{
    private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<AgentRequest?> _handed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Asked => _asked.Task;

    public List<AgentResponse> Answers { get; } = [];

    public void Hand(AgentRequest request) => _handed.SetResult(request);

    public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
    {
        _asked.TrySetResult();
        return new(_handed.Task);
    }

    public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
    {
        Answers.Add(response);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
