using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Exchanges;

/// <summary>
/// <see cref="InMemoryExchange"/> driven as a host drives it (take, answer), without a host: its
/// request ids, its caller's token, <see cref="InMemoryExchange.WhenTaken"/> after an answer, and
/// what a completed exchange or a host that gave up waiting does to a new request.
/// </summary>
public sealed class InMemoryExchangeRequestTests
{
    private const string Ping = """{"name":"ping","value":""}""";

    /// <summary>Only turns a hang (the bug) into a failure; never reached when the exchange works.</summary>
    private static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(1);

    private static readonly CancellationToken Test = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_request_with_an_id_still_pending_is_refused_and_the_id_is_free_once_answered()
    {
        await using var exchange = new InMemoryExchange();
        await exchange.StartAsync(Test);
        var first = exchange.SendAsync(Ping, "a", Test);

        // Refused by throwing, not through the task: the caller's mistake, not the request's outcome.
        var refused = Assert.Throws<InvalidOperationException>(() => { _ = exchange.SendAsync(Ping, "a", Test); });
        Assert.Equal("Request id 'a' is already pending.", refused.Message);

        var request = (await exchange.GetRequestAsync(Test))!;
        await exchange.PutResponseAsync(request, new AgentResponse("0", "pong"), Test);
        Assert.Equal("pong", (await first.WaitAsync(SafetyNet, Test)).Message);
        var again = exchange.SendAsync(Ping, "a", Test);
        Assert.Equal("a", (await exchange.GetRequestAsync(Test))!.Id);
        Assert.False(again.IsCompleted);
    }

    [Fact]
    public async Task A_request_sent_after_Complete_is_refused_as_such_not_as_not_run()
    {
        await using var exchange = new InMemoryExchange();
        await exchange.StartAsync(Test);
        exchange.Complete();

        var refused = Assert.Throws<InvalidOperationException>(() => { _ = exchange.SendAsync(Ping, "late", Test); });

        Assert.Equal("The exchange has been completed.", refused.Message);
        Assert.Null(await exchange.GetRequestAsync(Test));
    }

    [Fact]
    public async Task The_callers_token_ends_its_wait_and_the_id_stays_in_use_until_its_request_is_answered()
    {
        await using var exchange = new InMemoryExchange();
        await exchange.StartAsync(Test);
        using var giveUp = new CancellationTokenSource();
        var waiting = exchange.SendAsync(Ping, "c", giveUp.Token);

        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(SafetyNet, Test));
        Assert.True(waiting.IsCanceled);
        // The request is still queued: a second "c" now would be a second unanswered request with
        // that id, and the first one's answer would be handed to it.
        var refused = Assert.Throws<InvalidOperationException>(() => { _ = exchange.SendAsync(Ping, "c", Test); });
        Assert.Equal("Request id 'c' is already pending.", refused.Message);

        var first = (await exchange.GetRequestAsync(Test))!;
        await exchange.PutResponseAsync(first, new AgentResponse("0", "the first one's answer"), Test);
        var again = exchange.SendAsync(Ping, "c", Test);
        var second = (await exchange.GetRequestAsync(Test))!;
        Assert.False(again.IsCompleted);
        await exchange.PutResponseAsync(second, new AgentResponse("0", "its own answer"), Test);
        Assert.Equal("its own answer", (await again.WaitAsync(SafetyNet, Test)).Message);
    }

    [Fact]
    public async Task An_answered_request_is_no_longer_taken_so_WhenTaken_waits_for_the_next_one_with_its_id()
    {
        await using var exchange = new InMemoryExchange();
        await exchange.StartAsync(Test);
        _ = exchange.SendAsync(Ping, "t", Test);
        var request = (await exchange.GetRequestAsync(Test))!;
        Assert.True(exchange.WhenTaken("t", Test).IsCompletedSuccessfully);

        await exchange.PutResponseAsync(request, new AgentResponse("0", ""), Test);
        var next = exchange.WhenTaken("t", Test);

        Assert.False(next.IsCompleted);
        _ = exchange.SendAsync(Ping, "t", Test);
        Assert.False(next.IsCompleted);
        await exchange.GetRequestAsync(Test);
        await next.WaitAsync(SafetyNet, Test);
    }

    [Fact]
    public async Task A_host_that_gives_up_waiting_for_a_request_takes_no_more_even_one_started_without_its_token()
    {
        await using var exchange = new InMemoryExchange();
        await exchange.StartAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var waiting = exchange.GetRequestAsync(stop.Token).AsTask();

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(SafetyNet, Test));
        var late = exchange.SendAsync(Ping, "late", Test);

        // Failed at once, as after the host's own stop, instead of queued for a host that is gone.
        Assert.True(late.IsCompleted);
        var failure = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => late);
        Assert.Equal("The host serving this exchange has stopped; request 'late' was not run and will not be answered.", failure.Message);
    }
}
