using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// A request an exchange deaf to the stop hands over after the command deadline (the stop +
/// <see cref="AgentHostOptions.ShutdownTimeout"/>), before the host gave up on that exchange: started,
/// its command would find its token already cancelled and answer "cancelled", and the exchange would
/// drop the request with that answer. It is not started, and left to the exchange, as one handed over
/// after the give-up; one handed over before the deadline is served as before. On a manual clock: the
/// deadline has passed once <c>Advance</c> returns, and the last hand-over is placed in a line the
/// host writes (the host waits while the test acts there).
/// </summary>
public sealed class AgentHostCommandDeadlineTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private const string LateNotStarted = "Request r-late (command 'late') on exchange {0} (DeafExchange) not started: the exchange handed it over after the shutdown timeout (1 s after the stop) had run out, when its command would start already cancelled; it is left to the exchange unanswered (an exchange that keeps each request until it is answered hands it over again at the agent's next start)";

    private static AgentRequest Late() => new("r-late", """{"name":"late","value":"s3cret"}"""u8.ToArray(), new ExchangeSession());

    [Fact]
    public async Task A_request_handed_over_after_the_command_deadline_is_not_started_and_left_to_the_exchange()
    {
        // A shutdown timeout under the 5 s give-up: at 1 s the exchange, still idle, hands a request
        // over. Its command honours its token, so started it would answer "cancelled" at once.
        var lateStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("late", (_, context) =>
        {
            lateStarted.SetResult();
            context.CancellationToken.ThrowIfCancellationRequested();
            return new(CommandResult.Ok("ran"));
        });
        var deaf = new DeafExchange();
        var logger = new RecordingLogger<AgentHost>();
        var time = new RecordingTimeProvider();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = OneSecond, TimeProvider = time }, logger)
            .Register(deaf, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await deaf.Asked.WithinSafetyNet();

        await stop.CancelAsync();
        Assert.Equal([TimeSpan.FromSeconds(5), OneSecond, OneSecond + TimeSpan.FromSeconds(5)], HostBesideDeafExchange.Deadlines(time));
        time.Advance(OneSecond);
        deaf.Hand(Late());

        // Whatever the loop decides, it then ends (its request not started, or started, answered at
        // once as cancelled and delivered), and nothing else holds the host, which returns short of
        // the 5 s give-up: what the loop did is asserted after, never waited for.
        await running.WithinSafetyNet();
        Assert.False(lateStarted.Task.IsCompleted, "the request handed over past the deadline was started");
        Assert.Empty(deaf.Answers);
        Assert.Empty(host.RequestsInProgress);
        Assert.Equal([string.Format(null, LateNotStarted, 0)], logger.At(LogLevel.Warning));
        Assert.Equal("Stopped serving", logger.At(LogLevel.Information)[^1]);
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_handed_over_after_the_stop_but_before_the_command_deadline_is_served_and_cut_off_at_it()
    {
        // The rule before the deadline is unchanged: the request is started, its command's token is
        // cancelled at the deadline, and the cancelled answer is delivered.
        var lateStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var notStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("late", (_, context) =>
        {
            lateStarted.SetResult();
            return new(never.Task.WaitAsync(context.CancellationToken));
        });
        var deaf = new DeafExchange();
        var logger = new RecordingLogger<AgentHost>
        {
            Logged = (_, message) =>
            {
                if (message.StartsWith("Request r-late", StringComparison.Ordinal))
                {
                    notStarted.TrySetResult();
                }
            },
        };
        var time = new RecordingTimeProvider();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = OneSecond, TimeProvider = time }, logger)
            .Register(deaf, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await deaf.Asked.WithinSafetyNet();

        await stop.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(0.5));
        deaf.Hand(Late());
        var outcome = await Task.WhenAny(notStarted.Task, lateStarted.Task).WithinSafetyNet();
        Assert.Same(lateStarted.Task, outcome);
        Assert.Equal("r-late", Assert.Single(host.RequestsInProgress).Id);
        time.Advance(TimeSpan.FromSeconds(0.5));
        await running.WithinSafetyNet();

        Assert.Equal("""{"returncode":"500","message":"Command 'late' was cancelled"}""", Assert.Single(deaf.Answers).ToJson());
        Assert.Empty(logger.At(LogLevel.Warning));
        Assert.Empty(host.RequestsInProgress);
    }

    [Fact]
    public async Task A_request_taken_as_the_final_deadline_abandons_another_is_not_started_nor_counted_as_abandoned()
    {
        // Exchange 0's command ignores its token and holds the host to the delivery deadline (6 s);
        // exchange 1 idles deaf to the stop. While the host names exchange 0's request as abandoned,
        // before it looks at slot 1, exchange 1 hands a request over and its loop claims the slot
        // first: past the command deadline, that request is not started, so the host has nothing of
        // slot 1's to abandon, and counts only exchange 0's.
        var stuckStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lateStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var notStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry()
            .Add("stuck", (_, _) =>
            {
                stuckStarted.SetResult();
                return new(never.Task); // the token is never looked at
            })
            .Add("late", (_, context) =>
            {
                lateStarted.SetResult();
                context.CancellationToken.ThrowIfCancellationRequested();
                return new(CommandResult.Ok("ran"));
            });
        var busy = new DeafExchange();
        var idle = new DeafExchange();
        var logger = new RecordingLogger<AgentHost>
        {
            Logged = (_, message) =>
            {
                if (message.StartsWith("Request r-stuck", StringComparison.Ordinal))
                {
                    idle.Hand(Late());
                    // A guard against hanging the test run, not a measure: the loop's decision is made.
                    Assert.NotEqual(-1, Task.WaitAny([notStarted.Task, lateStarted.Task], SafetyNetWaits.SafetyNet));
                }
                else if (message.StartsWith("Request r-late", StringComparison.Ordinal))
                {
                    notStarted.TrySetResult();
                }
            },
        };
        var time = new RecordingTimeProvider();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = OneSecond, TimeProvider = time }, logger)
            .Register(busy, new NovaJsonParser(registry))
            .Register(idle, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        busy.Hand(new AgentRequest("r-stuck", """{"name":"stuck"}"""u8.ToArray(), new ExchangeSession()));
        await stuckStarted.Task.WithinSafetyNet();
        await idle.Asked.WithinSafetyNet();

        await stop.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(6));
        await running.WithinSafetyNet();

        Assert.True(notStarted.Task.IsCompleted, "the late request's loop did not say it left the request");
        Assert.False(lateStarted.Task.IsCompleted);
        Assert.Empty(idle.Answers);
        Assert.Equal("r-stuck", Assert.Single(host.RequestsInProgress).Id);
        Assert.Equal(
            [
                "Request r-stuck on exchange 0 (DeafExchange) abandoned unanswered: its command still runs 6 s after the stop, ignoring its cancellation token; the host stops waiting for it",
                string.Format(null, LateNotStarted, 1),
                "Stopped serving, abandoning 1 request(s) in progress",
            ],
            logger.At(LogLevel.Warning));
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("s3cret", StringComparison.Ordinal));
        never.SetResult(CommandResult.Ok("late"));
    }

    [Fact]
    public async Task With_a_zero_timeout_an_InMemoryExchange_request_taken_after_the_stop_is_not_started_and_its_caller_waits_until_disposal()
    {
        // What InMemoryExchange's remarks and docs/plugins.md say of a zero timeout, which runs out at
        // the stop itself: the exchange returned the request just as the stop came, and the loop takes
        // it after (placed by holding the hand-over until the stop is made). Not started; its caller
        // gets no answer, and its wait is cancelled by the exchange's disposal.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("late", (_, _) =>
        {
            started.SetResult();
            return new(CommandResult.Ok("ran"));
        });
        await using var exchange = new InMemoryExchange();
        var handOver = new HeldHandOver(exchange);
        var logger = new RecordingLogger<AgentHost>();
        var time = new RecordingTimeProvider();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.Zero, TimeProvider = time }, logger)
            .Register(handOver, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        var taken = exchange.WhenTaken("r1", TestContext.Current.CancellationToken);
#pragma warning disable xUnit1051 // No token on purpose: the task is the answer's, asserted pending below.
        var answer = exchange.SendAsync("""{"name":"late","value":""}""", "r1");
#pragma warning restore xUnit1051
        await taken.WithinSafetyNet();

        await stop.CancelAsync();
        time.Advance(TimeSpan.Zero);
        handOver.Release();
        await running.WithinSafetyNet();

        Assert.False(started.Task.IsCompleted, "the request taken after a zero timeout ran out was started");
        Assert.False(answer.IsCompleted, "the caller was answered");
        Assert.Equal(
            ["Request r1 (command 'late') on exchange 0 (HeldHandOver) not started: the exchange handed it over after the shutdown timeout (0 s after the stop) had run out, when its command would start already cancelled; it is left to the exchange unanswered (an exchange that keeps each request until it is answered hands it over again at the agent's next start)"],
            logger.At(LogLevel.Warning));
        await exchange.DisposeAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answer.WithinSafetyNet());
    }

    /// <summary>Hands over what its InMemoryExchange returns only once released (a loop resuming late).</summary>
    private sealed class HeldHandOver(InMemoryExchange inner) : IExchange
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.SetResult();

        public ValueTask StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

        public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
        {
            var request = await inner.GetRequestAsync(cancellationToken);
            await _released.Task;
            return request;
        }

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken) =>
            inner.PutResponseAsync(request, response, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
