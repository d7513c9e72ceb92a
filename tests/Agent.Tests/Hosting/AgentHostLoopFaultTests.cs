using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// A loop that fails (its logger throws as it warns about its exchange): the host stops every other
/// loop as on a stop, also one deaf to it, and <see cref="AgentHost.RunAsync"/> fails with the logger's exception.
/// </summary>
public sealed class AgentHostLoopFaultTests
{
    private static CancellationToken Test => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_loop_whose_logger_throws_stops_the_host_and_its_exception_is_rethrown()
    {
        var logger = ThrowingOnRetryWarning();
        await using var idle = new InMemoryExchange();
        var host = new AgentHost(logger: logger)
            .Register(idle, new NovaJsonParser(new FakeRegistry()))
            .Register(new FailingExchange(), new NovaJsonParser(new FakeRegistry()));

        var failure = await Assert.ThrowsAsync<LoggerBrokeException>(() => host.RunAsync(CancellationToken.None).WithinSafetyNet());

        Assert.Equal("the log is full", failure.Message);
        // The other loop was stopped, not left serving: its exchange was told nobody takes its requests.
        await Assert.ThrowsAsync<OperationCanceledException>(() => idle.SendAsync("""{"name":"version"}""", cancellationToken: Test).WithinSafetyNet());
        Assert.DoesNotContain("Stopped serving", logger.At(LogLevel.Information));
    }

    [Fact]
    public async Task Beside_an_exchange_deaf_to_the_stop_the_host_closes_it_at_the_idle_deadline_and_still_rethrows()
    {
        var time = new RecordingTimeProvider();
        var logger = ThrowingOnRetryWarning();
        var deaf = new DeafExchange();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(30), TimeProvider = time }, logger)
            // Fails only once the deaf exchange is asked: a loop that fails first stops the host before the other asks at all.
            .Register(deaf, new NovaJsonParser(new FakeRegistry()))
            .Register(new FailingExchange(deaf.Asked), new NovaJsonParser(new FakeRegistry()));
        var running = host.RunAsync(CancellationToken.None);

        // The fault stops the host as a stop does: the idle deadline first, then the request's and its delivery's.
        var deadlines = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            deadlines.Add(await time.Deadlines.ReadAsync(Test).AsTask().WithinSafetyNet());
        }

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(35)], deadlines);
        time.Advance(TimeSpan.FromSeconds(5));

        var failure = await Assert.ThrowsAsync<LoggerBrokeException>(() => running.WithinSafetyNet());
        Assert.Equal("the log is full", failure.Message);
        Assert.Equal(
            [
                // Recorded, then thrown: the line the loop failed at.
                "Exchange 1 (FailingExchange) failed to get a request (IOException: port gone); retrying in 1 s",
                "Exchange 0 (DeafExchange) did not stop: it ignores the host's cancellation (GetRequestAsync must honour its token); the host stops waiting for it",
                "Stopped serving, abandoning 0 request(s) in progress",
            ],
            logger.At(LogLevel.Warning));

        // Closed: what it hands over now is not started.
        deaf.Hand(new AgentRequest("late", """{"name":"version"}"""u8.ToArray(), new ExchangeSession()));
        Assert.Empty(deaf.Answers);
    }

    /// <summary>A logger that throws as the host warns that an exchange failed to get a request, and records every line.</summary>
    private static RecordingLogger<AgentHost> ThrowingOnRetryWarning() => new()
    {
        Logged = (_, message) =>
        {
            if (message.Contains("failed to get a request", StringComparison.Ordinal))
            {
                throw new LoggerBrokeException("the log is full");
            }
        },
    };

    private sealed class LoggerBrokeException(string message) : Exception(message);

    /// <summary>An exchange whose every GetRequestAsync fails, as one whose transport is gone, once <paramref name="after"/> has completed.</summary>
    private sealed class FailingExchange(Task? after = null) : IExchange
    {
        public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
        {
            await (after ?? Task.CompletedTask).WithinSafetyNet();
            throw new IOException("port gone");
        }

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
