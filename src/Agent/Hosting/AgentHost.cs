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
/// <remarks>
/// <para>
/// Within one exchange a slow command holds up every request behind it (head-of-line blocking): an
/// exchange that carries several clients (a socket) serialises them all behind the slowest command,
/// and the host puts no time limit on a command while it serves. The loops of different pairs run
/// concurrently, so the commands of two exchanges can run at the same time, and an instance command
/// class shared by parsers of the same registry must be thread-safe.
/// </para>
/// <para>
/// An exchange that fails to get a request is retried (<see cref="AgentHostOptions.RetryDelay"/>,
/// doubling up to <see cref="AgentHostOptions.MaxRetryDelay"/>), and a warning names it by pair
/// index and type; one that returns <c>null</c> ends its loop (logged); an exchange that fails to
/// start fails <see cref="RunAsync"/> and the ones already started are told (see <see cref="IExchange"/>).
/// </para>
/// </remarks>
public sealed partial class AgentHost
{
    private readonly List<(IExchange Exchange, IParser Parser)> _pairs = [];
    private readonly TaskCompletionSource _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;

    // Register and the start of RunAsync, from any threads: a registration is either wholly before
    // the run (its exchange started and served) or refused, and two at once both land in the list.
    private readonly Lock _registration = new();
    private bool _running;

    /// <summary>Creates a host.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="AgentHostOptions.MaxRetryDelay"/> is shorter than <see cref="AgentHostOptions.RetryDelay"/>.</exception>
    public AgentHost(AgentHostOptions? options = null, ILogger<AgentHost>? logger = null)
    {
        Options = options ?? new AgentHostOptions();
        Options.CheckRetryDelays();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The host's options.</summary>
    public AgentHostOptions Options { get; }

    /// <summary>
    /// Completes once every exchange has started and the loops are serving; fails with what failed the
    /// start, or is cancelled, as <see cref="RunAsync"/>'s task is, when the stop came before the host served.
    /// </summary>
    public Task WhenServing => _serving.Task;

    /// <summary>
    /// Registers an exchange with the parser that serves its requests: one loop of its own when the
    /// host runs. The host never disposes either.
    /// </summary>
    /// <returns>This host, so that registrations chain.</returns>
    /// <remarks>
    /// Safe to call from any thread, also while another calls <see cref="RunAsync"/>: a registration
    /// that comes first is served, one that comes after is refused.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The host has already been run (or is starting to on another thread): register every exchange before <see cref="RunAsync"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="exchange"/> is registered already: an exchange is served by one loop.</exception>
    public AgentHost Register(IExchange exchange, IParser parser)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(parser);
        lock (_registration)
        {
            if (_running)
            {
                throw new InvalidOperationException("Register every exchange before the host runs.");
            }

            // Twice would start it twice and read it from two loops at once: its requests served out of
            // order, two of one session concurrently (keyinit and password), against IExchange's contract.
            foreach (var (registered, _) in _pairs)
            {
                if (ReferenceEquals(registered, exchange))
                {
                    throw new ArgumentException($"This {exchange.GetType().Name} is already registered: an exchange is served by one loop, which keeps its requests in order. Register it once; for clients that must not wait for each other, give each an exchange of its own.", nameof(exchange));
                }
            }

            _pairs.Add((exchange, parser));
        }

        return this;
    }

