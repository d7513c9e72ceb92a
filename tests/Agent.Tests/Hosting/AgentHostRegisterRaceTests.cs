using System.Diagnostics;
using System.Reflection;
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

    // The race above cannot be forced from outside: no user code runs between Register's check and
    // its add, nor in the run's start before it takes the pairs. Both are serialised by one lock, and
    // these two hold it (as the other side would) to see that each side waits for it.

    [Fact]
    public async Task Register_waits_for_a_run_s_start_that_holds_the_registration()
    {
        await using var first = new WaitingExchange();
        await using var late = new WaitingExchange();
        var host = new AgentHost().Register(first, new NovaJsonParser(new FakeRegistry()));
        var registered = false;
        var registering = new OtherThread(() =>
        {
            host.Register(late, new NovaJsonParser(new FakeRegistry()));
            registered = true;
        });

        var waitedForTheLock = registering.RunWhileHolding(RegistrationLock(host), done: () => Volatile.Read(ref registered));

        Assert.True(waitedForTheLock, "Register went ahead while the registration lock was held");
        Assert.True(registered);
    }

    [Fact]
    public async Task A_run_s_start_waits_for_a_registration_that_holds_the_lock()
    {
        // A run first, so that nothing the start below meets for the first time (a type's
        // initialisation) makes its thread wait and passes for the lock's wait.
        await using (var warm = new WaitingExchange())
        {
            var warmHost = new AgentHost().Register(warm, new NovaJsonParser(new FakeRegistry()));
            using var warmStop = new CancellationTokenSource();
            var warmRun = warmHost.RunAsync(warmStop.Token);
            await warmHost.WhenServing.WithinSafetyNet();
            await warmStop.CancelAsync();
            await warmRun.WithinSafetyNet();
        }

        await using var first = new WaitingExchange();
        var host = new AgentHost().Register(first, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();
        Task? running = null;
        var starting = new OtherThread(() => running = host.RunAsync(stop.Token));

        // The run's first exchange started, or RunAsync returned: either is the run going ahead.
        var waitedForTheLock = starting.RunWhileHolding(RegistrationLock(host), done: () => first.Started || Volatile.Read(ref running) is not null);

        Assert.True(waitedForTheLock, "the run started while the registration lock was held");
        await host.WhenServing.WithinSafetyNet();
        await stop.CancelAsync();
        await running!.WithinSafetyNet();
        Assert.True(first.Started);
    }

    private static Lock RegistrationLock(AgentHost host) =>
        typeof(AgentHost).GetField("_registration", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(host) as Lock
            ?? throw new InvalidOperationException("AgentHost has no Lock field _registration: these tests reach it by name");

    /// <summary>
    /// An action on a thread of its own, started while the test holds a lock: it either goes ahead
    /// (done) or blocks on the lock (the thread waits), whichever comes first, both events.
    /// </summary>
    private sealed class OtherThread(Action action)
    {
        private volatile bool _calling;

        /// <summary>Runs the action; whether it waited for <paramref name="held"/>, then lets it go and waits for the action to end.</summary>
        public bool RunWhileHolding(Lock held, Func<bool> done)
        {
            var thread = new Thread(() =>
            {
                // Said just before the call, so that a wait of the thread's own start is not taken for the lock's.
                _calling = true;
                action();
            })
            { IsBackground = true };
            bool waited;
            var safetyNet = Stopwatch.StartNew();
            held.Enter();
            try
            {
                thread.Start();
                while (true)
                {
                    if (done())
                    {
                        waited = false;
                        break;
                    }

                    if (_calling && (thread.ThreadState & System.Threading.ThreadState.WaitSleepJoin) != 0)
                    {
                        waited = true;
                        break;
                    }

                    Assert.True(safetyNet.Elapsed < SafetyNetWaits.SafetyNet, "the thread neither went ahead nor waited, within the safety net");
                    Thread.Yield();
                }
            }
            finally
            {
                held.Exit();
            }

            Assert.True(thread.Join(SafetyNetWaits.SafetyNet), "the action did not end once the lock was free");
            return waited;
        }
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
