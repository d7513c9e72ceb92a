using GuestAgent.Protocol;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Transports;
using GuestAgent.XenStore.Wire;
using GuestAgent.XenStore.Tests.Infrastructure;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// XenStoreExchange end to end serving requests: embedded server, agent host, Nova-style writers;
/// order, bursts, a lost connection, transports and what it answers. What it remembers between
/// answers (journal, retention) is in <see cref="XenStoreExchangeJournalTests"/>.
/// </summary>
public sealed class XenStoreExchangeTests
{
    [Fact]
    public async Task Requests_written_before_start_up_are_served_in_listing_order()
    {
        await using var harness = new ExchangeHarness();
        // Creation order differs from name order: the scan's listing order is what counts.
        var ids = new List<string> { "c-early", "a-early", "e-early", "b-early", "d-early" };
        foreach (var id in ids)
        {
            harness.Store.Server.Write($"{Requests}/{id}", System.Text.Encoding.UTF8.GetBytes($$"""{"name":"echo","value":"{{id}}"}"""));
        }

        await harness.StartAgentAsync();
        var responses = await harness.WaitForResponsesAsync(ids);

        Assert.All(ids, id => Assert.Equal($$"""{"returncode":"0","message":"{{id}}"}""", responses[id]));
        Assert.Empty(harness.Store.Server.TryList(Requests)!);
        Assert.Equal(ids, harness.Registry.Order);
    }

    [Fact]
    public async Task A_burst_from_concurrent_writers_is_answered_exactly_once_each()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync();
        var ids = Enumerable.Range(0, 1000).Select(i => Guid.NewGuid().ToString()).ToList();

        await WriteConcurrentlyAsync(harness, ids, writers: 4);
        var responses = await harness.WaitForResponsesAsync(ids);

