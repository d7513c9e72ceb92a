using System.Text;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Daemon.Tests.Hosting;

/// <summary>
/// READY=1 waits, when a <c>resetnetwork</c> was waiting at start, for its answer: the watch hears of
/// each answer the exchange delivers and is released by the first <c>resetnetwork</c>'s, no other.
/// </summary>
public sealed class ResetNetworkWatchTests
{
    private static async Task AnswerNextAsync(InMemoryExchange inner, IExchange watch, string requestJson)
    {
        var sent = inner.SendAsync(requestJson, cancellationToken: TestContext.Current.CancellationToken);
        var request = await watch.GetRequestAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(request);
        await watch.PutResponseAsync(request, new AgentResponse("0", "done"), TestContext.Current.CancellationToken);
        Assert.Equal("""{"returncode":"0","message":"done"}""", (await sent).ToJson());
    }

    [Fact]
    public async Task Only_a_delivered_resetnetwork_answer_releases_it()
    {
        await using var inner = new InMemoryExchange();
        var answered = new TaskCompletionSource();
        var watch = new ResetNetworkWatch(inner, answered);
        await watch.StartAsync(TestContext.Current.CancellationToken);

        await AnswerNextAsync(inner, watch, """{"name": "version", "value": "agent"}""");
        await AnswerNextAsync(inner, watch, """{"name": "resetnetworks", "value": ""}""");
        Assert.False(answered.Task.IsCompleted);

        await AnswerNextAsync(inner, watch, """{"name": "resetnetwork", "value": ""}""");
        Assert.True(answered.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_replayed_answer_is_noticed_too()
    {
        var answered = new TaskCompletionSource();
        var watch = new ResetNetworkWatch(new InMemoryExchange(), answered);

        watch.NoticeAnswered(Encoding.UTF8.GetBytes("""{"name": "keyinit", "value": "5"}"""));
        Assert.False(answered.Task.IsCompleted);
        watch.NoticeAnswered(Encoding.UTF8.GetBytes("""{"name": "resetnetwork", "value": ""}"""));
        Assert.True(answered.Task.IsCompletedSuccessfully);
    }
}
