using GuestAgent.Commands;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// The boundary between a stopping host giving up on a loop whose exchange idles deaf to the stop
/// and that exchange handing a request over at the same moment: taken before the loop is closed, the
/// request is served and waited for as the timeout says; handed over after, it is not started at
/// all, and left to the exchange. Each hand-over is placed exactly, from the line the host writes as
/// it gives up on a loop (the host waits while the test acts there), on a manual clock.
/// </summary>
public sealed class AgentHostGiveUpBoundaryTests
{
    private static readonly TimeSpan Timeout30 = TimeSpan.FromSeconds(30);

    private const string Exchange0DidNotStop = "Exchange 0 (DeafExchange) did not stop: it ignores the host's cancellation (GetRequestAsync must honour its token); the host stops waiting for it";

    private const string Exchange1DidNotStop = "Exchange 1 (DeafExchange) did not stop: it ignores the host's cancellation (GetRequestAsync must honour its token); the host stops waiting for it";

    [Fact]
    public async Task A_request_taken_just_before_its_loop_is_given_up_on_is_answered_and_waited_for()
    {
        // Two exchanges idle deaf to the stop. The host gives up on them in slot order, naming each as
        // it does; while it names the first, the second hands a request over and its loop takes it
        // (its command starts): the second's close then comes after the take.
        var lateStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lateRelease = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("late", (_, _) =>
        {
            lateStarted.SetResult();
            return new(lateRelease.Task);
        });
        var first = new DeafExchange();
        var second = new DeafExchange();
        var logger = new RecordingLogger<AgentHost>
        {
            Logged = (_, message) =>
            {
                if (message == Exchange0DidNotStop)
                {
                    second.Hand(new AgentRequest("r-late", """{"name":"late","value":"s3cret"}"""u8.ToArray(), new ExchangeSession()));
                    // A guard against hanging the test run, not a measure.
                    Assert.True(lateStarted.Task.Wait(SafetyNetWaits.SafetyNet), "the second loop did not take the request");
                }
            },
        };
        var time = new RecordingTimeProvider();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = Timeout30, TimeProvider = time }, logger)
            .Register(first, new NovaJsonParser(new FakeRegistry()))
            .Register(second, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await first.Asked.WithinSafetyNet();
        await second.Asked.WithinSafetyNet();

        await stop.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(5));
        await lateStarted.Task.WithinSafetyNet();

        // Past the idle give-up, and not abandoned there: the request runs on, as the timeout lets it.
        Assert.False(running.IsCompleted);
        Assert.Equal("r-late", Assert.Single(host.RequestsInProgress).Id);
        lateRelease.SetResult(CommandResult.Ok("late done"));
        await running.WithinSafetyNet();

        Assert.Equal("""{"returncode":"0","message":"late done"}""", Assert.Single(second.Answers).ToJson());
        Assert.Empty(first.Answers);
        Assert.Equal([Exchange0DidNotStop, "Stopped serving, abandoning 0 request(s) in progress"], logger.At(LogLevel.Warning));
        Assert.Empty(host.RequestsInProgress);
    }

    [Fact]
    public async Task A_request_handed_over_just_after_its_loop_is_given_up_on_is_not_started_and_left_to_the_exchange()
    {
        // The exchange hands the request over while the host names it as given up on, right after
        // closing its loop: nothing runs it, nothing answers it, and one line says so (never the value).
        var lateStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var notStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("late", (_, _) =>
        {
            lateStarted.SetResult();
            return new(CommandResult.Ok("ran"));
        });
        var deaf = new DeafExchange();
        var logger = new RecordingLogger<AgentHost>
        {
            Logged = (_, message) =>
            {
                if (message == Exchange0DidNotStop)
                {
                    deaf.Hand(new AgentRequest("r-late", """{"name":"late","value":"s3cret"}"""u8.ToArray(), new ExchangeSession()));
                }
                else if (message.StartsWith("Request r-late", StringComparison.Ordinal))
                {
                    notStarted.TrySetResult();
                }
            },
        };
        var time = new RecordingTimeProvider();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = Timeout30, TimeProvider = time }, logger)
            .Register(deaf, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await deaf.Asked.WithinSafetyNet();

        await stop.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(5));
        await running.WithinSafetyNet();

        // Whichever comes first, the loop's decision is made: the command started, or the line saying it was not.
        var outcome = await Task.WhenAny(notStarted.Task, lateStarted.Task).WithinSafetyNet();
        Assert.Same(notStarted.Task, outcome);
        Assert.False(lateStarted.Task.IsCompleted);
        Assert.Empty(deaf.Answers);
        Assert.Empty(host.RequestsInProgress);
        var warnings = logger.At(LogLevel.Warning);
        Assert.Equal(Exchange0DidNotStop, warnings[0]);
        Assert.Equal(
            "Request r-late (command 'late') on exchange 0 (DeafExchange) not started: the exchange handed it over after the stopping host had given up on it; it is left to the exchange unanswered (an exchange that keeps each request until it is answered hands it over again at the agent's next start)",
            Assert.Single(warnings, message => message.StartsWith("Request r-late", StringComparison.Ordinal)));
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_handed_over_just_after_the_delivery_deadline_closes_its_loop_is_not_started()
    {
        // Exchange 0's command ignores its token, so the host waits for it until the delivery deadline
        // and exchange 1 (deaf, idle) is first given up on there, by the abandonment. Its close must
        // claim the slot as the 5 s give-up does, not only name it: a request exchange 1 hands over in
        // that very line is not started (the host has returned; nothing would wait for it).
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
            .Add("late", (_, _) =>
            {
                lateStarted.SetResult();
                return new(CommandResult.Ok("ran"));
            });
        var busy = new DeafExchange();
        var idle = new DeafExchange();
        var logger = new RecordingLogger<AgentHost>
        {
            Logged = (_, message) =>
            {
                if (message == Exchange1DidNotStop)
                {
                    idle.Hand(new AgentRequest("r-late", """{"name":"late","value":"s3cret"}"""u8.ToArray(), new ExchangeSession()));
                }
                else if (message.StartsWith("Request r-late", StringComparison.Ordinal))
                {
                    notStarted.TrySetResult();
                }
            },
        };
        var time = new RecordingTimeProvider();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(1), TimeProvider = time }, logger)
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

        // Whichever comes first, the loop's decision is made: the command started, or the line saying it was not.
        var outcome = await Task.WhenAny(notStarted.Task, lateStarted.Task).WithinSafetyNet();
        Assert.Same(notStarted.Task, outcome);
        Assert.False(lateStarted.Task.IsCompleted);
        Assert.Empty(idle.Answers);
        var warnings = logger.At(LogLevel.Warning);
        Assert.Equal(
            [
                "Request r-stuck on exchange 0 (DeafExchange) abandoned unanswered: its command still runs 6 s after the stop, ignoring its cancellation token; the host stops waiting for it",
                Exchange1DidNotStop,
            ],
            warnings.Take(2));
        Assert.Equal(
            "Request r-late (command 'late') on exchange 1 (DeafExchange) not started: the exchange handed it over after the stopping host had given up on it; it is left to the exchange unanswered (an exchange that keeps each request until it is answered hands it over again at the agent's next start)",
            Assert.Single(warnings, message => message.StartsWith("Request r-late", StringComparison.Ordinal)));
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("s3cret", StringComparison.Ordinal));
        never.SetResult(CommandResult.Ok("late"));
    }

    [Fact]
    public async Task A_host_that_gave_up_on_a_loop_ends_saying_so_even_when_that_loop_ended_since()
    {
        // Exchange 0 is given up on at 5 s; while the host names it, exchange 1 hands a request over
        // that its loop takes, which holds the host. Exchange 0 then hands one over too: not started,
        // its loop ends. When exchange 1's request is answered every loop has ended, yet the host
        // gave up on one: its last line says so, as it does when the closed loop is still running.
        var lateStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lateRelease = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var afterNotStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("late", (_, _) =>
        {
            lateStarted.SetResult();
            return new(lateRelease.Task);
        });
        var first = new DeafExchange();
        var second = new DeafExchange();
        var logger = new RecordingLogger<AgentHost>
        {
            Logged = (_, message) =>
            {
                if (message == Exchange0DidNotStop)
                {
                    second.Hand(new AgentRequest("r-late", """{"name":"late"}"""u8.ToArray(), new ExchangeSession()));
                    // A guard against hanging the test run, not a measure.
                    Assert.True(lateStarted.Task.Wait(SafetyNetWaits.SafetyNet), "the second loop did not take the request");
                }
                else if (message.StartsWith("Request r-after", StringComparison.Ordinal))
                {
                    afterNotStarted.TrySetResult();
                }
            },
        };
        var time = new RecordingTimeProvider();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = Timeout30, TimeProvider = time }, logger)
            .Register(first, new NovaJsonParser(registry))
            .Register(second, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await first.Asked.WithinSafetyNet();
        await second.Asked.WithinSafetyNet();

        await stop.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(5));
        await lateStarted.Task.WithinSafetyNet();
        first.Hand(new AgentRequest("r-after", """{"name":"late"}"""u8.ToArray(), new ExchangeSession()));
        await afterNotStarted.Task.WithinSafetyNet();
        lateRelease.SetResult(CommandResult.Ok("late done"));
        await running.WithinSafetyNet();

        Assert.Equal("""{"returncode":"0","message":"late done"}""", Assert.Single(second.Answers).ToJson());
        Assert.Empty(first.Answers);
        Assert.Equal(
            [
                Exchange0DidNotStop,
                "Request r-after (command 'late') on exchange 0 (DeafExchange) not started: the exchange handed it over after the stopping host had given up on it; it is left to the exchange unanswered (an exchange that keeps each request until it is answered hands it over again at the agent's next start)",
                "Stopped serving, abandoning 0 request(s) in progress",
            ],
            logger.At(LogLevel.Warning));
        Assert.DoesNotContain("Stopped serving", logger.At(LogLevel.Information));
    }

    [Fact]
    public async Task A_loop_that_served_a_request_is_given_up_on_like_any_other_once_it_idles_deaf_to_the_stop()
    {
        // After its answer the loop is asking again, not still holding the request it served: the
        // stop gives up on it 5 s after, as on one that never took a request.
        var registry = new FakeRegistry().Add("ok", (_, _) => new(CommandResult.Ok("served")));
        var deaf = new DeafExchange();
        var logger = new RecordingLogger<AgentHost>();
        var time = new RecordingTimeProvider();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = Timeout30, TimeProvider = time }, logger)
            .Register(deaf, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        deaf.Hand(new AgentRequest("r1", """{"name":"ok"}"""u8.ToArray(), new ExchangeSession()));
        await deaf.AskedAgain.WithinSafetyNet();

        await stop.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(5));
        await running.WithinSafetyNet();

        Assert.Equal("""{"returncode":"0","message":"served"}""", Assert.Single(deaf.Answers).ToJson());
        Assert.Equal([Exchange0DidNotStop, "Stopped serving, abandoning 0 request(s) in progress"], logger.At(LogLevel.Warning));
    }
}