    // RunAsync's run (AgentHost.Run.cs): here, in RunAsync's old place, so that the layout list's names of its
    // state machine and lambdas, and of the members below, keep their numbers.
    private async Task RunUntilStoppedAsync(CancellationToken stoppingToken)
    {
        // From here on the pairs are fixed: a Register on another thread waits for this, then is refused.
        lock (_registration)
        {
            // Looked at first: a run refused for want of an exchange has not run, and the host still takes one.
            if (_pairs.Count == 0)
            {
                throw new InvalidOperationException("No exchange is registered.");
            }

            if (_running)
            {
                throw new InvalidOperationException("The host is already running.");
            }

            _running = true;
        }

        // The host's own lifetime, which the exchanges see: cancelled on stop, when an exchange
        // fails to start, so that those already started learn nobody will take their requests, and
        // when a loop fails (AgentHost.Faults.cs).
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var serving = lifetime.Token;

        // After a stop, the request in progress may run for ShutdownTimeout; its answer, cancelled or
        // not, then still gets DeliveryGrace to reach the exchange (it must not share the cancelled token).
        // Set up before the exchanges start, for idleStop (below) bounds a StartAsync that ignores its token.
        var time = Options.TimeProvider;
        using var hardStop = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var deliveryStop = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        // When the host stops waiting for what holds no request: a StartAsync, or a loop's wait for a
        // request, that ignores the host's token. DeliveryGrace after the stop, whatever the timeout:
        // there is nothing to finish, and waiting longer (for ever, with an infinite timeout) only
        // keeps the process alive until the init system's stop times out and kills it. The timeout
        // is for the requests in progress, which are still waited for as it says.
        using var idleStop = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        var waitsForEver = Options.ShutdownTimeout == Timeout.InfiniteTimeSpan;
        using var onStop = serving.Register(() =>
        {
            idleStop.CancelAfter(DeliveryGrace);
            if (waitsForEver)
            {
                // Asked to wait for ever for the request in progress: its command is never cut off,
                // its answer never abandoned.
                return;
            }

            hardStop.CancelAfter(Options.ShutdownTimeout);
            deliveryStop.CancelAfter(Options.ShutdownTimeout + DeliveryGrace);
        });
        await StartExchangesAsync(lifetime, stoppingToken, idleStop.Token).ConfigureAwait(false);
        try
        {
            // Said before any loop runs: a logger that throws here stops the host as a failed start
            // does, rather than leave the loops serving on after RunAsync has thrown.
            LogServing(_pairs.Count);
        }
        catch (Exception exception)
        {
            await StopBeforeServingAsync(lifetime, exception).ConfigureAwait(false);
            throw;
        }

        Volatile.Write(ref _inProgress, new AgentRequest?[_pairs.Count]);
        Volatile.Write(ref _delivering, new bool[_pairs.Count]);
        Volatile.Write(ref _claims, new int[_pairs.Count]);
        var perPair = _pairs.Select((pair, slot) => Task.Run(() => ServeOrStopAsync(slot, pair.Exchange, pair.Parser, lifetime, hardStop.Token, deliveryStop.Token), CancellationToken.None)).ToArray();
        var loops = Task.WhenAll(perPair);
        _serving.TrySetResult();

        // Ends at the idle deadline, or when every loop has: a loop's failure is thrown below, once
        // the host has stopped, whichever way (ThrowIfAnyFaulted).
        await loops.WaitAsync(idleStop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // The deadline that ended the wait may also have ended the last loop, on another thread,
        // since: then every loop is done and the host stops as usual, below. Looked at once, here.
        if (!loops.IsCompleted)
        {
            // The requests in progress are still waited for, as the timeout asks (until their
            // delivery deadline, or for ever); the loops idling in an exchange that ignores the
            // stop are not: once nothing else holds the host they are closed, and a request one
            // hands over after that is not started.
            await WaitForRequestsInProgressAsync(perPair, Volatile.Read(ref _claims), deliveryStop.Token).ConfigureAwait(false);

            // What still runs ignores its token and may never end: an exchange idling deaf to
            // the stop, or (with a finite timeout) a command or a delivery past its time.
            // Waiting for it would keep the process alive until it is killed. A host that gave
            // up on a loop ends saying so even when that loop has ended since (its exchange
            // handed over a request it did not start): the last line does not hang on that race.
            if (!loops.IsCompleted || GaveUpOnAny(Volatile.Read(ref _claims)))
            {
                Abandon(perPair);
                ObserveLateFailures(loops);
                ThrowIfAnyFaulted(perPair);
                return;
            }
        }

        ThrowIfAnyFaulted(perPair);
        LogStopped();
    }

    // idleStop: the stop's deadline for what holds no request, as for a GetRequestAsync that ignores the host's token.
    private async Task StartExchangesAsync(CancellationTokenSource lifetime, CancellationToken stoppingToken, CancellationToken idleStop)
    {
        for (var slot = 0; slot < _pairs.Count; slot++)
        {
            Task? starting = null;
            try
            {
                // A start that never ends after a stop would keep RunAsync, and the process, alive
                // until it is killed: it is waited for only until the stop's deadline.
                starting = _pairs[slot].Exchange.StartAsync(lifetime.Token).AsTask();
                await starting.WaitAsync(idleStop).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                var stopped = stoppingToken.IsCancellationRequested && exception is OperationCanceledException;
                SayStartFailed(slot, exception, stopping: stopped, stillStarting: starting is { IsCompleted: false });
                _stoppedBeforeServing = stopped;
                await StopBeforeServingAsync(lifetime, exception, stopped).ConfigureAwait(false);
                throw;
            }
        }
    }

    private string ExchangeType(int slot) => _pairs[slot].Exchange.GetType().Name;

    /// <summary>How long an answer may still take to be delivered once the request's own time is up.</summary>
    private static readonly TimeSpan DeliveryGrace = TimeSpan.FromSeconds(5);

    // slot: the loop's own place in RequestsInProgress, its pair's index.
    private async Task ServeAsync(int slot, IExchange exchange, IParser parser, CancellationToken stoppingToken, CancellationToken hardStop, CancellationToken deliveryStop)
    {
        var inProgress = _inProgress;
        var delivering = _delivering;
        var claims = _claims;
        var retryDelay = Options.RetryDelay;
        var maxRetryDelay = Options.MaxRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            // The slot is Asking here: from the start, or set back after the previous request.
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
                LogExchangeFailed(slot, exchange.GetType().Name, exception.GetType().Name, exception.Message, retryDelay.TotalSeconds);
                await DelayAsync(retryDelay, stoppingToken).ConfigureAwait(false);
                // Exponential backoff: an exchange gone for good costs a line a minute, not a second.
                retryDelay = retryDelay >= maxRetryDelay / 2 ? maxRetryDelay : retryDelay * 2;
                continue;
            }

            retryDelay = Options.RetryDelay;
            if (request is null)
            {
                if (!stoppingToken.IsCancellationRequested)
                {
                    LogExchangeEnded(slot, exchange.GetType().Name);
                }

                return;
            }

            // The loop's side of the boundary with a stopping host (AgentHost.Stopping.cs).
            if (!TakeRequest(claims, slot, request, exchange, parser, hardStop))
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
                if (exception is OperationCanceledException && hardStop.IsCancellationRequested)
                {
                    // Cut off by the shutdown, not failed: a warning, as for a command the stop cut off.
                    // And as CommandExecutor does for that command, the answer must not be journaled for
                    // replay, so a restarted agent runs the request again instead of answering this error.
                    LogParserCutOff(HostTextForLog.Cap(request.Id));
                    request.Session.BindAnswer(request.Id);
                }
                else
                {
                    LogParserFailed(HostTextForLog.Cap(request.Id), exception.GetType().Name);
                }

                response = FailureResponse(parser, request, exception);
            }

