using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Exchanges;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// docs/plugins.md, "Stopping": a command that ignores its token is abandoned once <c>ShutdownTimeout</c> + 5 s
/// have passed, and <c>RunAsync</c> returns while its loop still runs. When the command finally ends, the
/// loop hands its answer to <c>PutResponseAsync</c>, possibly after the application disposed the exchange,
/// which must tolerate that call (drop the answer, or throw <see cref="ObjectDisposedException"/>). Nothing
/// of it may crash the process or surface later as an unobserved task exception.
/// </summary>
public sealed class AgentHostLateAnswerTests
{
    private static CancellationToken Test => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_late_answer_to_a_disposed_InMemoryExchange_is_dropped_quietly_and_its_caller_stays_cancelled()
    {
        var logger = new RecordingLogger<AgentHost>();
        await using var exchange = new InMemoryExchange();
        using var stuck = new StuckCommand();
        var (host, time, stop) = Host(exchange, stuck, logger);
        using var stopping = stop;
        var running = host.RunAsync(stop.Token);
        var response = exchange.SendAsync("""{"name":"stuck"}""", "r-stuck", Test);
        await stuck.Started.WithinSafetyNet();

        await AbandonAsync(running, stop, time);
        await exchange.DisposeAsync();
        // As the class remarks say: the caller's wait ends with the disposal, cancelled.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => response.WithinSafetyNet());

        await ReleaseCountingUnobservedAsync(stuck, host);

        Assert.True(response.IsCanceled);
        Assert.Empty(logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task A_late_answer_before_the_InMemoryExchange_is_disposed_reaches_its_caller()
    {
        var logger = new RecordingLogger<AgentHost>();
        await using var exchange = new InMemoryExchange();
        using var stuck = new StuckCommand();
        var (host, time, stop) = Host(exchange, stuck, logger);
        using var stopping = stop;
        var running = host.RunAsync(stop.Token);
        var response = exchange.SendAsync("""{"name":"stuck"}""", "r-stuck", Test);
        await stuck.Started.WithinSafetyNet();

        await AbandonAsync(running, stop, time);
        Assert.False(response.IsCompleted);
        stuck.Release();

        // The command ran to its end, past the stop and the host's return: its answer says what it did.
        Assert.Equal("""{"returncode":"0","message":"late"}""", (await response.WithinSafetyNet()).ToJson());
        Assert.Empty(logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task A_late_answer_to_a_disposed_exchange_that_throws_ObjectDisposedException_is_logged_as_undelivered_and_nothing_more()
    {
        var logger = new RecordingLogger<AgentHost>();
        var exchange = new DisposableExchange();
        using var stuck = new StuckCommand();
        var (host, time, stop) = Host(exchange, stuck, logger);
        using var stopping = stop;
        var running = host.RunAsync(stop.Token);
        exchange.Hand(new AgentRequest("r-stuck", """{"name":"stuck"}"""u8.ToArray(), new ExchangeSession()));
        await stuck.Started.WithinSafetyNet();

        await AbandonAsync(running, stop, time);
        await exchange.DisposeAsync();

        await ReleaseCountingUnobservedAsync(stuck, host);

        Assert.Equal(1, exchange.PutAfterDisposal);
        Assert.Equal([$"Request r-stuck: response could not be delivered (ObjectDisposedException: {exchange.DisposedMessage})"], logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task A_late_answer_to_a_disposed_LineSocketExchange_writes_nothing_to_its_client()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.sock");
        var logger = new RecordingLogger<AgentHost>();
        var exchange = new LineSocketExchange(path);
        using var stuck = new StuckCommand();
        var (host, time, stop) = Host(exchange, stuck, logger);
        using var stopping = stop;
        var running = host.RunAsync(stop.Token);
        await host.WhenServing.WithinSafetyNet();
        using var client = await LineSocketClient.ConnectAsync(path);
        await client.SendAsync("""{"name":"stuck"}""");
        await stuck.Started.WithinSafetyNet();

        await AbandonAsync(running, stop, time);
        await exchange.DisposeAsync();

        await ReleaseCountingUnobservedAsync(stuck, host);

        // The connection was closed by the disposal, before any answer: the late one is not written.
        Assert.Null(await client.ReadLineAsync());
        // The call's token is past its delivery deadline, cancelled: the exchange honours it and throws, which
        // the host logs as an answer it could not deliver, as it would an ObjectDisposedException.
        Assert.Equal(["Request 1.1: response could not be delivered (TaskCanceledException: A task was canceled.)"], logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task A_loop_that_fails_after_RunAsync_returned_leaves_no_unobserved_task_exception()
    {
        // The late answer cannot be delivered, and the logger that would say so is broken by now (the
        // application let go of its logging once RunAsync returned): the loop fails, with no RunAsync
        // left to throw its exception.
        var logger = new RecordingLogger<AgentHost>
        {
            Logged = (_, message) =>
            {
                if (message.Contains("response could not be delivered", StringComparison.Ordinal))
                {
                    throw new LoggerGoneException();
                }
            },
        };
        var exchange = new DisposableExchange();
        using var stuck = new StuckCommand();
        var (host, time, stop) = Host(exchange, stuck, logger);
        using var stopping = stop;
        var running = host.RunAsync(stop.Token);
        exchange.Hand(new AgentRequest("r-stuck", """{"name":"stuck"}"""u8.ToArray(), new ExchangeSession()));
        await stuck.Started.WithinSafetyNet();
        await AbandonAsync(running, stop, time);
        await exchange.DisposeAsync();

        await WithUnobservedExceptionsCountedAsync(async () =>
        {
            stuck.Release();
            await exchange.PutCalled.WithinSafetyNet();
            await DeliveredAsync(host);
        });

        Assert.Equal(1, exchange.PutAfterDisposal);
    }

    [Fact]
    public async Task A_loop_failure_RunAsync_threw_is_not_reported_again_as_an_unobserved_task_exception()
    {
        // The same failure while the host serves: RunAsync throws it, and that is the one report of it.
        var logger = new RecordingLogger<AgentHost>
        {
            Logged = (_, message) =>
            {
                if (message.Contains("failed to get a request", StringComparison.Ordinal))
                {
                    throw new LoggerGoneException();
                }
            },
        };

        await WithUnobservedExceptionsCountedAsync(() => RunUntilTheLoopFailsAsync(logger));
    }

    /// <summary>Runs a host whose one loop fails (its logger throws), and lets go of it once RunAsync has thrown.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task RunUntilTheLoopFailsAsync(RecordingLogger<AgentHost> logger)
    {
        var exchange = new ScriptedExchange([() => throw new IOException("port gone")]);
        var host = new AgentHost(logger: logger).Register(exchange, new NovaJsonParser(new FakeRegistry()));
        await Assert.ThrowsAsync<LoggerGoneException>(() => host.RunAsync(CancellationToken.None).WithinSafetyNet());
    }

    private static (AgentHost Host, RecordingTimeProvider Time, CancellationTokenSource Stop) Host(IExchange exchange, StuckCommand stuck, RecordingLogger<AgentHost> logger)
    {
        var time = new RecordingTimeProvider();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(10), TimeProvider = time }, logger)
            .Register(exchange, new NovaJsonParser(stuck.Registry));
        return (host, time, new CancellationTokenSource());
    }

    /// <summary>Stops the host and moves its clock past the command's and the delivery's times: RunAsync returns, the command still running.</summary>
    private static async Task AbandonAsync(Task running, CancellationTokenSource stop, RecordingTimeProvider time)
    {
        await stop.CancelAsync();
        // Set as the stop's callback runs: the idle deadline, the command's and the delivery's.
        for (var i = 0; i < 3; i++)
        {
            await time.Deadlines.ReadAsync(Test).AsTask().WithinSafetyNet();
        }

        time.Advance(TimeSpan.FromSeconds(15));
        await running.WithinSafetyNet();
        Assert.True(running.IsCompletedSuccessfully);
    }

    /// <summary>
    /// Waits until the abandoned request's loop has handed over its answer and let go of it
    /// (<see cref="AgentHost.RequestsInProgress"/> empty): a loop past RunAsync raises no event of its own.
    /// </summary>
    private static async Task DeliveredAsync(AgentHost host)
    {
        var deadline = Deadline.After(SafetyNetWaits.SafetyNet);
        while (host.RequestsInProgress.Count > 0)
        {
            Assert.False(deadline.HasPassed, "the late answer's loop never ended");
            await Task.Delay(10, Test);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> and fails if any task exception of this test's own (a loop's
    /// failure, the exchange's or the logger's exception) went unobserved by the time what it left is finalized.
    /// </summary>
    private static async Task WithUnobservedExceptionsCountedAsync(Func<Task> action)
    {
        var reported = await UnobservedTaskExceptions.CollectAsync(
            action,
            exception => exception is LoggerGoneException || (exception is ObjectDisposedException disposed && disposed.ObjectName == nameof(DisposableExchange)),
            Test);

        Assert.Empty(reported);
    }

    /// <summary>Lets the stuck command end and waits for its late answer's delivery, counting unobserved task exceptions.</summary>
    private static Task ReleaseCountingUnobservedAsync(StuckCommand stuck, AgentHost host) =>
        WithUnobservedExceptionsCountedAsync(async () =>
        {
            stuck.Release();
            await DeliveredAsync(host);
        });

    private sealed class LoggerGoneException() : Exception("the log was closed when RunAsync returned");

    /// <summary><c>stuck</c>: a command that ignores its token and ends only once released.</summary>
    private sealed class StuckCommand : IDisposable
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<CommandResult> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StuckCommand() =>
            Registry = new FakeRegistry().Add("stuck", (_, _) =>
            {
                _started.TrySetResult();
                return new(_release.Task); // the token is never looked at
            });

        public FakeRegistry Registry { get; }

        public Task Started => _started.Task;

        public void Release() => _release.TrySetResult(CommandResult.Ok("late"));

        public void Dispose() => Release();
    }

    /// <summary>
    /// An exchange that honours its tokens and, once disposed, throws <see cref="ObjectDisposedException"/>
    /// from <see cref="PutResponseAsync"/> as docs/plugins.md allows.
    /// </summary>
    private sealed class DisposableExchange : IExchange
    {
        private readonly System.Threading.Channels.Channel<AgentRequest> _requests = System.Threading.Channels.Channel.CreateUnbounded<AgentRequest>();
        private readonly TaskCompletionSource _putCalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _disposed;
        private int _putAfterDisposal;

        public string DisposedMessage { get; } = new ObjectDisposedException(nameof(DisposableExchange)).Message;

        public int PutAfterDisposal => Volatile.Read(ref _putAfterDisposal);

        public Task PutCalled => _putCalled.Task;

        public void Hand(AgentRequest request) => _requests.Writer.TryWrite(request);

        public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public async ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken) =>
            await _requests.Reader.ReadAsync(cancellationToken);

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
        {
            _putCalled.TrySetResult();
            if (Volatile.Read(ref _disposed) != 0)
            {
                Interlocked.Increment(ref _putAfterDisposal);
                throw new ObjectDisposedException(nameof(DisposableExchange));
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            Volatile.Write(ref _disposed, 1);
            _requests.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
