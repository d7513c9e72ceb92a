using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using GuestAgent.Commands;
using GuestAgent.Protocol;

namespace GuestAgent.Exchanges;

/// <summary>
/// An exchange that lives in memory: tests and samples submit request bytes and await the
/// response the host puts back.
/// </summary>
public sealed class InMemoryExchange : IExchange
{
    private readonly Channel<AgentRequest> _requests = Channel.CreateUnbounded<AgentRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AgentResponse>> _pending = new();
    private long _nextId;

    /// <summary>The session shared by this exchange's requests.</summary>
    public ExchangeSession Session { get; } = new();

    /// <summary>Submits raw request bytes (or <c>null</c> for a request without data) and waits for the response.</summary>
    /// <param name="data">The request bytes.</param>
    /// <param name="id">The request id; a fresh number when <c>null</c>.</param>
    /// <param name="cancellationToken">
    /// Stops waiting (the task is cancelled), for example once the host serving this exchange has
    /// stopped and will never answer; a request already taken by the host is still run.
    /// </param>
    public Task<AgentResponse> SendAsync(ReadOnlyMemory<byte>? data, string? id = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        id ??= Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<AgentResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(id, completion))
        {
            throw new InvalidOperationException($"Request id '{id}' is already pending.");
        }

        if (!_requests.Writer.TryWrite(new AgentRequest(id, data, Session)))
        {
            _pending.TryRemove(id, out _);
            throw new InvalidOperationException("The exchange has been completed.");
        }

        return cancellationToken.CanBeCanceled ? WaitAsync(id, completion, cancellationToken) : completion.Task;
    }

    /// <summary>Submits a request given as JSON text and waits for the response.</summary>
    public Task<AgentResponse> SendAsync(string requestJson, string? id = null, CancellationToken cancellationToken = default) =>
        SendAsync(Encoding.UTF8.GetBytes(requestJson), id, cancellationToken);

    private async Task<AgentResponse> WaitAsync(string id, TaskCompletionSource<AgentResponse> completion, CancellationToken cancellationToken)
    {
        try
        {
            return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Nobody waits for this id any more: a late response is dropped, and the id may be reused.
            _pending.TryRemove(new KeyValuePair<string, TaskCompletionSource<AgentResponse>>(id, completion));
            throw;
        }
    }

    /// <summary>Ends the exchange: the host's loop stops once queued requests are served.</summary>
    public void Complete() => _requests.Writer.TryComplete();

    /// <inheritdoc />
    public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
    {
        return await _requests.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) && _requests.Reader.TryRead(out var request)
            ? request
            : null;
    }

    /// <inheritdoc />
    public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
    {
        if (_pending.TryRemove(request.Id, out var completion))
        {
            completion.TrySetResult(response);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Complete();
        foreach (var completion in _pending.Values)
        {
            completion.TrySetCanceled();
        }

        return ValueTask.CompletedTask;
    }
}
