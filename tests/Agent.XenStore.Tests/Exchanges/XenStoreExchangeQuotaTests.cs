using System.Text;
using GuestAgent.Exchanges;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Transports;
using GuestAgent.XenStore.Wire;
using Microsoft.Extensions.Logging;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// Responses the embedded XenStore refuses for the guest's quota: answered once with a short error
/// when that fits, otherwise given up with one warning; never retried at every scan or after a restart.
/// </summary>
public sealed class XenStoreExchangeQuotaTests
{
    // Echoed back, the response is 631 bytes: over a 400-byte node quota, while the error answer is not.
    private static readonly string LongRequest = $$"""{"name":"echo","value":"{{new string('x', 600)}}"}""";

    private const string ShortError = """{"returncode":"500","message":"The response (631 bytes) was too large for XenStore, which refused it with ENOSPC"}""";

    [Fact]
    public async Task A_response_over_the_node_size_quota_is_answered_with_a_short_error_instead()
    {
        await using var harness = new ExchangeHarness(maxNodeSize: 400);
        var log = new RecordingLogger<XenStoreExchange>();
        await harness.StartAgentAsync(logger: log);

        harness.Store.Server.Write($"{Requests}/big", Encoding.UTF8.GetBytes(LongRequest));
        harness.Store.Server.Write($"{Requests}/small", """{"name":"echo","value":"fits"}"""u8);
        var responses = await harness.WaitForResponsesAsync(["big", "small"]);

        Assert.Equal(ShortError, responses["big"]);
        Assert.Equal("""{"returncode":"0","message":"fits"}""", responses["small"]);
        Assert.Equal(1, harness.Registry.Runs["big"]);
        Assert.Empty(harness.Store.Server.TryList(Requests)!);
        Assert.Equal(
            ["XenStore request big: the response (631 bytes) was refused (ENOSPC, over the guest's XenStore quota); answered with a short error instead"],
            log.At(LogLevel.Warning));
        Assert.Equal(ShortError, harness.JournaledResponse("big"));
    }

    [Fact]
    public async Task A_response_the_store_refuses_as_too_big_is_answered_with_a_short_error_without_making_room()
    {
        // E2BIG (oxenstored's refusal of a record over its size quota, or the client's of a message
        // over the transport's limit) is the message itself: removing old responses cannot let it in.
        await using var harness = new ExchangeHarness();
        harness.Store.Server.Write($"{Responses}/old", """{"returncode":"0","message":""}"""u8);
        var log = new RecordingLogger<XenStoreExchange>();
        await harness.StartAgentAsync(logger: log, responseRetention: TimeSpan.Zero, connect: async token =>
            XenStoreClient.Create(new LimitedPayloadTransport(await XenStoreEndpoint.OpenAsync(harness.Store.GuestSocket, token), 600)));

        harness.Store.Server.Write($"{Requests}/big", Encoding.UTF8.GetBytes(LongRequest));
        var responses = await harness.WaitForResponsesAsync(["big"]);

        Assert.Equal(ShortError.Replace("ENOSPC", "E2BIG", StringComparison.Ordinal), responses["big"]);
        Assert.Equal(1, harness.Registry.Runs["big"]);
        Assert.Equal(
            ["XenStore request big: the response (631 bytes) was refused (E2BIG, over the guest's XenStore quota); answered with a short error instead"],
            log.At(LogLevel.Warning));
        Assert.NotNull(harness.Store.Server.TryRead($"{Responses}/old"));
        Assert.Equal(0, harness.Exchange!.ResponsesRemoved);
    }

    [Fact]
    public async Task A_restarted_agent_replays_the_short_error_not_the_refused_response()
    {
        await using var harness = new ExchangeHarness(maxNodeSize: 400);
        await harness.AnswerThenRewindAsync("big", LongRequest);
        var log = new RecordingLogger<XenStoreExchange>();

        await harness.StartAgentAsync(logger: log);
        var responses = await harness.WaitForResponsesAsync(["big"]);

        Assert.Equal(ShortError, responses["big"]);
        Assert.Equal(1, harness.Registry.Runs["big"]);
        Assert.Equal(1, harness.Exchange!.AnsweredFromJournal);
        Assert.Empty(log.At(LogLevel.Warning));
    }

