using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// <c>Register</c> on one thread while <c>RunAsync</c> starts on another: each registration either
/// comes before the run, and its exchange is started and served, or is refused and its exchange is
/// never touched. Nothing in between: an exchange accepted but never served (added after the run
/// had taken the pairs), or a run that fails because one was added while it set up its loops.
/// </summary>
public sealed class AgentHostRegisterRaceTests
{
    private const int Rounds = 3000;
    private const int LateExchanges = 8;

    [Fact]
    public async Task A_registration_racing_the_start_of_a_run_is_either_served_or_refused()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await using var first = new WaitingExchange();
            var host = new AgentHost().Register(first, new NovaJsonParser(new FakeRegistry()));
            var lates = Enumerable.Range(0, LateExchanges).Select(_ => new WaitingExchange()).ToArray();
            using var stop = new CancellationTokenSource();
            // Every thread is released at once, so the registrations land before, during and after
            // the run's start in different rounds; whichever, the outcome must be one of the two.
            using var start = new Barrier(LateExchanges + 1);
            var running = Task.Run(
                () =>
                {
                    start.SignalAndWait(TestContext.Current.CancellationToken);
                    return host.RunAsync(stop.Token);
                },
                CancellationToken.None);
            var registrations = lates.Select(late => Task.Run(
                () =>
                {
                    start.SignalAndWait(TestContext.Current.CancellationToken);
                    try
                    {
                        host.Register(late, new NovaJsonParser(new FakeRegistry()));
                        return true;
                    }
                    catch (InvalidOperationException refused)
                    {
                        Assert.Equal("Register every exchange before the host runs.", refused.Message);
                        return false;
                    }
                },
                CancellationToken.None)).ToArray();
            var accepted = await Task.WhenAll(registrations).WithinSafetyNet();
            await host.WhenServing.WithinSafetyNet();

            // The loops of the accepted ones are serving: each asks its exchange for a request.
            await first.Asked.WithinSafetyNet();
            for (var i = 0; i < LateExchanges; i++)
            {
                if (accepted[i])
                {
                    await lates[i].Asked.WithinSafetyNet();
                }
            }

            await stop.CancelAsync();
            await running.WithinSafetyNet();
            for (var i = 0; i < LateExchanges; i++)
            {
                Assert.True(accepted[i] == lates[i].Started, $"round {round}: exchange {i} was {(accepted[i] ? "accepted" : "refused")} but {(lates[i].Started ? "started" : "never started")}");
                await lates[i].DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task An_exchange_registered_while_the_run_starts_another_is_refused_and_never_started()
    {
        // Deterministic: the first exchange's StartAsync registers another, while the run is under way.
        await using var late = new WaitingExchange();
        AgentHost? host = null;
        InvalidOperationException? refused = null;
        await using var first = new WaitingExchange(onStart: () => refused = Assert.Throws<InvalidOperationException>(() => host!.Register(late, new NovaJsonParser(new FakeRegistry()))));
        host = new AgentHost().Register(first, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();

        var running = host.RunAsync(stop.Token);
        await host.WhenServing.WithinSafetyNet();
        await first.Asked.WithinSafetyNet();
        await stop.CancelAsync();
        await running.WithinSafetyNet();

        Assert.Equal("Register every exchange before the host runs.", refused?.Message);
        Assert.False(late.Started);
    }

    /// <summary>Records its start and the first request asked of it; never has one.</summary>
    private sealed class WaitingExchange(Action? onStart = null) : IExchange
    {
        private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _started;

        public bool Started => _started;

        public Task Asked => _asked.Task;

        public ValueTask StartAsync(CancellationToken cancellationToken)
        {
            _started = true;
            onStart?.Invoke();
            return ValueTask.CompletedTask;
        }

        public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken)
        {
            _asked.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        }

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