            // A parser's bug too: `=> default` on a ValueTask<AgentResponse> compiles without a
            // nullable warning, and a null handed on would leave the client without an answer.
            if (response is null)
            {
                LogParserGaveNoResponse(HostTextForLog.Cap(request.Id), parser.GetType().Name);
                response = FailureResponse(parser, request, new InvalidOperationException($"{parser.GetType().Name}.ParseRequestAsync returned no response"));
            }

            // Taken here, whatever the parser, so the exchange learns of it and no mark outlives its request.
            if (request.Session.TakeAnswerBinding(request.Id))
            {
                response = response with { BoundToSession = true };
            }

            Volatile.Write(ref delivering[slot], true);
            try
            {
                await exchange.PutResponseAsync(request, response, deliveryStop).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The exchange is responsible for retrying delivery; the loop keeps serving.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogDeliveryFailed(HostTextForLog.Cap(request.Id), exception.GetType().Name, exception.Message);
            }

            Volatile.Write(ref delivering[slot], false);
            Volatile.Write(ref inProgress[slot], null);

            // Stopped meanwhile: the loop ends still Taken, so a host that found it holding a request
            // waits for this end, never closes it. Otherwise Asking again, with a full fence before the
            // loop's condition looks at the token once more: a host gives up on a loop only after the
            // stop, so it finds this one Taken (and waits for the end that look brings) or Asking.
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Exchange(ref claims[slot], Asking);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, Options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The stop: the loop ends. Any other cancellation is the time provider's own failure, and
            // fails the loop as its other exceptions do (swallowed, it would retry with no delay at all).
        }
    }

    // Last, so that the members above keep the positions the layout list knows them by.
    /// <summary>The parser's answer for its own failure, in its wire format; Nova's if it fails to give one.</summary>
    private AgentResponse FailureResponse(IParser parser, AgentRequest request, Exception exception)
    {
        try
        {
            return parser.CreateFailureResponse(request, exception)
                ?? throw new InvalidOperationException($"{parser.GetType().Name}.CreateFailureResponse returned no response");
        }
#pragma warning disable CA1031 // The request must still be answered.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            LogFailureResponseFailed(HostTextForLog.Cap(request.Id), failure.GetType().Name);
            return new AgentResponse(ReturnCodes.Error, ProtocolMessages.InternalError);
        }
    }
}