    [Fact]
    public async Task When_even_the_short_error_is_refused_the_request_is_given_up_once_and_for_this_boot()
    {
        await using var harness = new ExchangeHarness(maxNodeSize: FilledNodeSize);
        FillResponseDirectory(harness);
        var log = new RecordingLogger<XenStoreExchange>();
        await harness.StartAgentAsync(logger: log);
        var request = Encoding.UTF8.GetBytes(LongRequest);

        harness.Store.Server.Write($"{Requests}/lost", request);
        await WaitUntilAsync(() => harness.Store.Server.TryRead($"{Requests}/lost") is null);

        Assert.Null(harness.Store.Server.TryRead($"{Responses}/lost"));
        Assert.Equal(1, harness.Registry.Runs["lost"]);
        Assert.Equal(
            ["XenStore request lost: the response (631 bytes) was refused (ENOSPC, over the guest's XenStore quota), and so was a short error in its place; the request is given up and not answered again in this boot"],
            log.At(LogLevel.Warning));
        Assert.Equal("", harness.JournaledResponse("lost"));

        // After a crash before the request was removed, a restarted agent neither runs it again
        // nor retries the refused answer: it only removes the request, without a warning.
        await harness.StopAgentAsync();
        harness.Store.Server.Write($"{Requests}/lost", request);
        var restartLog = new RecordingLogger<XenStoreExchange>();
        var replayed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await harness.StartAgentAsync(logger: restartLog, replayed: (id, _) => replayed.Enqueue(id));
        await WaitUntilAsync(() => harness.Store.Server.TryRead($"{Requests}/lost") is null);

        Assert.Equal(1, harness.Registry.Runs["lost"]);
        Assert.Null(harness.Store.Server.TryRead($"{Responses}/lost"));
        Assert.Empty(restartLog.At(LogLevel.Warning));
        Assert.Equal(0, harness.Exchange!.AnsweredFromJournal);
        // Handled from the journal without running: reported as a replay (the daemon's pending
        // resetnetwork watch counts on hearing of every request answered or dropped that way).
        Assert.Equal(["lost"], replayed);
    }

    [Fact]
    public async Task A_short_response_refused_is_given_up_without_claiming_a_short_error_was_tried()
    {
        // The error answer would be longer than this response, so it is never written: the warning
        // must not say the store refused it.
        await using var harness = new ExchangeHarness(maxNodeSize: FilledNodeSize);
        FillResponseDirectory(harness);
        var log = new RecordingLogger<XenStoreExchange>();
        await harness.StartAgentAsync(logger: log);

        harness.Store.Server.Write($"{Requests}/short", """{"name":"echo","value":"fits"}"""u8);
        await WaitUntilAsync(() => harness.Store.Server.TryRead($"{Requests}/short") is null);

        Assert.Null(harness.Store.Server.TryRead($"{Responses}/short"));
        Assert.Equal(
            ["XenStore request short: the response (35 bytes) was refused (ENOSPC, over the guest's XenStore quota), and a short error answer would be no shorter, so none was tried; the request is given up and not answered again in this boot"],
            log.At(LogLevel.Warning));
        Assert.Equal("", harness.JournaledResponse("short"));
    }

    [Fact]
    public async Task A_given_up_request_the_guest_cannot_remove_is_not_retried_at_every_scan()
    {
        await using var harness = new ExchangeHarness(maxNodeSize: FilledNodeSize);
        FillResponseDirectory(harness);
        // Readable by the guest but not removable: it stays in data/host for every scan to see.
        harness.Store.Server.Write($"{Requests}/stuck", Encoding.UTF8.GetBytes(LongRequest));
        harness.Store.Server.SetPermissions($"{Requests}/stuck", Permission("n0"), Permission("r7"));
        var log = new RecordingLogger<XenStoreExchange>();

        // Polling every 50 ms, with a sweep (which ends a scan) at most every 50 ms, to count scans.
        await harness.StartAgentAsync(useWatches: false, responseRetention: TimeSpan.FromMilliseconds(100), logger: log);
        await WaitUntilAsync(() => log.At(LogLevel.Warning).Count > 0);
        var sweeps = harness.Exchange!.ResponseSweeps;
        await WaitUntilAsync(() => harness.Exchange.ResponseSweeps >= sweeps + 5);

        Assert.Equal(1, harness.Registry.Runs["stuck"]);
        Assert.Null(harness.Store.Server.TryRead($"{Responses}/stuck"));
        Assert.NotNull(harness.Store.Server.TryRead($"{Requests}/stuck"));
        Assert.Single(log.At(LogLevel.Warning));
        Assert.Empty(log.At(LogLevel.Error));
        // The removal is retried quietly, at debug level only.
        Assert.Contains("XenStore request stuck was given up (its answer was refused); it could not be removed (EACCES)", log.At(LogLevel.Debug));
    }

    // C xenstored's largest record.
    private const int FilledNodeSize = 2048;

    // data/guest's record counts its children's names: 60 old responses of 36-character ids take it
    // past C xenstored's 2048 bytes (FilledNodeSize), so the guest can add no response at all, however
    // short. Only dom0 may remove them (as responses of another agent could be), so the sweeper leaves them.
    private static void FillResponseDirectory(ExchangeHarness harness)
    {
        for (var i = 0; i < 60; i++)
        {
            var path = $"{Responses}/{i:D4}aaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
            harness.Store.Server.Write(path, """{"returncode":"0","message":""}"""u8);
            harness.Store.Server.SetPermissions(path, Permission("n0"));
        }
    }

    private static XenStorePermission Permission(string text) =>
        XenStorePermission.TryParse(text, out var permission) ? permission : throw new ArgumentException(text);
}
