using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// The host as a team writing its own exchange or parser would get it wrong (docs/plugins.md):
/// an exchange registered twice, a run with nothing registered yet, an exchange that throws a
/// cancellation of its own, a start or a delivery that ignores its token at shutdown, and pairs
/// that must not wait for each other.
/// </summary>
public sealed class AgentHostPluginMisuseTests
{
    private static CancellationToken Test => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_exchange_registered_twice_is_refused_so_it_is_never_started_twice_nor_read_by_two_loops()
    {
        await using var exchange = new InMemoryExchange();
        var host = new AgentHost().Register(exchange, new NovaJsonParser(new FakeRegistry()));

        var twice = Assert.Throws<ArgumentException>(() => host.Register(exchange, new NovaJsonParser(new FakeRegistry())));

        Assert.Equal("exchange", twice.ParamName);
        Assert.StartsWith("This InMemoryExchange is already registered: an exchange is served by one loop, which keeps its requests in order.", twice.Message, StringComparison.Ordinal);
        // Still one pair: the host serves it and ends with it.
        var running = host.RunAsync(Test);
        var answer = exchange.SendAsync("""{"name":"nosuch"}""", "r1", Test);
        Assert.Equal("404", (await answer.WithinSafetyNet()).ReturnCode);
        exchange.Complete();
        await running.WithinSafetyNet();
    }

    [Fact]
    public async Task A_run_refused_for_want_of_an_exchange_leaves_the_host_ready_for_one()
    {
        var host = new AgentHost();
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.RunAsync(Test));
        await using var exchange = new InMemoryExchange();

        host.Register(exchange, new NovaJsonParser(new FakeRegistry().Add("ok", (_, _) => new(CommandResult.Ok("fine")))));
        var running = host.RunAsync(Test);
        var answer = await exchange.SendAsync("""{"name":"ok"}""", "r1", Test).WithinSafetyNet();
        exchange.Complete();
        await running.WithinSafetyNet();

