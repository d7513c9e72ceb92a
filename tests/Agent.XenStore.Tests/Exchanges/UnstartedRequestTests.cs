using System.Text;
using GuestAgent.Exchanges;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// A request the exchange handed out that is never answered (a stopping host that gave up on the
/// exchange before taking it does not start it, docs/plugins.md "Stopping") is not lost: the exchange
/// removes a request only once its answer is written, so it stays in <c>data/host</c>, and the
/// agent's next start serves it, once.
/// </summary>
public sealed class UnstartedRequestTests
{
    [Fact]
    public async Task A_request_handed_out_and_never_answered_stays_in_data_host_and_the_next_start_serves_it()
    {
        await using var harness = new ExchangeHarness();
        harness.Store.Server.Write($"{Requests}/left", Encoding.UTF8.GetBytes("""{"name":"echo","value":"kept"}"""));
        var first = new XenStoreExchange(new XenStoreExchangeOptions
        {
            Endpoint = harness.Store.GuestSocket,
            StateDirectory = harness.State.Path,
            BootId = "test-boot",
        });
        try
        {
            await first.StartAsync(TestContext.Current.CancellationToken);
            var handedOut = await first.GetRequestAsync(TestContext.Current.CancellationToken);
            Assert.Equal("left", handedOut?.Id);
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.Equal("""{"name":"echo","value":"kept"}""", Encoding.UTF8.GetString(harness.Store.Server.TryRead($"{Requests}/left")!));
        Assert.Null(harness.Store.Server.TryRead($"{Responses}/left"));

        await harness.StartAgentAsync(bootId: "test-boot");
        var responses = await harness.WaitForResponsesAsync(["left"]);

        Assert.Equal("""{"returncode":"0","message":"kept"}""", responses["left"]);
        Assert.Equal(1, harness.Registry.Runs["left"]);
        Assert.Equal(0, harness.Exchange!.AnsweredFromJournal);
    }
}
