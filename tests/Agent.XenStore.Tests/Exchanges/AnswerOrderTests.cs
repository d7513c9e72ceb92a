using System.Text;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// The order in which an answer reaches the store, as dom0 watching <c>data</c> sees it: the response
/// in <c>data/guest/&lt;id&gt;</c> first, then the request's removal from <c>data/host/&lt;id&gt;</c>
/// (nova-agent-protocol.md §11.2 allows either order; this one never leaves a moment with neither, so
/// a crash between the two leaves the request to be answered again from the journal).
/// </summary>
public sealed class AnswerOrderTests
{
    [Fact]
    public async Task The_response_is_written_before_the_request_is_removed()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync();
        await using var dom0 = await harness.Store.Dom0Async();
        await using var watch = await dom0.WatchAsync("/local/domain/7/data");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Assert.Equal("/local/domain/7/data", (await watch.Events.ReadAsync(timeout.Token)).Path);

        harness.Store.Server.Write($"{Requests}/ordered", Encoding.UTF8.GetBytes("""{"name": "echo", "value": "x"}"""));
        var events = new List<string>();
        while (harness.Store.Server.TryRead($"{Requests}/ordered") is not null || harness.Store.Server.TryRead($"{Responses}/ordered") is null || events.Count(p => p == $"{Requests}/ordered") < 2)
        {
            events.Add((await watch.Events.ReadAsync(timeout.Token)).Path);
        }

        // The request's write, the response, then the request's removal: nothing else in between.
        Assert.Equal([$"{Requests}/ordered", $"{Responses}/ordered", $"{Requests}/ordered"], events);
        Assert.Equal("""{"returncode":"0","message":"x"}""", Encoding.UTF8.GetString(harness.Store.Server.TryRead($"{Responses}/ordered")!));
    }
}
