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
/// <remarks>
/// The host passes its serving token to <see cref="StartAsync"/> and <see cref="GetRequestAsync"/>;
/// once it is cancelled the host takes no more requests, so every request still queued, and every
/// one sent after, fails with an <see cref="OperationCanceledException"/> saying so instead of
/// waiting for an answer that will never come. A request the host already took is still answered,
/// unless the host took it once its <see cref="GuestAgent.Hosting.AgentHostOptions.ShutdownTimeout"/>
/// had run out (with a zero timeout, that is as the stop comes): the host then does not start it (a
/// warning names it), and its <see cref="SendAsync(ReadOnlyMemory{byte}?, string?, CancellationToken)"/>
/// waits until this exchange is disposed, which cancels it. A request whose command ignored the stop
/// and was abandoned is answered if that command ends before the disposal; after it, which cancels the
/// caller's wait, the late answer the host hands over is dropped.
/// </remarks>
public sealed class InMemoryExchange : IExchange
{
    // Read by the host and, once it has stopped, by Stop to fail what it left queued.
    private readonly Channel<AgentRequest> _requests = Channel.CreateUnbounded<AgentRequest>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AgentResponse>> _pending = new();
    // Requests the host has taken and not yet answered, and who waits for a request to be taken.
    private readonly ConcurrentDictionary<string, byte> _taken = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _takenWaiters = new();
    // Makes a second HostStopped (Dispose racing the host's own stop) wait until the first has
    // failed what it fails, so every waiter gets the same outcome whichever runs first.
    private readonly Lock _stopping = new();
    private CancellationTokenRegistration _onHostStopping;
    private long _nextId;
    private int _hostStopped;

    /// <summary>The session shared by this exchange's requests.</summary>
    public ExchangeSession Session { get; } = new();

    /// <summary>Submits raw request bytes (or <c>null</c> for a request without data) and waits for the response.</summary>
    /// <param name="data">The request bytes.</param>
    /// <param name="id">The request id; a fresh number when <c>null</c>.</param>
    /// <param name="cancellationToken">
    /// Stops waiting (the task is cancelled); the request is still run, now or when the host takes
    /// it, and its id stays in use until the host has answered it (the answer is then dropped).
    /// Not needed to end the wait when the host stops: a request it did not take then fails.
    /// </param>
    /// <returns>
    /// The response; fails with <see cref="OperationCanceledException"/> when the host serving this
    /// exchange stopped without taking the request, or when the exchange is disposed before the
    /// request it took is answered (also one it took past its shutdown timeout and did not start: see
    /// the class remarks).
    /// </returns>
    /// <exception cref="InvalidOperationException">
    /// A request with this <paramref name="id"/> is not yet answered (even one whose caller stopped
    /// waiting), or the exchange was completed (<see cref="Complete"/>).
    /// </exception>
    public Task<AgentResponse> SendAsync(ReadOnlyMemory<byte>? data, string? id = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        id ??= Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        if (Volatile.Read(ref _hostStopped) != 0)
        {
            return Task.FromException<AgentResponse>(NotTaken(id));
        }

        var completion = new TaskCompletionSource<AgentResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(id, completion))
        {
            throw new InvalidOperationException($"Request id '{id}' is already pending.");
        }

        if (!_requests.Writer.TryWrite(new AgentRequest(id, data, Session)))
        {
            _pending.TryRemove(id, out _);
            return Volatile.Read(ref _hostStopped) != 0
                ? Task.FromException<AgentResponse>(NotTaken(id))
                : throw new InvalidOperationException("The exchange has been completed.");
        }

