using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Hosting;

/// <summary>
/// Runs one loop per registered exchange/parser pair (the original's <c>agentlib.register(xs, parser)</c>).
/// Each loop serves its requests one at a time, in arrival order. On shutdown the loops stop taking
/// requests, finish the one in progress and deliver its response.
/// </summary>
public sealed partial class AgentHost
{
    private readonly List<(IExchange Exchange, IParser Parser)> _pairs = [];
    private readonly TaskCompletionSource _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private int _running;

    /// <summary>Creates a host.</summary>
    public AgentHost(AgentHostOptions? options = null, ILogger<AgentHost>? logger = null)
    {
        Options = options ?? new AgentHostOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The host's options.</summary>
    public AgentHostOptions Options { get; }

    /// <summary>Completes once every exchange has started and the loops are serving.</summary>
    public Task WhenServing => _serving.Task;

    /// <summary>Registers an exchange with the parser that serves its requests.</summary>
    public AgentHost Register(IExchange exchange, IParser parser)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(parser);
        if (Volatile.Read(ref _running) != 0)
        {
            throw new InvalidOperationException("Register every exchange before the host runs.");
        }

        _pairs.Add((exchange, parser));
        return this;
    }

    /// <summary>
    /// Serves until <paramref name="stoppingToken"/> is cancelled or every exchange has ended. A request
    /// in progress at cancellation is finished (within <see cref="AgentHostOptions.ShutdownTimeout"/>)
    /// and answered. Each exchange gets <paramref name="stoppingToken"/> in <see cref="IExchange.StartAsync"/>
    /// and <see cref="IExchange.GetRequestAsync"/>: its cancellation tells the exchange that the host
    /// takes no more requests (<see cref="InMemoryExchange"/> then fails the requests left waiting).
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("The host is already running.");
        }

        if (_pairs.Count == 0)
        {
            throw new InvalidOperationException("No exchange is registered.");
        }

        try
        {
            foreach (var (exchange, _) in _pairs)
            {
                await exchange.StartAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            _serving.TrySetException(exception);
            throw;
        }

        // After a stop, the request in progress may run for ShutdownTimeout; its answer, cancelled or
        // not, then still gets DeliveryGrace to reach the exchange (it must not share the cancelled token).
        using var hardStop = new CancellationTokenSource();
        using var deliveryStop = new CancellationTokenSource();
        using var onStop = stoppingToken.Register(() =>
        {
            hardStop.CancelAfter(Options.ShutdownTimeout);
            deliveryStop.CancelAfter(Options.ShutdownTimeout + DeliveryGrace);
        });
        Volatile.Write(ref _inProgress, new AgentRequest?[_pairs.Count]);
        var loops = _pairs.Select((pair, slot) => Task.Run(() => ServeAsync(slot, pair.Exchange, pair.Parser, stoppingToken, hardStop.Token, deliveryStop.Token), CancellationToken.None)).ToArray();
        _serving.TrySetResult();
        LogServing(_pairs.Count);
        await Task.WhenAll(loops).ConfigureAwait(false);
        LogStopped();
    }

    /// <summary>How long an answer may still take to be delivered once the request's own time is up.</summary>
    private static readonly TimeSpan DeliveryGrace = TimeSpan.FromSeconds(5);

    // slot: the loop's own place in RequestsInProgress, its pair's index.
    private async Task ServeAsync(int slot, IExchange exchange, IParser parser, CancellationToken stoppingToken, CancellationToken hardStop, CancellationToken deliveryStop)
    {
        var inProgress = _inProgress;
        while (!stoppingToken.IsCancellationRequested)
        {
            AgentRequest? request;
            try
            {
                request = await exchange.GetRequestAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // An exchange failure must not stop the agent: log, wait, retry.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogExchangeFailed(exception.GetType().Name, exception.Message);
                await DelayAsync(Options.RetryDelay, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (request is null)
            {
                return;
            }

            Volatile.Write(ref inProgress[slot], request);
            AgentResponse response;
            try
            {
                response = await parser.ParseRequestAsync(request, hardStop).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A parser must answer every request; one that throws anyway must not stop the agent.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogParserFailed(request.Id, exception.GetType().Name);
                response = FailureResponse(parser, request, exception);
            }

            // Taken here, whatever the parser, so the exchange learns of it and no mark outlives its request.
            if (request.Session.TakeAnswerBinding(request.Id))
            {
                response = response with { BoundToSession = true };
            }

            try
            {
                await exchange.PutResponseAsync(request, response, deliveryStop).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The exchange is responsible for retrying delivery; the loop keeps serving.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogDeliveryFailed(request.Id, exception.GetType().Name, exception.Message);
            }

            Volatile.Write(ref inProgress[slot], null);
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Count} exchange(s)")]
    private partial void LogServing(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: the parser failed with {ExceptionType}; answering with an internal error")]
    private partial void LogParserFailed(string requestId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped serving")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exchange failed to get a request ({ExceptionType}: {Reason}); retrying")]
    private partial void LogExchangeFailed(string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: response could not be delivered ({ExceptionType}: {Reason})")]
    private partial void LogDeliveryFailed(string requestId, string exceptionType, string reason);

    // Declared last, after every member above: the compiler numbers async state machines and lambdas
    // by member position, and the daemon's layout list (src/Agent.Daemon/hot-methods.order) names them.
    private AgentRequest?[] _inProgress = [];

    /// <summary>
    /// The requests being served at this moment, one at most per registered exchange: each from the
    /// moment its exchange handed it over until its answer was delivered (or failed to be). A snapshot,
    /// safe to take from any thread: for a host that is about to end at once (a second stop signal)
    /// and should say which requests it abandons.
    /// </summary>
    public IReadOnlyList<AgentRequest> RequestsInProgress
    {
        get
        {
            var slots = Volatile.Read(ref _inProgress);
            var requests = new List<AgentRequest>(slots.Length);
            for (var slot = 0; slot < slots.Length; slot++)
            {
                if (Volatile.Read(ref slots[slot]) is { } request)
                {
                    requests.Add(request);
                }
            }

            return requests;
        }
    }

    // Last, so that the members above keep the positions the layout list knows them by.
    /// <summary>The parser's answer for its own failure, in its wire format; Nova's if it fails to give one.</summary>
    private AgentResponse FailureResponse(IParser parser, AgentRequest request, Exception exception)
    {
        try
        {
            return parser.CreateFailureResponse(request, exception);
        }
#pragma warning disable CA1031 // The request must still be answered.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            LogFailureResponseFailed(request.Id, failure.GetType().Name);
            return new AgentResponse(ReturnCodes.Error, ProtocolMessages.InternalError);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId}: the parser's failure response failed with {ExceptionType}; answering with Nova's internal error")]
    private partial void LogFailureResponseFailed(string requestId, string exceptionType);
}
