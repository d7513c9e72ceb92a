using System.Text;
using GuestAgent.Exchanges;
using GuestAgent.Testing;
using GuestAgent.XenStore.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// A guest under C xenstored's quota (a data/guest record with its children's names below 2048
/// bytes: 54 UUID-named responses) with requests arriving faster than the 30 s rescan, on a
/// manual clock: the sweep of old responses still runs, and a refused answer makes room for itself.
/// </summary>
public sealed class SweepUnderQuotaTests
{
    private const string MakeRoom = "were removed and the response written again";

    [Fact]
    public async Task Old_responses_are_swept_while_requests_keep_the_watch_busy()
    {
        await using var harness = QuotaHarness();
        var time = new RecordingTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        // Sweeps due every 30 s, removing responses older than 60 s: a request every 10 s keeps
        // a dozen responses at most, if the sweep runs although the watch is never quiet.
        await harness.StartAgentAsync(time: time, logger: log, responseRetention: TimeSpan.FromSeconds(60));

        await AskEveryTenSecondsAsync(harness, time, count: 100);

        Assert.True(harness.Exchange!.ResponseSweeps >= 10, $"{harness.Exchange.ResponseSweeps} sweeps");
        Assert.True(harness.Exchange.ResponsesRemoved >= 50, $"{harness.Exchange.ResponsesRemoved} removed");
        Assert.DoesNotContain(log.At(LogLevel.Information), message => message.Contains(MakeRoom, StringComparison.Ordinal));
        Assert.Empty(log.At(LogLevel.Warning));
    }

    [Fact]
    public async Task A_response_refused_for_the_quota_makes_room_for_itself_and_every_request_is_answered()
    {
        await using var harness = QuotaHarness();
        var time = new RecordingTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        // The default retention (15 minutes) keeps 90 responses of requests 10 s apart: far over
        // the 54 the quota holds, so answers are refused and room must be made.
        await harness.StartAgentAsync(time: time, logger: log);

        await AskEveryTenSecondsAsync(harness, time, count: 150);

        Assert.Contains(log.At(LogLevel.Information), message => message.Contains(MakeRoom, StringComparison.Ordinal));
        Assert.True(harness.Exchange!.ResponsesRemoved > 0);
        Assert.Empty(log.At(LogLevel.Warning));
        // Making room never takes a response the host may still be reading (written in the last
        // 65 s): the last seven answers are all there.
        Assert.All(Enumerable.Range(143, 7), i => Assert.NotNull(harness.Store.Server.TryRead($"{Responses}/{Uuid(i)}")));
    }

    [Fact]
    public async Task Responses_the_host_may_still_be_waiting_for_are_not_removed_to_make_room()
    {
        await using var harness = QuotaHarness();
        var time = new RecordingTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        await harness.StartAgentAsync(time: time, logger: log);

        // 60 answers within 59 s: all young, so once the quota is reached nothing may be removed,
        // and the answers that do not fit are given up as before.
        var ids = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var id = Uuid(i);
            ids.Add(id);
            harness.Store.Server.Write($"{Requests}/{id}", Encoding.UTF8.GetBytes($$"""{"name":"echo","value":"{{i}}"}"""));
            await WaitUntilAsync(() => harness.Store.Server.TryRead($"{Requests}/{id}") is null);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var answered = ids.Count(id => harness.Store.Server.TryRead($"{Responses}/{id}") is not null);
        Assert.Equal(54, answered);
        Assert.Equal(0, harness.Exchange!.ResponsesRemoved);
        Assert.Equal(6, log.At(LogLevel.Warning).Count(message => message.Contains("the request is given up", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task After_a_restart_an_agent_keeping_every_response_makes_room_with_the_earlier_runs_answers()
    {
        await using var harness = QuotaHarness();
        var time = new RecordingTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        await harness.StartAgentAsync(time: time, responseRetention: TimeSpan.Zero);
        for (var i = 0; i < 54; i++)
        {
            await AskAsync(harness, i);
        }

        // A new process, which knows nothing of the ages of what the first one wrote.
        await harness.StopAgentAsync();
        await harness.StartAgentAsync(time: time, logger: log, responseRetention: TimeSpan.Zero);
        // Its start-up listing (the one sweep an agent keeping every response makes) starts their ages.
        await WaitUntilAsync(() => harness.Exchange!.ResponseSweeps == 1);
        time.Advance(TimeSpan.FromMinutes(10));

        await AskAsync(harness, 54);

        Assert.Contains(log.At(LogLevel.Information), message => message.Contains(MakeRoom, StringComparison.Ordinal));
        Assert.DoesNotContain(log.At(LogLevel.Warning), message => message.Contains("the request is given up", StringComparison.Ordinal));
    }

    private static ExchangeHarness QuotaHarness() => new(maxNodesPerDomain: 1000, maxNodeSize: 2048);

    // As Nova's plugin: write a request, wait until it is gone from data/host (answered, or given
    // up), read the answer; the next one comes 10 s later on the agent's clock, well inside the
    // 30 s rescan interval, so the watch is never quiet.
    private static async Task AskEveryTenSecondsAsync(ExchangeHarness harness, RecordingTimeProvider time, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await AskAsync(harness, i);
            time.Advance(TimeSpan.FromSeconds(10));
        }
    }

    private static async Task AskAsync(ExchangeHarness harness, int i)
    {
        var id = Uuid(i);
        harness.Store.Server.Write($"{Requests}/{id}", Encoding.UTF8.GetBytes($$"""{"name":"echo","value":"{{i}}"}"""));
        await WaitUntilAsync(() => harness.Store.Server.TryRead($"{Requests}/{id}") is null);
        var response = harness.Store.Server.TryRead($"{Responses}/{id}");
        Assert.True(response is not null, $"request {i} was not answered");
        Assert.Equal($$"""{"returncode":"0","message":"{{i}}"}""", Encoding.UTF8.GetString(response));
    }

    // 36 characters, as Nova's request ids.
    private static string Uuid(int i) => $"{i:D8}-aaaa-4bbb-8ccc-dddddddddddd";
}
