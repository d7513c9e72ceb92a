using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// The delivery deadline of a stopping host when the last answer's delivery waits on that very
/// deadline (an exchange in an outage): the one cancellation both fails the host's wait and ends the
/// last loop. Whichever the host sees first, it returns; it never throws.
/// </summary>
public sealed class AgentHostDeliveryDeadlineTests
{
    private static readonly CancellationToken Test = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_delivery_ended_by_the_deadline_never_makes_the_host_throw(bool endsOnAnotherThread)
    {
        // The deadline fails the host's wait (whose continuation runs on the thread pool) and ends
        // the delivery, on the deadline's thread or on the pool: the two race, and each round lands
        // wherever it does. Every landing must be a return: a clean stop (the loop was seen to be
        // done) or an abandonment of the request (it was not yet), never an exception. Before the
        // fix, the loop ending between the failed wait and its catch filter escaped as a
        // TaskCanceledException in about every other run of 100 rounds; the interleaving itself
        // cannot be forced from outside (no seam between the wait and the filter).
        for (var round = 0; round < 200; round++)
        {
            var (running, logger, exchange) = await StopDuringAnOutageAsync(endsOnAnotherThread);

            await running.WaitAsync(Test);
            var stopped = logger.At(LogLevel.Information).Contains("Stopped serving");
            // Abandoning 1 request, or 0 when the loop had just let go of it but not yet ended.
            var abandoned = logger.At(LogLevel.Warning).Any(line => line.StartsWith("Stopped serving, abandoning ", StringComparison.Ordinal));
            Assert.True(stopped ^ abandoned, $"round {round}: exactly one way of stopping is logged");
            await exchange.Ended.WaitAsync(Test);
        }
    }

    /// <summary>
    /// Serves one request whose command honours its token, stops the host, lets the command's time
    /// run out (it answers "cancelled") and then the delivery time, on which the exchange's delivery waits.
    /// </summary>
    private static async Task<(Task Running, RecordingLogger<AgentHost> Logger, OutageExchange Exchange)> StopDuringAnOutageAsync(bool endsOnAnotherThread)
    {
        var time = new RecordingTimeProvider();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("wait", async (_, context) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
            return CommandResult.Ok("never");
        });
        var exchange = new OutageExchange(endsOnAnotherThread);
        var logger = new RecordingLogger<AgentHost>();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(10), TimeProvider = time }, logger)
            .Register(exchange, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await started.Task.WaitAsync(Test);

        await stop.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(10));
        await exchange.Delivering.WaitAsync(Test);
        time.Advance(TimeSpan.FromSeconds(5));
        return (running, logger, exchange);
    }

    /// <summary>
    /// Hands over one request, then none until stopped; its delivery waits for the host's token (a
    /// XenStore outage), and ends when it is cancelled, on that thread or on the thread pool.
    /// </summary>
    private sealed class OutageExchange(bool endsOnAnotherThread) : IExchange
    {
        private readonly TaskCompletionSource _delivering = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _requests;

        public Task Delivering => _delivering.Task;

        public Task Ended => _ended.Task;

        public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _requests) == 1)
            {
                return new AgentRequest("r-outage", """{"name":"wait"}"""u8.ToArray(), new ExchangeSession());
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            return null;
        }

        public async ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
        {
            var outage = new TaskCompletionSource(endsOnAnotherThread ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None);
            using var registration = cancellationToken.Register(() => outage.TrySetCanceled(cancellationToken));
            _delivering.TrySetResult();
            try
            {
                await outage.Task.ConfigureAwait(false);
            }
            finally
            {
                _ended.TrySetResult();
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
