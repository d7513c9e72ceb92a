using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Tests.Protocol;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// <see cref="AgentHost.RequestsInProgress"/>: what a host ending at once abandons, each request from
/// its handing over by the exchange until its answer is delivered, or fails to be.
/// </summary>
public sealed class AgentHostRequestsInProgressTests
{
    [Fact]
    public async Task A_request_is_in_progress_while_its_command_runs_and_not_once_answered()
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
        Assert.Empty(host.RequestsInProgress);
        var running = host.RunAsync(CancellationToken.None);

        var response = exchange.SendAsync("""{"name":"slow","value":"x"}""", "r-slow", TestContext.Current.CancellationToken);
        await started.Task;

        var request = Assert.Single(host.RequestsInProgress);
        Assert.Equal("r-slow", request.Id);
        release.SetResult();
        Assert.Equal("0", (await response).ReturnCode);
        exchange.Complete();
        await running;
        Assert.Empty(host.RequestsInProgress);
    }

    [Fact]
    public async Task A_request_whose_answer_could_not_be_delivered_is_no_longer_in_progress()
    {
        var exchange = new UndeliverableExchange();
        var host = new AgentHost().Register(exchange, new NovaJsonParser(new FakeRegistry().Add("note", (_, _) => new(CommandResult.Ok()))));

        await host.RunAsync(CancellationToken.None);

        Assert.True(exchange.Refused);
        Assert.Empty(host.RequestsInProgress);
    }

    /// <summary>Hands over one request, cannot deliver its answer, then ends.</summary>
    private sealed class UndeliverableExchange : IExchange
    {
        private int _handedOver;

        public bool Refused { get; private set; }

        public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(Interlocked.Increment(ref _handedOver) == 1
                ? new AgentRequest("r-1", """{"name":"note","value":""}"""u8.ToArray(), new ExchangeSession())
                : null);

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken)
        {
            Refused = true;
            throw new InvalidOperationException("the store refused it");
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
