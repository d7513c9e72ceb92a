using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// A journal that cannot be used at start (the state directory cannot be made, a read-only or full
/// /var after a reboot) must not keep the agent from serving: that is exactly when the operator
/// needs a password or network reset.
/// </summary>
public sealed class UnusableJournalTests
{
    [Fact]
    public async Task A_state_directory_that_cannot_be_created_does_not_stop_the_agent()
    {
        await using var harness = new ExchangeHarness();
        // A regular file where a directory of the path should be: mkdir fails even for root.
        var blocker = harness.State.Combine("not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file");
        await harness.StartAgentAsync(stateDirectory: Path.Combine(blocker, "state"));
        harness.Store.Server.Write($"{Requests}/served", """{"name":"echo","value":"served"}"""u8);

        var responses = await harness.WaitForResponsesAsync(["served"]);

        Assert.Equal("""{"returncode":"0","message":"served"}""", responses["served"]);
        Assert.Equal("a file", await File.ReadAllTextAsync(blocker));
    }

    [Fact]
    public async Task Without_its_file_the_journal_still_answers_a_request_seen_again_in_the_same_run()
    {
        await using var harness = new ExchangeHarness();
        var blocker = harness.State.Combine("not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file");
        await harness.StartAgentAsync(stateDirectory: Path.Combine(blocker, "state"));
        const string Request = """{"name":"echo","value":"once"}""";
        harness.Store.Server.Write($"{Requests}/again", System.Text.Encoding.UTF8.GetBytes(Request));
        await harness.WaitForResponsesAsync(["again"]);

        // As after a crash between answering and removing: the request back, the response gone.
        harness.Store.Server.Remove($"{Responses}/again");
        harness.Store.Server.Write($"{Requests}/again", System.Text.Encoding.UTF8.GetBytes(Request));
        var responses = await harness.WaitForResponsesAsync(["again"]);

        Assert.Equal("""{"returncode":"0","message":"once"}""", responses["again"]);
        Assert.Equal(1, harness.Registry.Runs["again"]);
        Assert.Equal(1, harness.Exchange!.AnsweredFromJournal);
    }

    [Fact]
    public async Task A_directory_where_the_journal_file_should_be_does_not_stop_the_agent()
    {
        await using var harness = new ExchangeHarness();
        Directory.CreateDirectory(harness.State.Combine("xenstore-journal", "inside"));
        await harness.StartAgentAsync();
        harness.Store.Server.Write($"{Requests}/served", """{"name":"echo","value":"served"}"""u8);

        var responses = await harness.WaitForResponsesAsync(["served"]);

        Assert.Equal("""{"returncode":"0","message":"served"}""", responses["served"]);
        Assert.True(Directory.Exists(harness.State.Combine("xenstore-journal", "inside")));
    }
}
