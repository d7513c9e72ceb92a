using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Tests.Protocol;

namespace GuestAgent.Tests.Exchanges;

// The requests are sent without a token on purpose: such a send never returned once the host stopped.
#pragma warning disable xUnit1051
public sealed class InMemoryExchangeTests
{
    /// <summary>Only turns a hang (the bug) into a failure; never reached when the exchange works.</summary>
    private static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_request_sent_after_the_host_stopped_fails_instead_of_waiting_for_ever()
    {
        await using var exchange = new InMemoryExchange();
        using var stop = new CancellationTokenSource();
        var host = new AgentHost().Register(exchange, new NovaJsonParser(new FakeRegistry().Add("ok", (_, _) => new(CommandResult.Ok()))));
        var running = host.RunAsync(stop.Token);
        await host.WhenServing;

        await stop.CancelAsync();
        await running;
        var late = exchange.SendAsync("""{"name":"ok"}""", "late");

        var failure = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => late.WaitAsync(SafetyNet, TestContext.Current.CancellationToken));
        Assert.Equal("The host serving this exchange has stopped; request 'late' was not run and will not be answered.", failure.Message);
    }

    [Fact]
    public async Task Requests_still_queued_when_the_host_stops_fail_and_the_one_in_progress_is_answered()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var ran = new List<string>();
        var registry = new FakeRegistry().Add("slow", async (_, context) =>
        {
            ran.Add(context.RequestId);
            started.TrySetResult();
            await release.Task;
            return CommandResult.Ok("done");
        });
        await using var exchange = new InMemoryExchange();
        using var stop = new CancellationTokenSource();
        var running = new AgentHost().Register(exchange, new NovaJsonParser(registry)).RunAsync(stop.Token);

        var first = exchange.SendAsync("""{"name":"slow"}""", "first");
        await started.Task;
        var queued = exchange.SendAsync("""{"name":"slow"}""", "queued");
        await stop.CancelAsync();
        release.SetResult();
        await running;

        Assert.Equal("""{"returncode":"0","message":"done"}""", (await first.WaitAsync(SafetyNet, TestContext.Current.CancellationToken)).ToJson());
        var failure = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(SafetyNet, TestContext.Current.CancellationToken));
        Assert.Contains("request 'queued' was not run", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["first"], ran);
    }
}