        Assert.Equal("""{"returncode":"0","message":"fine"}""", answer.ToJson());
    }

    [Fact]
    public async Task A_cancellation_the_exchange_throws_of_its_own_is_a_failure_retried_not_a_stop()
    {
        var time = new RecordingTimeProvider();
        var steps = new Queue<Func<AgentRequest?>>([
            () => throw new OperationCanceledException("the port's own read timed out"),
            () => new AgentRequest("r1", """{"name":"ok"}"""u8.ToArray(), new ExchangeSession()),
        ]);
        var exchange = new ScriptExchange(steps);
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(new AgentHostOptions { TimeProvider = time }, logger)
            .Register(exchange, new NovaJsonParser(new FakeRegistry().Add("ok", (_, _) => new(CommandResult.Ok("fine")))));
        var running = host.RunAsync(Test);

        time.Advance(await time.Waits.ReadAsync(Test).AsTask().WithinSafetyNet());
        await running.WithinSafetyNet();

        Assert.Equal("""{"returncode":"0","message":"fine"}""", Assert.Single(exchange.Answers).ToJson());
        Assert.Equal(
            "Exchange 0 (ScriptExchange) failed to get a request (OperationCanceledException: the port's own read timed out); retrying in 1 s",
            Assert.Single(logger.At(LogLevel.Warning)));
    }

    [Fact]
    public async Task A_delivery_that_ignores_its_token_at_shutdown_is_abandoned_as_a_delivery_not_as_a_running_command()
    {
        var time = new RecordingTimeProvider();
        var exchange = new StuckDeliveryExchange();
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(10), TimeProvider = time }, logger)
            .Register(exchange, new NovaJsonParser(new FakeRegistry().Add("ok", (_, _) => new(CommandResult.Ok("fine")))));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await exchange.Delivering.WithinSafetyNet();

        await stop.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(15));
        await running.WithinSafetyNet();

        Assert.Equal("r-stuck", Assert.Single(host.RequestsInProgress).Id);
        Assert.Equal(
            [
                "Request r-stuck on exchange 0 (StuckDeliveryExchange) abandoned: its answer is still being delivered 15 s after the stop (PutResponseAsync ignores its cancellation token); the host stops waiting for it",
                "Stopped serving, abandoning 1 request(s) in progress",
            ],
            logger.At(LogLevel.Warning));
    }

    [Fact]
    public async Task A_pair_whose_command_waits_does_not_hold_up_another_pair()
    {
        // The first pair's command returns only once the second pair's has run: if the loops took
        // turns, neither would answer.
        var otherRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new FakeRegistry().Add("wait", async (_, _) =>
        {
            await otherRan.Task;
            return CommandResult.Ok("after the other");
        });
        var quick = new FakeRegistry().Add("quick", (_, _) =>
        {
            otherRan.SetResult();
            return new(CommandResult.Ok("first"));
        });
        await using var slow = new InMemoryExchange();
        await using var fast = new InMemoryExchange();
        var host = new AgentHost().Register(slow, new NovaJsonParser(waiting)).Register(fast, new NovaJsonParser(quick));
        var running = host.RunAsync(Test);

        var held = slow.SendAsync("""{"name":"wait"}""", "held", Test);
        await slow.WhenTaken("held", Test).WithinSafetyNet();
        var other = await fast.SendAsync("""{"name":"quick"}""", "other", Test).WithinSafetyNet();

        Assert.Equal("""{"returncode":"0","message":"first"}""", other.ToJson());
        Assert.Equal("""{"returncode":"0","message":"after the other"}""", (await held.WithinSafetyNet()).ToJson());
        slow.Complete();
        fast.Complete();
        await running.WithinSafetyNet();
    }

    [Fact]
    public async Task An_exchange_failing_for_ever_does_not_stop_another_pair_from_serving()
    {
        // The failing exchange's retry wait is never over: the clock is never moved.
        var time = new RecordingTimeProvider();
        var failing = new ScriptExchange(new Queue<Func<AgentRequest?>>([() => throw new IOException("port gone")]));
        await using var served = new InMemoryExchange();
        var host = new AgentHost(new AgentHostOptions { TimeProvider = time })
            .Register(failing, new NovaJsonParser(new FakeRegistry()))
            .Register(served, new NovaJsonParser(new FakeRegistry().Add("ok", (_, _) => new(CommandResult.Ok("fine")))));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await time.Waits.ReadAsync(Test).AsTask().WithinSafetyNet();

        var answer = await served.SendAsync("""{"name":"ok"}""", "r1", Test).WithinSafetyNet();

        Assert.Equal("""{"returncode":"0","message":"fine"}""", answer.ToJson());
        await stop.CancelAsync();
        await running.WithinSafetyNet();
    }

    [Fact]
    public async Task A_stop_while_an_exchange_starts_ends_the_run_with_its_cancellation_and_logs_no_start_failure()
    {
        await using var first = new InMemoryExchange();
        var starting = new SlowStartExchange();
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(logger: logger)
            .Register(first, new NovaJsonParser(new FakeRegistry()))
            .Register(starting, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await starting.Starting.WithinSafetyNet();
        var queued = first.SendAsync("""{"name":"version"}""", "queued", Test);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WithinSafetyNet());
        Assert.True(host.WhenServing.IsCanceled, $"WhenServing is {host.WhenServing.Status}, not cancelled as RunAsync's task");
        Assert.True(running.IsCanceled, $"RunAsync's task is {running.Status}, not cancelled");
        // The exchange already started is told: its queued request is released, not left waiting.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WithinSafetyNet());
        Assert.Empty(logger.At(LogLevel.Error));
        Assert.Empty(logger.At(LogLevel.Information));
    }

    [Fact]
    public async Task A_start_that_ignores_its_token_is_given_up_on_5_s_after_the_stop_whatever_the_shutdown_timeout()
    {
        // A start holds no request: the 30 s a request in progress would get are not its.
        var time = new RecordingTimeProvider();
        await using var first = new InMemoryExchange();
        var deaf = new DeafStartExchange();
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(30), TimeProvider = time }, logger)
            .Register(first, new NovaJsonParser(new FakeRegistry()))
            .Register(deaf, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await deaf.Starting.WithinSafetyNet();
        var queued = first.SendAsync("""{"name":"version"}""", "queued", Test);

        await stop.CancelAsync();
        Assert.True(time.Deadlines.TryRead(out var deadline), "the stop set no deadline");
        Assert.Equal(TimeSpan.FromSeconds(5), deadline);
        time.Advance(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WithinSafetyNet());
        Assert.True(host.WhenServing.IsCanceled, $"WhenServing is {host.WhenServing.Status}, not cancelled as RunAsync's task");
        Assert.True(running.IsCanceled, $"RunAsync's task is {running.Status}, not cancelled");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WithinSafetyNet());
        Assert.Equal(
            ["Exchange 1 (DeafStartExchange) did not start: its StartAsync still runs 5 s after the stop, ignoring the host's cancellation (StartAsync must honour its token); the host stops waiting for it"],
            logger.At(LogLevel.Warning));
        Assert.Empty(logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task A_start_that_ignores_its_token_is_given_up_on_5_s_after_the_stop_even_with_an_infinite_shutdown_timeout()
    {
        // The infinite timeout waits for a request in progress; a start holds none, and waiting for
        // it for ever would leave a process that no stop short of a kill ends.
        var time = new RecordingTimeProvider();
        var deaf = new DeafStartExchange();
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = Timeout.InfiniteTimeSpan, TimeProvider = time }, logger)
            .Register(deaf, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await deaf.Starting.WithinSafetyNet();

        await stop.CancelAsync();
        Assert.True(time.Deadlines.TryRead(out var deadline), "the stop set no deadline");
        Assert.Equal(TimeSpan.FromSeconds(5), deadline);
        time.Advance(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WithinSafetyNet());
        Assert.Equal(
            ["Exchange 0 (DeafStartExchange) did not start: its StartAsync still runs 5 s after the stop, ignoring the host's cancellation (StartAsync must honour its token); the host stops waiting for it"],
            logger.At(LogLevel.Warning));
    }

    [Fact]
    public async Task A_start_that_ends_on_the_stop_s_token_is_no_warning_even_once_the_deadline_is_past()
    {
        var time = new RecordingTimeProvider();
        var starting = new SlowStartExchange();
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.Zero, TimeProvider = time }, logger)
            .Register(starting, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await starting.Starting.WithinSafetyNet();

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WithinSafetyNet());
        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Empty(logger.Entries);
    }

    /// <summary>Plays its steps, one per GetRequestAsync (throwing is failing), then ends; keeps the answers.</summary>
    private sealed class ScriptExchange(Queue<Func<AgentRequest?>> steps) : IExchange
    {
        public List<AgentResponse> Answers { get; } = [];

        public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(steps.TryDequeue(out var step) ? step() : null);

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
        {
            Answers.Add(response);
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>An exchange whose start waits, honouring the host's token (a connection being made).</summary>
    private sealed class SlowStartExchange : IExchange
    {
        private readonly TaskCompletionSource _starting = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Starting => _starting.Task;

        public async ValueTask StartAsync(CancellationToken cancellationToken)
        {
            _starting.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }

        public ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken) => ValueTask.FromResult<AgentRequest?>(null);

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>An exchange whose start never ends and never looks at its token (a connect without a timeout).</summary>
    private sealed class DeafStartExchange : IExchange
    {
        private readonly TaskCompletionSource _starting = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Starting => _starting.Task;

        public ValueTask StartAsync(CancellationToken cancellationToken)
        {
            _starting.TrySetResult();
            return new(new TaskCompletionSource().Task);
        }

        public ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken) => ValueTask.FromResult<AgentRequest?>(null);

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Hands over one request, then waits for the stop; its delivery never ends and never looks at its token.</summary>
    private sealed class StuckDeliveryExchange : IExchange
    {
        private readonly TaskCompletionSource _delivering = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _requests;

        public Task Delivering => _delivering.Task;

        public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _requests) == 1)
            {
                return new AgentRequest("r-stuck", """{"name":"ok"}"""u8.ToArray(), new ExchangeSession());
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            return null;
        }

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
        {
            _delivering.TrySetResult();
            return new(new TaskCompletionSource().Task);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
