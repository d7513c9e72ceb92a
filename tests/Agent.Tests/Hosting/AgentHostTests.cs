using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;

namespace GuestAgent.Tests.Hosting;

public sealed class AgentHostTests
{
    [Fact]
    public async Task Serves_requests_in_order_and_stops_when_the_exchange_ends()
    {
        var seen = new List<string>();
        var registry = new FakeRegistry().Add("note", (value, context) =>
        {
            seen.Add(context.RequestId);
            return new(CommandResult.Ok(context.RequestId));
        });
        await using var exchange = new InMemoryExchange();
        var host = new AgentHost().Register(exchange, new NovaJsonParser(registry));
        var running = host.RunAsync(CancellationToken.None);

        var responses = Enumerable.Range(0, 20).Select(i => exchange.SendAsync("""{"name":"note"}""", $"r{i}")).ToArray();
        exchange.Complete();
        await running;

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"r{i}"), seen);
        Assert.Equal("""{"returncode":"0","message":"r7"}""", (await responses[7]).ToJson());
        Assert.True(host.WhenServing.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Finishes_the_request_in_progress_on_shutdown()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var registry = new FakeRegistry().Add("slow", async (_, _) =>
        {
            started.SetResult();
            await release.Task;
            return CommandResult.Ok("done");
        });
        await using var exchange = new InMemoryExchange();
        var host = new AgentHost().Register(exchange, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);

        var response = exchange.SendAsync("""{"name":"slow"}""", cancellationToken: TestContext.Current.CancellationToken);
        await started.Task;
        await stop.CancelAsync();
        release.SetResult();
        await running;

        Assert.Equal("""{"returncode":"0","message":"done"}""", (await response).ToJson());
    }

    [Fact]
    public async Task A_command_cut_off_by_shutdown_is_answered_on_a_live_token_and_not_for_replay()
    {
        var time = new RecordingTimeProvider();
        var started = new TaskCompletionSource();
        var registry = new FakeRegistry().Add("slow", async (_, context) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return CommandResult.Ok("never");
        });
        await using var inner = new InMemoryExchange();
        var exchange = new TokenRecordingExchange(inner);
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(10), TimeProvider = time })
            .Register(exchange, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);

        // Without a token of its own, the task is the answer's: complete as soon as it is delivered.
#pragma warning disable xUnit1051 // No token on purpose (above); the safety net bounds the waits instead.
        var response = inner.SendAsync("""{"name":"slow"}""");
#pragma warning restore xUnit1051
        await started.Task.WithinSafetyNet();
        await stop.CancelAsync();
        // The command's time is up (its token is cancelled); the answer's 5 s of delivery time are not.
        time.Advance(TimeSpan.FromSeconds(10));
        await running.WithinSafetyNet();

        // The host returned having delivered the answer, not having given up on it, and the token
        // it was delivered with is live: both looked at once the host is done, whatever thread ran
        // the command's end and in whichever order the clock's timers fired.
        Assert.True(response.IsCompletedSuccessfully, "the host returned without delivering the answer");
        Assert.False(exchange.DeliveryToken.IsCancellationRequested);
        var answer = await response;
        Assert.Equal("""{"returncode":"500","message":"Command 'slow' was cancelled"}""", answer.ToJson());
        Assert.True(answer.BoundToSession);
    }

    [Fact]
    public async Task A_parser_that_throws_gets_an_internal_error_answer_and_the_host_keeps_serving()
    {
        await using var exchange = new InMemoryExchange();
        var host = new AgentHost().Register(exchange, new ThrowingOnceParser(new NovaJsonParser(new FakeRegistry().Add("ok", (_, _) => new(CommandResult.Ok("fine"))))));
        var running = host.RunAsync(CancellationToken.None);

        var first = await exchange.SendAsync("""{"name":"ok"}""", "first", TestContext.Current.CancellationToken);
        var second = await exchange.SendAsync("""{"name":"ok"}""", "second", TestContext.Current.CancellationToken);
        exchange.Complete();
        await running;

        Assert.Equal("""{"returncode":"500","message":"Internal error with request"}""", first.ToJson());
        Assert.Equal("""{"returncode":"0","message":"fine"}""", second.ToJson());
    }

    /// <summary>Delegates to an exchange and keeps the token its last response was handed over with.</summary>
    private sealed class TokenRecordingExchange(IExchange inner) : IExchange
    {
        public CancellationToken DeliveryToken { get; private set; }

        public ValueTask StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken) => inner.GetRequestAsync(cancellationToken);

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
        {
            DeliveryToken = cancellationToken;
            return inner.PutResponseAsync(request, response, cancellationToken);
        }
    }

    /// <summary>A parser that throws on its first request, as a faulty custom parser might.</summary>
    private sealed class ThrowingOnceParser(IParser inner) : IParser
    {
        private int _calls;

        public ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new InvalidOperationException("broken parser")
                : inner.ParseRequestAsync(request, cancellationToken);
    }
}
