using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// An <see cref="OperationCanceledException"/> that is not the host's stop (thrown by its logger, its clock or an
/// exchange, of their own): a failure like any other exception of theirs, never taken for the stop. And the
/// stop itself, met where those are caught, still a stop. The host's own deadlines run on a clock that never
/// moves here (<see cref="FakeTimeProvider"/>): the 5 s after a stop at which it gives up on an exchange cannot
/// overtake a slow test machine and turn the failure looked at into a give-up.
/// </summary>
public sealed class AgentHostForeignCancellationTests
{
    private static CancellationToken Test => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_logger_throwing_a_cancellation_on_the_serving_line_fails_the_start_and_tells_the_exchange()
    {
        var logger = ThrowingOn("Serving 1 exchange(s)", () => new OperationCanceledException("the log's writer was cancelled"));
        await using var exchange = new InMemoryExchange();
        var host = new AgentHost(logger: logger).Register(exchange, new NovaJsonParser(new FakeRegistry()));
        var running = host.RunAsync(CancellationToken.None);

        var failure = await Assert.ThrowsAsync<OperationCanceledException>(() => running.WithinSafetyNet());

        Assert.Equal("the log's writer was cancelled", failure.Message);
        // A failure, as WhenServing says: the old task was cancelled, as for the stop.
        Assert.True(running.IsFaulted, $"RunAsync's task is {running.Status}, not Faulted");
        // Stopped as a failed start, not left serving: the exchange learns nobody takes its requests.
        var late = exchange.SendAsync("""{"name":"version"}""", cancellationToken: Test);
        Assert.True(late.IsCompleted, "the exchange was not told before RunAsync threw");
        await Assert.ThrowsAsync<OperationCanceledException>(() => late);
        Assert.True(host.WhenServing.IsFaulted, "WhenServing did not fail with the logger's exception");
        Assert.Same(failure, await Assert.ThrowsAsync<OperationCanceledException>(() => host.WhenServing));
        Assert.DoesNotContain("Stopped serving", logger.At(LogLevel.Information));
    }

    [Fact]
    public async Task A_clock_throwing_a_cancellation_of_its_own_as_a_loop_waits_to_retry_fails_the_loop_and_RunAsync()
    {
        var retryDelay = TimeSpan.FromSeconds(3);
        var exchange = new ScriptedExchange([() => throw new IOException("port gone")]);
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(new AgentHostOptions { RetryDelay = retryDelay, TimeProvider = new ClockFailingOn(retryDelay) }, logger)
            .Register(exchange, new NovaJsonParser(new FakeRegistry()));

        // The old loop took it for the stop's and asked again at once, without the delay (an exchange gone
        // for good then failing in a tight loop); here the exchange ends on that second ask, and the run with it.
        var running = host.RunAsync(CancellationToken.None);
        var failure = await Assert.ThrowsAsync<OperationCanceledException>(() => running.WithinSafetyNet());

        Assert.Equal("the clock's timer was cancelled", failure.Message);
        Assert.True(running.IsFaulted, $"RunAsync's task is {running.Status}, not Faulted");
        Assert.Equal(1, exchange.Asked);
        Assert.Equal(["Exchange 0 (ScriptedExchange) failed to get a request (IOException: port gone); retrying in 3 s"], logger.At(LogLevel.Warning));
        Assert.DoesNotContain("Stopped serving", logger.At(LogLevel.Information));
    }

