using System.Collections.Concurrent;
using GuestAgent.Protocol;

namespace GuestAgent.SignalProbe;

/// <summary>Says "taken ID" and answers only once released: the request stays in progress as long as the test wants, its token ignored.</summary>
internal sealed class WaitingParser(ProbeOutput output, ConcurrentQueue<TaskCompletionSource> release) : IParser
{
    public async ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        release.Enqueue(released);
        output.Say($"taken {request.Id}");
        await released.Task.ConfigureAwait(false);
        return new AgentResponse("0", request.Id);
    }
}
