using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
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

        var response = exchange.SendAsync("""{"name":"slow"}""");
        await started.Task;
        await stop.CancelAsync();
        release.SetResult();
        await running;

        Assert.Equal("""{"returncode":"0","message":"done"}""", (await response).ToJson());
    }
}
