using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Tests.Protocol;

namespace GuestAgent.Tests.Exchanges;

/// <summary><see cref="InMemoryExchange.WhenTaken"/>: a test learns when the host took a request, without polling.</summary>
public sealed class InMemoryExchangeWhenTakenTests
{
    private static readonly CancellationToken Test = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Completes_when_the_host_takes_the_request_and_not_while_it_waits_behind_another()
    {
        var release = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("slow", (_, _) =>
        {
            slowStarted.TrySetResult();
            return new(release.Task);
        }).Add("quick", (_, _) => new(CommandResult.Ok("quick")));
        await using var exchange = new InMemoryExchange();
        var host = new AgentHost().Register(exchange, new NovaJsonParser(registry));
        var running = host.RunAsync(CancellationToken.None);

        var slowTaken = exchange.WhenTaken("slow-1", Test);
        var quickTaken = exchange.WhenTaken("quick-1", Test);
        var slow = exchange.SendAsync("""{"name":"slow"}""", "slow-1", Test);
        var quick = exchange.SendAsync("""{"name":"quick"}""", "quick-1", Test);
        await slowTaken;

        // WhenTaken completes as the exchange hands the request over, a moment before the host's loop
        // lists it: RequestsInProgress is looked at once its command runs.
        await slowStarted.Task.WaitAsync(Test);
        Assert.Equal("slow-1", Assert.Single(host.RequestsInProgress).Id);
        // Queued behind the slow one: not taken while it runs.
        Assert.False(quickTaken.IsCompleted);
        // Asked again while in progress: already taken.
        await exchange.WhenTaken("slow-1", Test);

        release.SetResult(CommandResult.Ok("slow"));
        await quickTaken;
        Assert.Equal("""{"returncode":"0","message":"quick"}""", (await quick).ToJson());
        Assert.Equal("""{"returncode":"0","message":"slow"}""", (await slow).ToJson());
        exchange.Complete();
        await running;
    }

    [Fact]
    public async Task Fails_when_the_host_stops_without_taking_the_request()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new FakeRegistry().Add("slow", (_, _) =>
        {
            started.SetResult();
            return new(release.Task);
        });
        await using var exchange = new InMemoryExchange();
        var host = new AgentHost().Register(exchange, new NovaJsonParser(registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        var first = exchange.SendAsync("""{"name":"slow"}""", "first", Test);
        await started.Task.WaitAsync(Test);
        var queuedTaken = exchange.WhenTaken("queued", Test);
        var queued = exchange.SendAsync("""{"name":"slow"}""", "queued", Test);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queuedTaken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        // And one asked for after the stop fails at once too.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => exchange.WhenTaken("later", Test));
        release.SetResult(CommandResult.Ok("done"));
        Assert.Equal("0", (await first).ReturnCode);
        await running;
    }

    [Fact]
    public async Task Disposing_the_exchange_fails_waiters_and_untaken_requests_as_the_host_s_stop_does_and_cancels_taken_ones()
    {
        var exchange = new InMemoryExchange();
        await exchange.StartAsync(CancellationToken.None);
        var never = exchange.WhenTaken("never", Test);
        var first = exchange.SendAsync("""{"name":"ping","value":""}""", "first", Test);
        var taken = exchange.SendAsync("""{"name":"ping","value":""}""", "taken", Test);
        Assert.Equal("first", (await exchange.GetRequestAsync(Test))!.Id);
        Assert.Equal("taken", (await exchange.GetRequestAsync(Test))!.Id);
        var untaken = exchange.SendAsync("""{"name":"ping","value":""}""", "untaken", Test);

        await exchange.DisposeAsync();

        // The same text a host's stop gives, not a bare cancellation, whichever of the two runs first.
        var waiter = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => never);
        Assert.Equal("The host serving this exchange has stopped; request 'never' was not run and will not be answered.", waiter.Message);
        var notRun = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => untaken);
        Assert.Equal("The host serving this exchange has stopped; request 'untaken' was not run and will not be answered.", notRun.Message);
        // Taken and never answered: only the wait is cancelled.
        await Assert.ThrowsAsync<TaskCanceledException>(() => taken);
        await Assert.ThrowsAsync<TaskCanceledException>(() => first);
    }
}
