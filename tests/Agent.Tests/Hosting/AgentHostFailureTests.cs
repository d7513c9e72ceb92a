using System.Threading.Channels;
using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// What the host does when an exchange fails (to get a request, or to start), when it ends, and when
/// a command ignores its cancellation at shutdown: each on a manual clock, moved once the wait it
/// ends has started.
/// </summary>
public sealed class AgentHostFailureTests
{
    private static CancellationToken Test => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failing_exchange_is_retried_with_a_doubling_delay_up_to_the_cap_and_named_in_the_warning()
    {
        var time = new RecordingTimeProvider();
        // Five failures in a row, then the exchange ends.
        await using var served = new InMemoryExchange();
        var exchange = new ScriptedExchange(Enumerable.Repeat<Func<AgentRequest?>>(() => throw new IOException("port gone"), 5).Append(() => null));
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(new AgentHostOptions { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(5), TimeProvider = time }, logger)
            .Register(served, new NovaJsonParser(new FakeRegistry()))
            .Register(exchange, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var wait = await time.Waits.ReadAsync(Test).AsTask().WithinSafetyNet();
            waits.Add(wait);
            time.Advance(wait);
        }

        await exchange.Exhausted.WithinSafetyNet();
        await stop.CancelAsync();
        await running.WithinSafetyNet();

        Assert.Equal([1, 2, 4, 5, 5], waits.Select(wait => wait.TotalSeconds));
        var warnings = logger.At(LogLevel.Warning);
        Assert.Equal(5, warnings.Count);
        Assert.Equal("Exchange 1 (ScriptedExchange) failed to get a request (IOException: port gone); retrying in 1 s", warnings[0]);
        Assert.Equal("Exchange 1 (ScriptedExchange) failed to get a request (IOException: port gone); retrying in 5 s", warnings[4]);
        Assert.Contains("Exchange 1 (ScriptedExchange) ended: it has no more requests, and its loop stops", logger.At(LogLevel.Information));
    }

    [Fact]
    public async Task A_response_the_exchange_cannot_deliver_is_an_error_naming_the_request_and_the_host_serves_on()
    {
        var request = new Func<string, Func<AgentRequest?>>(id => () => new AgentRequest(id, """{"name":"nosuch"}"""u8.ToArray(), new ExchangeSession()));
        var exchange = new ScriptedExchange([request("r1"), request("r2"), () => null], deliveryFailure: new IOException("store gone"));
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(logger: logger).Register(exchange, new NovaJsonParser(new FakeRegistry()));

        await host.RunAsync(Test).WithinSafetyNet();

        Assert.Equal(2, exchange.Responses.Count);
        Assert.Equal(
            ["Request r1: response could not be delivered (IOException: store gone)", "Request r2: response could not be delivered (IOException: store gone)"],
            logger.At(LogLevel.Error));
        Assert.Empty(logger.At(LogLevel.Warning));
        Assert.Contains("Serving 1 exchange(s)", logger.At(LogLevel.Information));
    }

    [Fact]
    public async Task A_request_taken_resets_the_retry_delay()
    {
        var time = new RecordingTimeProvider();
        var fail = new Func<AgentRequest?>(() => throw new IOException("flaky"));
        var exchange = new ScriptedExchange([fail, fail, () => new AgentRequest("r1", """{"name":"ok"}"""u8.ToArray(), new ExchangeSession()), fail, () => null]);
        var host = new AgentHost(new AgentHostOptions { RetryDelay = TimeSpan.FromSeconds(3), TimeProvider = time })
            .Register(exchange, new NovaJsonParser(new FakeRegistry().Add("ok", (_, _) => new(CommandResult.Ok("fine")))));
        var running = host.RunAsync(CancellationToken.None);

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var wait = await time.Waits.ReadAsync(Test).AsTask().WithinSafetyNet();
            waits.Add(wait);
            time.Advance(wait);
        }

        await running.WithinSafetyNet();

