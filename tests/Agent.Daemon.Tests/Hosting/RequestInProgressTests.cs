using GuestAgent.Commands;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Daemon.Tests.Hosting;

/// <summary>
/// What a second SIGTERM abandons: the request from the moment the exchange hands it over until its
/// answer is delivered, nothing before or after (end to end: LifecycleTests).
/// </summary>
public sealed class RequestInProgressTests
{
    [Fact]
    public async Task A_request_is_in_progress_from_its_handing_over_to_its_delivered_answer()
    {
        await using var inner = new InMemoryExchange();
        var inProgress = new RequestInProgress();
        var exchange = inProgress.Track(inner);
        var token = TestContext.Current.CancellationToken;
        await exchange.StartAsync(token);
        var answer = inner.SendAsync("""{"name":"password","value":"hunter2"}""", "r-7", token);

        Assert.Null(inProgress.Current);
        var request = Assert.IsType<AgentRequest>(await exchange.GetRequestAsync(token));
        Assert.Same(request, inProgress.Current);
        Assert.Equal("r-7", request.Id);
        Assert.Equal("password", RequestInProgress.CommandOf(request));

        await exchange.PutResponseAsync(request, new AgentResponse("0", ""), token);

        Assert.Null(inProgress.Current);
        Assert.Equal("0", (await answer).ReturnCode);
    }

    [Fact]
    public async Task A_request_whose_answer_could_not_be_delivered_is_no_longer_in_progress()
    {
        var inProgress = new RequestInProgress();
        var exchange = inProgress.Track(new RefusingExchange());
        var request = await exchange.GetRequestAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(request);

        await Assert.ThrowsAsync<InvalidOperationException>(() => exchange.PutResponseAsync(request, new AgentResponse("0", ""), TestContext.Current.CancellationToken).AsTask());

        Assert.Null(inProgress.Current);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"value":"x"}""")]
    public void A_request_without_a_command_name_has_none(string data) =>
        Assert.Null(RequestInProgress.CommandOf(new AgentRequest("r", System.Text.Encoding.UTF8.GetBytes(data), new ExchangeSession())));

    /// <summary>An exchange that hands over one request and cannot deliver its answer.</summary>
    private sealed class RefusingExchange : IExchange
    {
        public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<AgentRequest?> GetRequestAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<AgentRequest?>(new AgentRequest("r-1", """{"name":"version","value":""}"""u8.ToArray(), new ExchangeSession()));

        public ValueTask PutResponseAsync(AgentRequest request, AgentResponse response, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the store refused it");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
