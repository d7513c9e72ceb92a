using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// A logger that throws while the host is already stopping: the host still gives up on every loop
/// idling in an exchange deaf to the stop (each named, each closed, so that nothing it hands over
/// later is started), and only then does <see cref="AgentHost.RunAsync"/> throw the logger's exception.
/// </summary>
public sealed class AgentHostStopFaultTests
{
    private const string DidNotStop = "did not stop: it ignores the host's cancellation (GetRequestAsync must honour its token); the host stops waiting for it";

    private static CancellationToken Test => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_loop_failing_while_the_host_waits_for_its_request_leaves_no_deaf_loop_open()
    {
        var time = new RecordingTimeProvider();
        var logger = ThrowingOn("the parser was cut off by the shutdown");
        var deaf = new DeafExchange();
        var busy = new DeafExchange();
        var parser = new ParserUntilCancelled();
        using var stop = new CancellationTokenSource();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(30), TimeProvider = time }, logger)
            .Register(deaf, new NovaJsonParser(new FakeRegistry()))
            .Register(busy, parser);
        var running = host.RunAsync(stop.Token);
        await deaf.Asked.WithinSafetyNet();
        busy.Hand(new AgentRequest("slow", """{"name":"version"}"""u8.ToArray(), new ExchangeSession()));
        await parser.Started.WithinSafetyNet();

        await stop.CancelAsync();
        var deadlines = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            deadlines.Add(await time.Deadlines.ReadAsync(Test).AsTask().WithinSafetyNet());
        }

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(35)], deadlines);
        // The idle deadline: the host now waits for the request in progress before closing the deaf loop.
        time.Advance(TimeSpan.FromSeconds(5));
        // The command deadline: the parser gives up, and its loop fails as the host logs that.
        time.Advance(TimeSpan.FromSeconds(25));

        var failure = await Assert.ThrowsAsync<LoggerBrokeException>(() => running.WithinSafetyNet());
        Assert.Equal("the parser was cut off by the shutdown", failure.Message);
        // The deaf loop was still given up on, named, and the stop ended as usual.
        Assert.Equal(
            ["Request slow: the parser was cut off by the shutdown; answering with an internal error", $"Exchange 0 (DeafExchange) {DidNotStop}", "Stopped serving, abandoning 0 request(s) in progress"],
            logger.At(LogLevel.Warning));
        deaf.Hand(new AgentRequest("late", """{"name":"version"}"""u8.ToArray(), new ExchangeSession()));
        Assert.Empty(deaf.Answers);
    }

    [Fact]
    public async Task A_logger_failing_as_the_host_names_a_deaf_loop_still_lets_it_close_the_next()
    {
        var time = new RecordingTimeProvider();
        var logger = ThrowingOn($"Exchange 0 (DeafExchange) {DidNotStop}");
        var first = new DeafExchange();
        var second = new DeafExchange();
        using var stop = new CancellationTokenSource();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(30), TimeProvider = time }, logger)
            .Register(first, new NovaJsonParser(new FakeRegistry()))
            .Register(second, new NovaJsonParser(new FakeRegistry()));
        var running = host.RunAsync(stop.Token);
        await first.Asked.WithinSafetyNet();
        await second.Asked.WithinSafetyNet();

        await stop.CancelAsync();
        Assert.Equal(TimeSpan.FromSeconds(5), await time.Deadlines.ReadAsync(Test).AsTask().WithinSafetyNet());
        time.Advance(TimeSpan.FromSeconds(5));

        // The host's own failure is still RunAsync's result, once every loop is closed.
        var failure = await Assert.ThrowsAsync<LoggerBrokeException>(() => running.WithinSafetyNet());
        Assert.Equal($"Exchange 0 (DeafExchange) {DidNotStop}", failure.Message);
        Assert.Equal(
            [
                // Recorded, then thrown.
                $"Exchange 0 (DeafExchange) {DidNotStop}",
                $"Exchange 1 (DeafExchange) {DidNotStop}",
                "Stopped serving, abandoning 0 request(s) in progress",
            ],
            logger.At(LogLevel.Warning));

        // Both closed: what either hands over now is not started.
        second.Hand(new AgentRequest("late", """{"name":"version"}"""u8.ToArray(), new ExchangeSession()));
        first.Hand(new AgentRequest("later", """{"name":"version"}"""u8.ToArray(), new ExchangeSession()));
        Assert.Empty(second.Answers);
        Assert.Empty(first.Answers);
    }

    [Fact]
    public async Task A_logger_failing_as_the_host_abandons_a_request_still_lets_it_close_the_next_loop()
    {
        var time = new RecordingTimeProvider();
        var logger = ThrowingOn("abandoned unanswered");
        var busy = new DeafExchange();
        var deaf = new DeafExchange();
        var parser = new ParserIgnoringItsToken();
        using var stop = new CancellationTokenSource();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(30), TimeProvider = time }, logger)
            .Register(busy, parser)
            .Register(deaf, new NovaJsonParser(new FakeRegistry()));
        var running = host.RunAsync(stop.Token);
        await deaf.Asked.WithinSafetyNet();
        busy.Hand(new AgentRequest("stuck", """{"name":"version"}"""u8.ToArray(), new ExchangeSession()));
        await parser.Started.WithinSafetyNet();

        await stop.CancelAsync();
        for (var i = 0; i < 3; i++)
        {
            await time.Deadlines.ReadAsync(Test).AsTask().WithinSafetyNet();
        }

        // Every deadline at once: the command is abandoned, and the deaf loop is closed only then.
        time.Advance(TimeSpan.FromSeconds(35));

        var failure = await Assert.ThrowsAsync<LoggerBrokeException>(() => running.WithinSafetyNet());
        Assert.Equal("abandoned unanswered", failure.Message);
        Assert.Contains($"Exchange 1 (DeafExchange) {DidNotStop}", logger.At(LogLevel.Warning));
        Assert.Equal("Stopped serving, abandoning 1 request(s) in progress", logger.At(LogLevel.Warning)[^1]);
        parser.Release();
    }

    /// <summary>A logger that throws, with the line as its message, on the line that contains <paramref name="text"/>; it records every line.</summary>
    private static RecordingLogger<AgentHost> ThrowingOn(string text) => new()
    {
        Logged = (_, message) =>
        {
            if (message.Contains(text, StringComparison.Ordinal))
            {
                throw new LoggerBrokeException(text);
            }
        },
    };

    private sealed class LoggerBrokeException(string message) : Exception(message);

    /// <summary>A parser whose request runs, deaf to its token, until the test releases it.</summary>
    private sealed class ParserIgnoringItsToken : IParser
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public void Release() => _released.TrySetResult();

        public async ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken)
        {
            _started.TrySetResult();
            await _released.Task;
            return new AgentResponse(ReturnCodes.Success, "late");
        }
    }

    /// <summary>A parser whose request runs until its token is cancelled (the command deadline), then fails with that.</summary>
    private sealed class ParserUntilCancelled : IParser
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public async ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken)
        {
            _started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("never reached");
        }
    }
}
