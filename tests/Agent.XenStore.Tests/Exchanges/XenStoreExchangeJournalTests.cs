using GuestAgent.XenStore.Tests.Infrastructure;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// XenStoreExchange end to end, over time: the journal (an answer replayed, not run again, when its
/// request is seen again; bound to the boot and the session; bounded; optional) and the retention of
/// responses. Serving itself is in <see cref="XenStoreExchangeTests"/>.
/// </summary>
public sealed class XenStoreExchangeJournalTests
{
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
}
