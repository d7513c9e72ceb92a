using GuestAgent.Protocol;
using GuestAgent.XenStore.Tests.Infrastructure;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>XenStoreExchange end to end: embedded server, agent host, Nova-style writers.</summary>
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
    public async Task A_journaled_request_seen_again_is_answered_from_the_journal()
    {
        await using var harness = new ExchangeHarness();
        await harness.AnswerThenRewindAsync("dup", """{"name":"echo","value":"once"}""");
        var replayed = new System.Collections.Concurrent.ConcurrentQueue<string>();

        await harness.StartAgentAsync(replayed: (id, request) => replayed.Enqueue($"{id} {System.Text.Encoding.UTF8.GetString(request.Span)}"));
        var responses = await harness.WaitForResponsesAsync(["dup"]);

        Assert.Equal("""{"returncode":"0","message":"once"}""", responses["dup"]);
        Assert.Equal(1, harness.Registry.Runs["dup"]);
        Assert.Equal(1, harness.Exchange!.AnsweredFromJournal);
        Assert.Equal(["dup {\"name\":\"echo\",\"value\":\"once\"}"], replayed);
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

    [Fact]
    public async Task Responses_past_their_retention_are_removed_and_nothing_runs_again()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync(responseRetention: TimeSpan.FromMilliseconds(200), rescanInterval: TimeSpan.FromMilliseconds(50));
        harness.Store.Server.Write($"{Requests}/old", """{"name":"echo","value":"read long ago"}"""u8);

        // Answered (the request goes only after its response is written), then swept. The response
        // node lives only 200 ms, so the test does not try to catch it: the journal says what it was.
        // The sweeper counts a removal after its transaction commits: wait for the count too, not
        // only for the node to go, or the check below races the increment.
        await WaitUntilAsync(() => harness.Store.Server.TryRead($"{Requests}/old") is null
            && harness.Store.Server.TryRead($"{Responses}/old") is null && harness.Exchange!.ResponsesRemoved > 0);

        Assert.Equal("""{"returncode":"0","message":"read long ago"}""", harness.JournaledResponse("old"));
        Assert.Equal(1, harness.Exchange!.ResponsesRemoved);
        Assert.Equal(1, harness.Registry.Runs["old"]);
        Assert.Empty(harness.Store.Server.TryList(Requests)!);
    }

    [Fact]
    public async Task A_response_whose_request_is_being_answered_again_is_kept_past_its_retention()
    {
        await using var harness = new ExchangeHarness();
        harness.Store.Server.Write($"{Responses}/again", "the first answer"u8);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = harness.Registry.Hold("again", release.Task);
        harness.Store.Server.Write($"{Requests}/again", """{"name":"echo","value":"second"}"""u8);
        await harness.StartAgentAsync(responseRetention: TimeSpan.FromMilliseconds(200), rescanInterval: TimeSpan.FromMilliseconds(50));
        await held;

        // Sweeps are at least half a retention apart: three more mean the response has aged past it.
        byte[]? kept;
        int removedWhileHeld;
        try
        {
            var sweeps = harness.Exchange!.ResponseSweeps;
            await WaitUntilAsync(() => harness.Exchange.ResponseSweeps >= sweeps + 3);
            kept = harness.Store.Server.TryRead($"{Responses}/again");
            removedWhileHeld = harness.Exchange.ResponsesRemoved;
        }
        finally
        {
            release.SetResult();
        }

        Assert.Equal("the first answer"u8.ToArray(), kept);
        Assert.Equal(0, removedWhileHeld);
        // The new answer, in turn, lives only 200 ms once written: the journal says what it was.
        await WaitUntilAsync(() => harness.Store.Server.TryRead($"{Requests}/again") is null);
        Assert.Equal("""{"returncode":"0","message":"second"}""", harness.JournaledResponse("again"));
    }

    /// <summary>Waits for a condition the agent brings about in the background (bounded only so that a bug fails instead of hanging).</summary>
    [Fact]
    public async Task Answers_of_an_earlier_boot_are_not_replayed()
    {
        // As in a VM cloned from an image that holds the journal: the init script writes the very
        // same system-init request, which is a new request for the new VM.
        await using var harness = new ExchangeHarness();
        await harness.AnswerThenRewindAsync("system-init", """{"name":"echo","value":"system-init"}""", bootId: "image-boot");

        await harness.StartAgentAsync(bootId: "clone-boot");
        await harness.WaitForResponsesAsync(["system-init"]);

        Assert.Equal(2, harness.Registry.Runs["system-init"]);
        Assert.Equal(0, harness.Exchange!.AnsweredFromJournal);
        var lines = await File.ReadAllLinesAsync(harness.State.Combine("xenstore-journal"));
        Assert.Equal("boot\tclone-boot", lines[0]);
        Assert.Single(lines, line => line.StartsWith("system-init\t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_journal_written_before_boots_were_recorded_is_kept_and_bound_to_this_boot()
    {
        await using var harness = new ExchangeHarness();
        await harness.AnswerThenRewindAsync("dup", """{"name":"echo","value":"once"}""", bootId: "this-boot");
        var journal = harness.State.Combine("xenstore-journal");
        await File.WriteAllLinesAsync(journal, (await File.ReadAllLinesAsync(journal)).Where(line => !line.StartsWith("boot\t", StringComparison.Ordinal)));

        // Such a file may be this boot's (an agent updated in place restarts without a reboot), so
        // its answers still count.
        await harness.StartAgentAsync(bootId: "this-boot");
        await harness.WaitForResponsesAsync(["dup"]);

        Assert.Equal(1, harness.Registry.Runs["dup"]);
        Assert.Equal(1, harness.Exchange!.AnsweredFromJournal);
        Assert.Equal("boot\tthis-boot", (await File.ReadAllLinesAsync(journal))[0]);
    }

    [Fact]
    public async Task An_answer_bound_to_the_session_is_never_replayed_by_a_restarted_agent()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync();
        const string Request = """{"name":"bound","value":"public key"}""";
        harness.Store.Server.Write($"{Requests}/keyinit", System.Text.Encoding.UTF8.GetBytes(Request));
        harness.Store.Server.Write($"{Requests}/version", """{"name":"echo","value":"1.0"}"""u8);
        await harness.WaitForResponsesAsync(["keyinit", "version"]);
        await harness.StopAgentAsync();
        var journal = await File.ReadAllTextAsync(harness.State.Combine("xenstore-journal"));
        Assert.Contains("version\t", journal, StringComparison.Ordinal);
        Assert.DoesNotContain("keyinit", journal, StringComparison.Ordinal);

        // As after a crash between answering and removing: the new process lacks the session the
        // answer refers to, so the command runs again instead of being answered from the journal.
        harness.Store.Server.Remove($"{Responses}/keyinit");
        harness.Store.Server.Write($"{Requests}/keyinit", System.Text.Encoding.UTF8.GetBytes(Request));
        await harness.StartAgentAsync();
        await harness.WaitForResponsesAsync(["keyinit"]);

        Assert.Equal(2, harness.Registry.Runs["keyinit"]);
        Assert.Equal(0, harness.Exchange!.AnsweredFromJournal);
    }

    [Fact]
    public async Task A_new_request_reusing_an_answered_id_runs_again()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync();
        harness.Store.Server.Write($"{Requests}/system-init", """{"name":"echo","value":"first"}"""u8);
        await harness.WaitForResponsesAsync(["system-init"]);
        harness.Store.Server.Remove($"{Responses}/system-init");

        harness.Store.Server.Write($"{Requests}/system-init", """{"name":"echo","value":"second"}"""u8);
        var responses = await harness.WaitForResponsesAsync(["system-init"]);

        Assert.Equal("""{"returncode":"0","message":"second"}""", responses["system-init"]);
        Assert.Equal(2, harness.Registry.Runs["system-init"]);
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
    public async Task The_journal_stays_bounded()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync(journalCapacity: 3);
        var ids = Enumerable.Range(0, 20).Select(i => $"j{i:D2}").ToList();

        foreach (var id in ids)
        {
            harness.Store.Server.Write($"{Requests}/{id}", System.Text.Encoding.UTF8.GetBytes($$"""{"name":"echo","value":"{{id}}"}"""));
            await harness.WaitForResponsesAsync([id]);
        }

        var lines = await File.ReadAllLinesAsync(harness.State.Combine("xenstore-journal"));
        Assert.InRange(lines.Length, 3, 6);
        Assert.Equal("j19", lines[^1].Split('\t')[0]);
        Assert.DoesNotContain(lines, line => line.StartsWith("j00\t", StringComparison.Ordinal));
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
        await harness.StartAgentAsync(useWatches: false);
        var responses = await harness.WaitForResponsesAsync(ids);

        Assert.All(ids, id => Assert.Equal($$"""{"returncode":"0","message":"{{id}}"}""", responses[id]));
        Assert.Equal(ids, harness.Registry.Order);
        Assert.All(ids, id => Assert.Equal(1, harness.Registry.Runs[id]));
    }

    [Fact]
    public async Task A_journal_that_cannot_be_written_does_not_cost_the_answer()
    {
        await using var harness = new ExchangeHarness();
        await harness.StartAgentAsync();
        // A directory where the journal file should be: every append fails.
        Directory.CreateDirectory(harness.State.Combine("xenstore-journal"));
        harness.Store.Server.Write($"{Requests}/unjournaled", """{"name":"echo","value":"still answered"}"""u8);

        var responses = await harness.WaitForResponsesAsync(["unjournaled"]);

        Assert.Equal("""{"returncode":"0","message":"still answered"}""", responses["unjournaled"]);
        Assert.Equal(1, harness.Registry.Runs["unjournaled"]);
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