        // A caller that stops waiting does not free the id: its request is still queued or being
        // served, and a second request with the id would be handed the first one's answer (and two
        // unanswered requests would share an id, which the host's session pairing relies on not happening).
        return cancellationToken.CanBeCanceled ? completion.Task.WaitAsync(cancellationToken) : completion.Task;
    }

    /// <summary>Submits a request given as JSON text and waits for the response.</summary>
    public Task<AgentResponse> SendAsync(string requestJson, string? id = null, CancellationToken cancellationToken = default) =>
        SendAsync(Encoding.UTF8.GetBytes(requestJson), id, cancellationToken);

    /// <summary>
    /// Completes once the host has taken the request <paramref name="id"/> from this exchange (its
    /// command is about to run or running): for a test that must act while a request is in progress
    /// (stop the host), without polling. It completes as this exchange hands the request over, a
    /// moment before the host's loop lists it in <see cref="GuestAgent.Hosting.AgentHost.RequestsInProgress"/>:
    /// to look at that list, wait for its command to start instead. So too with a zero
    /// <see cref="GuestAgent.Hosting.AgentHostOptions.ShutdownTimeout"/>: a stop right after it can come
    /// before the host starts the request, which is then not started (see the class remarks).
    /// </summary>
    /// <param name="id">The request id, as given to (or returned by) <see cref="SendAsync(ReadOnlyMemory{byte}?, string?, CancellationToken)"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>
    /// A task that completes when the host takes the request, at once when it has taken it and not
    /// yet answered it; it fails with <see cref="OperationCanceledException"/> (saying the request was
    /// not run) when the host stops, or the exchange is disposed, without taking it: the same failure
    /// whichever of the two comes first. Call it before sending, or while the request is pending: for an id
    /// already answered it waits for the next request with that id.
    /// </returns>
    public Task WhenTaken(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var waiter = _takenWaiters.GetOrAdd(id, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        // Checked after the waiter is in place: GetRequestAsync marks a request taken before it
        // looks for waiters, so one of the two always sees the other.
        if (_taken.ContainsKey(id))
        {
            _takenWaiters.TryRemove(new KeyValuePair<string, TaskCompletionSource>(id, waiter));
            waiter.TrySetResult();
        }
        else if (Volatile.Read(ref _hostStopped) != 0 && _takenWaiters.TryRemove(new KeyValuePair<string, TaskCompletionSource>(id, waiter)))
        {
            waiter.TrySetException(NotTaken(id));
        }

        return cancellationToken.CanBeCanceled ? waiter.Task.WaitAsync(cancellationToken) : waiter.Task;
    }

    /// <summary>Ends the exchange: the host's loop stops once queued requests are served.</summary>
    public void Complete() => _requests.Writer.TryComplete();

    /// <inheritdoc />
    /// <remarks><paramref name="cancellationToken"/> is the host's serving token: see the class remarks.</remarks>
    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        _onHostStopping = cancellationToken.Register(static exchange => ((InMemoryExchange)exchange!).HostStopped(), this);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await _requests.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !_requests.Reader.TryRead(out var request))
            {
                return null;
            }

            _taken[request.Id] = 0;
            if (_takenWaiters.TryRemove(request.Id, out var waiter))
            {
                waiter.TrySetResult();
            }

            return request;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A host that gives up waiting takes no more requests (even one started without its token).
            HostStopped();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
    {
        _taken.TryRemove(request.Id, out _);
        if (_pending.TryRemove(request.Id, out var completion))
        {
            completion.TrySetResult(response);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Ends the exchange as a host's stop does (a request never taken, and a <see cref="WhenTaken"/>
    /// waiter, fail as not run), then cancels the wait for every request the host took and has not
    /// answered.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _onHostStopping.DisposeAsync().ConfigureAwait(false);
        // Returns only once the stop is done, even when the host's own stop is running it now: what
        // is left pending after it was taken by the host, and no waiter is left.
        HostStopped();
        foreach (var completion in _pending.Values)
        {
            completion.TrySetCanceled();
        }
    }

    /// <summary>
    /// Fails every request the host left queued, and from now on every new one. Each queued request
    /// is either read here or by the host (which then answers it, or leaves it unstarted past its
    /// shutdown timeout, for <see cref="DisposeAsync"/> to cancel), never both.
    /// </summary>
    private void HostStopped()
    {
        using var scope = _stopping.EnterScope();
        if (Interlocked.Exchange(ref _hostStopped, 1) != 0)
        {
            return;
        }

        _requests.Writer.TryComplete();
        while (_requests.Reader.TryRead(out var request))
        {
            if (_pending.TryRemove(request.Id, out var completion))
            {
                completion.TrySetException(NotTaken(request.Id));
            }
        }

        // Whoever waits for a request to be taken now waits in vain (one the host took was released already).
        foreach (var id in _takenWaiters.Keys)
        {
            if (_takenWaiters.TryRemove(id, out var waiter))
            {
                waiter.TrySetException(NotTaken(id));
            }
        }
    }

    private static OperationCanceledException NotTaken(string id) =>
        new($"The host serving this exchange has stopped; request '{id}' was not run and will not be answered.");
}