    [Fact]
    public async Task A_stop_while_a_loop_waits_to_retry_ends_the_loop_and_the_run_as_a_stop()
    {
        var time = new RecordingTimeProvider();
        var exchange = new ScriptedExchange([() => throw new IOException("port gone")]);
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(new AgentHostOptions { RetryDelay = TimeSpan.FromSeconds(3), TimeProvider = time }, logger)
            .Register(exchange, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        Assert.Equal(TimeSpan.FromSeconds(3), await time.Waits.ReadAsync(Test).AsTask().WithinSafetyNet());

        await stop.CancelAsync();

        await running.WithinSafetyNet();
        Assert.Equal(1, exchange.Asked);
        Assert.Equal(["Serving 1 exchange(s)", "Stopped serving"], logger.At(LogLevel.Information));
    }

    [Fact]
    public async Task A_clock_s_own_cancellation_as_the_stop_is_requested_ends_the_retry_s_wait_as_the_stop()
    {
        // The documented rule for the race between the two: the stop requested by the time the wait ends, the wait
        // was the stop's (nothing tells the clock's own cancellation from it); the loop ends, as it would anyway.
        using var stop = new CancellationTokenSource();
        var retryDelay = TimeSpan.FromSeconds(3);
        var exchange = new ScriptedExchange([() => throw new IOException("port gone")]);
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(new AgentHostOptions { RetryDelay = retryDelay, TimeProvider = new ClockFailingOn(retryDelay, onFailing: stop.Cancel) }, logger)
            .Register(exchange, new NovaJsonParser(new FakeRegistry()));

        var running = host.RunAsync(stop.Token);

        await running.WithinSafetyNet();
        Assert.Equal(1, exchange.Asked);
        Assert.Equal(["Serving 1 exchange(s)", "Stopped serving"], logger.At(LogLevel.Information));
    }

    [Fact]
    public async Task A_start_that_fails_otherwise_than_cancelled_after_the_stop_is_named_as_a_failed_start()
    {
        var logger = new RecordingLogger<AgentHost>();
        var starting = new StartFailingOnStop(new IOException("the port closed under it"));
        var host = new AgentHost(new AgentHostOptions { TimeProvider = new FakeTimeProvider() }, logger).Register(starting, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await starting.Starting.WithinSafetyNet();

        await stop.CancelAsync();

        // Not the stop honoured (the old host named nothing then), but a failure, which RunAsync throws.
        var failure = await Assert.ThrowsAsync<IOException>(() => running.WithinSafetyNet());
        Assert.Equal("the port closed under it", failure.Message);
        Assert.Equal(
            ["Exchange 0 (StartFailingOnStop) failed to start (IOException: the port closed under it); the host is not serving, and the 0 exchange(s) already started are told so"],
            logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task A_start_failing_with_a_cancellation_of_its_own_before_any_stop_is_named_as_a_failed_start()
    {
        var logger = new RecordingLogger<AgentHost>();
        await using var first = new InMemoryExchange();
        var host = new AgentHost(logger: logger)
            .Register(first, new NovaJsonParser(new FakeRegistry()))
            .Register(new ScriptedExchange([], new OperationCanceledException("the connect timed out")), new NovaJsonParser(new FakeRegistry()));

        var running = host.RunAsync(CancellationToken.None);
        var failure = await Assert.ThrowsAsync<OperationCanceledException>(() => running.WithinSafetyNet());

        Assert.Equal("the connect timed out", failure.Message);
        Assert.True(running.IsFaulted, $"RunAsync's task is {running.Status}, not Faulted");
        Assert.Equal(
            ["Exchange 1 (ScriptedExchange) failed to start (OperationCanceledException: the connect timed out); the host is not serving, and the 1 exchange(s) already started are told so"],
            logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task A_loop_whose_logger_throws_a_cancellation_during_the_stop_faults_RunAsync_s_task()
    {
        using var stopping = new CancellationTokenSource();
        var logger = ThrowingOn("failed to get a request", () => new OperationCanceledException("the log's writer was cancelled"));
        var exchange = new ScriptedExchange([() => throw new IOException("port gone")], onAsked: stopping.Cancel);
        var host = new AgentHost(new AgentHostOptions { TimeProvider = new FakeTimeProvider() }, logger).Register(exchange, new NovaJsonParser(new FakeRegistry()));
        var running = host.RunAsync(stopping.Token);

        // Thrown as itself, the stop notwithstanding; a caller catching the stop's cancellation `when` its token
        // is cancelled still takes it for the stop, but the task's state says it failed.
        var failure = await Assert.ThrowsAsync<OperationCanceledException>(() => running.WithinSafetyNet());

        Assert.Equal("the log's writer was cancelled", failure.Message);
        Assert.True(running.IsFaulted, $"RunAsync's task is {running.Status}, not Faulted");
    }

    [Fact]
    public async Task A_stop_while_an_exchange_starts_still_cancels_RunAsync_s_task_with_the_start_s_cancellation()
    {
        var starting = new StartFailingOnStop(failure: null);
        var host = new AgentHost(new AgentHostOptions { TimeProvider = new FakeTimeProvider() }).Register(starting, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await starting.Starting.WithinSafetyNet();

        await stop.CancelAsync();

        // The host's own cancellation: the exchange's exception, thrown as it was, and the task cancelled.
        var cancellation = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WithinSafetyNet());
        Assert.Same(starting.Cancellation, cancellation);
        Assert.True(running.IsCanceled, $"RunAsync's task is {running.Status}, not Canceled");
    }

    [Fact]
    public async Task A_start_s_own_cancellation_once_the_stop_is_requested_is_taken_for_the_stop()
    {
        // The documented rule for the race between the two: once the stop is requested, a start ending with any
        // OperationCanceledException has honoured it (nothing tells an exchange's own cancellation from the stop's,
        // which an exchange may throw from a token it linked): not named, and the task cancelled with it.
        var logger = new RecordingLogger<AgentHost>();
        var starting = new StartFailingOnStop(new OperationCanceledException("the connect timed out"));
        var host = new AgentHost(new AgentHostOptions { TimeProvider = new FakeTimeProvider() }, logger).Register(starting, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await starting.Starting.WithinSafetyNet();

        await stop.CancelAsync();

        var cancellation = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WithinSafetyNet());
        Assert.Equal("the connect timed out", cancellation.Message);
        Assert.True(running.IsCanceled, $"RunAsync's task is {running.Status}, not Canceled");
        Assert.Empty(logger.At(LogLevel.Error));
        Assert.Empty(logger.At(LogLevel.Warning));
    }

    /// <summary>A logger that throws what <paramref name="failure"/> makes on the line that contains <paramref name="text"/>; it records every line.</summary>
    private static RecordingLogger<AgentHost> ThrowingOn(string text, Func<Exception> failure) => new()
    {
        Logged = (_, message) =>
        {
            if (message.Contains(text, StringComparison.Ordinal))
            {
                throw failure();
            }
        },
    };

    /// <summary>
    /// A clock that never moves, whose timer due after <paramref name="failing"/> fails to be made with a cancellation
    /// of the clock's own, once <paramref name="onFailing"/> (if given) has run.
    /// </summary>
    private sealed class ClockFailingOn(TimeSpan failing, Action? onFailing = null) : FakeTimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != failing)
            {
                return base.CreateTimer(callback, state, dueTime, period);
            }

            onFailing?.Invoke();
            throw new OperationCanceledException("the clock's timer was cancelled");
        }
    }

    /// <summary>
    /// An exchange whose start waits for the host's token, then fails with <paramref name="failure"/> (a connection
    /// closed under it, say), or, without one, throws its token's cancellation (<see cref="Cancellation"/>).
    /// </summary>
    private sealed class StartFailingOnStop(Exception? failure) : IExchange
    {
        private readonly TaskCompletionSource _starting = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Starting => _starting.Task;

        public OperationCanceledException? Cancellation { get; private set; }

        public async ValueTask StartAsync(CancellationToken cancellationToken)
        {
            _starting.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Cancellation = new OperationCanceledException(cancellationToken);
            throw failure ?? Cancellation;
        }

        public ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken) => ValueTask.FromResult<AgentRequest?>(null);

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