        Assert.Equal(1000, responses.Count);
        Assert.All(ids, id => Assert.Equal($$"""{"returncode":"0","message":"{{id}}"}""", responses[id]));
        Assert.All(ids, id => Assert.Equal(1, harness.Registry.Runs[id]));
        Assert.Equal(1000, harness.Registry.TotalRuns);
        Assert.Equal(1000, harness.Store.Server.TryList(Responses)!.Count);
        Assert.Empty(harness.Store.Server.TryList(Requests)!);
    }

    [Fact]
    public async Task Killing_the_connection_mid_burst_loses_nothing()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync();
        var ids = Enumerable.Range(0, 600).Select(i => $"req-{i:D4}").ToList();

        // The agent is held inside request 100, so the kill lands with most of the burst unanswered.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = harness.Registry.Hold("req-0100", release.Task);

        var writing = WriteConcurrentlyAsync(harness, ids, writers: 3);
        await held;
        var killed = harness.Store.Server.Disconnect(EmbeddedXenStore.GuestDomain);
        release.SetResult();
        await writing;
        var responses = await harness.WaitForResponsesAsync(ids);

        Assert.True(killed >= 1);
        Assert.True(harness.Exchange!.Connections >= 2);
        Assert.All(ids, id => Assert.Equal($$"""{"returncode":"0","message":"{{id}}"}""", responses[id]));
        Assert.All(ids, id => Assert.Equal(1, harness.Registry.Runs[id]));
        Assert.Empty(harness.Store.Server.TryList(Requests)!);
    }

    [Fact]
    public async Task A_response_cut_to_the_longest_is_still_stored_in_the_guest_node()
    {
        // XenStore refuses a guest's node record of 2048 bytes or more (value and permissions; C
        // xenstored adds its header too): the longest response must be well below that.
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync();
        var request = $$"""{"name":"echo","value":"{{new string('x', 3000)}}"}""";
        harness.Store.Server.Write($"{Requests}/long", System.Text.Encoding.UTF8.GetBytes(request));

        var responses = await harness.WaitForResponsesAsync(["long"]);

        Assert.Equal(ResponseWriter.MaxResponseBytes, responses["long"].Length);
        Assert.EndsWith("xxx...\"}", responses["long"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_request_rewritten_under_the_same_id_while_answered_is_served_not_deleted(bool useWatches)
    {
        await using var harness = new ExchangeHarness();
        // The host reuses the id while the first request is being answered: the rewrite lands
        // after we read the request and before we remove it.
        var rewritten = 0;
        harness.Registry.WhileRunning = id =>
        {
            if (id == "reused" && Interlocked.Exchange(ref rewritten, 1) == 0)
            {
                harness.Store.Server.Write($"{Requests}/reused", """{"name":"echo","value":"second"}"""u8);
            }
        };
        // Watching, the safety-net rescan is an hour away: the rewritten request is served because
        // the exchange offers it, not because a rescan finds it.
        await harness.StartAgentAsync(useWatches, rescanInterval: TimeSpan.FromHours(1));

        harness.Store.Server.Write($"{Requests}/reused", """{"name":"echo","value":"first"}"""u8);
        var responses = await harness.WaitForResponsesAsync(["reused"]);

        Assert.Equal("""{"returncode":"0","message":"second"}""", responses["reused"]);
        Assert.Equal(2, harness.Registry.Runs["reused"]);
        Assert.Empty(harness.Store.Server.TryList(Requests)!);
    }

    [Fact]
    public async Task The_request_is_removed_in_a_transaction_retried_on_EAGAIN()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync();
        harness.Store.Server.ForceTransactionConflicts(2);

        harness.Store.Server.Write($"{Requests}/contended", """{"name":"echo","value":"done"}"""u8);
        var responses = await harness.WaitForResponsesAsync(["contended"]);

        Assert.Equal("""{"returncode":"0","message":"done"}""", responses["contended"]);
        Assert.Equal(2, harness.Store.Server.TransactionConflicts);
        Assert.Equal(1, harness.Registry.Runs["contended"]);
        Assert.Empty(harness.Store.Server.TryList(Requests)!);
    }

    [Fact]
    public async Task Polling_serves_requests_when_watches_are_off()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync(useWatches: false);
        harness.Store.Server.Write($"{Requests}/polled", """{"name":"echo","value":"p"}"""u8);

        var responses = await harness.WaitForResponsesAsync(["polled"]);

        Assert.True(harness.Exchange!.IsPolling);
        Assert.Equal("""{"returncode":"0","message":"p"}""", responses["polled"]);
    }

    [Fact]
    public async Task Unknown_commands_and_garbage_are_answered_not_dropped()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync();
        harness.Store.Server.Write($"{Requests}/unknown", """{"name":"nope","value":""}"""u8);
        harness.Store.Server.Write($"{Requests}/garbage", "not json"u8);

        var responses = await harness.WaitForResponsesAsync(["unknown", "garbage"]);

        Assert.StartsWith("""{"returncode":"404",""", responses["unknown"], StringComparison.Ordinal);
        Assert.StartsWith("""{"returncode":"500",""", responses["garbage"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serves_through_the_device_transport()
    {
        await using var harness = new ExchangeHarness();
        using var bridge = await PtyBridge.StartAsync(harness.Store.GuestSocket);
        await harness.StartAgentAsync(endpoint: bridge.DevicePath);
        var ids = Enumerable.Range(0, 50).Select(i => $"dev-{i}").ToList();

        await WriteConcurrentlyAsync(harness, ids, writers: 2);
        var responses = await harness.WaitForResponsesAsync(ids);

        Assert.All(ids, id => Assert.Equal($$"""{"returncode":"0","message":"{{id}}"}""", responses[id]));
        Assert.Equal(50, harness.Registry.TotalRuns);
    }

    [Fact]
    public async Task Absolute_paths_under_a_configured_domain_work_over_a_privileged_socket()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync(endpoint: harness.Store.Dom0Socket, domainPath: EmbeddedXenStore.GuestHome);
        harness.Store.Server.Write($"{Requests}/abs", """{"name":"echo","value":"a"}"""u8);

        var responses = await harness.WaitForResponsesAsync(["abs"]);

        Assert.Equal("""{"returncode":"0","message":"a"}""", responses["abs"]);
    }

    [Fact]
    public async Task A_request_the_guest_cannot_read_does_not_block_the_others()
    {
        await using var harness = new ExchangeHarness();
        harness.Store.Server.Write($"{Requests}/hidden", """{"name":"echo","value":"h"}"""u8);
        harness.Store.Server.SetPermissions($"{Requests}/hidden", GuestAgent.XenStore.Wire.XenStorePermission.Parse("n0"));
        harness.Store.Server.Write($"{Requests}/visible", """{"name":"echo","value":"v"}"""u8);
        await harness.StartAgentAsync();

        var responses = await harness.WaitForResponsesAsync(["visible"]);

        Assert.Equal("""{"returncode":"0","message":"v"}""", responses["visible"]);
        Assert.False(harness.Registry.Runs.ContainsKey("hidden"));
        Assert.NotNull(harness.Store.Server.TryRead($"{Requests}/hidden"));
    }

    [Fact]
    public async Task A_data_host_too_big_for_one_listing_is_read_with_DIRECTORY_PART()
    {
        await using var harness = new ExchangeHarness();
        // 200 ids of 37 bytes each: the listing (~7.4 KB) is over the 4096-byte reply limit, so the
        // start-up scan gets E2BIG for DIRECTORY and must fall back to DIRECTORY_PART.
        var ids = Enumerable.Range(0, 200).Select(i => $"{i:D4}aaaa-bbbb-cccc-dddd-eeeeeeeeeeee").ToList();
        foreach (var id in ids)
        {
            harness.Store.Server.Write($"{Requests}/{id}", System.Text.Encoding.UTF8.GetBytes($$"""{"name":"echo","value":"{{id}}"}"""));
        }

        Assert.True(ids.Sum(id => id.Length + 1) > 4096);
        RecordingTransport? transport = null;
        await harness.StartAgentAsync(useWatches: false, connect: async token =>
            XenStoreClient.Create(transport = new RecordingTransport(await XenStoreEndpoint.OpenAsync(harness.Store.GuestSocket, token))));
        var responses = await harness.WaitForResponsesAsync(ids);

        Assert.All(ids, id => Assert.Equal($$"""{"returncode":"0","message":"{{id}}"}""", responses[id]));
        Assert.Equal(ids, harness.Registry.Order);
        Assert.All(ids, id => Assert.Equal(1, harness.Registry.Runs[id]));
        // The answers alone would not show the fallback: DIRECTORY was tried first, then the listing
        // went out in DIRECTORY_PART chunks (two for ~7.4 KB), relative to the guest's home as Nova's names are.
        var listings = transport!.Sent.Where(sent => sent.Path == "data/host").Select(sent => sent.Type).ToList();
        Assert.Equal([XenStoreMessageType.Mkdir, XenStoreMessageType.Directory, XenStoreMessageType.DirectoryPart, XenStoreMessageType.DirectoryPart], listings.Take(4));
    }

    [Fact]
    public async Task A_response_without_a_wire_form_is_answered_with_an_internal_error()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync(parser: new IncompleteResponseParser());
        harness.Store.Server.Write($"{Requests}/incomplete", """{"name":"echo","value":"x"}"""u8);

        var responses = await harness.WaitForResponsesAsync(["incomplete"]);

        Assert.Equal("""{"returncode":"500","message":"Internal error with request"}""", responses["incomplete"]);
        Assert.Empty(harness.Store.Server.TryList(Requests)!);
    }

    /// <summary>A custom parser that answers with a response that has no return code, as a faulty one might.</summary>
    private sealed class IncompleteResponseParser : IParser
    {
        public ValueTask<AgentResponse> ParseRequestAsync(AgentRequest request, CancellationToken cancellationToken) =>
            new(new AgentResponse(null!, null!));
    }

    private static async Task WriteConcurrentlyAsync(ExchangeHarness harness, IReadOnlyList<string> ids, int writers)
    {
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            await using var dom0 = await harness.Store.Dom0Async();
            for (var i = writer; i < ids.Count; i += writers)
            {
                await dom0.WriteAsync($"{Requests}/{ids[i]}", $$"""{"name":"echo","value":"{{ids[i]}}"}""");
            }
        }));
    }
}
