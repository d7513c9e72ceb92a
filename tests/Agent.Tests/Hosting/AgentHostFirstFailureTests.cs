using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// What <see cref="AgentHost.RunAsync"/> throws when more than one thing fails as the host stops: the
/// failure that stopped it (a loop's, or an exchange's start), never what failed after it (a callback an
/// exchange registered on the host's token, the logger naming the failure); and whatever failed, the
/// exchanges already started are told the host is not serving, and no loop serves on after RunAsync ends.
/// </summary>
public sealed class AgentHostFirstFailureTests
{
    private static CancellationToken Test => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_callback_that_throws_as_a_failed_loop_stops_the_host_leaves_the_loops_failure_to_RunAsync()
    {
        var logger = ThrowingOn("failed to get a request", () => new LoggerBrokeException("the log is full"));
        var host = new AgentHost(logger: logger)
            .Register(new ExchangeWithThrowingCallback(), new NovaJsonParser(new FakeRegistry()))
            .Register(new FailingExchange(), new NovaJsonParser(new FakeRegistry()));

        var failure = await Assert.ThrowsAsync<LoggerBrokeException>(() => host.RunAsync(CancellationToken.None).WithinSafetyNet());

        Assert.Equal("the log is full", failure.Message);
        // The callback's failure is not lost: logged, with the exception.
        var (_, line, exception) = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Error);
        Assert.Equal(CallbackFailedLine, line);
        Assert.Equal("the callback broke", Assert.IsType<InvalidOperationException>(Assert.Single(Assert.IsType<AggregateException>(exception).InnerExceptions)).Message);
    }

    [Fact]
    public async Task A_token_callback_that_throws_as_a_failed_start_stops_the_host_leaves_the_starts_failure_to_RunAsync()
    {
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(logger: logger)
            .Register(new ExchangeWithThrowingCallback(), new NovaJsonParser(new FakeRegistry()))
            .Register(new FailingExchange(startFailure: new IOException("no such port")), new NovaJsonParser(new FakeRegistry()));

        var failure = await Assert.ThrowsAsync<IOException>(() => host.RunAsync(CancellationToken.None).WithinSafetyNet());

        Assert.Equal("no such port", failure.Message);
        Assert.True(host.WhenServing.IsCompleted, "WhenServing had not failed when RunAsync threw");
        await Assert.ThrowsAsync<IOException>(() => host.WhenServing);
        Assert.Equal(
            [
                "Exchange 1 (FailingExchange) failed to start (IOException: no such port); the host is not serving, and the 1 exchange(s) already started are told so",
                CallbackFailedLine,
            ],
            logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task A_logger_failing_as_the_host_says_an_exchange_failed_to_start_still_lets_it_tell_the_others()
    {
        var logger = ThrowingOn("failed to start", () => new LoggerBrokeException("the log is full"));
        await using var first = new InMemoryExchange();
        var host = new AgentHost(logger: logger)
            .Register(first, new NovaJsonParser(new FakeRegistry()))
            .Register(new FailingExchange(startFailure: new IOException("no such port")), new NovaJsonParser(new FakeRegistry()));

        // The start's failure came first, and is the one RunAsync is documented to throw.
        var failure = await Assert.ThrowsAsync<IOException>(() => host.RunAsync(CancellationToken.None).WithinSafetyNet());

        Assert.Equal("no such port", failure.Message);
        var late = first.SendAsync("""{"name":"version"}""", cancellationToken: Test);
        Assert.True(late.IsCompleted, "the exchange already started was not told before RunAsync threw");
        Assert.True(host.WhenServing.IsCompleted, "WhenServing had not failed when RunAsync threw");
        await Assert.ThrowsAsync<OperationCanceledException>(() => late);
        await Assert.ThrowsAsync<IOException>(() => host.WhenServing);
    }

    [Fact]
    public async Task A_logger_failing_on_the_serving_line_stops_the_host_before_any_request_is_served()
    {
        var logger = ThrowingOn("Serving 1 exchange(s)", () => new LoggerBrokeException("the log is full"));
        await using var exchange = new InMemoryExchange();
        var host = new AgentHost(logger: logger).Register(exchange, new NovaJsonParser(new FakeRegistry()));

        var failure = await Assert.ThrowsAsync<LoggerBrokeException>(() => host.RunAsync(CancellationToken.None).WithinSafetyNet());

        Assert.Equal("the log is full", failure.Message);
        // Told, as after a failed start: nobody serves it once RunAsync has thrown.
        var late = exchange.SendAsync("""{"name":"version"}""", cancellationToken: Test);
        Assert.True(late.IsCompleted, "the exchange was not told before RunAsync threw");
        await Assert.ThrowsAsync<OperationCanceledException>(() => late);
        Assert.True(host.WhenServing.IsCompleted, "WhenServing had not failed when RunAsync threw");
        Assert.Same(failure, await Assert.ThrowsAsync<LoggerBrokeException>(() => host.WhenServing));
    }

    [Fact]
    public async Task A_loop_failing_with_an_OperationCanceledException_of_its_own_has_RunAsync_throw_that_one()
    {
        var logger = ThrowingOn("failed to get a request", () => new OperationCanceledException("the log's writer was cancelled"));
        await using var idle = new InMemoryExchange();
        var host = new AgentHost(logger: logger)
            .Register(idle, new NovaJsonParser(new FakeRegistry()))
            .Register(new FailingExchange(), new NovaJsonParser(new FakeRegistry()));

        // The loop's own exception (what awaiting every loop already gave; pinned beside the deaf case below).
        var failure = await Assert.ThrowsAsync<OperationCanceledException>(() => host.RunAsync(CancellationToken.None).WithinSafetyNet());

        Assert.Equal("the log's writer was cancelled", failure.Message);
    }

    [Fact]
    public async Task A_loop_failing_with_an_OperationCanceledException_beside_a_deaf_exchange_is_still_rethrown()
    {
        var time = new RecordingTimeProvider();
        var logger = ThrowingOn("failed to get a request", () => new OperationCanceledException("the log's writer was cancelled"));
        var deaf = new DeafExchange();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(30), TimeProvider = time }, logger)
            .Register(deaf, new NovaJsonParser(new FakeRegistry()))
            .Register(new FailingExchange(deaf.Asked), new NovaJsonParser(new FakeRegistry()));
        var running = host.RunAsync(CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(5), await time.Deadlines.ReadAsync(Test).AsTask().WithinSafetyNet());
        time.Advance(TimeSpan.FromSeconds(5));

        // Given up on the deaf loop, the host still throws the failure that stopped it.
        var failure = await Assert.ThrowsAsync<OperationCanceledException>(() => running.WithinSafetyNet());

        Assert.Equal("the log's writer was cancelled", failure.Message);
        Assert.Contains("Exchange 0 (DeafExchange) did not stop: it ignores the host's cancellation (GetRequestAsync must honour its token); the host stops waiting for it", logger.At(LogLevel.Warning));
    }

    [Fact]
    public async Task A_loop_still_stopping_the_host_at_the_idle_deadline_is_waited_for_not_given_up_on()
    {
        var time = new RecordingTimeProvider();
        var stopping = new TaskCompletionSource();
        var logger = new RecordingLogger<AgentHost>
        {
            Logged = (_, message) =>
            {
                if (message.Contains("failed to get a request", StringComparison.Ordinal))
                {
                    throw new LoggerBrokeException("the log is full");
                }

                // The failed loop's stop, held after the token's callbacks ran (the idle deadline is set)
                // until the test has passed that deadline: a stop whose callbacks take that long.
                if (message.StartsWith("A callback registered on the host's token failed", StringComparison.Ordinal))
                {
                    stopping.Task.Wait(Test);
                }
            },
        };
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(30), TimeProvider = time }, logger)
            .Register(new ExchangeWithThrowingCallback(new IOException("port gone")), new NovaJsonParser(new FakeRegistry()));
        var running = host.RunAsync(CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(5), await time.Deadlines.ReadAsync(Test).AsTask().WithinSafetyNet());
        time.Advance(TimeSpan.FromSeconds(5));
        stopping.SetResult();

        // The old host closed the failing loop as deaf ("Exchange 0 ... did not stop") and returned without its failure.
        var failure = await Assert.ThrowsAsync<LoggerBrokeException>(() => running.WithinSafetyNet());

        Assert.Equal("the log is full", failure.Message);
        Assert.DoesNotContain(logger.At(LogLevel.Warning), line => line.Contains("did not stop", StringComparison.Ordinal));
    }

    private const string CallbackFailedLine = "A callback registered on the host's token failed as the host stopped (1 failure(s), the first InvalidOperationException: the callback broke); the stop goes on";

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

    private sealed class LoggerBrokeException(string message) : Exception(message);

    /// <summary>
    /// An exchange that honours its token, and registers on the host's one a callback that throws (an exchange's
    /// bug); its every GetRequestAsync fails with <paramref name="requestFailure"/> when there is one.
    /// </summary>
    private sealed class ExchangeWithThrowingCallback(Exception? requestFailure = null) : IExchange
    {
        private CancellationTokenRegistration _registration;

        public ValueTask StartAsync(CancellationToken cancellationToken)
        {
            _registration = cancellationToken.Register(static () => throw new InvalidOperationException("the callback broke"));
            return ValueTask.CompletedTask;
        }

        public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
        {
            if (requestFailure is not null)
            {
                throw requestFailure;
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return null;
        }

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => _registration.DisposeAsync();
    }

    /// <summary>An exchange that fails to start with <paramref name="startFailure"/>, or else whose every GetRequestAsync fails once <paramref name="after"/> has completed.</summary>
    private sealed class FailingExchange(Task? after = null, Exception? startFailure = null) : IExchange
    {
        public ValueTask StartAsync(CancellationToken cancellationToken) =>
            startFailure is null ? ValueTask.CompletedTask : ValueTask.FromException(startFailure);

        public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
        {
            await (after ?? Task.CompletedTask).WithinSafetyNet();
            throw new IOException("port gone");
        }

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