        Assert.Equal([3, 6, 3], waits.Select(wait => wait.TotalSeconds));
        Assert.Equal("""{"returncode":"0","message":"fine"}""", Assert.Single(exchange.Responses).ToJson());
    }

    [Fact]
    public async Task An_exchange_that_fails_to_start_tells_the_ones_already_started_that_the_host_is_not_serving()
    {
        await using var first = new InMemoryExchange();
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(logger: logger)
            .Register(first, new NovaJsonParser(new FakeRegistry()))
            .Register(new ScriptedExchange([], startFailure: new IOException("no such port")), new NovaJsonParser(new FakeRegistry()));

        var failure = await Assert.ThrowsAsync<IOException>(() => host.RunAsync(CancellationToken.None).WithinSafetyNet());

        Assert.Equal("no such port", failure.Message);
        // Both told before RunAsync threw, so already done now: without the host's word, this
        // request would wait for ever, and so would whoever waits for the host to serve.
        var late = first.SendAsync("""{"name":"version"}""", cancellationToken: Test);
        Assert.True(late.IsCompleted, "the exchange already started was not told before RunAsync threw");
        Assert.True(host.WhenServing.IsCompleted, "WhenServing had not failed when RunAsync threw");
        await Assert.ThrowsAsync<OperationCanceledException>(() => late);
        await Assert.ThrowsAsync<IOException>(() => host.WhenServing);
        Assert.Equal(
            "Exchange 1 (ScriptedExchange) failed to start (IOException: no such port); the host is not serving, and the 1 exchange(s) already started are told so",
            Assert.Single(logger.At(LogLevel.Error)));
    }

    [Fact]
    public async Task A_failed_start_that_RunAsync_threw_is_not_reported_again_as_an_unobserved_task_exception()
    {
        // WhenServing fails with the start's exception too. An application that awaits RunAsync only
        // (as docs/packages.md's does) never looks at WhenServing, and must not hear of the failure it
        // caught a second time, from the finalizer, as an unobserved task exception.
        var failure = new IOException("no such port (unobserved?)");
        var reported = await UnobservedTaskExceptions.CollectAsync(() => RunFailingToStartAsync(failure), exception => exception == failure, Test);

        Assert.Empty(reported);
    }

    /// <summary>Runs a host whose one exchange fails to start, and lets go of it once RunAsync has thrown.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task RunFailingToStartAsync(IOException failure)
    {
        var host = new AgentHost().Register(new ScriptedExchange([], startFailure: failure), new NovaJsonParser(new FakeRegistry()));
        Assert.Same(failure, await Assert.ThrowsAsync<IOException>(() => host.RunAsync(CancellationToken.None).WithinSafetyNet()));
    }

    [Fact]
    public async Task A_command_that_ignores_its_token_is_abandoned_once_its_delivery_time_is_up_too()
    {
        var time = new RecordingTimeProvider();
        var started = new TaskCompletionSource();
        var never = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("stuck", (_, _) =>
        {
            started.SetResult();
            return new(never.Task); // the token is never looked at
        }).Add("ok", (_, _) => new(CommandResult.Ok()));
        await using var exchange = new InMemoryExchange();
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(10), TimeProvider = time }, logger)
            .Register(exchange, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        // One answer delivered first: the loop is past a delivery when the stuck command runs.
        await exchange.SendAsync("""{"name":"ok"}""", "r-ok", Test).WithinSafetyNet();
        var response = exchange.SendAsync("""{"name":"stuck"}""", "r-stuck", Test);
        await started.Task.WithinSafetyNet();

        await stop.CancelAsync();
        // The command's own time runs out: its token is cancelled, and it goes on regardless.
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(running.IsCompleted);
        // Then the answer's delivery time: the host stops waiting.
        time.Advance(TimeSpan.FromSeconds(5));
        await running.WithinSafetyNet();

        Assert.Equal("r-stuck", Assert.Single(host.RequestsInProgress).Id);
        Assert.Equal(
            [
                "Request r-stuck on exchange 0 (InMemoryExchange) abandoned unanswered: its command still runs 15 s after the stop, ignoring its cancellation token; the host stops waiting for it",
                "Stopped serving, abandoning 1 request(s) in progress",
            ],
            logger.At(LogLevel.Warning));
        Assert.DoesNotContain("Stopped serving", logger.At(LogLevel.Information));
        Assert.False(response.IsCompleted);
        never.SetResult(CommandResult.Ok("late"));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(0)]
    public async Task An_idle_exchange_that_ignores_the_stop_is_given_up_on_5_s_after_it_whatever_the_shutdown_timeout(int timeoutSeconds)
    {
        // Nothing is in progress: the timeout, which is the request's, does not hold the host, and
        // the exchange deaf to the stop is waited for only the 5 s an answer's delivery gets.
        var time = new RecordingTimeProvider();
        var exchange = new DeafExchange();
        var logger = new RecordingLogger<AgentHost>();
        var timeout = TimeSpan.FromSeconds(timeoutSeconds);
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = timeout, TimeProvider = time }, logger)
            .Register(exchange, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await exchange.Asked.WithinSafetyNet();

        await stop.CancelAsync();
        // The stop's deadlines: the idle one, then the request's own and its delivery's.
        Assert.Equal([TimeSpan.FromSeconds(5), timeout, timeout + TimeSpan.FromSeconds(5)], HostBesideDeafExchange.Deadlines(time));
        time.Advance(TimeSpan.FromSeconds(5));
        await running.WithinSafetyNet();

        Assert.Equal(
            [
                "Exchange 0 (DeafExchange) did not stop: it ignores the host's cancellation (GetRequestAsync must honour its token); the host stops waiting for it",
                "Stopped serving, abandoning 0 request(s) in progress",
            ],
            logger.At(LogLevel.Warning));
        Assert.Empty(host.RequestsInProgress);
    }

    [Fact]
    public async Task An_infinite_shutdown_timeout_waits_for_the_command_for_ever()
    {
        var time = new RecordingTimeProvider();
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("slow", (_, context) =>
        {
            started.SetResult();
            return new(release.Task.WaitAsync(context.CancellationToken));
        });
        await using var exchange = new InMemoryExchange();
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = Timeout.InfiniteTimeSpan, TimeProvider = time }, logger).Register(exchange, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        var response = exchange.SendAsync("""{"name":"slow"}""", "r-slow", Test);
        await started.Task.WithinSafetyNet();

        await stop.CancelAsync();
        time.Advance(TimeSpan.FromDays(1));
        Assert.False(running.IsCompleted);
        release.SetResult(CommandResult.Ok("done at last"));
        await running.WithinSafetyNet();

        // Finished, not abandoned, however long the clock ran.
        Assert.Equal("""{"returncode":"0","message":"done at last"}""", (await response.WithinSafetyNet()).ToJson());
        Assert.Empty(logger.At(LogLevel.Warning));
        Assert.Contains("Stopped serving", logger.At(LogLevel.Information));
    }

    [Fact]
    public async Task An_infinite_shutdown_timeout_still_gives_up_on_an_idle_exchange_that_ignores_the_stop()
    {
        // Two pairs: one serves a command that runs until released, the other idles deaf to the
        // stop. The command is waited for, however long the clock runs; the deaf exchange only for
        // the 5 s an answer's delivery gets, not for ever (a process an init system could not stop).
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("slow", (_, _) =>
        {
            started.SetResult();
            return new(release.Task);
        });
        await using var scene = new HostBesideDeafExchange(Timeout.InfiniteTimeSpan, registry);
        var response = scene.Exchange.SendAsync("""{"name":"slow"}""", "r-slow", Test);
        await started.Task.WithinSafetyNet();
        await scene.Deaf.Asked.WithinSafetyNet();

        await scene.Stop.CancelAsync();
        // The stop's callbacks have run: the one deadline set is the idle exchanges' 5 s.
        Assert.True(scene.Time.Deadlines.TryRead(out var deadline), "the stop set no deadline");
        Assert.Equal(TimeSpan.FromSeconds(5), deadline);
        Assert.False(scene.Time.Deadlines.TryRead(out _));
        scene.Time.Advance(TimeSpan.FromDays(1));
        Assert.False(scene.Running.IsCompleted);
        release.SetResult(CommandResult.Ok("done at last"));
        await scene.Running.WithinSafetyNet();

        Assert.Equal("""{"returncode":"0","message":"done at last"}""", (await response.WithinSafetyNet()).ToJson());
        Assert.Equal(
            [
                "Exchange 1 (DeafExchange) did not stop: it ignores the host's cancellation (GetRequestAsync must honour its token); the host stops waiting for it",
                "Stopped serving, abandoning 0 request(s) in progress",
            ],
            scene.Logger.At(LogLevel.Warning));
        Assert.Empty(scene.Host.RequestsInProgress);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(30)]
    public async Task A_request_an_exchange_deaf_to_the_stop_hands_over_late_is_waited_for_as_the_timeout_says(int timeoutSeconds)
    {
        // The deaf exchange is given up on while it idles, yet hands a request over before the host is
        // done: that request is answered and waited for like the one in progress, not abandoned.
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lateStarted = new TaskCompletionSource();
        var lateRelease = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry()
            .Add("slow", (_, _) =>
            {
                started.SetResult();
                return new(release.Task);
            })
            .Add("late", (_, _) =>
            {
                lateStarted.SetResult();
                return new(lateRelease.Task);
            });
        var timeout = timeoutSeconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(timeoutSeconds);
        await using var scene = new HostBesideDeafExchange(timeout, registry, registry);
        var response = scene.Exchange.SendAsync("""{"name":"slow"}""", "r-slow", Test);
        await started.Task.WithinSafetyNet();
        await scene.Deaf.Asked.WithinSafetyNet();

        await scene.Stop.CancelAsync();
        scene.Time.Advance(TimeSpan.FromSeconds(5));
        scene.Deaf.Hand(new AgentRequest("r-late", """{"name":"late"}"""u8.ToArray(), new ExchangeSession()));
        await lateStarted.Task.WithinSafetyNet();
        release.SetResult(CommandResult.Ok("slow done"));
        await response.WithinSafetyNet();
        lateRelease.SetResult(CommandResult.Ok("late done"));
        await scene.Running.WithinSafetyNet();

        Assert.Equal("""{"returncode":"0","message":"late done"}""", Assert.Single(scene.Deaf.Answers).ToJson());
        Assert.Empty(scene.Logger.At(LogLevel.Warning));
        Assert.Contains("Stopped serving", scene.Logger.At(LogLevel.Information));
    }
}
